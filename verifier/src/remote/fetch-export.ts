// Downloading the board into an export directory (docs/SPEC.md §12.8) through the public API, as
// anyone can — `evotare-verify fetch` and the officials' `evotare board export` both run this. The
// download trusts the server for nothing it has not checked (./board-follower.ts): the CEC's latest
// signed tree head first, signed by the key of the manifest of entry 0; then every page of entries
// checked link by link and against that head by the inclusion proof of its last entry, before it is
// written; the heads the CEC signed, each against the Merkle root of the entries it covers; every
// attachment against its reference (§14.1).
//
// It resumes. Pages are written only once checked, and the head they were checked against is kept
// in FETCHING (the directory's other files come last, so an unfinished download is never taken
// for an export). Run again, it reads back and checks again what is on disk — a line cut short by
// the interruption is dropped — checks that the server's new head extends the one kept (consistency
// proof), that the entries on disk are a prefix of it (inclusion proof), and goes on from there. A
// finished export fetched again is brought up to the latest head the same way.
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AttachmentHasher, type AttachmentRef, attachmentRefsIn } from '@evotare/crypto/attachment';
import { decodeSignedTreeHead, encodeSignedTreeHead, type SignedTreeHead } from '@evotare/crypto/board/tree-head';
import { equalBytes, fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { canonicalize } from '@evotare/crypto/canonical-json';
import { EXPORT_FORMAT } from '../export-reader.ts';
import { LocalizedError, textOf } from '../i18n.ts';
import { BoardCheckError, BoardFollower } from './board-follower.ts';
import type { ApiClient } from './client.ts';
import { downloadAttachment } from './download.ts';
import { text } from './text.ts';

export const ENTRIES_PER_FILE = 10_000;
/** The head an unfinished download was checked against (removed when it finishes). */
export const FETCHING = 'FETCHING';

export function entriesFileName(firstSeq: number): string {
  return `${String(firstSeq).padStart(10, '0')}.jsonl`;
}

export interface FetchOptions {
  /** Entries asked for per request (default 1000). */
  readonly page?: number;
}

export interface FetchProgress {
  /** Entries on disk and checked (`resumed` of them read back from an earlier run), of the head's size. */
  entries?(done: number, total: number, resumed: number): void;
  attachments?(done: number, total: number): void;
}

export interface FetchedExport {
  readonly size: number;
  readonly files: number;
  readonly attachments: number;
  /** Entries that were already on disk, checked again rather than downloaded. */
  readonly resumed: number;
  readonly treeHead: SignedTreeHead;
}

/** The entries on disk cannot be taken up again (not an interruption: damage, or another board). */
export class LocalExportError extends LocalizedError {
  override readonly name = 'LocalExportError';
}

const headText = (head: SignedTreeHead) => canonicalize(encodeSignedTreeHead(head));

function readHead(file: string): SignedTreeHead | null {
  if (!existsSync(file)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  const d = decodeSignedTreeHead(json);
  return 'error' in d ? null : d.value;
}

/** The lines of an entry file; a last line without its line feed (cut short) is dropped from the file. */
function completeLines(file: string): string[] {
  const content = readFileSync(file, 'utf8');
  const end = content.lastIndexOf('\n') + 1;
  if (end < content.length) truncateSync(file, Buffer.byteLength(content.slice(0, end)));
  return content.slice(0, end).split('\n').slice(0, -1);
}

/** The authority key of the manifest in entry 0 (§7.1), the key every tree head is signed with. */
function authorityKeyOf(entry0: unknown): Uint8Array {
  const payload = (entry0 as { type?: unknown; payload?: { authority?: { signingKey?: unknown } } }) ?? {};
  const key = payload.type === 'manifest' ? payload.payload?.authority?.signingKey : undefined;
  if (typeof key !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(key)) {
    throw new BoardCheckError('V12.07', text('entryZeroNotManifest'));
  }
  return fromBase64Url(key, 32);
}

async function hashesTo(file: string, ref: AttachmentRef): Promise<boolean> {
  if (!existsSync(file) || statSync(file).size !== ref.bytes) return false;
  const hasher = new AttachmentHasher(ref.bytes);
  for await (const piece of createReadStream(file)) hasher.update(piece as Uint8Array);
  return equalBytes(hasher.digest(), ref.id);
}

/**
 * Downloads (or brings up to date) the export of `electionId` in `dir`. Throws a BoardCheckError
 * or an AttachmentError (each naming its check) when what the server serves does not check, a
 * LocalExportError when what is on disk cannot be taken up again, an ApiError when the server
 * cannot be read.
 */
export async function fetchBoardExport(
  api: ApiClient,
  electionId: string,
  dir: string,
  progress: FetchProgress = {},
  options: FetchOptions = {},
): Promise<FetchedExport> {
  const base = `/api/v1/elections/${encodeURIComponent(electionId)}`;
  const entriesDir = join(dir, 'entries');
  mkdirSync(entriesDir, { recursive: true });
  // An export brought up to date is unfinished until it is done: its head becomes FETCHING's.
  const before = readHead(join(dir, FETCHING)) ?? readHead(join(dir, 'tree-head.json'));
  if (before !== null) writeFileSync(join(dir, FETCHING), `${headText(before)}\n`);
  for (const name of ['FORMAT', 'tree-head.json', 'tree-heads.jsonl']) rmSync(join(dir, name), { force: true });

  // What is on disk, read back and checked again, link by link.
  const files = readdirSync(entriesDir)
    .filter((f) => /^\d{10}\.jsonl$/.test(f))
    .sort();
  const lines = files.length === 0 ? [] : completeLines(join(entriesDir, files[0]!)).slice(0, 1);
  const entry0 = lines.length > 0 ? JSON.parse(lines[0]!) : await api.get<unknown>(`${base}/board/entries/0`);
  const follower = new BoardFollower(api, electionId, authorityKeyOf(entry0), {
    proofs: true,
    ...(options.page === undefined ? {} : { page: options.page }),
  });
  const attachments = new Map<string, AttachmentRef>();
  const collect = (payload: unknown) => {
    for (const ref of attachmentRefsIn(payload)) attachments.set(toBase64Url(ref.id), ref);
  };
  for (const [i, file] of files.entries()) {
    if (file !== entriesFileName(follower.size) || (i > 0 && follower.size % ENTRIES_PER_FILE !== 0)) {
      throw new LocalExportError(text('localFilesOutOfOrder', { file: `entries/${file}` }));
    }
    for (const [n, line] of completeLines(join(entriesDir, file)).entries()) {
      try {
        collect(follower.accept(JSON.parse(line)).payload);
      } catch (e) {
        throw new LocalExportError(text('localEntryBad', { where: `entries/${file}:${n + 1}`, reason: textOf(e) }));
      }
    }
  }
  const resumed = follower.size;
  if (before !== null) {
    if (before.size < resumed)
      throw new LocalExportError(text('localBeyondHead', { size: resumed, head: before.size }));
    follower.startFrom(before);
  }

  // The rest, page by page: each page written once it checks against the head.
  let pending: string[] = [];
  const flush = async () => {
    let seq = follower.size - pending.length;
    while (pending.length > 0) {
      const inFile = ENTRIES_PER_FILE - (seq % ENTRIES_PER_FILE);
      const part = pending.splice(0, inFile);
      await appendFile(join(entriesDir, entriesFileName(seq - (seq % ENTRIES_PER_FILE))), `${part.join('\n')}\n`);
      seq += part.length;
    }
  };
  let headWritten = false;
  const head = await follower.follow(
    (entry, json) => {
      if (entry.seq === 0 && !equalBytes(authorityKeyOf(json), authorityKeyOf(entry0))) {
        throw new BoardCheckError('V12.08', text('treeHeadUnsigned'));
      }
      collect(entry.payload);
      pending.push(canonicalize(json as never));
    },
    async (done, total, checkedAgainst) => {
      if (!headWritten) {
        // the head these pages were checked against, for a later run to take up again
        writeFileSync(join(dir, FETCHING), `${headText(checkedAgainst)}\n`);
        headWritten = true;
      }
      await flush();
      progress.entries?.(done, total, resumed);
    },
  );
  await flush();
  pending = [];
  writeFileSync(join(dir, FETCHING), `${headText(head)}\n`);
  progress.entries?.(head.size, head.size, resumed);

  // The heads the CEC signed up to this one, each against the root of the entries it covers.
  const heads: string[] = [];
  for (let from = 0; ; ) {
    const page = await api.get<{ treeHeads?: unknown[] }>(`${base}/board/tree-heads?from=${from}&limit=1000`);
    const listed = Array.isArray(page.treeHeads) ? page.treeHeads : [];
    let last = 0;
    for (const json of listed) {
      const size = (json as { size?: unknown }).size;
      if (typeof size === 'number' && size > head.size) break;
      last = follower.checkListedHead(json, `tree head ${heads.length + 1}`).size;
      heads.push(canonicalize(json as never));
    }
    if (listed.length < 1000 || last === 0 || last >= head.size) break;
    from = last + 1;
  }
  if (heads.at(-1) !== headText(head)) throw new BoardCheckError('V12.10', text('lastListedNotHead'));

  // Each attachment streamed to its file and checked against its reference (§14.1, V14.01).
  if (attachments.size > 0) mkdirSync(join(dir, 'attachments'), { recursive: true });
  let done = 0;
  for (const [name, ref] of attachments) {
    const file = join(dir, 'attachments', name);
    if (!(await hashesTo(file, ref))) await downloadAttachment(api, electionId, ref, file);
    progress.attachments?.(++done, attachments.size);
  }

  // Last, what makes the directory an export (§12.8).
  const out = join(dir, 'tree-heads.jsonl');
  writeFileSync(out, heads.map((h) => `${h}\n`).join(''));
  writeFileSync(join(dir, 'tree-head.json'), `${headText(head)}\n`);
  writeFileSync(join(dir, 'FORMAT'), `${EXPORT_FORMAT}\n`);
  rmSync(join(dir, FETCHING), { force: true });
  return {
    size: head.size,
    files: Math.ceil(head.size / ENTRIES_PER_FILE),
    attachments: attachments.size,
    resumed,
    treeHead: head,
  };
}
