// Credentials, their revocation, and the receipt of a cast ballot (docs/SPEC.md §13).
//
// A credential is an Ed25519 key pair that the voter's device generates; the CEC signs its public
// part — the election and the public key, never who holds it — when the voter activates (§13.3).
// Ballots are signed with the credential key (§8). A revocation, also signed by the CEC, ends a
// credential (lost device, vote on paper at a consulate). A receipt, signed by the CEC, says at
// which position of the board a ballot was recorded and gives a signed tree head that includes it.
import * as z from 'zod';
import { verifyInclusionProof } from './board/merkle.ts';
import {
  decodeSignedTreeHead,
  encodeSignedTreeHead,
  type SignedTreeHead,
  SignedTreeHeadSchema,
  verifyTreeHead,
} from './board/tree-head.ts';
import { equalBytes, fromBase64Url, toBase64Url } from './bytes.ts';
import { canonicalBytes } from './canonical-json.ts';
import { decodeOr, invalid, VALID, type Verification } from './result.ts';
import { isValidSigningPublicKey, sign, verifySignature } from './signature.ts';

const B64_32 = z.string().regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/, '32 bytes in base64url');
const B64_64 = z.string().regex(/^[A-Za-z0-9_-]{85}[AQgw]$/, '64 bytes in base64url');
const ElectionId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);

// --- credentials ---------------------------------------------------------------------------------

export interface Credential {
  readonly electionId: string;
  /** ManifestHash of the election (§7.2). */
  readonly manifestHash: Uint8Array;
  /** The credential's Ed25519 public key. */
  readonly publicKey: Uint8Array;
}

export interface SignedCredential extends Credential {
  readonly signature: Uint8Array;
}

/** §13.2 CredentialMessage = UTF8(JCS({ electionId, manifestHash, publicKey })). */
export function credentialMessage(c: Credential): Uint8Array {
  return canonicalBytes({
    electionId: c.electionId,
    manifestHash: toBase64Url(c.manifestHash),
    publicKey: toBase64Url(c.publicKey),
  });
}

/** Algorithm 13.2 SignCredential: the CEC authority signs a credential's public part. */
export function signCredential(c: Credential, authoritySecretKey: Uint8Array): SignedCredential {
  if (!isValidSigningPublicKey(c.publicKey)) throw new RangeError('not a valid credential key');
  return { ...pick(c), signature: sign('credential', credentialMessage(c), authoritySecretKey) };
}

function pick(c: Credential): Credential {
  return { electionId: c.electionId, manifestHash: c.manifestHash, publicKey: c.publicKey };
}

/**
 * Algorithm 13.3 VerifyCredential: a valid Ed25519 key, for this election and manifest, signed by
 * the CEC authority key.
 */
export function verifyCredential(
  c: SignedCredential,
  authorityKey: Uint8Array,
  election: { readonly electionId: string; readonly manifestHash: Uint8Array },
): Verification {
  if (c.electionId !== election.electionId) return invalid('credential for another election');
  if (!equalBytes(c.manifestHash, election.manifestHash)) return invalid('credential for another manifest');
  if (!isValidSigningPublicKey(c.publicKey)) return invalid('the credential key is not a valid Ed25519 public key');
  return verifySignature('credential', credentialMessage(c), c.signature, authorityKey)
    ? VALID
    : invalid("the authority's signature on the credential does not verify");
}

export const SignedCredentialSchema = z.strictObject({
  electionId: ElectionId,
  manifestHash: B64_32,
  publicKey: B64_32,
  signature: B64_64,
});
export type SignedCredentialJson = z.infer<typeof SignedCredentialSchema>;

export function encodeSignedCredential(c: SignedCredential): SignedCredentialJson {
  return {
    electionId: c.electionId,
    manifestHash: toBase64Url(c.manifestHash),
    publicKey: toBase64Url(c.publicKey),
    signature: toBase64Url(c.signature),
  };
}

