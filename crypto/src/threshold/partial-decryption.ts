// A trustee's partial decryption of a list and its batched Chaum–Pedersen proof
// (docs/SPEC.md §10.2 – §10.3, Algorithms 10.2 DecryptionShares, 10.3 ProvePartialDecryption and
// 10.4 VerifyPartialDecryptionProof).
//
//   D_m  = x_j·A_m                                     for every ciphertext m = 1 … M
//   seed = SHA512(transcript: tag, h, trustee j, VK_j, list digest L, D_1 … D_M)
//   ρ_m  = ExpandChallenges(seed, M)[m−1] mod 2^128
//   Â    = Σ ρ_m·A_m,  D̂ = Σ ρ_m·D_m  (= x_j·Â)
//   proof: Chaum–Pedersen that log_G VK_j = log_Â D̂, with context = seed
//
// Soundness (§10.3): the weights are fixed by a hash of everything, D_m included; if some
// D_m ≠ x_j·A_m, then Σ ρ_m·(D_m − x_j·A_m) = 0 for at most one value of any one ρ_m, so for at
// most a 2^-128 fraction of the weights, and each attempt at new weights costs a hash evaluation.
import { GroupElement, generatorBase, multiScalarMultiply } from '../group.ts';
import { verifyEquations } from '../proofs/batch.ts';
import { type ChaumPedersenProof, chaumPedersenEquations, proveChaumPedersen } from '../proofs/chaum-pedersen.ts';
import type * as scalar from '../scalar.ts';
import { TAG } from '../tags.ts';
import { expandChallenges, Transcript } from '../transcript.ts';
import type { CiphertextList } from './ciphertext-list.ts';

/** Who decrypts, in which election: the statement's public part. */
export interface DecryptingTrustee {
  readonly manifestHash: Uint8Array;
  /** j. */
  readonly index: number;
  /** VK_j from the ceremony (Algorithm 9.14). */
  readonly verificationKey: GroupElement;
}

/**
 * Algorithm 10.2 DecryptionShares over a slice: D_m = x·A_m, from and to concatenated 32-byte
 * encodings. Bytes in, bytes out, no shared state: the expensive part of a partial decryption,
 * which a caller may run on worker threads over slices of the list. Throws on an invalid A_m
 * (the list was validated before; this is a bug).
 */
export function decryptionSharesOfSlice(secretShare: scalar.Scalar, encodedA: Uint8Array): Uint8Array {
  if (encodedA.length % 32 !== 0) throw new RangeError('a slice is a whole number of 32-byte elements');
  const count = encodedA.length / 32;
  const a = GroupElement.decodeMany(Array.from({ length: count }, (_, m) => encodedA.subarray(32 * m, 32 * m + 32)));
  const out = new Uint8Array(encodedA.length);
  for (let m = 0; m < count; m++) out.set(a[m]!.multiply(secretShare).encode(), 32 * m);
  return out;
}

/** Algorithm 10.2 DecryptionShares over a whole list (single thread). */
export function decryptionShares(secretShare: scalar.Scalar, list: CiphertextList): GroupElement[] {
  return list.a.map((a) => a.multiply(secretShare));
}

/** The seed of the weights and of the proof's context. */
function partialDecryptionSeed(
  trustee: DecryptingTrustee,
  list: CiphertextList,
  shares: readonly GroupElement[],
): Uint8Array {
  return new Transcript(TAG.partialDecryption, trustee.manifestHash)
    .u32('trustee', trustee.index)
    .element('verification-key', trustee.verificationKey)
    .bytes('list', list.digest)
    .elements('decryption-shares', shares)
    .digest();
}

/**
 * The same seed from the list's digest L and the shares' encodings Encode(D_1) || … || Encode(D_M),
 * for callers that keep lists as bytes and work on threads (./parallel.ts).
 */
export function partialDecryptionSeedOfEncodings(
  trustee: DecryptingTrustee,
  listDigest: Uint8Array,
  encodedShares: Uint8Array,
): Uint8Array {
  return new Transcript(TAG.partialDecryption, trustee.manifestHash)
    .u32('trustee', trustee.index)
    .element('verification-key', trustee.verificationKey)
    .bytes('list', listDigest)
    .bytes('decryption-shares', encodedShares)
    .digest();
}

const MASK_128 = (1n << 128n) - 1n;

/** ρ_first … ρ_(first+count−1): the first 128 bits of each expanded challenge. */
export function partialDecryptionWeights(seed: Uint8Array, count: number, first = 0): scalar.Scalar[] {
  return expandChallenges(seed, count, first).map((c) => c & MASK_128);
}

const weights = (seed: Uint8Array, count: number) => partialDecryptionWeights(seed, count);

/** The Chaum–Pedersen statement (G, VK_j, Â, D̂) and its context; D̂ computed by `dHat`. */
function batchedStatement(
  trustee: DecryptingTrustee,
  list: CiphertextList,
  shares: readonly GroupElement[],
  dHat: (rho: scalar.Scalar[], aHat: GroupElement) => GroupElement,
) {
  const seed = partialDecryptionSeed(trustee, list, shares);
  const rho = weights(seed, list.a.length);
  const aHat = multiScalarMultiply(list.a, rho);
  return {
    context: { manifestHash: trustee.manifestHash, context: seed },
    statement: { g1: GroupElement.generator, x: trustee.verificationKey, g2: aHat, y: dHat(rho, aHat) },
  };
}

/** Algorithm 10.3 ProvePartialDecryption: one proof for the whole list. */
export function provePartialDecryption(
  trustee: DecryptingTrustee,
  list: CiphertextList,
  shares: readonly GroupElement[],
  secretShare: scalar.Scalar,
): ChaumPedersenProof {
  if (shares.length !== list.a.length) throw new RangeError('one decryption share per ciphertext');
  const { context, statement } = batchedStatement(trustee, list, shares, (_, aHat) => aHat.multiply(secretShare));
  return proveChaumPedersen(context, statement, secretShare, (w) => generatorBase().multiply(w));
}

/**
 * Algorithm 10.4 VerifyPartialDecryptionProof: true iff the proof shows D_m = x_j·A_m for every m
 * (up to the soundness error), where VK_j = x_j·G. Inputs are decoded elements.
 */
export function verifyPartialDecryptionProof(
  trustee: DecryptingTrustee,
  list: CiphertextList,
  shares: readonly GroupElement[],
  proof: ChaumPedersenProof,
): boolean {
  if (shares.length !== list.a.length) return false;
  const { context, statement } = batchedStatement(trustee, list, shares, (rho) => multiScalarMultiply(shares, rho));
  return verifyEquations(...chaumPedersenEquations(context, statement, proof));
}
