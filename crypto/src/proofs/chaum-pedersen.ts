// Chaum–Pedersen proof of equality of discrete logarithms (docs/SPEC.md §5.2).
//   Statement: X = x·G1 and Y = x·G2.  Commitments A1 = w·G1, A2 = w·G2.  Response s = w + c·x.
//   Checks: A1 + c·X − s·G1 = 0 and A2 + c·Y − s·G2 = 0.
import { GroupElement } from '../group.ts';
import { decodeOr, invalid, VALID, type Verification } from '../result.ts';
import * as scalar from '../scalar.ts';
import { TAG } from '../tags.ts';
import { Transcript } from '../transcript.ts';
import { type Equation, verifyEquations } from './batch.ts';
import type { ProofContext } from './schnorr.ts';

export interface ChaumPedersenStatement {
  readonly g1: GroupElement;
  readonly x: GroupElement;
  readonly g2: GroupElement;
  readonly y: GroupElement;
}

export interface ChaumPedersenProof {
  readonly commitment1: GroupElement;
  readonly commitment2: GroupElement;
  readonly response: scalar.Scalar;
}

function chaumPedersenChallenge(
  ctx: ProofContext,
  st: ChaumPedersenStatement,
  A1: GroupElement,
  A2: GroupElement,
): scalar.Scalar {
  return new Transcript(TAG.chaumPedersen, ctx.manifestHash)
    .bytes('context', ctx.context)
    .element('base1', st.g1)
    .element('public1', st.x)
    .element('base2', st.g2)
    .element('public2', st.y)
    .element('commitment1', A1)
    .element('commitment2', A2)
    .challenge();
}

/**
 * Algorithm 5.3 ProveChaumPedersen. `multiplyG1`, when given, computes w·G1 (a fixed-base table
 * for G1); otherwise G1.multiply is used. Both are constant time.
 */
export function proveChaumPedersen(
  ctx: ProofContext,
  st: ChaumPedersenStatement,
  secret: scalar.Scalar,
  multiplyG1: (w: scalar.Scalar) => GroupElement = (w) => st.g1.multiply(w),
): ChaumPedersenProof {
  const w = scalar.random();
  const A1 = multiplyG1(w);
  const A2 = st.g2.multiply(w);
  const c = chaumPedersenChallenge(ctx, st, A1, A2);
  return { commitment1: A1, commitment2: A2, response: scalar.add(w, scalar.mul(c, secret)) };
}

/** The two equations of Algorithm 5.4, for batch verification. */
export function chaumPedersenEquations(
  ctx: ProofContext,
  st: ChaumPedersenStatement,
  proof: ChaumPedersenProof,
): [Equation, Equation] {
  const c = chaumPedersenChallenge(ctx, st, proof.commitment1, proof.commitment2);
  const minusS = scalar.neg(proof.response);
  return [
    [
      [1n, proof.commitment1],
      [c, st.x],
      [minusS, st.g1],
    ],
    [
      [1n, proof.commitment2],
      [c, st.y],
      [minusS, st.g2],
    ],
  ];
}

/** Algorithm 5.4 VerifyChaumPedersen. */
export function verifyChaumPedersen(
  ctx: ProofContext,
  st: ChaumPedersenStatement,
  proof: ChaumPedersenProof,
): Verification {
  return verifyEquations(...chaumPedersenEquations(ctx, st, proof))
    ? VALID
    : invalid('Chaum–Pedersen proof does not verify');
}

/** §5.2 encoding: Encode(A1) || Encode(A2) || EncodeScalar(s), 96 bytes. */
export function encodeChaumPedersenProof(proof: ChaumPedersenProof): Uint8Array {
  const out = new Uint8Array(96);
  out.set(proof.commitment1.encode(), 0);
  out.set(proof.commitment2.encode(), 32);
  out.set(scalar.encode(proof.response), 64);
  return out;
}

export function decodeChaumPedersenProof(bytes: Uint8Array): ChaumPedersenProof {
  if (bytes.length !== 96) throw new RangeError(`a Chaum–Pedersen proof is 96 bytes, got ${bytes.length}`);
  const [A1, A2] = GroupElement.decodeMany([bytes.subarray(0, 32), bytes.subarray(32, 64)]);
  return { commitment1: A1!, commitment2: A2!, response: scalar.decode(bytes.subarray(64)) };
}

export function verifyEncodedChaumPedersen(
  ctx: ProofContext,
  st: ChaumPedersenStatement,
  bytes: Uint8Array,
): Verification {
  const decoded = decodeOr('Chaum–Pedersen proof', () => decodeChaumPedersenProof(bytes));
  return 'error' in decoded ? decoded.error : verifyChaumPedersen(ctx, st, decoded.value);
}
