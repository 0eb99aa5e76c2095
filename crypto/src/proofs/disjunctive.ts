// Disjunctive Chaum–Pedersen proof that an ElGamal ciphertext encrypts one of K known elements
// (docs/SPEC.md §5.3), in the Cramer–Damgård–Schoenmakers OR-composition.
//
// Statement: key Y, ciphertext (A, B), elements M_1 … M_K. Claim: for some j, (A, B − M_j) = (r·G, r·Y).
// Proof: for every j a commitment pair (a_j, b_j), a challenge c_j and a response s_j, with
//   Σ_j c_j = c (the transcript challenge),
//   a_j + c_j·A − s_j·G = 0,
//   b_j + c_j·B − c_j·M_j − s_j·Y = 0.
// The prover computes every branch with the same constant-time operations — the real branch is a
// simulated one with c_j = 0 — so the time taken does not depend on which element is encrypted.
import type { Ciphertext, EncryptionKey } from '../elgamal.ts';
import { FixedBase, GroupElement, generatorBase } from '../group.ts';
import * as scalar from '../scalar.ts';
import { TAG } from '../tags.ts';
import { Transcript } from '../transcript.ts';
import type { Equation } from './batch.ts';
import type { ProofContext } from './schnorr.ts';

export interface DisjunctiveBranch {
  readonly a: GroupElement;
  readonly b: GroupElement;
  readonly c: scalar.Scalar;
  readonly s: scalar.Scalar;
}

export type DisjunctiveProof = readonly DisjunctiveBranch[];

/** Size of one branch in the encoding: Encode(a) || Encode(b) || EncodeScalar(c) || EncodeScalar(s). */
export const BRANCH_SIZE = 128;

function disjunctiveChallenge(
  ctx: ProofContext,
  key: EncryptionKey,
  ct: Ciphertext,
  elements: readonly GroupElement[],
  commitments: readonly GroupElement[],
): scalar.Scalar {
  return new Transcript(TAG.ballotValidity, ctx.manifestHash)
    .bytes('context', ctx.context)
    .element('key', key.element)
    .elements('elements', elements)
    .element('ciphertext-a', ct.a)
    .element('ciphertext-b', ct.b)
    .elements('commitments', commitments)
    .challenge();
}

/**
 * Algorithm 5.5 ProveDisjunctive. `index` is the position of the encrypted element, `r` the
 * encryption randomness: ct = (r·G, r·Y + M_index).
 */
export function proveDisjunctive(
  ctx: ProofContext,
  key: EncryptionKey,
  ct: Ciphertext,
  elements: readonly GroupElement[],
  index: number,
  r: scalar.Scalar,
): DisjunctiveProof {
  const K = elements.length;
  if (!Number.isInteger(index) || index < 0 || index >= K) throw new RangeError('index outside the elements');
  const G = generatorBase();
  const A = new FixedBase(ct.a);
  const cs: scalar.Scalar[] = new Array(K);
  const ss: scalar.Scalar[] = new Array(K);
  const commitments: GroupElement[] = new Array(2 * K);
  const w = scalar.random();
  for (let j = 0; j < K; j++) {
    const real = j === index;
    // Simulated branches: random (c_j, s_j). The real branch: (0, w), so a = w·G and b = w·Y.
    const cj = real ? 0n : scalar.random();
    const sj = real ? w : scalar.random();
    cs[j] = cj;
    ss[j] = sj;
    commitments[2 * j] = G.multiply(sj).subtract(A.multiply(cj));
    commitments[2 * j + 1] = key.multiply(sj).subtract(ct.b.subtract(elements[j]!).multiply(cj));
  }
  const c = disjunctiveChallenge(ctx, key, ct, elements, commitments);
  let others = 0n;
  for (let j = 0; j < K; j++) if (j !== index) others = scalar.add(others, cs[j]!);
  const cReal = scalar.sub(c, others);
  cs[index] = cReal;
  ss[index] = scalar.add(w, scalar.mul(cReal, r));
  return elements.map((_, j) => ({ a: commitments[2 * j]!, b: commitments[2 * j + 1]!, c: cs[j]!, s: ss[j]! }));
}

/**
 * The equations of Algorithm 5.6 VerifyDisjunctive, or null when the challenges do not add up to
 * the transcript challenge (V05.02). Elements of the statement must already be decoded.
 */
export function disjunctiveEquations(
  ctx: ProofContext,
  key: EncryptionKey,
  ct: Ciphertext,
  elements: readonly GroupElement[],
  proof: DisjunctiveProof,
): Equation[] | null {
  if (proof.length !== elements.length) return null;
  const commitments: GroupElement[] = [];
  for (const br of proof) commitments.push(br.a, br.b);
  const c = disjunctiveChallenge(ctx, key, ct, elements, commitments);
  let sum = 0n;
  for (const br of proof) sum = scalar.add(sum, br.c);
  if (sum !== c) return null;
  const G = GroupElement.generator;
  const Y = key.element;
  const equations: Equation[] = [];
  proof.forEach((br, j) => {
    const minusS = scalar.neg(br.s);
    equations.push([
      [1n, br.a],
      [br.c, ct.a],
      [minusS, G],
    ]);
    equations.push([
      [1n, br.b],
      [br.c, ct.b],
      [scalar.neg(br.c), elements[j]!],
      [minusS, Y],
    ]);
  });
  return equations;
}

/** §5.3 encoding: the branches in order, 128 bytes each. */
export function encodeDisjunctiveProof(proof: DisjunctiveProof): Uint8Array {
  const out = new Uint8Array(BRANCH_SIZE * proof.length);
  proof.forEach((br, j) => {
    const at = j * BRANCH_SIZE;
    out.set(br.a.encode(), at);
    out.set(br.b.encode(), at + 32);
    out.set(scalar.encode(br.c), at + 64);
    out.set(scalar.encode(br.s), at + 96);
  });
  return out;
}

/**
 * Decodes a proof of `count` branches; every commitment must be a valid element other than the
 * identity, every scalar canonical. Throws InvalidEncodingError or RangeError otherwise.
 */
export function decodeDisjunctiveProof(bytes: Uint8Array, count: number): DisjunctiveProof {
  if (bytes.length !== BRANCH_SIZE * count) {
    throw new RangeError(`a proof for ${count} choices is ${BRANCH_SIZE * count} bytes, got ${bytes.length}`);
  }
  const encodings: Uint8Array[] = [];
  for (let j = 0; j < count; j++) {
    encodings.push(bytes.subarray(j * BRANCH_SIZE, j * BRANCH_SIZE + 32));
    encodings.push(bytes.subarray(j * BRANCH_SIZE + 32, j * BRANCH_SIZE + 64));
  }
  const points = GroupElement.decodeMany(encodings, { nonIdentity: true });
  const proof: DisjunctiveBranch[] = [];
  for (let j = 0; j < count; j++) {
    const at = j * BRANCH_SIZE;
    proof.push({
      a: points[2 * j]!,
      b: points[2 * j + 1]!,
      c: scalar.decode(bytes.subarray(at + 64, at + 96)),
      s: scalar.decode(bytes.subarray(at + 96, at + 128)),
    });
  }
  return proof;
}
