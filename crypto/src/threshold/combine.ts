// Combining partial decryptions (docs/SPEC.md §10.5, Algorithms 10.6 LagrangeCoefficients and 10.7
// CombinePartialDecryptions): for a set S of at least k trustees with verified partials,
//   λ_j = Π_{l∈S, l≠j} l / (l − j)  mod ℓ,     M_m = B_m − Σ_{j∈S} λ_j·D_{j,m}
// since Σ_{j∈S} λ_j·x_j = x, the election secret key, for any such S.
import { type GroupElement, multiScalarMultiply } from '../group.ts';
import * as scalar from '../scalar.ts';
import type { CiphertextList } from './ciphertext-list.ts';
import { VerifiedPartialDecryption } from './messages.ts';

/** Algorithm 10.6 LagrangeCoefficients: λ_j for every j in S (distinct positive indices). */
export function lagrangeCoefficients(indices: readonly number[]): scalar.Scalar[] {
  if (new Set(indices).size !== indices.length || indices.some((j) => !Number.isInteger(j) || j < 1)) {
    throw new RangeError('Lagrange coefficients need distinct positive indices');
  }
  const numerators: scalar.Scalar[] = [];
  const denominators: scalar.Scalar[] = [];
  for (const j of indices) {
    let num = 1n;
    let den = 1n;
    for (const l of indices) {
      if (l === j) continue;
      num = scalar.mul(num, BigInt(l));
      den = scalar.mul(den, scalar.mod(BigInt(l - j)));
    }
    numerators.push(num);
    denominators.push(den);
  }
  return scalar.invertMany(denominators).map((inv, at) => scalar.mul(numerators[at]!, inv));
}

/**
 * Algorithm 10.7 CombinePartialDecryptions: the plaintext elements of the list, row by row.
 * Throws on misuse — fewer than k partials, a trustee twice, a partial for another list, or a
 * partial that VerifyPartialDecryption did not issue — since the caller must have checked these.
 */
export function combinePartialDecryptions(
  list: CiphertextList,
  partials: readonly VerifiedPartialDecryption[],
  threshold: number,
): GroupElement[][] {
  if (partials.length < threshold) {
    throw new RangeError(`${partials.length} partial decryptions, the threshold is ${threshold}`);
  }
  for (const p of partials) {
    if (!VerifiedPartialDecryption.isVerified(p)) throw new TypeError('an unverified partial decryption');
    if (p.shares.length !== list.a.length || !p.listDigest.every((b, i) => b === list.digest[i])) {
      throw new RangeError(`the partial decryption of trustee ${p.trustee} is for another list`);
    }
  }
  const lambda = lagrangeCoefficients(partials.map((p) => p.trustee));
  const minusLambda = lambda.map(scalar.neg);
  const rows: GroupElement[][] = [];
  let m = 0;
  for (const row of list.rows) {
    const out: GroupElement[] = [];
    for (const ct of row) {
      const points = [ct.b, ...partials.map((p) => p.shares[m]!)];
      out.push(multiScalarMultiply(points, [1n, ...minusLambda]));
      m++;
    }
    rows.push(out);
  }
  return rows;
}
