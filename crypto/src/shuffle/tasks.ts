// The parts of the shuffle and its proof that run over chunks of rows (docs/SPEC.md §11), as
// tasks for crypto/src/parallel: re-encryption (Algorithm 11.3), the permutation commitment and
// the sums for t3 and t4, the commitment chain (Algorithm 11.5), and the verifier's multi-scalar
// multiplication (Algorithm 11.6). Each takes and returns bytes; each runs the same on a worker
// thread or inline.
import { FixedBase, GroupElement, generatorBase, multiScalarMultiply } from '../group.ts';
import { defineTask, type TaskData } from '../parallel/task.ts';
import { randomWeights128 } from '../random.ts';
import * as scalar from '../scalar.ts';
import { expandChallenges } from '../transcript.ts';
import { getGenerators } from './generators.ts';
import { firstInvalidElement, packElements, packScalars, SCALAR_SIZE, unpackElements, unpackScalars } from './rows.ts';

// Fixed-base tables of this thread for the election key and H, by encoding. A node proves for one
// key and one H at a time, so a handful is plenty.
const tables = new Map<string, FixedBase>();

function tableFor(encoding: Uint8Array): FixedBase {
  const key = encoding.join(',');
  let table = tables.get(key);
  if (table === undefined) {
    if (tables.size >= 8) tables.clear();
    table = new FixedBase(GroupElement.decode(encoding));
    tables.set(key, table);
  }
  return table;
}

function randomScalars(n: number): scalar.Scalar[] {
  return Array.from({ length: n }, () => scalar.random());
}

export interface ReencryptInput {
  readonly [key: string]: TaskData;
  /** Encode(Y). */
  readonly electionKey: Uint8Array;
  readonly width: number;
  /** The input rows to re-encrypt, in output order (e_π(i) for the output rows i of the chunk). */
  readonly rows: Uint8Array;
}

export interface ReencryptOutput {
  readonly [key: string]: TaskData;
  readonly rows: Uint8Array;
  /** ρ_(i,k), packed in the order of the ciphertexts. */
  readonly randomness: Uint8Array;
}

/** Algorithm 11.3 GenShuffle for a chunk of output rows: e'_(i,k) = ReEncrypt(e_(π(i),k), ρ_(i,k)). */
export const reencryptRows = defineTask(import.meta.url, 'reencryptRows', (input: ReencryptInput): ReencryptOutput => {
  const elements = unpackElements(input.rows);
  const count = elements.length / 2;
  const rho = randomScalars(count);
  const rhoG = generatorBase().multiplyMany(rho);
  const rhoY = tableFor(input.electionKey).multiplyMany(rho);
  const out: GroupElement[] = new Array(elements.length);
  for (let i = 0; i < count; i++) {
    out[2 * i] = elements[2 * i]!.add(rhoG[i]!);
    out[2 * i + 1] = elements[2 * i + 1]!.add(rhoY[i]!);
  }
  return { rows: packElements(out), randomness: packScalars(rho) };
});

export interface CommitPermutationInput {
  readonly [key: string]: TaskData;
  /** LP(manifestHash) || LP(MixNodeId), for the generators h_i. */
  readonly generatorPrefix: Uint8Array;
  /** Index of the chunk's first output row. */
  readonly first: number;
  readonly width: number;
  /** The chunk's output rows e'_i. */
  readonly output: Uint8Array;
  /** ω'_i for the chunk's rows, packed. */
  readonly omegaPrime: Uint8Array;
}

export interface CommitPermutationOutput {
  readonly [key: string]: TaskData;
  /** r_i·G + h_i for each row i of the chunk: the commitment that belongs at position π(i). */
  readonly commitments: Uint8Array;
  /** r_i, packed. */
  readonly randomness: Uint8Array;
  /** Σ ω'_i·h_i over the chunk. */
  readonly t3: Uint8Array;
  /** Σ ω'_i·A'_(i,k) and Σ ω'_i·B'_(i,k) over the chunk, for k = 0 .. w-1 (2w elements). */
  readonly t4: Uint8Array;
}

