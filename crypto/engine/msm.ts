// Variable-time multi-scalar multiplication sum(s_i P_i) (docs/SPEC.md §2.4), for public scalars
// (verification, batch checks). Straus with width-5 NAF for few points, Pippenger's bucket method
// with signed digits for many. Points are P3, scalars 32 little-endian bytes below 2^255.
import { reserve, release } from "./memory";
import {
  P3, CACHED, P1P1, p3_identity, p3_to_cached, p3_add_cached, p3_add, p3_dbl_n, ge_add, ge_sub,
  ge_dbl, p1p1_to_p3,
} from "./point";

// Straus is faster than Pippenger up to about 200 points here (measured); its tables take
// 1.5 KiB of engine stack per point, so 128 points use 192 KiB of the 512 KiB stack.
export const STRAUS_MAX: usize = 128;

/** Width-5 NAF of a scalar: 256 digits in {0, +-1, +-3, ..., +-15}. Returns the top non-zero index + 1. */
function recode_wnaf5(naf: usize, scalar: usize): i32 {
  memory.fill(naf, 0, 256);
  let pos: u32 = 0;
  let carry: u64 = 0;
  let top: i32 = 0;
  while (pos < 256) {
    const idx = pos >> 6, bit = pos & 63;
    const lo = load<u64>(scalar + (<usize>idx << 3));
    const hi: u64 = idx < 3 ? load<u64>(scalar + (<usize>(idx + 1) << 3)) : 0;
    const buf: u64 = bit < 59 ? lo >> bit : (lo >> bit) | (hi << (64 - bit));
    const window = carry + (buf & 31);
    if ((window & 1) == 0) {
      pos += 1;
      continue;
    }
    if (window < 16) {
      carry = 0;
      store<i8>(naf + pos, <i8>window);
    } else {
      carry = 1;
      store<i8>(naf + pos, <i8>(<i32>window - 32));
    }
    top = <i32>pos + 1;
    pos += 5;
  }
  return top;
}

function msm_straus(out: usize, points: usize, scalars: usize, n: usize): void {
  const size = n * (256 + 8 * CACHED) + P3 + P1P1;
  const m = reserve(size);
  const nafs = m, tables = m + n * 256, q = tables + n * 8 * CACHED, r = q + P3;
  let top: i32 = 0;
  for (let j: usize = 0; j < n; j++) {
    const t = recode_wnaf5(nafs + j * 256, scalars + j * 32);
    if (t > top) top = t;
    // table: P, 3P, 5P, ..., 15P
    const tbl = tables + j * 8 * CACHED;
    const p = points + j * P3;
    p3_to_cached(tbl, p);
    memory.copy(q, p, P3);
    p3_dbl_n(q, 1); //                     2P
    p3_to_cached(r, q); //                 r holds cached 2P
    memory.copy(q, p, P3);
    for (let k: usize = 1; k < 8; k++) {
      p3_add_cached(q, r);
      p3_to_cached(tbl + k * CACHED, q);
    }
  }
  p3_identity(out);
  for (let i = top - 1; i >= 0; i--) {
    ge_dbl(r, out);
    p1p1_to_p3(out, r);
    for (let j: usize = 0; j < n; j++) {
      const d = <i32>load<i8>(nafs + j * 256 + <usize>i);
      if (d > 0) {
        ge_add(r, out, tables + j * 8 * CACHED + <usize>(d >> 1) * CACHED);
        p1p1_to_p3(out, r);
      } else if (d < 0) {
        ge_sub(r, out, tables + j * 8 * CACHED + <usize>((-d) >> 1) * CACHED);
        p1p1_to_p3(out, r);
      }
    }
  }
  release(size);
}

// Pippenger's window is 4 to 16 bits. A c-bit window has signed digits in [-2^(c-1), 2^(c-1)),
// stored as i16, which holds them for c <= 16 only: windows of 17 and 18 bits, once chosen above
// about 1.08M points, made the sum wrong (issue 9). Wider windows with wider digits measured slower
// than 16 bits at 1.2M and 2.4M points (their buckets outgrow the caches; docs/PERFORMANCE.md), so
// the window is capped.
export const PIPPENGER_MIN_WINDOW: u32 = 4;
export const PIPPENGER_MAX_WINDOW: u32 = 16;
const DIGIT: usize = 2;

