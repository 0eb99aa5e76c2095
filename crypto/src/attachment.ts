// Attachments (docs/SPEC.md §14.1): byte strings too large for a board entry — ciphertext lists,
// shuffle proofs, decryption shares — kept beside the board and named by their digest:
//
//   AttachmentId(bytes) = Digest("evotare/v1/attachment", bytes)
//                       = SHA512(LP(UTF8("evotare/v1/attachment")) || LP(bytes))[0..32]
//
// An entry refers to one as {"attachment": base64url(id), "bytes": size}; since the entry's hash
// covers the id, the board's chain and tree heads cover the attachment's bytes.
import { sha512 } from '@noble/hashes/sha2.js';
import * as z from 'zod';
import { equalBytes, fromBase64Url, toBase64Url, u32be, utf8 } from './bytes.ts';
import { TAG } from './tags.ts';
import { digest } from './transcript.ts';

/** An attachment is hashed as one length-prefixed field (§1.1), so it is at most 2^32 − 1 bytes. */
export const MAX_ATTACHMENT_SIZE = 0xffffffff;

/** §14.1 AttachmentId(bytes). */
export function attachmentId(bytes: Uint8Array): Uint8Array {
  return digest(TAG.attachment, bytes);
}

/**
 * AttachmentId computed over bytes that arrive in pieces (a download, an upload). The length is
 * part of the hash input before the bytes (LP), so it must be known first; `digest()` fails if
 * the pieces do not add up to it.
 */
export class AttachmentHasher {
  readonly size: number;
  #received = 0;
  readonly #h = sha512.create();

  constructor(size: number) {
    if (!Number.isSafeInteger(size) || size < 0 || size > MAX_ATTACHMENT_SIZE) {
      throw new RangeError(`an attachment has 0 … 2^32 − 1 bytes, not ${size}`);
    }
    this.size = size;
    const tag = utf8(TAG.attachment);
    this.#h.update(u32be(tag.length)).update(tag).update(u32be(size));
  }

  get received(): number {
    return this.#received;
  }

  update(piece: Uint8Array): this {
    if (this.#received + piece.length > this.size) throw new RangeError(`more than the ${this.size} bytes announced`);
    this.#received += piece.length;
    this.#h.update(piece);
    return this;
  }

  digest(): Uint8Array {
    if (this.#received !== this.size) throw new RangeError(`${this.#received} bytes of the ${this.size} announced`);
    return this.#h.digest().subarray(0, 32);
  }
}

/** A reference to an attachment, as an entry holds it. */
export interface AttachmentRef {
  readonly id: Uint8Array;
  readonly bytes: number;
}

/** The JSON form {"attachment": base64url(id), "bytes": size}: exactly these two members. */
export const AttachmentRefSchema = z.strictObject({
  attachment: z.string().regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/, 'a 32-byte attachment id in base64url'),
  bytes: z.int().min(0).max(MAX_ATTACHMENT_SIZE),
});

export type AttachmentRefJson = z.infer<typeof AttachmentRefSchema>;

export function attachmentRef(bytes: Uint8Array): AttachmentRef {
  return { id: attachmentId(bytes), bytes: bytes.length };
}

export function encodeAttachmentRef(ref: AttachmentRef): AttachmentRefJson {
  return { attachment: toBase64Url(ref.id), bytes: ref.bytes };
}

export function decodeAttachmentRef(json: AttachmentRefJson): AttachmentRef {
  return { id: fromBase64Url(json.attachment, 32), bytes: json.bytes };
}

/** Whether `bytes` are the attachment `ref` names: the size, then the digest. */
export function isAttachment(ref: AttachmentRef, bytes: Uint8Array): boolean {
  return bytes.length === ref.bytes && equalBytes(attachmentId(bytes), ref.id);
}

/**
 * Every attachment reference in an entry's payload, in document order: the objects with exactly
 * the members `attachment` and `bytes` of the form above. No other payload of table T12 has an
 * object of that shape, so a reader of the board finds the attachments without knowing each type.
 */
export function attachmentRefsIn(payload: unknown): AttachmentRef[] {
  const found: AttachmentRef[] = [];
  const stack: unknown[] = [payload];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    const parsed = AttachmentRefSchema.safeParse(v);
    if (parsed.success) {
      found.push(decodeAttachmentRef(parsed.data));
      continue;
    }
    const children = Array.isArray(v) ? v : Object.values(v);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return found;
}
