// The engine's multi-scalar multiplication (docs/SPEC.md §2.4) against a naive sum (msm-check.ts),
// at every Pippenger window and on both sides of every size where msm() changes method or window.
// Windows above 16 bits, which an i16 digit cannot hold, are never taken. The check at 1.2 million
// points (where msm() once took a 17-bit window and went wrong) is too slow for every CI run, about
// 10 s: `npm run bench -- crypto` runs it and fails if the sum is wrong.
import { describe, expect, it } from 'vitest';
import * as scalar from '../scalar.ts';
import { alloc, begin, wasm } from './engine.ts';
import { checkMsm, checkPippenger } from './msm-check.ts';

/** The smallest n > 128 for which msm() takes a window of at least c bits. */
function firstSizeWithWindow(c: number): number {
  let lo = 129;
  let hi = 1 << 26;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (wasm.msm_window(mid) >= c) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

describe('engine multi-scalar multiplication', () => {
  it('takes windows of 5 to 16 bits, growing with n, and never a wider one', () => {
    const sizes = [129, 1000, 10_000, 100_000, 1_000_000, 1_200_000, 3_000_000, 4_000_000_000];
    const windows = sizes.map((n) => wasm.msm_window(n));
    expect(windows).toEqual([...windows].sort((a, b) => a - b));
    expect(windows[0]).toBe(5);
    expect(windows.slice(5)).toEqual([16, 16, 16]); // 1.2M points once took 17 bits and went wrong
    begin();
    const buffers = alloc(1 << 20);
    expect(() => wasm.pippenger(buffers, buffers, buffers, 1, 17, buffers)).toThrow(WebAssembly.RuntimeError);
  });

  it('Pippenger with each window of 4 to 16 bits equals the naive sum, extreme digits included', () => {
    const n = 300;
    for (let c = 4; c <= 16; c++) {
      // Every c-bit digit 2^(c−1) (recoded to −2^(c−1) with a carry), every digit 2^(c−1) − 1, all ones.
      let allHalf = 0n;
      let allBelowHalf = 0n;
      for (let at = 0; at + c <= 255; at += c) {
        allHalf |= 1n << BigInt(at + c - 1);
        allBelowHalf |= ((1n << BigInt(c - 1)) - 1n) << BigInt(at);
      }
      const { got, want } = checkPippenger(n, c, [allHalf, allBelowHalf, (1n << 255n) - 1n, scalar.ORDER - 1n, 0n, 1n]);
      expect(got, `window ${c}`).toBe(want);
    }
  });

  it('equals the naive sum on both sides of every size where msm() changes method or window, up to 41,000 points', () => {
    const sizes = [1, 2, 127, 128, 129];
    for (let c = 6; c <= 16; c++) {
      const first = firstSizeWithWindow(c);
      expect(wasm.msm_window(first - 1)).toBeLessThan(c);
      if (first <= 41_000) sizes.push(first - 1, first);
    }
    expect(sizes.length).toBe(5 + 2 * 7); // windows 6 … 12 start below 41,000 points
    for (const n of sizes) {
      const { got, want } = checkMsm(n);
      expect(got, `${n} points`).toBe(want);
    }
  });
});
