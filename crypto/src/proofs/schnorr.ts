// Schnorr proof of knowledge of a discrete logarithm (docs/SPEC.md §5.1).
//   Statement: X = x·G.  Commitment R = w·G.  Challenge c.  Response s = w + c·x.
//   Check: s·G = R + c·X, written R + c·X − s·G = 0 for batching.
import { GroupElement, generatorBase } from '../group.ts';
import { decodeOr, invalid, VALID, type Verification } from '../result.ts';
import * as scalar from '../scalar.ts';
import { TAG } from '../tags.ts';
import { Transcript } from '../transcript.ts';
import { type Equation, verifyEquations } from './batch.ts';

export interface SchnorrProof {
  readonly commitment: GroupElement;
  readonly response: scalar.Scalar;
}

/**
 * The context a proof is bound to: the election's manifest hash (§7.2) and any further bytes the
 * protocol step adds (a trustee index, a purpose); both enter the challenge.
 */
export interface ProofContext {
  readonly manifestHash: Uint8Array;
  readonly context: Uint8Array;
}

function schnorrChallenge(ctx: ProofContext, X: GroupElement, R: GroupElement): scalar.Scalar {
  return new Transcript(TAG.schnorr, ctx.manifestHash)
    .bytes('context', ctx.context)
    .element('public', X)
    .element('commitment', R)
    .challenge();
}

/**
 * Algorithm 5.1 ProveSchnorr. The nonce w is random unless the caller derives it (a dealer, whose
 * proof must come out the same when it deals again: §9.3 Algorithm 9.5a); a derived w must be secret
 * and never used for another statement.
 */
export function proveSchnorr(
  ctx: ProofContext,
  x: scalar.Scalar,
  X: GroupElement,
  w: scalar.Scalar = scalar.random(),
): SchnorrProof {
  const R = generatorBase().multiply(w);
  const c = schnorrChallenge(ctx, X, R);
  return { commitment: R, response: scalar.add(w, scalar.mul(c, x)) };
}

/** The equation of Algorithm 5.2, for batch verification. */
export function schnorrEquation(ctx: ProofContext, X: GroupElement, proof: SchnorrProof): Equation {
  const c = schnorrChallenge(ctx, X, proof.commitment);
  return [
    [1n, proof.commitment],
    [c, X],
    [scalar.neg(proof.response), GroupElement.generator],
  ];
}

/** Algorithm 5.2 VerifySchnorr. */
export function verifySchnorr(ctx: ProofContext, X: GroupElement, proof: SchnorrProof): Verification {
  return verifyEquations(schnorrEquation(ctx, X, proof)) ? VALID : invalid('Schnorr proof does not verify');
}

/** §5.1 encoding: Encode(R) || EncodeScalar(s), 64 bytes. */
export function encodeSchnorrProof(proof: SchnorrProof): Uint8Array {
  const out = new Uint8Array(64);
  out.set(proof.commitment.encode(), 0);
  out.set(scalar.encode(proof.response), 32);
  return out;
}

export function decodeSchnorrProof(bytes: Uint8Array): SchnorrProof {
  if (bytes.length !== 64) throw new RangeError(`a Schnorr proof is 64 bytes, got ${bytes.length}`);
  return { commitment: GroupElement.decode(bytes.subarray(0, 32)), response: scalar.decode(bytes.subarray(32)) };
}

/** Decodes and verifies in one step; bad encodings are an invalid result, not an exception. */
export function verifyEncodedSchnorr(ctx: ProofContext, X: GroupElement, bytes: Uint8Array): Verification {
  const decoded = decodeOr('Schnorr proof', () => decodeSchnorrProof(bytes));
  return 'error' in decoded ? decoded.error : verifySchnorr(ctx, X, decoded.value);
}
