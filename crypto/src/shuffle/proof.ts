// Terelius–Wikström proof of a re-encryption shuffle of rows, made non-interactive
// (docs/SPEC.md §11.4–§11.6), in the form of Wikström's "A commitment-consistent proof of a
// shuffle" as specified by CHVote and implemented by Verificatum and Belenios, extended to rows of
// w ciphertexts: one permutation, one commitment per row, and in t4 and s4 one component per column.
//
// Notation (additive): G the group generator, Y the election key, h_i and H the generators of
// Algorithm 11.1, e_j the input rows, e'_i the output rows, e'_i = ReEncrypt(e_π(i), ρ_i).
//   c_π(i) = r_i·G + h_i                       permutation commitment
//   u = ExpandChallenges(seed, N), u'_i = u_π(i)
//   ĉ_i = r̂_i·G + u'_i·ĉ_(i−1), ĉ_(−1) = H       commitment chain
//   t1 = ω1·G, t2 = ω2·G, t3 = ω3·G + Σ ω'_i·h_i, t4_k = Σ ω'_i·e'_(i,k) − ω4_k·(G, Y),
//   t̂_i = ω̂_i·G + ω'_i·ĉ_(i−1)
//   c = Challenge(…), s = ω + c·(witness) for each of the above.
import { GroupElement, generatorBase, multiScalarMultiply } from '../group.ts';
import { chunkRanges, runTasks, type TaskRunner } from '../parallel/task.ts';
import { invalid, VALID, type Verification } from '../result.ts';
import * as scalar from '../scalar.ts';
import { TAG } from '../tags.ts';
import { expandChallenges, Transcript } from '../transcript.ts';
import { generatorPrefix, getChainBase, getGenerators, mixNodeId, type ShuffleContext } from './generators.ts';
import {
  CIPHERTEXT_SIZE,
  ELEMENT_SIZE,
  MAX_FIELD_SIZE,
  packScalars,
  type RowList,
  rowSlice,
  SCALAR_SIZE,
  unpackElements,
  unpackScalars,
} from './rows.ts';
import type { ShuffleWitness } from './shuffle.ts';
import { commitChain, commitPermutation, verifyRows } from './tasks.ts';

/** What a shuffle proof proves: `output` is a re-encryption and permutation of `input` under Y. */
export interface ShuffleStatement extends ShuffleContext {
  readonly electionKey: GroupElement;
  readonly input: RowList;
  readonly output: RowList;
}

/** §11.7: the proof, as encodings. N rows of width w. */
export interface ShuffleProof {
  /** c_0 … c_(N−1), N·32 bytes. */
  readonly permutationCommitment: Uint8Array;
  /** ĉ_0 … ĉ_(N−1), N·32 bytes. */
  readonly commitmentChain: Uint8Array;
  readonly t1: Uint8Array;
  readonly t2: Uint8Array;
  readonly t3: Uint8Array;
  /** t4_(k) = (T_(A,k), T_(B,k)) for k = 0 … w−1, w·64 bytes. */
  readonly t4: Uint8Array;
  /** t̂_0 … t̂_(N−1), N·32 bytes. */
  readonly tHat: Uint8Array;
  readonly s1: Uint8Array;
  readonly s2: Uint8Array;
  readonly s3: Uint8Array;
  /** s4_0 … s4_(w−1), w·32 bytes. */
  readonly s4: Uint8Array;
  /** ŝ_0 … ŝ_(N−1), N·32 bytes. */
  readonly sHat: Uint8Array;
  /** s'_0 … s'_(N−1), N·32 bytes. */
  readonly sPrime: Uint8Array;
}

/** The byte length of each proof field for N rows of width w (§11.7). */
export function shuffleProofSizes(count: number, width: number): Record<keyof ShuffleProof, number> {
  const list = count * ELEMENT_SIZE;
  return {
    permutationCommitment: list,
    commitmentChain: list,
    t1: ELEMENT_SIZE,
    t2: ELEMENT_SIZE,
    t3: ELEMENT_SIZE,
    t4: width * 2 * ELEMENT_SIZE,
    tHat: list,
    s1: SCALAR_SIZE,
    s2: SCALAR_SIZE,
    s3: SCALAR_SIZE,
    s4: width * SCALAR_SIZE,
    sHat: count * SCALAR_SIZE,
    sPrime: count * SCALAR_SIZE,
  };
}

