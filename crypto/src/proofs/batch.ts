// Batch verification by random linear combination (docs/SPEC.md §5.4).
//
// Each proof reduces to linear equations Σ k_i·P_i = 0 over group elements. A BatchVerifier
// multiplies every equation by an independent random 128-bit weight z, adds them up, merging the
// coefficients of elements that are shared between equations (G, the election key, the option
// elements: the same GroupElement objects), and checks the sum with one multi-scalar
// multiplication. If any equation is false, the sum is the identity with probability at most
// 2^-128 over the weights, which the verifier draws from its CSPRNG after it has all the proofs.
import { type GroupElement, multiScalarMultiply } from '../group.ts';
import { randomWeights128 } from '../random.ts';
import * as scalar from '../scalar.ts';

/** One term k·P of a linear equation. */
export type Term = readonly [scalar.Scalar, GroupElement];

/** Σ k_i·P_i = 0. */
export type Equation = readonly Term[];

const WEIGHT_POOL = 512;

export class BatchVerifier {
  readonly #index = new Map<GroupElement, number>();
  readonly #points: GroupElement[] = [];
  readonly #scalars: scalar.Scalar[] = [];
  #pool: bigint[] = [];
  #poolAt = 0;
  #equations = 0;

  get size(): number {
    return this.#equations;
  }

  /** A random 128-bit weight, non-zero, drawn from a pool refilled 512 at a time. */
  #weight(): scalar.Scalar {
    if (this.#poolAt >= this.#pool.length) {
      this.#pool = randomWeights128(WEIGHT_POOL);
      this.#poolAt = 0;
    }
    return this.#pool[this.#poolAt++]!;
  }

  add(equation: Equation): void {
    const z = this.#weight();
    for (const [k, p] of equation) this.#addTerm(scalar.mul(z, k), p);
    this.#equations++;
  }

  #addTerm(k: scalar.Scalar, p: GroupElement): void {
    const at = this.#index.get(p);
    if (at === undefined) {
      this.#index.set(p, this.#points.length);
      this.#points.push(p);
      this.#scalars.push(k);
    } else {
      this.#scalars[at] = scalar.add(this.#scalars[at] as scalar.Scalar, k);
    }
  }

  /** True iff (with overwhelming probability) every equation added holds. */
  verify(): boolean {
    return multiScalarMultiply(this.#points, this.#scalars).isIdentity();
  }
}

/** Checks a set of equations on their own (one proof): the batch method with one member. */
export function verifyEquations(...equations: readonly Equation[]): boolean {
  const batch = new BatchVerifier();
  for (const e of equations) batch.add(e);
  return batch.verify();
}
