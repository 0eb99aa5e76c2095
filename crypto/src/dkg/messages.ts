// The public messages of the key ceremony, their JSON wire formats and their signatures
// (docs/SPEC.md §9.2 and §9.8, Algorithms 9.3 SignTrusteeMessage and 9.4 VerifyTrusteeMessageSignature).
//
// Every message is a JSON object with `type`, `electionId`, `sender` (the trustee index) and
// `signature`; byte strings are base64url (§1.2). The signature is Ed25519 with purpose
// "trustee-message" (§6) over
//   TrusteeMessageBytes(h, m) = LP(h) || UTF8(JCS(m without its "signature" member))
// so a message signed for one election cannot be shown in another.
import * as z from 'zod';
import { concatBytes, fromBase64Url, lengthPrefixed, toBase64Url } from '../bytes.ts';
import { canonicalBytes } from '../canonical-json.ts';
import { type SignaturePurpose, sign, verifySignature } from '../signature.ts';
import { base64UrlBytes, ElectionIdSchema, TrusteeIndexSchema } from '../wire-schema.ts';
import { SHARE_CIPHERTEXT_SIZE } from './share-encryption.ts';

const Element = base64UrlBytes(32);
const ScalarBytes = base64UrlBytes(32);
const Signature = base64UrlBytes(64);

/** Feldman commitments C_{i,0..k−1} and the proof of knowledge of a_{i,0} (§9.3). */
export const DkgCommitmentSchema = z.strictObject({
  type: z.literal('dkg-commitment'),
  electionId: ElectionIdSchema,
  sender: TrusteeIndexSchema,
  commitments: z.array(Element).min(1).max(32),
  proof: base64UrlBytes(64),
  signature: Signature,
});

/** The dealer's shares, each encrypted to its recipient, in increasing recipient order (§9.4). */
export const DkgSharesSchema = z.strictObject({
  type: z.literal('dkg-shares'),
  electionId: ElectionIdSchema,
  sender: TrusteeIndexSchema,
  shares: z
    .array(
      z.strictObject({
        recipient: TrusteeIndexSchema,
        ephemeral: Element,
        ciphertext: base64UrlBytes(SHARE_CIPHERTEXT_SIZE),
      }),
    )
    .max(31),
  signature: Signature,
});

/** Why a recipient complains; informative only: any complaint obliges the dealer to answer. */
export const ComplaintReasonSchema = z.enum(['undecryptable', 'invalid-share']);

/** A recipient (sender) complains about the share a dealer sent it (§9.5). */
export const DkgComplaintSchema = z.strictObject({
  type: z.literal('dkg-complaint'),
  electionId: ElectionIdSchema,
  sender: TrusteeIndexSchema,
  dealer: TrusteeIndexSchema,
  reason: ComplaintReasonSchema,
  signature: Signature,
});

/** The dealer (sender) answers a complaint by revealing the share s_{i→j} in clear (§9.5). */
export const DkgResolutionSchema = z.strictObject({
  type: z.literal('dkg-resolution'),
  electionId: ElectionIdSchema,
  sender: TrusteeIndexSchema,
  recipient: TrusteeIndexSchema,
  share: ScalarBytes,
  signature: Signature,
});

export const CeremonyMessageSchema = z.discriminatedUnion('type', [
  DkgCommitmentSchema,
  DkgSharesSchema,
  DkgComplaintSchema,
  DkgResolutionSchema,
]);

export type DkgCommitmentMessage = z.infer<typeof DkgCommitmentSchema>;
export type DkgSharesMessage = z.infer<typeof DkgSharesSchema>;
export type DkgComplaintMessage = z.infer<typeof DkgComplaintSchema>;
export type DkgResolutionMessage = z.infer<typeof DkgResolutionSchema>;
export type CeremonyMessage = z.infer<typeof CeremonyMessageSchema>;
export type ComplaintReason = z.infer<typeof ComplaintReasonSchema>;

/** TrusteeMessageBytes(h, m): what a trustee signs. */
export function signedMessageBytes(manifestHash: Uint8Array, message: { readonly signature?: string }): Uint8Array {
  const { signature: _, ...body } = message;
  return concatBytes(lengthPrefixed(manifestHash), canonicalBytes(body));
}

/** Algorithm 9.3 SignTrusteeMessage: adds the `signature` member. */
export function signTrusteeMessage<M extends { readonly signature: string }>(
  purpose: SignaturePurpose,
  manifestHash: Uint8Array,
  body: Omit<M, 'signature'>,
  signingKey: Uint8Array,
): M {
  const signature = sign(purpose, signedMessageBytes(manifestHash, body), signingKey);
  return { ...body, signature: toBase64Url(signature) } as unknown as M;
}

/** Algorithm 9.4 VerifyTrusteeMessageSignature (never throws). */
export function verifyTrusteeMessageSignature(
  purpose: SignaturePurpose,
  manifestHash: Uint8Array,
  message: { readonly signature: string },
  publicKey: Uint8Array,
): boolean {
  let signature: Uint8Array;
  try {
    signature = fromBase64Url(message.signature, 64);
  } catch {
    return false;
  }
  return verifySignature(purpose, signedMessageBytes(manifestHash, message), signature, publicKey);
}