/** Algorithm 11.4 ShuffleChallenges, first round: the seed of u: hashes the statement and the permutation commitment. */
export function shuffleChallengesSeed(st: ShuffleStatement, permutationCommitment: Uint8Array): Uint8Array {
  return new Transcript(TAG.shuffleChallenges, st.manifestHash)
    .bytes('mix-node', mixNodeId(st.mixNode))
    .element('election-key', st.electionKey)
    .u32('count', st.input.count)
    .u32('width', st.input.width)
    .bytes('input', st.input.bytes)
    .bytes('output', st.output.bytes)
    .bytes('permutation-commitment', permutationCommitment)
    .digest();
}

/** Algorithm 11.4 ShuffleChallenges, second round: the challenge c: hashes the seed of u and every other commitment. */
export function shuffleChallenge(
  st: ShuffleStatement,
  seed: Uint8Array,
  proof: Pick<ShuffleProof, 'commitmentChain' | 't1' | 't2' | 't3' | 't4' | 'tHat'>,
): scalar.Scalar {
  return new Transcript(TAG.shuffle, st.manifestHash)
    .bytes('challenges-seed', seed)
    .bytes('commitment-chain', proof.commitmentChain)
    .bytes('t1', proof.t1)
    .bytes('t2', proof.t2)
    .bytes('t3', proof.t3)
    .bytes('t4', proof.t4)
    .bytes('t-hat', proof.tHat)
    .challenge();
}

/** Chunks for the proof's threads: a few per thread, at most about 2,048 rows each. */
function proofChunks(count: number, width: number, runner: TaskRunner | undefined) {
  return chunkRanges(count, {
    parallelism: runner?.size ?? 1,
    perThread: 4,
    minSize: 64,
    maxSize: Math.max(64, Math.ceil(4096 / (width + 1))),
  });
}

function randomScalars(n: number): scalar.Scalar[] {
  return Array.from({ length: n }, () => scalar.random());
}

function sumScalars(values: readonly scalar.Scalar[]): scalar.Scalar {
  return values.reduce<scalar.Scalar>((acc, x) => scalar.add(acc, x), 0n);
}

/**
 * Algorithm 11.5 GenShuffleProof: proves that st.output is st.input re-encrypted and permuted
 * with the witness of GenShuffle. With a pool, the commitments run on its threads.
 */