/** Window width for Pippenger with n points: minimises (windows) x (n + 2^(c-1) bucket steps). */
export function pippenger_window(n: usize): u32 {
  let best: u32 = PIPPENGER_MIN_WINDOW;
  let bestCost: f64 = Infinity;
  for (let c: u32 = PIPPENGER_MIN_WINDOW; c <= PIPPENGER_MAX_WINDOW; c++) {
    const windows = <f64>(256 / c + 1);
    const cost = windows * (<f64>n + <f64>(1 << (c - 1)) * 2.2);
    if (cost < bestCost) {
      bestCost = cost;
      best = c;
    }
  }
  return best;
}

/** Scratch bytes for Pippenger with n points and window c. */
export function pippenger_scratch_size(n: usize, c: u32): usize {
  const windows = <usize>(256 / c + 1);
  return n * CACHED + n * windows * DIGIT + (<usize>1 << (c - 1)) * P3 + 2 * P3 + CACHED;
}

export function msm_scratch_size(n: usize): usize {
  if (n <= STRAUS_MAX) return 0;
  return pippenger_scratch_size(n, pippenger_window(n));
}

/** Pippenger's bucket method with window c (PIPPENGER_MIN_WINDOW ≤ c ≤ PIPPENGER_MAX_WINDOW). */
export function msm_pippenger(out: usize, points: usize, scalars: usize, n: usize, c: u32, scratch: usize): void {
  const windows = <usize>(256 / c + 1);
  const nb: usize = <usize>1 << (c - 1);
  const cached = scratch;
  const digits = cached + n * CACHED;
  const buckets = digits + n * windows * DIGIT;
  const running = buckets + nb * P3, sum = running + P3, tmp = sum + P3;
  const mask: u64 = (<u64>1 << c) - 1;
  const half: i32 = 1 << (c - 1);
  for (let j: usize = 0; j < n; j++) {
    p3_to_cached(cached + j * CACHED, points + j * P3);
    // signed radix-2^c digits in [-2^(c-1), 2^(c-1))
    const s = scalars + j * 32;
    let carry: i32 = 0;
    for (let w: usize = 0; w < windows; w++) {
      const pos = w * c;
      let v: i32 = 0;
      if (pos < 256) {
        const idx = pos >> 6, bit = pos & 63;
        const lo = load<u64>(s + (idx << 3));
        const hi: u64 = idx < 3 ? load<u64>(s + ((idx + 1) << 3)) : 0;
        const buf: u64 = bit + c <= 64 ? lo >> bit : (lo >> bit) | (hi << (64 - bit));
        v = <i32>(buf & mask);
      }
      v += carry;
      carry = v >= half ? 1 : 0;
      v -= carry << c;
      store<i16>(digits + (j * windows + w) * DIGIT, <i16>v);
    }
  }
  const r = reserve(P1P1);
  p3_identity(out);
  for (let w = <i32>windows - 1; w >= 0; w--) {
    if (w != <i32>windows - 1) p3_dbl_n(out, <i32>c);
    for (let b: usize = 0; b < nb; b++) p3_identity(buckets + b * P3);
    for (let j: usize = 0; j < n; j++) {
      const d = <i32>load<i16>(digits + (j * windows + <usize>w) * DIGIT);
      if (d > 0) {
        const bk = buckets + <usize>(d - 1) * P3;
        ge_add(r, bk, cached + j * CACHED);
        p1p1_to_p3(bk, r);
      } else if (d < 0) {
        const bk = buckets + <usize>(-d - 1) * P3;
        ge_sub(r, bk, cached + j * CACHED);
        p1p1_to_p3(bk, r);
      }
    }
    // sum_b (b+1) bucket[b] by running sums from the top bucket down
    p3_identity(running);
    p3_identity(sum);
    for (let b = <i32>nb - 1; b >= 0; b--) {
      p3_add(running, running, buckets + <usize>b * P3);
      p3_add(sum, sum, running);
    }
    p3_add(out, out, sum);
  }
  release(P1P1);
}

export function msm(out: usize, points: usize, scalars: usize, n: usize, scratch: usize): void {
  if (n == 0) p3_identity(out);
  else if (n <= STRAUS_MAX) msm_straus(out, points, scalars, n);
  else msm_pippenger(out, points, scalars, n, pippenger_window(n), scratch);
}
