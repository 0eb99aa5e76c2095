// Signed tree heads and observers' co-signatures (docs/SPEC.md §12.6).
//
//   TreeHeadMessage = UTF8(JCS({ electionId, root, size, time }))
//   signature       = Sign("tree-head", TreeHeadMessage, CEC authority key)
//   co-signature    = Sign("tree-head-cosignature", TreeHeadMessage, observer key)
//
// A tree head binds the board's size and root together: proofs (./merkle.ts) authenticate a root,
// not a size, so both MUST come from the same signed head.
import * as z from 'zod';
import { fromBase64Url, toBase64Url } from '../bytes.ts';
import { canonicalBytes } from '../canonical-json.ts';
import { decodeOr, invalid, VALID, type Verification } from '../result.ts';
import { isValidSigningPublicKey, sign, verifySignature } from '../signature.ts';
import { textSchema } from '../wire-schema.ts';
import { isBoardTime } from './entry.ts';

export interface TreeHead {
  readonly electionId: string;
  /** Number of entries on the board. */
  readonly size: number;
  /** MTH of the board's entry hashes (§12.3). */
  readonly root: Uint8Array;
  /** When it was signed, in the board's time format. */
  readonly time: string;
}

export interface SignedTreeHead extends TreeHead {
  readonly signature: Uint8Array;
}

/** §12.6 TreeHeadMessage. */
export function treeHeadMessage(head: TreeHead): Uint8Array {
  return canonicalBytes({
    electionId: head.electionId,
    root: toBase64Url(head.root),
    size: head.size,
    time: head.time,
  });
}

/** Algorithm 12.6 SignTreeHead. */
export function signTreeHead(head: TreeHead, authoritySecretKey: Uint8Array): SignedTreeHead {
  if (head.root.length !== 32 || !Number.isSafeInteger(head.size) || head.size < 0 || !isBoardTime(head.time)) {
    throw new RangeError('not a tree head');
  }
  const { electionId, size, root, time } = head;
  return { electionId, size, root, time, signature: sign('tree-head', treeHeadMessage(head), authoritySecretKey) };
}

/** Algorithm 12.7 VerifyTreeHead: the CEC authority signed this head. */
export function verifyTreeHead(head: SignedTreeHead, authorityKey: Uint8Array): Verification {
  return verifySignature('tree-head', treeHeadMessage(head), head.signature, authorityKey)
    ? VALID
    : invalid(`tree head of size ${head.size}: the authority's signature does not verify`);
}

/** Algorithm 12.8 CosignTreeHead: an observer vouches that it saw this head (and checked it). */
export function cosignTreeHead(head: TreeHead, observerSecretKey: Uint8Array): Uint8Array {
  return sign('tree-head-cosignature', treeHeadMessage(head), observerSecretKey);
}

/** Algorithm 12.9 VerifyTreeHeadCosignature. */
export function verifyTreeHeadCosignature(
  head: TreeHead,
  observerKey: Uint8Array,
  signature: Uint8Array,
): Verification {
  if (!isValidSigningPublicKey(observerKey)) return invalid('the observer key is not a valid Ed25519 public key');
  return verifySignature('tree-head-cosignature', treeHeadMessage(head), signature, observerKey)
    ? VALID
    : invalid(`co-signature of the tree head of size ${head.size} does not verify`);
}

// --- JSON form ----------------------------------------------------------------------------------

const B64_32 = z.string().regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/, '32 bytes in base64url');
const B64_64 = z.string().regex(/^[A-Za-z0-9_-]{85}[AQgw]$/, '64 bytes in base64url');
const ElectionId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);

export const SignedTreeHeadSchema = z.strictObject({
  electionId: ElectionId,
  size: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
  root: B64_32,
  time: z.string().refine(isBoardTime, 'a time YYYY-MM-DDTHH:MM:SS.sssZ'),
  signature: B64_64,
});

export type SignedTreeHeadJson = z.infer<typeof SignedTreeHeadSchema>;

export function encodeSignedTreeHead(head: SignedTreeHead): SignedTreeHeadJson {
  return {
    electionId: head.electionId,
    size: head.size,
    root: toBase64Url(head.root),
    time: head.time,
    signature: toBase64Url(head.signature),
  };
}

export function decodeSignedTreeHead(json: unknown): { value: SignedTreeHead } | { error: Verification } {
  const parsed = SignedTreeHeadSchema.safeParse(json);
  if (!parsed.success) return { error: invalid(`malformed tree head: ${z.prettifyError(parsed.error)}`) };
  const h = parsed.data;
  return decodeOr('tree head', () => ({
    electionId: h.electionId,
    size: h.size,
    root: fromBase64Url(h.root, 32),
    time: h.time,
    signature: fromBase64Url(h.signature, 64),
  }));
}

/** Payload of an `observer-registered` entry (§12.7). */
export const ObserverRegisteredSchema = z.strictObject({
  name: textSchema(200),
  signingKey: B64_32,
});

/** Payload of a `tree-head-cosignature` entry (§12.7). */
export const TreeHeadCosignatureSchema = z.strictObject({
  observerKey: B64_32,
  treeHead: SignedTreeHeadSchema,
  signature: B64_64,
});

export type TreeHeadCosignatureJson = z.infer<typeof TreeHeadCosignatureSchema>;
