// Threshold decryption of a list kept as bytes (docs/SPEC.md §10, §11.1), spread over threads:
// the trustee's partial decryption (Algorithms 10.2, 10.3), its verification (Algorithm 10.5) and
// the combination (Algorithm 10.7) — the same algorithms as ./partial-decryption.ts, ./messages.ts
// and ./combine.ts, which work on decoded lists on one thread, with the per-ciphertext work in
// ./tasks.ts. With no TaskRunner the tasks run here, in order. A list of 300,000 rows is 19 MB
// of encodings; decoding it on one thread alone would take seconds, so nothing here decodes a
// whole list: each chunk is decoded by the thread that uses it.
import { fromBase64Url, toBase64Url } from '../bytes.ts';
import { signTrusteeMessage } from '../dkg/messages.ts';
import type { CeremonyContext } from '../dkg/trustee-keys.ts';
import { GroupElement, generatorBase } from '../group.ts';
import { chunkRanges, type Range, runTasks, type Task, type TaskData, type TaskRunner } from '../parallel/task.ts';
import { verifyEquations } from '../proofs/batch.ts';
import {
  type ChaumPedersenProof,
  chaumPedersenEquations,
  decodeChaumPedersenProof,
  encodeChaumPedersenProof,
  proveChaumPedersen,
} from '../proofs/chaum-pedersen.ts';
import { decodeOr, invalid, type Verification } from '../result.ts';
import * as scalar from '../scalar.ts';
import { CIPHERTEXT_SIZE, ELEMENT_SIZE, packScalars, type RowList } from '../shuffle/rows.ts';
import { lagrangeCoefficients } from './combine.ts';
import { type PartialDecryptionMessage, readPartialDecryption } from './messages.ts';
import { type DecryptingTrustee, partialDecryptionSeedOfEncodings } from './partial-decryption.ts';
import { combineTask, decryptionSharesTask, type WeightedSumsOutput, weightedSumsTask } from './tasks.ts';

/** Progress of a long step: `done` of `total` ciphertexts. */
export type Progress = (done: number, total: number) => void;

function ciphertextChunks(list: RowList, runner: TaskRunner | undefined): Range[] {
  return chunkRanges(list.count * list.width, { parallelism: runner?.size ?? 1, minSize: 256, maxSize: 4096 });
}

const ciphertextsOf = (list: RowList, r: Range) =>
  list.bytes.subarray(r.start * CIPHERTEXT_SIZE, r.end * CIPHERTEXT_SIZE);
const elementsOf = (packed: Uint8Array, r: Range) => packed.subarray(r.start * ELEMENT_SIZE, r.end * ELEMENT_SIZE);

/** Runs one task per chunk, reporting progress as each chunk completes; outputs in chunk order. */
async function perChunk<O>(
  chunks: readonly Range[],
  total: number,
  run: (r: Range) => Promise<O>,
  progress?: Progress,
): Promise<O[]> {
  let done = 0;
  return Promise.all(
    chunks.map(async (r) => {
      const out = await run(r);
      done += r.end - r.start;
      progress?.(done, total);
      return out;
    }),
  );
}

/**
 * Runs `task` on each chunk of the list's ciphertexts, one encoded element out per ciphertext, and
 * joins the outputs in list order.
 */
async function elementPerCiphertext<I extends TaskData>(
  runner: TaskRunner | undefined,
  list: RowList,
  task: Task<I, Uint8Array>,
  input: (r: Range) => I,
  progress?: Progress,
): Promise<Uint8Array> {
  const total = list.count * list.width;
  const chunks = ciphertextChunks(list, runner);
  const outputs = await perChunk(chunks, total, async (r) => (await runTasks(runner, task, [input(r)]))[0]!, progress);
  const out = new Uint8Array(total * ELEMENT_SIZE);
  chunks.forEach((r, at) => {
    out.set(outputs[at]!, r.start * ELEMENT_SIZE);
  });
  return out;
}

/** Algorithm 10.2 DecryptionShares over the whole list: Encode(D_1) || … || Encode(D_M). */
export async function decryptionSharesOfList(
  runner: TaskRunner | undefined,
  secretShare: scalar.Scalar,
  list: RowList,
  progress?: Progress,
): Promise<Uint8Array> {
  const encodedShare = scalar.encode(secretShare);
  return elementPerCiphertext(
    runner,
    list,
    decryptionSharesTask,
    (r) => ({ secretShare: encodedShare, ciphertexts: ciphertextsOf(list, r) }),
    progress,
  );
}