export async function genShuffleProof(
  st: ShuffleStatement,
  witness: ShuffleWitness,
  pool?: TaskRunner,
): Promise<ShuffleProof> {
  const { input, output, electionKey } = st;
  const N = input.count;
  const w = input.width;
  const pi = witness.permutation;
  if (N < 1 || output.count !== N || output.width !== w) throw new RangeError('input and output lists differ');
  if (pi.length !== N || witness.randomness.length !== N * w) throw new RangeError('the witness does not fit');
  const prefix = generatorPrefix(st);
  const H = getChainBase(prefix);
  const ranges = proofChunks(N, w, pool);

  // Step 2, and the sums Σ ω'_i·h_i and Σ ω'_i·e'_i of step 6: by chunks of output rows.
  const omegaPrime = randomScalars(N);
  const committed = await runTasks(
    pool,
    commitPermutation,
    ranges.map(({ start, end }) => ({
      generatorPrefix: prefix,
      first: start,
      width: w,
      output: rowSlice(output, start, end),
      omegaPrime: packScalars(omegaPrime.slice(start, end)),
    })),
  );
  const permutationCommitment = new Uint8Array(N * ELEMENT_SIZE);
  const r: scalar.Scalar[] = [];
  let t3Sum = GroupElement.identity;
  let t4Sums: GroupElement[] = Array.from({ length: 2 * w }, () => GroupElement.identity);
  committed.forEach((part, chunk) => {
    const { start, end } = ranges[chunk]!;
    for (let i = start; i < end; i++) {
      const at = (i - start) * ELEMENT_SIZE;
      permutationCommitment.set(part.commitments.subarray(at, at + ELEMENT_SIZE), pi[i]! * ELEMENT_SIZE);
    }
    for (const ri of unpackScalars(part.randomness)) r.push(ri);
    t3Sum = t3Sum.add(GroupElement.decode(part.t3));
    const t4Part = unpackElements(part.t4);
    t4Sums = t4Sums.map((s, k) => s.add(t4Part[k]!));
  });

  // Step 3: the challenges u, permuted.
  const seed = shuffleChallengesSeed(st, permutationCommitment);
  const u = expandChallenges(seed, N);
  const uPrime = Array.from(pi, (j) => u[j]!);

  // Step 4: the commitment chain and t̂, in closed form ĉ_i = R_i·G + U_i·H, so that chunks are
  // independent: R_i = r̂_i + u'_i·R_(i−1), U_i = u'_i·U_(i−1), R_(−1) = 0, U_(−1) = 1, and
  // t̂_i = (ω̂_i + ω'_i·R_(i−1))·G + (ω'_i·U_(i−1))·H.
  const rHat = randomScalars(N);
  const omegaHat = randomScalars(N);
  let R = 0n;
  let U = 1n;
  const chainInputs = ranges.map(({ start, end }) => {
    const packed: scalar.Scalar[] = [];
    for (let i = start; i < end; i++) {
      const a = scalar.add(omegaHat[i]!, scalar.mul(omegaPrime[i]!, R));
      const b = scalar.mul(omegaPrime[i]!, U);
      R = scalar.add(rHat[i]!, scalar.mul(uPrime[i]!, R));
      U = scalar.mul(uPrime[i]!, U);
      packed.push(R, U, a, b);
    }
    return { chainBase: H.encode(), scalars: packScalars(packed) };
  });
  const chained = await runTasks(pool, commitChain, chainInputs);
  const commitmentChain = new Uint8Array(N * ELEMENT_SIZE);
  const tHat = new Uint8Array(N * ELEMENT_SIZE);
  chained.forEach((part, chunk) => {
    commitmentChain.set(part.chain, ranges[chunk]!.start * ELEMENT_SIZE);
    tHat.set(part.tHat, ranges[chunk]!.start * ELEMENT_SIZE);
  });

  // Steps 5–6: the remaining commitments.
  const [omega1, omega2, omega3] = randomScalars(3) as [scalar.Scalar, scalar.Scalar, scalar.Scalar];
  const omega4 = randomScalars(w);
  const [t1, t2, omega3G, ...omega4G] = generatorBase().multiplyMany([omega1, omega2, omega3, ...omega4]);
  const t3 = omega3G!.add(t3Sum);
  const t4 = new Uint8Array(w * 2 * ELEMENT_SIZE);
  for (let k = 0; k < w; k++) {
    t4.set(t4Sums[2 * k]!.subtract(omega4G[k]!).encode(), 2 * k * ELEMENT_SIZE);
    t4.set(t4Sums[2 * k + 1]!.subtract(electionKey.multiply(omega4[k]!)).encode(), (2 * k + 1) * ELEMENT_SIZE);
  }
  const commitments = {
    commitmentChain,
    t1: t1!.encode(),
    t2: t2!.encode(),
    t3: t3.encode(),
    t4,
    tHat,
  };

  // Step 7: the challenge. Step 8: the responses.
  const c = shuffleChallenge(st, seed, commitments);
  const rBar = sumScalars(r);
  const rTilde = sumScalars(r.map((ri, i) => scalar.mul(ri, uPrime[i]!)));
  const s4: scalar.Scalar[] = [];
  for (let k = 0; k < w; k++) {
    let rPrime = 0n;
    for (let i = 0; i < N; i++) rPrime = scalar.add(rPrime, scalar.mul(witness.randomness[i * w + k]!, uPrime[i]!));
    s4.push(scalar.add(omega4[k]!, scalar.mul(c, rPrime)));
  }
  return {
    permutationCommitment,
    ...commitments,
    s1: scalar.encode(scalar.add(omega1, scalar.mul(c, rBar))),
    s2: scalar.encode(scalar.add(omega2, scalar.mul(c, R))),
    s3: scalar.encode(scalar.add(omega3, scalar.mul(c, rTilde))),
    s4: packScalars(s4),
    sHat: packScalars(omegaHat.map((x, i) => scalar.add(x, scalar.mul(c, rHat[i]!)))),
    sPrime: packScalars(omegaPrime.map((x, i) => scalar.add(x, scalar.mul(c, uPrime[i]!)))),
  };
}

// ---------------------------------------------------------------------------------------------
// Verification

