// Downloading an attachment (docs/SPEC.md §14.1) through the public API, hashed as it streams in:
// into a file (the board export) or into memory (a mix node reading its input). Either way the
// bytes are checked against the reference — size and AttachmentId — before they are used, and a
// file that does not check is removed.
import { once } from 'node:events';
import { createWriteStream, rmSync } from 'node:fs';
import { AttachmentHasher, type AttachmentRef } from '@evotare/crypto/attachment';
import { equalBytes, toBase64Url } from '@evotare/crypto/bytes';
import { LocalizedError } from '../i18n.ts';
import type { ApiClient } from './client.ts';
import { text } from './text.ts';

/** The bytes served are not the attachment the entry refers to (§14.1, V14.01). */
export class AttachmentError extends LocalizedError {
  override readonly name = 'AttachmentError';
  /** The verifier's check that this is (§15). */
  readonly check = 'V14.01';
}

export function attachmentPath(electionId: string, ref: AttachmentRef): string {
  return `/api/v1/elections/${encodeURIComponent(electionId)}/attachments/${toBase64Url(ref.id)}`;
}

/** Streams the attachment's bytes to `sink`, checking them; throws if they are not the attachment. */
async function fetchAttachment(
  api: ApiClient,
  electionId: string,
  ref: AttachmentRef,
  sink: (piece: Uint8Array) => Promise<void> | void,
  progress?: (received: number, total: number) => void,
): Promise<void> {
  const response = await api.download(attachmentPath(electionId, ref));
  const hasher = new AttachmentHasher(ref.bytes);
  const name = toBase64Url(ref.id);
  if (response.body === null) throw new AttachmentError(text('attachmentEmpty', { name }));
  for await (const piece of response.body) {
    if (hasher.received + piece.length > ref.bytes) {
      throw new AttachmentError(text('attachmentTooLong', { name, bytes: ref.bytes }));
    }
    hasher.update(piece);
    await sink(piece);
    progress?.(hasher.received, ref.bytes);
  }
  if (hasher.received !== ref.bytes) {
    throw new AttachmentError(text('attachmentSize', { name, received: hasher.received, bytes: ref.bytes }));
  }
  if (!equalBytes(hasher.digest(), ref.id)) throw new AttachmentError(text('attachmentDigest', { name }));
}

/** Writes the attachment to `file`. */
export async function downloadAttachment(
  api: ApiClient,
  electionId: string,
  ref: AttachmentRef,
  file: string,
): Promise<void> {
  const out = createWriteStream(file);
  try {
    await fetchAttachment(api, electionId, ref, async (piece) => {
      if (!out.write(piece)) await once(out, 'drain');
    });
    out.end();
    await once(out, 'finish');
  } catch (e) {
    out.destroy();
    rmSync(file, { force: true });
    throw e;
  }
}

/** The attachment's bytes, in one buffer of its stated size. */
export async function readAttachmentOver(
  api: ApiClient,
  electionId: string,
  ref: AttachmentRef,
  progress?: (received: number, total: number) => void,
): Promise<Uint8Array> {
  const out = new Uint8Array(ref.bytes);
  let at = 0;
  await fetchAttachment(
    api,
    electionId,
    ref,
    (piece) => {
      out.set(piece, at);
      at += piece.length;
    },
    progress,
  );
  return out;
}