/** Σ ρ_m·A_m (and Σ ρ_m·D_m) over the list, or the index of the first share that does not decode. */
async function weightedSums(
  runner: TaskRunner | undefined,
  seed: Uint8Array,
  list: RowList,
  shares: Uint8Array | null,
): Promise<{ aHat: GroupElement; dHat: GroupElement | null } | { invalidShare: number }> {
  const chunks = ciphertextChunks(list, runner);
  const outputs: WeightedSumsOutput[] = await runTasks(
    runner,
    weightedSumsTask,
    chunks.map((r) => ({
      seed,
      first: r.start,
      ciphertexts: ciphertextsOf(list, r),
      shares: shares === null ? null : elementsOf(shares, r),
    })),
  );
  let aHat = GroupElement.identity;
  let dHat = GroupElement.identity;
  for (const o of outputs) {
    if (!o.ok) return { invalidShare: o.invalidShare };
    aHat = aHat.add(GroupElement.decode(o.aHat));
    if (o.dHat !== null) dHat = dHat.add(GroupElement.decode(o.dHat));
  }
  return { aHat, dHat: shares === null ? null : dHat };
}

/**
 * A trustee's signed partial decryption of the list (Algorithms 10.2, 10.3 and 9.3): the same
 * message as createPartialDecryption, with the shares and the sums computed on threads.
 */
export async function makePartialDecryption(
  runner: TaskRunner | undefined,
  input: {
    readonly electionId: string;
    readonly trustee: DecryptingTrustee;
    readonly list: RowList;
    readonly listDigest: Uint8Array;
    readonly secretShare: scalar.Scalar;
    readonly signingKey: Uint8Array;
    readonly progress?: Progress;
  },
): Promise<PartialDecryptionMessage> {
  const { trustee, list, listDigest, secretShare } = input;
  if (list.count * list.width === 0) throw new RangeError('a list to decrypt has at least one ciphertext');
  const shares = await decryptionSharesOfList(runner, secretShare, list, input.progress);
  const seed = partialDecryptionSeedOfEncodings(trustee, listDigest, shares);
  const sums = await weightedSums(runner, seed, list, null);
  if ('invalidShare' in sums) throw new Error('unreachable: no shares were summed');
  const proof = proveChaumPedersen(
    { manifestHash: trustee.manifestHash, context: seed },
    { g1: GroupElement.generator, x: trustee.verificationKey, g2: sums.aHat, y: sums.aHat.multiply(secretShare) },
    secretShare,
    (w) => generatorBase().multiply(w),
  );
  const decryptionShares: string[] = new Array(shares.length / ELEMENT_SIZE);
  for (let m = 0; m < decryptionShares.length; m++) {
    decryptionShares[m] = toBase64Url(shares.subarray(m * ELEMENT_SIZE, (m + 1) * ELEMENT_SIZE));
  }
  return signTrusteeMessage<PartialDecryptionMessage>(
    'partial-decryption',
    trustee.manifestHash,
    {
      type: 'partial-decryption',
      electionId: input.electionId,
      sender: trustee.index,
      list: toBase64Url(listDigest),
      decryptionShares,
      proof: toBase64Url(encodeChaumPedersenProof(proof)),
    },
    input.signingKey,
  );
}

const ISSUED = Symbol('verified decryption shares');

/**
 * Decryption shares that passed Algorithm 10.5 (made only by verifyPartialDecryptionOfList), so
 * that combineDecryptionShares cannot be given unchecked ones.
 */
export class VerifiedShares {
  readonly #issued = true;
  /** j. */
  readonly trustee: number;
  readonly listDigest: Uint8Array;
  /** Encode(D_(j,1)) || … || Encode(D_(j,M)). */
  readonly shares: Uint8Array;

  constructor(token: symbol, trustee: number, listDigest: Uint8Array, shares: Uint8Array) {
    if (token !== ISSUED) throw new TypeError('only verifyPartialDecryptionOfList makes VerifiedShares');
    this.trustee = trustee;
    this.listDigest = listDigest;
    this.shares = shares;
  }