/** The proof's elements and scalars that concern no particular row, decoded. */
interface ProofHead {
  readonly t1: GroupElement;
  readonly t2: GroupElement;
  readonly t3: GroupElement;
  readonly t4: readonly GroupElement[];
  readonly lastChain: GroupElement;
  readonly s1: scalar.Scalar;
  readonly s2: scalar.Scalar;
  readonly s3: scalar.Scalar;
  readonly s4: readonly scalar.Scalar[];
}

/** Weights of one random linear combination of the equations (zero leaves an equation out). */
interface Weights {
  readonly z1: scalar.Scalar;
  readonly z2: scalar.Scalar;
  readonly z3: scalar.Scalar;
  readonly zA: readonly scalar.Scalar[];
  readonly zB: readonly scalar.Scalar[];
  readonly chainLinks: boolean;
}

function randomWeight(): scalar.Scalar {
  for (;;) {
    const [hi, lo] = crypto.getRandomValues(new BigUint64Array(2));
    const z = (hi! << 64n) | lo!;
    if (z !== 0n) return z;
  }
}

/** V11.01: what is wrong with the statement, if anything. */
export function shuffleStatementProblem(st: ShuffleStatement): string | undefined {
  const { input, output } = st;
  if (st.manifestHash.length !== 32) return 'the manifest hash is not 32 bytes';
  if (!Number.isInteger(st.mixNode.index) || st.mixNode.index < 0 || st.mixNode.index > 0xffffffff) {
    return 'the mix node index is not a 32-bit unsigned integer';
  }
  if (st.mixNode.publicKey.length !== 32) return 'the mix node key is not 32 bytes';
  if (st.electionKey.isIdentity()) return 'the election key is the identity';
  if (!Number.isInteger(input.width) || input.width < 1) return 'the rows have no ciphertext';
  if (!Number.isInteger(input.count) || input.count < 1) return 'the input list is empty';
  if (output.count !== input.count) return `${input.count} input rows but ${output.count} output rows`;
  if (output.width !== input.width) return `input rows of width ${input.width}, output rows of width ${output.width}`;
  const size = input.count * input.width * CIPHERTEXT_SIZE;
  if (size > MAX_FIELD_SIZE) return 'the lists are too long';
  if (input.bytes.length !== size) return 'the input list does not have count·width·64 bytes';
  if (output.bytes.length !== size) return 'the output list does not have count·width·64 bytes';
  return undefined;
}

/** V11.02: every field of the proof has its length. */
function checkProofSizes(proof: ShuffleProof, count: number, width: number): string | undefined {
  const sizes = shuffleProofSizes(count, width);
  for (const field of Object.keys(sizes) as (keyof ShuffleProof)[]) {
    const bytes = proof[field] as Uint8Array | undefined;
    if (!(bytes instanceof Uint8Array)) return `${field} is missing`;
    if (bytes.length !== sizes[field]) return `${field} has ${bytes.length} bytes, expected ${sizes[field]}`;
  }
  return undefined;
}

/** V11.05, the part outside the rows: t1 … t4, ĉ_(N−1), s1 … s4. */
function decodeHead(proof: ShuffleProof): ProofHead | string {
  try {
    const [t1, t2, t3] = unpackElements(new Uint8Array([...proof.t1, ...proof.t2, ...proof.t3]));
    const t4 = unpackElements(proof.t4);
    const lastChain = GroupElement.decode(proof.commitmentChain.subarray(proof.commitmentChain.length - ELEMENT_SIZE));
    const [s1, s2, s3] = unpackScalars(new Uint8Array([...proof.s1, ...proof.s2, ...proof.s3]));
    return { t1: t1!, t2: t2!, t3: t3!, t4, lastChain, s1: s1!, s2: s2!, s3: s3!, s4: unpackScalars(proof.s4) };
  } catch (e) {
    if (e instanceof Error && e.name === 'InvalidEncodingError')
      return `a commitment or response of the proof: ${e.message}`;
    throw e;
  }
}

/** Everything the equations need besides the weights: decoded, derived and hashed once. */
interface CheckContext {
  readonly st: ShuffleStatement;
  readonly proof: ShuffleProof;
  readonly head: ProofHead;
  readonly prefix: Uint8Array;
  readonly H: GroupElement;
  readonly seed: Uint8Array;
  readonly c: scalar.Scalar;
  readonly pool: TaskRunner | undefined;
}

type RowsResult = { readonly partials: GroupElement[]; readonly u: scalar.Scalar } | { readonly failures: string[] };