export function decodeSignedCredential(json: unknown): { value: SignedCredential } | { error: Verification } {
  const parsed = SignedCredentialSchema.safeParse(json);
  if (!parsed.success) return { error: invalid(`malformed credential: ${z.prettifyError(parsed.error)}`) };
  const c = parsed.data;
  return decodeOr('credential', () => ({
    electionId: c.electionId,
    manifestHash: fromBase64Url(c.manifestHash, 32),
    publicKey: fromBase64Url(c.publicKey, 32),
    signature: fromBase64Url(c.signature, 64),
  }));
}

// --- revocation ----------------------------------------------------------------------------------

/**
 * §13.5 why a credential was revoked: `reissued` (the voter lost the device and got a new code),
 * `voted-in-person` (the voter voted on paper; the e-ballots must not count), `withdrawn` (an
 * official decision, e.g. the voter was removed from the roll).
 */
export const REVOCATION_REASONS = ['reissued', 'voted-in-person', 'withdrawn'] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

export interface Revocation {
  readonly electionId: string;
  readonly manifestHash: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly reason: RevocationReason;
}

export interface SignedRevocation extends Revocation {
  readonly signature: Uint8Array;
}

/** §13.5 RevocationMessage = UTF8(JCS({ electionId, manifestHash, publicKey, reason })). */
export function revocationMessage(r: Revocation): Uint8Array {
  return canonicalBytes({
    electionId: r.electionId,
    manifestHash: toBase64Url(r.manifestHash),
    publicKey: toBase64Url(r.publicKey),
    reason: r.reason,
  });
}

/** Algorithm 13.5 SignRevocation. */
export function signRevocation(r: Revocation, authoritySecretKey: Uint8Array): SignedRevocation {
  const { electionId, manifestHash, publicKey, reason } = r;
  return {
    electionId,
    manifestHash,
    publicKey,
    reason,
    signature: sign('credential-revocation', revocationMessage(r), authoritySecretKey),
  };
}

/** Algorithm 13.6 VerifyRevocation. */
export function verifyRevocation(
  r: SignedRevocation,
  authorityKey: Uint8Array,
  election: { readonly electionId: string; readonly manifestHash: Uint8Array },
): Verification {
  if (r.electionId !== election.electionId) return invalid('revocation for another election');
  if (!equalBytes(r.manifestHash, election.manifestHash)) return invalid('revocation for another manifest');
  if (!(REVOCATION_REASONS as readonly string[]).includes(r.reason)) return invalid('unknown revocation reason');
  return verifySignature('credential-revocation', revocationMessage(r), r.signature, authorityKey)
    ? VALID
    : invalid("the authority's signature on the revocation does not verify");
}

export const SignedRevocationSchema = z.strictObject({
  electionId: ElectionId,
  manifestHash: B64_32,
  publicKey: B64_32,
  reason: z.enum(REVOCATION_REASONS),
  signature: B64_64,
});
export type SignedRevocationJson = z.infer<typeof SignedRevocationSchema>;

export function encodeSignedRevocation(r: SignedRevocation): SignedRevocationJson {
  return {
    electionId: r.electionId,
    manifestHash: toBase64Url(r.manifestHash),
    publicKey: toBase64Url(r.publicKey),
    reason: r.reason,
    signature: toBase64Url(r.signature),
  };
}

export function decodeSignedRevocation(json: unknown): { value: SignedRevocation } | { error: Verification } {
  const parsed = SignedRevocationSchema.safeParse(json);
  if (!parsed.success) return { error: invalid(`malformed revocation: ${z.prettifyError(parsed.error)}`) };
  const r = parsed.data;
  return decodeOr('revocation', () => ({
    electionId: r.electionId,
    manifestHash: fromBase64Url(r.manifestHash, 32),
    publicKey: fromBase64Url(r.publicKey, 32),
    reason: r.reason,
    signature: fromBase64Url(r.signature, 64),
  }));
}

// --- receipts ------------------------------------------------------------------------------------

export interface Receipt {
  readonly electionId: string;
  /** The ballot's tracking code (§8.4). */
  readonly trackingCode: Uint8Array;
  /** The position (seq) of the ballot's entry on the board. */
  readonly position: number;
  /** EntryHash of that entry (§12.1): the leaf to check the inclusion proof with. */
  readonly entryHash: Uint8Array;
  /** A signed tree head whose tree contains the entry (position < treeHead.size). */
  readonly treeHead: SignedTreeHead;
}