  static isVerified(value: unknown): value is VerifiedShares {
    return value instanceof VerifiedShares && value.#issued;
  }
}

/**
 * Algorithm 10.5 VerifyPartialDecryption of a message for a list kept as bytes: V10.01 – V10.03 as
 * readPartialDecryption, then V10.04 (every share decodes) and V10.05 (the batched proof), with the
 * weighted sums of Algorithm 10.4 computed on threads.
 */
export async function verifyPartialDecryptionOfList(
  runner: TaskRunner | undefined,
  ctx: CeremonyContext,
  verificationKeys: readonly GroupElement[],
  list: RowList,
  listDigest: Uint8Array,
  input: unknown,
): Promise<{ verified: VerifiedShares } | { error: Verification }> {
  const read = readPartialDecryption(ctx, listDigest, list.count * list.width, input);
  if ('error' in read) return read;
  const m = read.message;
  const shares = new Uint8Array(m.decryptionShares.length * ELEMENT_SIZE);
  m.decryptionShares.forEach((d, at) => {
    shares.set(fromBase64Url(d, ELEMENT_SIZE), at * ELEMENT_SIZE);
  });
  const proof = decodeOr('V10.05 proof', () => decodeChaumPedersenProof(fromBase64Url(m.proof, 96)));
  if ('error' in proof) return proof;
  const verificationKey = verificationKeys[m.sender - 1];
  if (verificationKey === undefined) return { error: invalid(`V10.05 no verification key for trustee ${m.sender}`) };
  const trustee: DecryptingTrustee = { manifestHash: ctx.manifestHash, index: m.sender, verificationKey };
  const seed = partialDecryptionSeedOfEncodings(trustee, listDigest, shares);
  const sums = await weightedSums(runner, seed, list, shares);
  if ('invalidShare' in sums) {
    return { error: invalid(`V10.04 decryption share ${sums.invalidShare + 1} is not a valid element`) };
  }
  if (!verifyBatchedProof(trustee, seed, sums.aHat, sums.dHat!, proof.value)) {
    return { error: invalid(`V10.05 the proof of partial decryption of trustee ${m.sender} does not verify`) };
  }
  return { verified: new VerifiedShares(ISSUED, m.sender, listDigest, shares) };
}

/** Algorithm 10.4's two equations, given Â and D̂. */
function verifyBatchedProof(
  trustee: DecryptingTrustee,
  seed: Uint8Array,
  aHat: GroupElement,
  dHat: GroupElement,
  proof: ChaumPedersenProof,
): boolean {
  return verifyEquations(
    ...chaumPedersenEquations(
      { manifestHash: trustee.manifestHash, context: seed },
      { g1: GroupElement.generator, x: trustee.verificationKey, g2: aHat, y: dHat },
      proof,
    ),
  );
}

/**
 * Algorithm 10.7 CombinePartialDecryptions on threads: Encode(M_1) || … || Encode(M_M), the
 * plaintext elements in list order. Throws on misuse (fewer than k, a trustee twice, shares for
 * another list, or shares that verifyPartialDecryptionOfList did not issue).
 */
export async function combineDecryptionShares(
  runner: TaskRunner | undefined,
  list: RowList,
  listDigest: Uint8Array,
  partials: readonly VerifiedShares[],
  threshold: number,
  progress?: Progress,
): Promise<Uint8Array> {
  if (partials.length < threshold) {
    throw new RangeError(`${partials.length} partial decryptions, the threshold is ${threshold}`);
  }
  const total = list.count * list.width;
  for (const p of partials) {
    if (!VerifiedShares.isVerified(p)) throw new TypeError('unverified decryption shares');
    if (p.shares.length !== total * ELEMENT_SIZE || !p.listDigest.every((b, i) => b === listDigest[i])) {
      throw new RangeError(`the decryption shares of trustee ${p.trustee} are for another list`);
    }
  }
  const lambdas = packScalars(lagrangeCoefficients(partials.map((p) => p.trustee)));
  return elementPerCiphertext(
    runner,
    list,
    combineTask,
    (r) => ({ ciphertexts: ciphertextsOf(list, r), shares: partials.map((p) => elementsOf(p.shares, r)), lambdas }),
    progress,
  );
}