/**
 * The rows' part of the weighted sum, chunk by chunk (on the pool if any): each chunk decodes its
 * rows and proof elements (V11.03–V11.05) and returns its partial sum and Π u_j over its rows.
 */
async function rowPartials(x: CheckContext, z: Weights): Promise<RowsResult> {
  const { st, proof } = x;
  const { count, width } = st.input;
  const rowWeights = [z.z1, z.z3, ...z.zA, ...z.zB];
  if (!z.chainLinks && rowWeights.every((k) => k === 0n)) {
    // Only V11.07, which involves no row but needs u.
    return { partials: [], u: expandChallenges(x.seed, count).reduce((acc, uj) => scalar.mul(acc, uj), 1n) };
  }
  const element = (bytes: Uint8Array, start: number, end: number) =>
    bytes.subarray(start * ELEMENT_SIZE, end * ELEMENT_SIZE);
  const parts = await runTasks(
    x.pool,
    verifyRows,
    proofChunks(count, width, x.pool).map(({ start, end }) => ({
      generatorPrefix: x.prefix,
      seed: x.seed,
      first: start,
      width,
      challenge: scalar.encode(x.c),
      weights: packScalars(rowWeights),
      chainLinks: z.chainLinks,
      input: rowSlice(st.input, start, end),
      output: rowSlice(st.output, start, end),
      permutationCommitment: element(proof.permutationCommitment, start, end),
      previousChain: start === 0 ? x.H.encode() : element(proof.commitmentChain, start - 1, start),
      commitmentChain: element(proof.commitmentChain, start, end),
      tHat: element(proof.tHat, start, end),
      sHat: proof.sHat.subarray(start * SCALAR_SIZE, end * SCALAR_SIZE),
      sPrime: proof.sPrime.subarray(start * SCALAR_SIZE, end * SCALAR_SIZE),
    })),
  );
  const failures: string[] = [];
  const partials: GroupElement[] = [];
  let u = 1n;
  for (const part of parts) {
    if (!part.ok) {
      failures.push(`${part.check} ${part.reason}`);
      continue;
    }
    partials.push(GroupElement.decode(part.partial));
    u = scalar.mul(u, unpackScalars(part.uProduct)[0]!);
  }
  return failures.length > 0 ? { failures } : { partials, u };
}

/** The terms of the weighted sum that involve no row: t1 … t4, ĉ_(N−1), H, G and Y (§11.6). */
function headTerms(x: CheckContext, z: Weights, u: scalar.Scalar): [GroupElement[], scalar.Scalar[]] {
  const { head, c } = x;
  let g = scalar.neg(
    scalar.add(scalar.mul(z.z1, head.s1), scalar.add(scalar.mul(z.z2, head.s2), scalar.mul(z.z3, head.s3))),
  );
  let y = 0n;
  const points: GroupElement[] = [head.t1, head.t2, head.t3, head.lastChain, x.H];
  const scalars: scalar.Scalar[] = [
    z.z1,
    z.z2,
    z.z3,
    scalar.mul(z.z2, c),
    scalar.neg(scalar.mul(z.z2, scalar.mul(c, u))),
  ];
  z.zA.forEach((zA, k) => {
    const zB = z.zB[k]!;
    points.push(head.t4[2 * k]!, head.t4[2 * k + 1]!);
    scalars.push(zA, zB);
    g = scalar.add(g, scalar.mul(zA, head.s4[k]!));
    y = scalar.add(y, scalar.mul(zB, head.s4[k]!));
  });
  points.push(GroupElement.generator, x.st.electionKey);
  scalars.push(g, y);
  return [points, scalars];
}

/** Whether the equations selected by the weights hold together (or why the rows are invalid). */
async function weightedSumVanishes(x: CheckContext, z: Weights): Promise<boolean | string[]> {
  const rows = await rowPartials(x, z);
  if ('failures' in rows) return rows.failures;
  const [points, scalars] = headTerms(x, z, rows.u);
  points.push(...rows.partials);
  scalars.push(...rows.partials.map(() => 1n));
  return multiScalarMultiply(points, scalars).isIdentity();
}

/**
 * Algorithm 11.6 CheckShuffleProof. Never throws on bad input: every failed check is reported by
 * its identifier (V11.01 – V11.10). With a pool, the rows are checked on its threads.
 */
