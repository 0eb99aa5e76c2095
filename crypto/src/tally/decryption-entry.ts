// The `partial-decryption` entry of the board (docs/SPEC.md §14.4): a trustee's message of §10.4
// with its decryption shares moved to an attachment, Encode(D_1) || … || Encode(D_M). The trustee
// signed the message with the shares inline, so a reader rebuilds that message from the entry and
// the attachment before it checks it (Algorithm 10.5).
import * as z from 'zod';
import {
  type AttachmentRef,
  AttachmentRefSchema,
  decodeAttachmentRef,
  encodeAttachmentRef,
  isAttachment,
} from '../attachment.ts';
import { fromBase64Url, toBase64Url } from '../bytes.ts';
import { invalid, type Verification } from '../result.ts';
import type { PartialDecryptionMessage } from '../threshold/messages.ts';
import { base64UrlBytes, ElectionIdSchema, TrusteeIndexSchema } from '../wire-schema.ts';

const ELEMENT_SIZE = 32;

export const PartialDecryptionEntrySchema = z.strictObject({
  type: z.literal('partial-decryption'),
  electionId: ElectionIdSchema,
  sender: TrusteeIndexSchema,
  list: base64UrlBytes(32),
  decryptionShares: AttachmentRefSchema,
  proof: base64UrlBytes(96),
  signature: base64UrlBytes(64),
});

export type PartialDecryptionEntry = z.infer<typeof PartialDecryptionEntrySchema>;

/** The shares of a (checked) message as the bytes of its attachment. */
export function packDecryptionShares(message: PartialDecryptionMessage): Uint8Array {
  const out = new Uint8Array(message.decryptionShares.length * ELEMENT_SIZE);
  message.decryptionShares.forEach((d, m) => {
    out.set(fromBase64Url(d, ELEMENT_SIZE), m * ELEMENT_SIZE);
  });
  return out;
}

/** The entry's payload: the message with `decryptionShares` replaced by the attachment's reference. */
export function partialDecryptionEntry(
  message: PartialDecryptionMessage,
  shares: AttachmentRef,
): PartialDecryptionEntry {
  return { ...message, decryptionShares: encodeAttachmentRef(shares) };
}

/** The attachment an entry refers to (for a reader that fetches it), or null if the payload is malformed. */
export function decryptionSharesReference(payload: unknown): AttachmentRef | null {
  const parsed = PartialDecryptionEntrySchema.safeParse(payload);
  return parsed.success ? decodeAttachmentRef(parsed.data.decryptionShares) : null;
}

/**
 * Rebuilds the trustee's signed message (§10.4) from a `partial-decryption` entry and its
 * attachment. Fails with V14.10 if the payload is not of the form above or the attachment is not
 * 32·k bytes, with V14.01 if the bytes are not the attachment the entry names.
 */
export function partialDecryptionMessageOfEntry(
  payload: unknown,
  shares: Uint8Array,
): { message: PartialDecryptionMessage } | { error: Verification } {
  const parsed = PartialDecryptionEntrySchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: invalid(`V14.10 malformed partial-decryption entry: ${issue?.path.join('.')} ${issue?.message}`) };
  }
  const p = parsed.data;
  const ref = decodeAttachmentRef(p.decryptionShares);
  if (!isAttachment(ref, shares)) {
    return {
      error: invalid(`V14.01 the decryption shares of trustee ${p.sender} are not the attachment its entry names`),
    };
  }
  if (shares.length === 0 || shares.length % ELEMENT_SIZE !== 0) {
    return { error: invalid(`V14.10 the decryption shares of trustee ${p.sender} are not whole elements`) };
  }
  const decryptionShares: string[] = new Array(shares.length / ELEMENT_SIZE);
  for (let m = 0; m < decryptionShares.length; m++) {
    decryptionShares[m] = toBase64Url(shares.subarray(m * ELEMENT_SIZE, (m + 1) * ELEMENT_SIZE));
  }
  return { message: { ...p, decryptionShares } };
}