/**
 * Σ s_i·P_i with constant-time multiplications: for secret scalars, where the variable-time
 * multi-scalar multiplication must not be used (§2.4, §11.8).
 */
function secretLinearCombination(points: readonly GroupElement[], scalars: readonly scalar.Scalar[]): GroupElement {
  let acc = GroupElement.identity;
  for (let i = 0; i < points.length; i++) acc = acc.add(points[i]!.multiply(scalars[i]!));
  return acc;
}

/**
 * Algorithm 11.5 GenShuffleProof, steps 2 and 6 (parts of t3 and t4), for a chunk of output rows.
 * The ω'_i are secret (with the published s'_i they would give π), so the sums are constant time.
 */
export const commitPermutation = defineTask(
  import.meta.url,
  'commitPermutation',
  (input: CommitPermutationInput): CommitPermutationOutput => {
    const { width, first } = input;
    const omegaPrime = unpackScalars(input.omegaPrime);
    const n = omegaPrime.length;
    const h = getGenerators(input.generatorPrefix, first, first + n);
    const r = randomScalars(n);
    const rG = generatorBase().multiplyMany(r);
    const commitments = rG.map((p, i) => p.add(h[i]!));
    const output = unpackElements(input.output);
    if (output.length !== 2 * width * n) throw new RangeError('output rows and ω′ differ in count');
    const t4: GroupElement[] = [];
    for (let k = 0; k < width; k++) {
      for (const half of [0, 1]) {
        const column = Array.from({ length: n }, (_, i) => output[2 * (i * width + k) + half]!);
        t4.push(secretLinearCombination(column, omegaPrime));
      }
    }
    return {
      commitments: packElements(commitments),
      randomness: packScalars(r),
      t3: secretLinearCombination(h, omegaPrime).encode(),
      t4: packElements(t4),
    };
  },
);

export interface CommitChainInput {
  readonly [key: string]: TaskData;
  /** Encode(H). */
  readonly chainBase: Uint8Array;
  /** Per row: R_i, U_i, a_i, b_i (four packed scalars). */
  readonly scalars: Uint8Array;
}

export interface CommitChainOutput {
  readonly [key: string]: TaskData;
  /** ĉ_i = R_i·G + U_i·H. */
  readonly chain: Uint8Array;
  /** t̂_i = a_i·G + b_i·H. */
  readonly tHat: Uint8Array;
}

/**
 * Algorithm 11.5 GenShuffleProof, steps 4 and 6 (t̂), for a chunk: the chain and its commitments in
 * closed form, two constant-time fixed-base multiplications each (the scalars reveal π).
 */
export const commitChain = defineTask(import.meta.url, 'commitChain', (input: CommitChainInput): CommitChainOutput => {
  const s = unpackScalars(input.scalars);
  const n = s.length / 4;
  const gScalars: scalar.Scalar[] = [];
  const hScalars: scalar.Scalar[] = [];
  for (let i = 0; i < n; i++) {
    gScalars.push(s[4 * i]!, s[4 * i + 2]!);
    hScalars.push(s[4 * i + 1]!, s[4 * i + 3]!);
  }
  const g = generatorBase().multiplyMany(gScalars);
  const hh = tableFor(input.chainBase).multiplyMany(hScalars);
  const chain: GroupElement[] = [];
  const tHat: GroupElement[] = [];
  for (let i = 0; i < n; i++) {
    chain.push(g[2 * i]!.add(hh[2 * i]!));
    tHat.push(g[2 * i + 1]!.add(hh[2 * i + 1]!));
  }
  return { chain: packElements(chain), tHat: packElements(tHat) };
});

