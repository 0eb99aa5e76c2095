// Ed25519 signatures with domain-separated messages (docs/SPEC.md §6).
//   SignedMessage(purpose, m) = LP(UTF8("evotare/v1/signature")) || LP(UTF8(purpose)) || LP(m)
// Signatures are RFC 8032 Ed25519 over SignedMessage; verification follows RFC 8032 §5.1.7 with
// canonical encodings required (no ZIP-215 leniency): S < ℓ, A and R canonical; cofactored.
import { concatBytes, lengthPrefixed, utf8 } from './bytes.ts';
import { isAcceptablePublicKey, publicKeyOf, signEd25519, verifyEd25519, verifyEd25519Batch } from './ed25519.ts';
import { TAG } from './tags.ts';

/** What a signature is for; each purpose is a separate message space (table T2 in §6). */
export type SignaturePurpose =
  | 'ballot'
  | 'credential'
  | 'credential-revocation'
  | 'receipt'
  | 'tree-head'
  | 'tree-head-cosignature'
  | 'trustee-message'
  | 'mix-output'
  | 'partial-decryption'
  | 'result'
  | 'verified-ballots'
  | 'verified-state';

export interface SigningKeyPair {
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

export function signedMessage(purpose: SignaturePurpose, message: Uint8Array): Uint8Array {
  return concatBytes(lengthPrefixed(utf8(TAG.signature)), lengthPrefixed(utf8(purpose)), lengthPrefixed(message));
}

/** Algorithm 6.1 GenerateSigningKey. */
export function generateSigningKey(): SigningKeyPair {
  const secretKey = crypto.getRandomValues(new Uint8Array(32));
  return { secretKey, publicKey: publicKeyOf(secretKey) };
}

export function signingPublicKey(secretKey: Uint8Array): Uint8Array {
  return publicKeyOf(secretKey);
}

/** Algorithm 6.2 Sign. */
export function sign(purpose: SignaturePurpose, message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return signEd25519(signedMessage(purpose, message), secretKey);
}

/** Algorithm 6.3 VerifySignature: false for any malformed key or signature, never an exception. */
export function verifySignature(
  purpose: SignaturePurpose,
  message: Uint8Array,
  signature: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  return verifyEd25519(signedMessage(purpose, message), signature, publicKey);
}

export interface SignedItem {
  readonly purpose: SignaturePurpose;
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
  readonly publicKey: Uint8Array;
}

/** §6.5 VerifySignatures: many at once (random linear combination); one result per item. */
export function verifySignatures(items: readonly SignedItem[]): boolean[] {
  return verifyEd25519Batch(
    items.map((i) => ({
      message: signedMessage(i.purpose, i.message),
      signature: i.signature,
      publicKey: i.publicKey,
    })),
  );
}

/**
 * §6.4 A signing public key is acceptable iff it is the canonical encoding of a curve point of
 * order greater than 8: with a small-order key, anybody could forge signatures.
 */
export function isValidSigningPublicKey(publicKey: Uint8Array): boolean {
  return isAcceptablePublicKey(publicKey);
}
