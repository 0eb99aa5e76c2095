// Exporting the whole board to a directory of plain files (docs/SPEC.md §12.8), read through the
// public API like any observer would, so anyone can make the same export:
//   FORMAT                    "evotare-board 1"
//   tree-head.json            the signed tree head the export stops at (size = entries exported)
//   tree-heads.jsonl          every signed tree head up to it, one per line, by size
//   entries/<first seq>.jsonl the entries, 10 000 per file, one JCS line each, in board order
//   attachments/<id>          the attachments the entries refer to (§14.1), each checked as written

import { once } from 'node:events';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AttachmentRef, attachmentRefsIn } from '@evotare/crypto/attachment';
import type { SignedTreeHeadJson } from '@evotare/crypto/board/tree-head';
import { toBase64Url } from '@evotare/crypto/bytes';
import { canonicalize } from '@evotare/crypto/canonical-json';
import type { ApiClient } from '@evotare/verifier/remote/client';
import { downloadAttachment } from '@evotare/verifier/remote/download';

export const ENTRIES_PER_FILE = 10_000;
export const EXPORT_FORMAT = 'evotare-board 1';

interface Page {
  size: number;
  next: number | null;
  entries: unknown[];
}

export function entriesFileName(firstSeq: number): string {
  return `${String(firstSeq).padStart(10, '0')}.jsonl`;
}

export async function exportBoard(
  api: ApiClient,
  electionId: string,
  dir: string,
  progress: (done: number, total: number) => void = () => {},
): Promise<{ size: number; files: number; attachments: number }> {
  const base = `/api/v1/elections/${encodeURIComponent(electionId)}/board`;
  // The snapshot: the latest signed head, then exactly its entries.
  const head = await api.get<SignedTreeHeadJson>(`${base}/tree-head`);
  mkdirSync(join(dir, 'entries'), { recursive: true });
  writeFileSync(join(dir, 'FORMAT'), `${EXPORT_FORMAT}\n`);
  writeFileSync(join(dir, 'tree-head.json'), `${canonicalize(head)}\n`);

  const heads = createWriteStream(join(dir, 'tree-heads.jsonl'));
  for (let from = 0; ; ) {
    const page = await api.get<{ treeHeads: SignedTreeHeadJson[] }>(`${base}/tree-heads?from=${from}&limit=1000`);
    const wanted = page.treeHeads.filter((h) => h.size <= head.size);
    for (const h of wanted) if (!heads.write(`${canonicalize(h)}\n`)) await once(heads, 'drain');
    if (page.treeHeads.length < 1000 || wanted.length < page.treeHeads.length) break;
    from = page.treeHeads[page.treeHeads.length - 1]!.size + 1;
  }
  heads.end();
  await once(heads, 'finish');

  let files = 0;
  const attachments = new Map<string, AttachmentRef>();
  for (let first = 0; first < head.size; first += ENTRIES_PER_FILE) {
    const last = Math.min(first + ENTRIES_PER_FILE, head.size);
    const out = createWriteStream(join(dir, 'entries', entriesFileName(first)));
    files++;
    for (let from = first; from < last; ) {
      const page = await api.get<Page>(`${base}?from=${from}&limit=${Math.min(1000, last - from)}`);
      if (page.entries.length === 0)
        throw new Error(`the board ended at ${from}, before its tree head's size ${head.size}`);
      for (const e of page.entries) {
        for (const ref of attachmentRefsIn((e as { payload?: unknown }).payload))
          attachments.set(toBase64Url(ref.id), ref);
        if (!out.write(`${canonicalize(e)}\n`)) await once(out, 'drain');
      }
      from += page.entries.length;
      progress(from, head.size);
    }
    out.end();
    await once(out, 'finish');
  }

  // Each attachment streamed to its file and checked against its reference (§14.1, V14.01).
  if (attachments.size > 0) mkdirSync(join(dir, 'attachments'), { recursive: true });
  for (const [name, ref] of attachments) {
    await downloadAttachment(api, electionId, ref, join(dir, 'attachments', name));
  }
  return { size: head.size, files, attachments: attachments.size };
}
