// Constant-time scalar multiplication (docs/SPEC.md §2.4): by a variable point, and by a fixed
// point through a precomputed table. Used wherever the scalar is secret (encryption randomness,
// proof nonces, secret keys). Scalars are 32 little-endian bytes below 2^255.
import { FE, fe_mul, fe_copy, fe_invert } from "./field";
import { reserve, release } from "./memory";
import {
  P3, CACHED, NIELS, Z, p3_identity, cached_identity, niels_identity, p3_to_cached, p3_add,
  p3_add_cached, p3_add_niels, p3_dbl_n, cached_cmov, cached_cneg, niels_cmov, niels_cneg, p3_to_niels,
} from "./point";

/** Signed radix-16 digits e[0..63] in [-8, 8) with scalar = sum e[i] 16^i (ref10). */
export function recode_radix16(e: usize, scalar: usize): void {
  for (let i: usize = 0; i < 32; i++) {
    const b = load<u8>(scalar + i);
    store<i8>(e + 2 * i, <i8>(b & 15));
    store<i8>(e + 2 * i + 1, <i8>(b >> 4));
  }
  let carry: i32 = 0;
  for (let i: usize = 0; i < 63; i++) {
    let d = <i32>load<i8>(e + i) + carry;
    carry = (d + 8) >> 4;
    d -= carry << 4;
    store<i8>(e + i, <i8>d);
  }
  store<i8>(e + 63, <i8>(<i32>load<i8>(e + 63) + carry));
}

/** 1 if a == b, for small non-negative a and b, without a branch. */
@inline function ct_eq(a: i32, b: i32): i32 {
  return <i32>((<u32>((a ^ b) - 1)) >>> 31);
}

@inline function ct_neg(b: i32): i32 {
  return <i32>(<u32>b >>> 31);
}

@inline function ct_abs(b: i32): i32 {
  const m = b >> 31;
  return (b ^ m) - m;
}

/** t = b * P from a table of 8 CACHED multiples [1P .. 8P], b in [-8, 8], in constant time. */
function select_cached(t: usize, table: usize, b: i32): void {
  const babs = ct_abs(b);
  cached_identity(t);
  for (let j: i32 = 1; j <= 8; j++) cached_cmov(t, table + <usize>(j - 1) * CACHED, ct_eq(babs, j));
  cached_cneg(t, ct_neg(b));
}

/** out = scalar * p in constant time (fixed signed 4-bit windows). */
export function mul_ct(out: usize, p: usize, scalar: usize): void {
  const size: usize = 64 + 8 * CACHED + P3 + CACHED;
  const m = reserve(size);
  const e = m, table = m + 64, q = table + 8 * CACHED, t = q + P3;
  recode_radix16(e, scalar);
  memory.copy(q, p, P3);
  p3_to_cached(table, q);
  for (let j: usize = 1; j < 8; j++) {
    p3_add_cached(q, table);
    p3_to_cached(table + j * CACHED, q);
  }
  p3_identity(out);
  for (let i: i32 = 63; i >= 0; i--) {
    if (i != 63) p3_dbl_n(out, 4);
    select_cached(t, table, <i32>load<i8>(e + <usize>i));
    p3_add_cached(out, t);
  }
  release(size);
}

/** A fixed-base table holds (j+1) 256^i P for i in 0..31, j in 0..7, as affine NIELS points. */
export const FIXED_TABLE: usize = 32 * 8 * NIELS;

/** Montgomery's trick: out[i] = 1 / in[i] for n field elements, with one inversion. */
export function fe_batch_invert(out: usize, input: usize, stride: usize, n: usize, scratch: usize): void {
  // scratch[i] = in[0] ... in[i]
  fe_copy(scratch, input);
  for (let i: usize = 1; i < n; i++) fe_mul(scratch + i * FE, scratch + (i - 1) * FE, input + i * stride);
  const inv = reserve(2 * FE);
  fe_invert(inv, scratch + (n - 1) * FE);
  for (let i = n - 1; i > 0; i--) {
    fe_mul(inv + FE, inv, scratch + (i - 1) * FE); //        1 / in[i]
    fe_mul(inv, inv, input + i * stride); //                 1 / (in[0] ... in[i-1])
    fe_copy(out + i * FE, inv + FE);
  }
  fe_copy(out, inv);
  release(2 * FE);
}

export function fixed_table_build(table: usize, p: usize): void {
  const n: usize = 256;
  const size: usize = n * P3 + 2 * n * FE + P3;
  const m = reserve(size);
  const pts = m, zinv = m + n * P3, scratch = zinv + n * FE, base = scratch + n * FE;
  memory.copy(base, p, P3);
  for (let i: usize = 0; i < 32; i++) {
    const row = pts + i * 8 * P3;
    memory.copy(row, base, P3);
    for (let j: usize = 1; j < 8; j++) p3_add(row + j * P3, row + (j - 1) * P3, base);
    if (i < 31) p3_dbl_n(base, 8);
  }
  fe_batch_invert(zinv, pts + Z, P3, n, scratch);
  for (let k: usize = 0; k < n; k++) p3_to_niels(table + k * NIELS, pts + k * P3, zinv + k * FE);
  release(size);
}

function select_niels(t: usize, table: usize, pos: usize, b: i32): void {
  const babs = ct_abs(b);
  niels_identity(t);
  const row = table + pos * 8 * NIELS;
  for (let j: i32 = 1; j <= 8; j++) niels_cmov(t, row + <usize>(j - 1) * NIELS, ct_eq(babs, j));
  niels_cneg(t, ct_neg(b));
}

/** out = scalar * P for the P of `table`, in constant time (ref10 ge_scalarmult_base). */
export function fixed_mul_ct(out: usize, table: usize, scalar: usize): void {
  const size: usize = 64 + NIELS;
  const m = reserve(size);
  const e = m, t = m + 64;
  recode_radix16(e, scalar);
  p3_identity(out);
  for (let i: usize = 1; i < 64; i += 2) {
    select_niels(t, table, i >> 1, <i32>load<i8>(e + i));
    p3_add_niels(out, t);
  }
  p3_dbl_n(out, 4);
  for (let i: usize = 0; i < 64; i += 2) {
    select_niels(t, table, i >> 1, <i32>load<i8>(e + i));
    p3_add_niels(out, t);
  }
  release(size);
}
