// The parts of threshold decryption (docs/SPEC.md §10) that run over chunks of a list, as tasks for
// crypto/src/parallel: the decryption shares D_m = x·A_m (Algorithm 10.2), the weighted sums
// Σ ρ_m·A_m and Σ ρ_m·D_m of the batched proof (Algorithms 10.3, 10.4), and the combination
// M_m = B_m − Σ_j λ_j·D_(j,m) (Algorithm 10.7). Lists cross threads as their encodings: a chunk of
// rows is EncodeCiphertext of each ciphertext (A then B, 64 bytes), shares are 32 bytes each.
import { type GroupElement, multiScalarMultiply } from '../group.ts';
import { defineTask, type TaskData } from '../parallel/task.ts';
import * as scalar from '../scalar.ts';
import { ELEMENT_SIZE, firstInvalidElement, packElements, unpackElements, unpackScalars } from '../shuffle/rows.ts';
import { decryptionSharesOfSlice, partialDecryptionWeights } from './partial-decryption.ts';

/** The A (half = 0) or B (half = 1) halves of encoded ciphertexts, packed. */
export function ciphertextHalves(rows: Uint8Array, half: 0 | 1): Uint8Array {
  const count = rows.length / (2 * ELEMENT_SIZE);
  const out = new Uint8Array(count * ELEMENT_SIZE);
  for (let m = 0; m < count; m++) {
    const at = (2 * m + half) * ELEMENT_SIZE;
    out.set(rows.subarray(at, at + ELEMENT_SIZE), m * ELEMENT_SIZE);
  }
  return out;
}

export interface DecryptionSharesInput {
  readonly [key: string]: TaskData;
  /** EncodeScalar(x_j). */
  readonly secretShare: Uint8Array;
  /** Encoded ciphertexts of the chunk. */
  readonly ciphertexts: Uint8Array;
}

/** Algorithm 10.2 DecryptionShares for a chunk: Encode(x_j·A_m) for each ciphertext, in constant time. */
export const decryptionSharesTask = defineTask(
  import.meta.url,
  'decryptionSharesTask',
  (input: DecryptionSharesInput): Uint8Array =>
    decryptionSharesOfSlice(scalar.decode(input.secretShare), ciphertextHalves(input.ciphertexts, 0)),
);

export interface WeightedSumsInput {
  readonly [key: string]: TaskData;
  /** The seed of Algorithm 10.3. */
  readonly seed: Uint8Array;
  /** Index (0-based) of the chunk's first ciphertext in the list. */
  readonly first: number;
  readonly ciphertexts: Uint8Array;
  /** Encode(D_m) of the chunk, or null to sum the A_m alone (the prover). */
  readonly shares: Uint8Array | null;
}

export type WeightedSumsOutput =
  | { readonly ok: true; readonly aHat: Uint8Array; readonly dHat: Uint8Array | null }
  | { readonly ok: false; readonly invalidShare: number };

/**
 * Σ ρ_m·A_m and Σ ρ_m·D_m over a chunk, ρ_m the 128-bit weights of Algorithm 10.3 (public:
 * variable-time multi-scalar multiplications). Decodes every D_m first (V10.04): an invalid one is
 * returned as its index in the list.
 */
export const weightedSumsTask = defineTask(
  import.meta.url,
  'weightedSumsTask',
  (input: WeightedSumsInput): WeightedSumsOutput => {
    const a = unpackElements(ciphertextHalves(input.ciphertexts, 0));
    let d: GroupElement[] | null = null;
    if (input.shares !== null) {
      try {
        d = unpackElements(input.shares);
      } catch (e) {
        if (!(e instanceof Error) || e.name !== 'InvalidEncodingError') throw e;
        return { ok: false, invalidShare: input.first + firstInvalidElement(input.shares) };
      }
      if (d.length !== a.length) throw new RangeError('one decryption share per ciphertext');
    }
    const rho = partialDecryptionWeights(input.seed, a.length, input.first);
    return {
      ok: true,
      aHat: multiScalarMultiply(a, rho).encode(),
      dHat: d === null ? null : multiScalarMultiply(d, rho).encode(),
    };
  },
);

export interface CombineInput {
  readonly [key: string]: TaskData;
  readonly ciphertexts: Uint8Array;
  /** Per combined trustee, Encode(D_(j,m)) of the chunk, in the order of `lambdas`. */
  readonly shares: readonly Uint8Array[];
  /** EncodeScalar(λ_j) for the trustees of `shares`. */
  readonly lambdas: Uint8Array;
}

/** Algorithm 10.7 for a chunk: Encode(B_m − Σ_j λ_j·D_(j,m)) of each ciphertext. */
export const combineTask = defineTask(import.meta.url, 'combineTask', (input: CombineInput): Uint8Array => {
  const b = unpackElements(ciphertextHalves(input.ciphertexts, 1));
  const d = input.shares.map((s) => unpackElements(s));
  const minusLambda = unpackScalars(input.lambdas).map(scalar.neg);
  const scalars = [1n, ...minusLambda];
  const out: GroupElement[] = new Array(b.length);
  for (let m = 0; m < b.length; m++) {
    out[m] = multiScalarMultiply([b[m]!, ...d.map((shares) => shares[m]!)], scalars);
  }
  return packElements(out);
});