export interface VerifyRowsInput {
  readonly [key: string]: TaskData;
  readonly generatorPrefix: Uint8Array;
  /** The 64-byte seed of the challenges u (Algorithm 11.4). */
  readonly seed: Uint8Array;
  readonly first: number;
  readonly width: number;
  /** The challenge c, packed. */
  readonly challenge: Uint8Array;
  /** Weights of the equations V11.06, V11.08, V11.09 (A then B, per column): 2 + 2w packed scalars. */
  readonly weights: Uint8Array;
  /** Whether to include the chain equations V11.10 (with weights drawn here). */
  readonly chainLinks: boolean;
  readonly input: Uint8Array;
  readonly output: Uint8Array;
  readonly permutationCommitment: Uint8Array;
  /** ĉ_(first−1), or H for the first chunk. */
  readonly previousChain: Uint8Array;
  readonly commitmentChain: Uint8Array;
  readonly tHat: Uint8Array;
  readonly sHat: Uint8Array;
  readonly sPrime: Uint8Array;
}

export type VerifyRowsOutput =
  | { readonly ok: true; readonly partial: Uint8Array; readonly uProduct: Uint8Array }
  | { readonly ok: false; readonly check: string; readonly reason: string };

/** Decodes a list of elements of a chunk, or says which one is invalid. */
function decodePart(
  bytes: Uint8Array,
  what: string,
  first: number,
  perRow: number,
): GroupElement[] | { reason: string } {
  try {
    return unpackElements(bytes);
  } catch (e) {
    if (!(e instanceof Error) || e.name !== 'InvalidEncodingError') throw e;
    const at = firstInvalidElement(bytes);
    return { reason: `${what} of row ${first + Math.floor(at / perRow)} is not a valid element` };
  }
}

function decodeScalarPart(bytes: Uint8Array, what: string, first: number): scalar.Scalar[] | { reason: string } {
  try {
    return unpackScalars(bytes);
  } catch (e) {
    if (!(e instanceof Error) || e.name !== 'InvalidEncodingError') throw e;
    for (let i = 0; i * SCALAR_SIZE < bytes.length; i++) {
      try {
        scalar.decode(bytes.subarray(i * SCALAR_SIZE, (i + 1) * SCALAR_SIZE));
      } catch {
        return { reason: `${what} of row ${first + i} is not a scalar below ℓ` };
      }
    }
    return { reason: `${what}: ${e.message}` };
  }
}

/**
 * Algorithm 11.6 CheckShuffleProof for a chunk of rows: decodes every element and scalar of the
 * chunk (V11.03–V11.05), then computes the chunk's part of the random linear
 * combination of the equations V11.06, V11.08, V11.09 and V11.10 with one multi-scalar
 * multiplication. The caller adds the parts and the terms that involve no row.
 */
