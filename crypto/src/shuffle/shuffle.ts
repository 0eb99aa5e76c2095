// Re-encryption and secret permutation of rows of ciphertexts (docs/SPEC.md §11.3).
//   e'_i = (ReEncrypt(e_(π(i),0), ρ_(i,0)), …, ReEncrypt(e_(π(i),w−1), ρ_(i,w−1)))
// Each ciphertext of a row gets its own randomness: a row is an element of the product group, and
// re-encrypting its ciphertexts with one shared ρ would link them.
import type { GroupElement } from '../group.ts';
import { chunkRanges, type Range, runTasks, type TaskRunner } from '../parallel/task.ts';
import type * as scalar from '../scalar.ts';
import { gatherRows, type RowList, rowList, unpackScalars } from './rows.ts';
import { reencryptRows } from './tasks.ts';

/** What the mix node keeps secret, and needs to prove its shuffle (Algorithm 11.5). */
export interface ShuffleWitness {
  /** π: output row i is input row permutation[i], re-encrypted. */
  readonly permutation: Uint32Array;
  /** ρ_(i,k) at index i·w + k: the randomness of ciphertext k of output row i. */
  readonly randomness: readonly scalar.Scalar[];
}

/** Chunks of rows for threads: a few per thread, at most about 4,096 ciphertexts each. */
export function rowChunks(count: number, width: number, runner: TaskRunner | undefined): Range[] {
  return chunkRanges(count, {
    parallelism: runner?.size ?? 1,
    perThread: 4,
    minSize: 64,
    maxSize: Math.max(64, Math.ceil(4096 / width)),
  });
}

/**
 * Algorithm 11.2 GenPermutation: a uniformly random permutation of 0 .. n-1 (Fisher–Yates, with
 * unbiased indices by rejection sampling from the CSPRNG).
 */
export function genPermutation(n: number): Uint32Array {
  const pi = new Uint32Array(n);
  for (let i = 0; i < n; i++) pi[i] = i;
  const words = new Uint32Array(1024);
  let at = words.length;
  for (let i = n - 1; i > 0; i--) {
    const bound = i + 1;
    const limit = 2 ** 32 - (2 ** 32 % bound);
    let x: number;
    do {
      if (at === words.length) {
        crypto.getRandomValues(words);
        at = 0;
      }
      x = words[at++]!;
    } while (x >= limit);
    const j = x % bound;
    const t = pi[i]!;
    pi[i] = pi[j]!;
    pi[j] = t;
  }
  return pi;
}

/**
 * Algorithm 11.3 GenShuffle: re-encrypts every ciphertext of every row under the election key and
 * permutes the rows. Throws InvalidEncodingError if an input element is invalid. With a pool, the
 * re-encryption runs on its threads.
 */
export async function genShuffle(
  electionKey: GroupElement,
  input: RowList,
  pool?: TaskRunner,
): Promise<{ output: RowList; witness: ShuffleWitness }> {
  if (input.count < 1) throw new RangeError('a shuffle needs at least one row');
  if (electionKey.isIdentity()) throw new RangeError('the identity is not an election key');
  const { width } = input;
  const permutation = genPermutation(input.count);
  const key = electionKey.encode();
  const ranges = rowChunks(input.count, width, pool);
  const results = await runTasks(
    pool,
    reencryptRows,
    ranges.map(({ start, end }) => ({ electionKey: key, width, rows: gatherRows(input, permutation, start, end) })),
  );
  const bytes = new Uint8Array(input.bytes.length);
  const randomness: scalar.Scalar[] = [];
  results.forEach((r, i) => {
    bytes.set(r.rows, ranges[i]!.start * width * 64);
    for (const rho of unpackScalars(r.randomness)) randomness.push(rho);
  });
  return { output: rowList(bytes, width), witness: { permutation, randomness } };
}
