// A dealer's secret polynomial, its Feldman commitments, and the check of a share against them
// (docs/SPEC.md §9.3).
//   f(z) = a_0 + a_1·z + … + a_{k−1}·z^{k−1}  over the scalars mod ℓ
//   C_t  = a_t·G
//   share for trustee j: s = f(j);  it is correct iff  s·G = Σ_t j^t·C_t
import { type GroupElement, generatorBase, multiScalarMultiply } from '../group.ts';
import * as scalar from '../scalar.ts';

/** k random non-zero coefficients a_0 … a_{k−1} (a zero one would commit to the identity). */
export function randomPolynomial(k: number): scalar.Scalar[] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`a polynomial needs k ≥ 1 coefficients, got ${k}`);
  return Array.from({ length: k }, () => scalar.randomNonZero());
}

/** f(z) by Horner's rule, mod ℓ. */
export function evaluatePolynomial(coefficients: readonly scalar.Scalar[], z: number | bigint): scalar.Scalar {
  const x = scalar.mod(BigInt(z));
  let acc = 0n;
  for (let t = coefficients.length - 1; t >= 0; t--) acc = scalar.add(scalar.mul(acc, x), coefficients[t]!);
  return acc;
}

/** C_t = a_t·G for every coefficient (constant time: the coefficients are secret). */
export function feldmanCommitments(coefficients: readonly scalar.Scalar[]): GroupElement[] {
  return generatorBase().multiplyMany(coefficients);
}

/** (1, j, j², …, j^{count−1}) mod ℓ. */
export function powers(j: number, count: number): scalar.Scalar[] {
  const out: scalar.Scalar[] = [];
  let p = 1n;
  for (let t = 0; t < count; t++) {
    out.push(p);
    p = scalar.mul(p, BigInt(j));
  }
  return out;
}

/**
 * Algorithm 9.6 ShareCommitment(C, j) = Σ_t j^t·C_t: the element f(j)·G that the commitments
 * promise to trustee j. Public scalars only, so a variable-time MSM.
 */
export function shareCommitment(commitments: readonly GroupElement[], j: number): GroupElement {
  return multiScalarMultiply(commitments, powers(j, commitments.length));
}

/**
 * Algorithm 9.7 VerifyShare(C, j, s): s·G = ShareCommitment(C, j). s·G is computed in constant
 * time, since a recipient checks its own secret share.
 */
export function verifyShare(commitments: readonly GroupElement[], j: number, s: scalar.Scalar): boolean {
  return generatorBase().multiply(s).equals(shareCommitment(commitments, j));
}