export const verifyRows = defineTask(import.meta.url, 'verifyRows', (input: VerifyRowsInput): VerifyRowsOutput => {
  const { width, first } = input;
  const perRow = 2 * width;
  const rowsIn = decodePart(input.input, 'a ciphertext of the input list', first, perRow);
  if (!Array.isArray(rowsIn)) return { ok: false, check: 'V11.03', reason: rowsIn.reason };
  const rowsOut = decodePart(input.output, 'a ciphertext of the output list', first, perRow);
  if (!Array.isArray(rowsOut)) return { ok: false, check: 'V11.04', reason: rowsOut.reason };
  const c = decodePart(input.permutationCommitment, 'the permutation commitment', first, 1);
  if (!Array.isArray(c)) return { ok: false, check: 'V11.05', reason: c.reason };
  const chain = decodePart(input.commitmentChain, 'the commitment chain', first, 1);
  if (!Array.isArray(chain)) return { ok: false, check: 'V11.05', reason: chain.reason };
  const tHat = decodePart(input.tHat, 't̂', first, 1);
  if (!Array.isArray(tHat)) return { ok: false, check: 'V11.05', reason: tHat.reason };
  const sHat = decodeScalarPart(input.sHat, 'ŝ', first);
  if (!Array.isArray(sHat)) return { ok: false, check: 'V11.05', reason: sHat.reason };
  const sPrime = decodeScalarPart(input.sPrime, 's′', first);
  if (!Array.isArray(sPrime)) return { ok: false, check: 'V11.05', reason: sPrime.reason };
  const previousChain = decodePart(input.previousChain, 'the commitment chain', first - 1, 1);
  if (!Array.isArray(previousChain)) return { ok: false, check: 'V11.05', reason: previousChain.reason };
  const previous = previousChain[0]!;
  const [challenge] = unpackScalars(input.challenge);
  const weights = unpackScalars(input.weights);

  const n = c.length;
  if (
    rowsIn.length !== perRow * n ||
    rowsOut.length !== perRow * n ||
    chain.length !== n ||
    tHat.length !== n ||
    sHat.length !== n ||
    sPrime.length !== n
  ) {
    throw new RangeError('the parts of a chunk differ in row count');
  }

  const u = expandChallenges(input.seed, n, first);
  const h = getGenerators(input.generatorPrefix, first, first + n);

  const points: GroupElement[] = [];
  const scalars: scalar.Scalar[] = [];
  const term = (k: scalar.Scalar, p: GroupElement) => {
    if (k !== 0n) {
      points.push(p);
      scalars.push(k);
    }
  };

  const cc = challenge!;
  const z1 = weights[0]!;
  const z3 = weights[1]!;
  const zA = weights.slice(2, 2 + width);
  const zB = weights.slice(2 + width, 2 + 2 * width);
  const z1c = scalar.mul(z1, cc);
  const z3c = scalar.mul(z3, cc);
  const zAc = zA.map((z) => scalar.mul(z, cc));
  const zBc = zB.map((z) => scalar.mul(z, cc));

  let uProduct = 1n;
  for (let j = 0; j < n; j++) {
    const uj = u[j]!;
    const sj = sPrime[j]!;
    uProduct = scalar.mul(uProduct, uj);
    // V11.06 and V11.08: c·(c_j − h_j) and c·u_j·c_j − s'_j·h_j.
    term(scalar.add(z1c, scalar.mul(z3c, uj)), c[j]!);
    term(scalar.neg(scalar.add(z1c, scalar.mul(z3, sj))), h[j]!);
    // V11.09: c·u_j·e_(j,k) − s'_j·e'_(j,k), both halves of each ciphertext.
    for (let k = 0; k < width; k++) {
      const at = 2 * (j * width + k);
      term(scalar.mul(zAc[k]!, uj), rowsIn[at]!);
      term(scalar.mul(zBc[k]!, uj), rowsIn[at + 1]!);
      term(scalar.neg(scalar.mul(zA[k]!, sj)), rowsOut[at]!);
      term(scalar.neg(scalar.mul(zB[k]!, sj)), rowsOut[at + 1]!);
    }
  }

  if (input.chainLinks) {
    // V11.10: t̂_j + c·ĉ_j − ŝ_j·G − s'_j·ĉ_(j−1) = 0, each link with its own weight ẑ_j. ĉ_j
    // appears in link j (c·ẑ_j) and in link j+1 (−ẑ_(j+1)·s'_(j+1)): one term with both.
    const zHat = randomWeights128(n);
    let gCoefficient = 0n;
    for (let j = 0; j < n; j++) {
      const zj = zHat[j]!;
      term(zj, tHat[j]!);
      const next = j + 1 < n ? scalar.mul(zHat[j + 1]!, sPrime[j + 1]!) : 0n;
      term(scalar.sub(scalar.mul(zj, cc), next), chain[j]!);
      gCoefficient = scalar.add(gCoefficient, scalar.mul(zj, sHat[j]!));
    }
    term(scalar.neg(scalar.mul(zHat[0]!, sPrime[0]!)), previous);
    term(scalar.neg(gCoefficient), GroupElement.generator);
  }

  return { ok: true, partial: multiScalarMultiply(points, scalars).encode(), uProduct: scalar.encode(uProduct) };
});