export async function checkShuffleProof(
  st: ShuffleStatement,
  proof: ShuffleProof,
  pool?: TaskRunner,
): Promise<Verification> {
  // Require: a well-formed statement (V11.01) and proof (V11.02); the proof's own elements and
  // scalars decode (V11.05; the rows are decoded chunk by chunk, each before its algebra).
  const statementProblem = shuffleStatementProblem(st);
  if (statementProblem !== undefined) return invalid(`V11.01 shuffle statement: ${statementProblem}`);
  const { count, width } = st.input;
  const sizeProblem = checkProofSizes(proof, count, width);
  if (sizeProblem !== undefined) return invalid(`V11.02 shuffle proof encoding: ${sizeProblem}`);
  const head = decodeHead(proof);
  if (typeof head === 'string') return invalid(`V11.05 shuffle proof elements: ${head}`);

  // Operation: the generators and challenges (Algorithms 11.1, 11.4), then the equations
  // V11.06–V11.10 as one random linear combination (§5.4).
  const prefix = generatorPrefix(st);
  const seed = shuffleChallengesSeed(st, proof.permutationCommitment);
  const x: CheckContext = {
    st,
    proof,
    head,
    prefix,
    H: getChainBase(prefix),
    seed,
    c: shuffleChallenge(st, seed, proof),
    pool,
  };
  const zero = Array.from({ length: width }, () => 0n);
  const randoms = () => Array.from({ length: width }, randomWeight);
  const all = await weightedSumVanishes(x, {
    z1: randomWeight(),
    z2: randomWeight(),
    z3: randomWeight(),
    zA: randoms(),
    zB: randoms(),
    chainLinks: true,
  });
  if (Array.isArray(all)) return invalid(all.join('; '));
  if (all) return VALID;

  // The batch fails: check each group of equations on its own, to say which fail.
  const groups: [string, Weights][] = [
    ['V11.06 permutation commitment sum', { z1: 1n, z2: 0n, z3: 0n, zA: zero, zB: zero, chainLinks: false }],
    ['V11.07 commitment chain end', { z1: 0n, z2: 1n, z3: 0n, zA: zero, zB: zero, chainLinks: false }],
    ['V11.08 weighted permutation commitment', { z1: 0n, z2: 0n, z3: 1n, zA: zero, zB: zero, chainLinks: false }],
    ['V11.09 re-encryption', { z1: 0n, z2: 0n, z3: 0n, zA: randoms(), zB: randoms(), chainLinks: false }],
    ['V11.10 commitment chain links', { z1: 0n, z2: 0n, z3: 0n, zA: zero, zB: zero, chainLinks: true }],
  ];
  const failed: string[] = [];
  for (const [name, z] of groups) if ((await weightedSumVanishes(x, z)) !== true) failed.push(name);
  const node = `shuffle proof of mix node ${st.mixNode.index}`;
  return invalid(
    failed.length > 0
      ? `${node}: ${failed.join(', ')} ${failed.length === 1 ? 'does' : 'do'} not hold`
      : `${node}: V11.06–V11.10 do not hold together`,
  );
}

/** Named intermediate values of Algorithm 11.6, as encodings. */
export interface ShuffleIntermediates {
  readonly chainBase: Uint8Array;
  readonly generators: readonly Uint8Array[];
  readonly seed: Uint8Array;
  readonly challenges: readonly Uint8Array[];
  readonly challenge: Uint8Array;
}

/**
 * The intermediate values H, h_i, seed, u_i and c of Algorithm 11.6 (the first `limit` of the
 * lists), so that a second verifier can compare with this one step by step (§11.7). The statement
 * must be well formed (V11.01) and the proof of the right sizes (V11.02).
 */
export function shuffleIntermediates(st: ShuffleStatement, proof: ShuffleProof, limit = 8): ShuffleIntermediates {
  const problem = shuffleStatementProblem(st) ?? checkProofSizes(proof, st.input.count, st.input.width);
  if (problem !== undefined) throw new RangeError(problem);
  const shown = Math.min(limit, st.input.count);
  const prefix = generatorPrefix(st);
  const seed = shuffleChallengesSeed(st, proof.permutationCommitment);
  return {
    chainBase: getChainBase(prefix).encode(),
    generators: getGenerators(prefix, 0, shown).map((h) => h.encode()),
    seed,
    challenges: expandChallenges(seed, shown).map(scalar.encode),
    challenge: scalar.encode(shuffleChallenge(st, seed, proof)),
  };
}
