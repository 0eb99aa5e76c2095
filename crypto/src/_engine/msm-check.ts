// A check of the engine's multi-scalar multiplication (docs/SPEC.md §2.4) against a naive sum, for
// its tests and for the benchmark's check at 1.2 million points. The naive side stays cheap: the n
// points repeat a few distinct ones, so Σ s_i·P_i = Σ_p (Σ_{i ≡ p} s_i)·P_p, a handful of scalar
// multiplications whatever n is. Inputs are written straight into engine memory.
import { toHex } from '../bytes.ts';
import { GroupElement, generatorBase } from '../group.ts';
import * as scalar from '../scalar.ts';
import { alloc, begin, memory, POINT_SIZE, readBytes, SCALAR_SIZE, wasm, writeBytes, writeScalar } from './engine.ts';

/** The engine's result and the naive sum (both as encodings in hex), and the engine's time. */
export interface MsmCheck {
  readonly got: string;
  readonly want: string;
  readonly ms: number;
}

const DISTINCT = 7;
const distinct = Array.from({ length: DISTINCT }, (_, p) =>
  generatorBase().multiply(scalar.mod(1000003n * BigInt(p + 2))),
);

/** Writes n points (point i is distinct[i mod DISTINCT]) and n random scalars below 2^255. */
function writeInputs(n: number, special: readonly bigint[]): { pts: number; ks: number } {
  const pts = alloc(n * POINT_SIZE);
  const ks = alloc(n * SCALAR_SIZE);
  for (let p = 0; p < Math.min(n, DISTINCT); p++) writeBytes(pts + p * POINT_SIZE, GroupElement._raw(distinct[p]!));
  const mem = memory();
  for (let filled = DISTINCT; filled < n; filled *= 2) {
    mem.copyWithin(pts + filled * POINT_SIZE, pts, pts + Math.min(filled, n - filled) * POINT_SIZE);
  }
  for (let at = 0; at < n * SCALAR_SIZE; at += 65536) {
    crypto.getRandomValues(
      mem.subarray(ks + at, ks + Math.min(at + 65536, n * SCALAR_SIZE)) as Uint8Array<ArrayBuffer>,
    );
  }
  for (let i = 0; i < n; i++) mem[ks + i * SCALAR_SIZE + 31]! &= 0x7f;
  for (const [i, s] of special.entries()) writeScalar(ks + i * SCALAR_SIZE, s);
  return { pts, ks };
}

/**
 * Σ_{i ≡ p} s_i for each distinct point p, adding the scalars as 32-bit words in doubles (exact for
 * fewer than 2^21 terms). Read before anything else runs on the engine: every engine call reuses
 * the scratch memory that holds the inputs.
 */
function scalarSums(ks: number, n: number): bigint[] {
  const words = new Uint32Array(memory().buffer, ks, n * 8);
  const sums = Array.from({ length: DISTINCT }, () => new Float64Array(8));
  for (let i = 0; i < n; i++) {
    const acc = sums[i % DISTINCT]!;
    for (let w = 0; w < 8; w++) acc[w]! += words[i * 8 + w]!;
  }
  return sums.map((acc) => acc.reduceRight((s, word) => (s << 32n) + BigInt(word), 0n));
}

/** The naive side: Σ_p (Σ_{i ≡ p} s_i mod ℓ)·P_p. */
function naiveSum(sums: readonly bigint[]): string {
  const total = sums.reduce((t, s, p) => t.add(distinct[p]!.multiply(scalar.mod(s))), GroupElement.identity);
  return toHex(total.encode());
}

/** Runs one engine MSM on inputs already in memory; returns its result and the naive sum. */
function compare(ks: number, n: number, run: (out: number) => void): MsmCheck {
  const sums = scalarSums(ks, n);
  const out = alloc(POINT_SIZE);
  const start = performance.now();
  run(out);
  const ms = performance.now() - start;
  const got = toHex(GroupElement._fromRaw(readBytes(out, POINT_SIZE)).encode());
  return { got, want: naiveSum(sums), ms };
}

/** msm() as group.ts calls it (the engine picks Straus or Pippenger and the window), on n random inputs. */
export function checkMsm(n: number): MsmCheck {
  begin();
  const { pts, ks } = writeInputs(n, []);
  return compare(ks, n, (out) => wasm.msm(out, pts, ks, n, alloc(wasm.msm_scratch(n))));
}

/** Pippenger with window c on n inputs, the first scalars given, the others random. */
export function checkPippenger(n: number, c: number, first: readonly bigint[] = []): MsmCheck {
  begin();
  const { pts, ks } = writeInputs(n, first);
  return compare(ks, n, (out) => wasm.pippenger(out, pts, ks, n, c, alloc(wasm.pippenger_scratch(n, c))));
}