export interface SignedReceipt extends Receipt {
  readonly signature: Uint8Array;
}

/**
 * §13.6 ReceiptMessage =
 *   UTF8(JCS({ electionId, entryHash, position, trackingCode, treeHead: <signed tree head JSON> })).
 */
export function receiptMessage(r: Receipt): Uint8Array {
  return canonicalBytes({
    electionId: r.electionId,
    entryHash: toBase64Url(r.entryHash),
    position: r.position,
    trackingCode: toBase64Url(r.trackingCode),
    treeHead: encodeSignedTreeHead(r.treeHead),
  });
}

/** Algorithm 13.7 SignReceipt. */
export function signReceipt(r: Receipt, authoritySecretKey: Uint8Array): SignedReceipt {
  if (!(r.position < r.treeHead.size)) throw new RangeError('the tree head does not contain the position');
  const { electionId, trackingCode, position, entryHash, treeHead } = r;
  return {
    electionId,
    trackingCode,
    position,
    entryHash,
    treeHead,
    signature: sign('receipt', receiptMessage(r), authoritySecretKey),
  };
}

/**
 * Algorithm 13.8 VerifyReceipt: the CEC signed the receipt and its tree head, for this election,
 * and the tree head contains the position. (That the entry holds the ballot: VerifyReceiptInclusion
 * and the entry itself.)
 */
export function verifyReceipt(r: SignedReceipt, authorityKey: Uint8Array, electionId: string): Verification {
  if (r.electionId !== electionId || r.treeHead.electionId !== electionId)
    return invalid('receipt for another election');
  if (!(r.position < r.treeHead.size)) return invalid('the tree head of the receipt does not contain its position');
  const head = verifyTreeHead(r.treeHead, authorityKey);
  if (!head.valid) return head;
  return verifySignature('receipt', receiptMessage(r), r.signature, authorityKey)
    ? VALID
    : invalid("the authority's signature on the receipt does not verify");
}

/**
 * Algorithm 13.9 VerifyReceiptInclusion: the receipt's entry is in the tree of `treeHead` (the
 * receipt's own, or any later head the voter trusts), by an inclusion proof (§12.4).
 */
export function verifyReceiptInclusion(
  r: Receipt,
  treeHead: SignedTreeHead,
  proof: readonly Uint8Array[],
): Verification {
  if (treeHead.electionId !== r.electionId) return invalid('tree head of another election');
  return verifyInclusionProof(r.entryHash, r.position, treeHead.size, proof, treeHead.root);
}

export const SignedReceiptSchema = z.strictObject({
  electionId: ElectionId,
  trackingCode: B64_32,
  position: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
  entryHash: B64_32,
  treeHead: SignedTreeHeadSchema,
  signature: B64_64,
});
export type SignedReceiptJson = z.infer<typeof SignedReceiptSchema>;

export function encodeSignedReceipt(r: SignedReceipt): SignedReceiptJson {
  return {
    electionId: r.electionId,
    trackingCode: toBase64Url(r.trackingCode),
    position: r.position,
    entryHash: toBase64Url(r.entryHash),
    treeHead: encodeSignedTreeHead(r.treeHead),
    signature: toBase64Url(r.signature),
  };
}

export function decodeSignedReceipt(json: unknown): { value: SignedReceipt } | { error: Verification } {
  const parsed = SignedReceiptSchema.safeParse(json);
  if (!parsed.success) return { error: invalid(`malformed receipt: ${z.prettifyError(parsed.error)}`) };
  const r = parsed.data;
  const head = decodeSignedTreeHead(r.treeHead);
  if ('error' in head) return head;
  return decodeOr('receipt', () => ({
    electionId: r.electionId,
    trackingCode: fromBase64Url(r.trackingCode, 32),
    position: r.position,
    entryHash: fromBase64Url(r.entryHash, 32),
    treeHead: head.value,
    signature: fromBase64Url(r.signature, 64),
  }));
}
