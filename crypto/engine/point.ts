// Points of the twisted Edwards curve -x^2 + y^2 = 1 + d x^2 y^2 over GF(2^255 - 19), in the
// coordinate systems of ref10 (docs/SPEC.md §2.4). ristretto255 elements are represented by any
// curve point of their coset; the group law below is the curve's and is complete (d is not a
// square), so no input needs a special case.
//
//   P3     (extended)   X, Y, Z, T     with x = X/Z, y = Y/Z, x*y = T/Z           160 bytes
//   P2     (projective) X, Y, Z                                                   120 bytes (P3 prefix)
//   P1P1   (completed)  X, Y, Z, T     with x = X/Z, y = Y/T                      160 bytes
//   CACHED              Y+X, Y-X, Z, 2d*T                                         160 bytes
//   NIELS  (affine)     y+x, y-x, 2d*x*y                                          120 bytes
import {
  FE, fe_0, fe_1, fe_add, fe_sub, fe_mul, fe_sq, fe_sq2, fe_copy, fe_cmov, fe_neg,
} from "./field";
import { reserve, release } from "./memory";
import { D2 } from "./constants";

export const P3: usize = 4 * FE;
export const P2: usize = 3 * FE;
export const P1P1: usize = 4 * FE;
export const CACHED: usize = 4 * FE;
export const NIELS: usize = 3 * FE;

// Field offsets inside a point.
export const X: usize = 0;
export const Y: usize = FE;
export const Z: usize = 2 * FE;
export const T: usize = 3 * FE;

export function p3_identity(p: usize): void {
  fe_0(p + X); fe_1(p + Y); fe_1(p + Z); fe_0(p + T);
}

export function cached_identity(c: usize): void {
  fe_1(c); fe_1(c + FE); fe_1(c + 2 * FE); fe_0(c + 3 * FE);
}

export function niels_identity(n: usize): void {
  fe_1(n); fe_1(n + FE); fe_0(n + 2 * FE);
}

export function p3_to_cached(c: usize, p: usize): void {
  fe_add(c, p + Y, p + X);
  fe_sub(c + FE, p + Y, p + X);
  fe_copy(c + 2 * FE, p + Z);
  fe_mul(c + 3 * FE, p + T, D2);
}

export function p1p1_to_p2(r: usize, p: usize): void {
  fe_mul(r + X, p + X, p + T);
  fe_mul(r + Y, p + Y, p + Z);
  fe_mul(r + Z, p + Z, p + T);
}

/** r must not alias p (true of every caller: p is always a temporary). */
export function p1p1_to_p3(r: usize, p: usize): void {
  fe_mul(r + X, p + X, p + T);
  fe_mul(r + Y, p + Y, p + Z);
  fe_mul(r + Z, p + Z, p + T);
  fe_mul(r + T, p + X, p + Y);
}

/** r = p + q (r: P1P1, p: P3, q: CACHED). */
export function ge_add(r: usize, p: usize, q: usize): void {
  const t0 = reserve(FE);
  fe_add(r + X, p + Y, p + X);
  fe_sub(r + Y, p + Y, p + X);
  fe_mul(r + Z, r + X, q);
  fe_mul(r + Y, r + Y, q + FE);
  fe_mul(r + T, q + 3 * FE, p + T);
  fe_mul(r + X, p + Z, q + 2 * FE);
  fe_add(t0, r + X, r + X);
  fe_sub(r + X, r + Z, r + Y);
  fe_add(r + Y, r + Z, r + Y);
  fe_add(r + Z, t0, r + T);
  fe_sub(r + T, t0, r + T);
  release(FE);
}

/** r = p - q (r: P1P1, p: P3, q: CACHED). */
export function ge_sub(r: usize, p: usize, q: usize): void {
  const t0 = reserve(FE);
  fe_add(r + X, p + Y, p + X);
  fe_sub(r + Y, p + Y, p + X);
  fe_mul(r + Z, r + X, q + FE);
  fe_mul(r + Y, r + Y, q);
  fe_mul(r + T, q + 3 * FE, p + T);
  fe_mul(r + X, p + Z, q + 2 * FE);
  fe_add(t0, r + X, r + X);
  fe_sub(r + X, r + Z, r + Y);
  fe_add(r + Y, r + Z, r + Y);
  fe_sub(r + Z, t0, r + T);
  fe_add(r + T, t0, r + T);
  release(FE);
}

/** r = p + q (r: P1P1, p: P3, q: NIELS). */
export function ge_madd(r: usize, p: usize, q: usize): void {
  const t0 = reserve(FE);
  fe_add(r + X, p + Y, p + X);
  fe_sub(r + Y, p + Y, p + X);
  fe_mul(r + Z, r + X, q);
  fe_mul(r + Y, r + Y, q + FE);
  fe_mul(r + T, q + 2 * FE, p + T);
  fe_add(t0, p + Z, p + Z);
  fe_sub(r + X, r + Z, r + Y);
  fe_add(r + Y, r + Z, r + Y);
  fe_add(r + Z, t0, r + T);
  fe_sub(r + T, t0, r + T);
  release(FE);
}

/** r = 2p (r: P1P1, p: P2 or P3). */
export function ge_dbl(r: usize, p: usize): void {
  const t0 = reserve(FE);
  fe_sq(r + X, p + X);
  fe_sq(r + Z, p + Y);
  fe_sq2(r + T, p + Z);
  fe_add(r + Y, p + X, p + Y);
  fe_sq(t0, r + Y);
  fe_add(r + Y, r + Z, r + X);
  fe_sub(r + Z, r + Z, r + X);
  fe_sub(r + X, t0, r + Y);
  fe_sub(r + T, r + T, r + Z);
  release(FE);
}

/** p (P3) = p + q (CACHED). */
export function p3_add_cached(p: usize, q: usize): void {
  const r = reserve(P1P1);
  ge_add(r, p, q);
  p1p1_to_p3(p, r);
  release(P1P1);
}

/** p (P3) = p + q (NIELS). */
export function p3_add_niels(p: usize, q: usize): void {
  const r = reserve(P1P1);
  ge_madd(r, p, q);
  p1p1_to_p3(p, r);
  release(P1P1);
}

/** r (P3) = p (P3) + q (P3). */
export function p3_add(r: usize, p: usize, q: usize): void {
  const c = reserve(CACHED + P1P1);
  p3_to_cached(c, q);
  ge_add(c + CACHED, p, c);
  p1p1_to_p3(r, c + CACHED);
  release(CACHED + P1P1);
}

/** r (P3) = p (P3) - q (P3). */
export function p3_sub(r: usize, p: usize, q: usize): void {
  const c = reserve(CACHED + P1P1);
  p3_to_cached(c, q);
  ge_sub(c + CACHED, p, c);
  p1p1_to_p3(r, c + CACHED);
  release(CACHED + P1P1);
}

/** p (P3) = 2^n p, n >= 1, through P2 between doublings. */
export function p3_dbl_n(p: usize, n: i32): void {
  const r = reserve(P1P1 + P2);
  const q = r + P1P1;
  ge_dbl(r, p);
  for (let i = 1; i < n; i++) {
    p1p1_to_p2(q, r);
    ge_dbl(r, q);
  }
  p1p1_to_p3(p, r);
  release(P1P1 + P2);
}

export function p3_neg(r: usize, p: usize): void {
  fe_neg(r + X, p + X);
  fe_copy(r + Y, p + Y);
  fe_copy(r + Z, p + Z);
  fe_neg(r + T, p + T);
}

/** c = -c for a CACHED point when b == 1, in constant time. */
export function cached_cneg(c: usize, b: i32): void {
  const m = reserve(2 * FE);
  fe_copy(m, c + FE); //           Y-X and Y+X swap places,
  fe_copy(m + FE, c);
  fe_cmov(c, m, b);
  fe_cmov(c + FE, m + FE, b);
  fe_neg(m, c + 3 * FE); //         and 2dT changes sign.
  fe_cmov(c + 3 * FE, m, b);
  release(2 * FE);
}

/** Same for NIELS. */
export function niels_cneg(n: usize, b: i32): void {
  const m = reserve(2 * FE);
  fe_copy(m, n + FE);
  fe_copy(m + FE, n);
  fe_cmov(n, m, b);
  fe_cmov(n + FE, m + FE, b);
  fe_neg(m, n + 2 * FE);
  fe_cmov(n + 2 * FE, m, b);
  release(2 * FE);
}

export function cached_cmov(c: usize, d: usize, b: i32): void {
  for (let i: usize = 0; i < CACHED; i += FE) fe_cmov(c + i, d + i, b);
}

export function niels_cmov(c: usize, d: usize, b: i32): void {
  for (let i: usize = 0; i < NIELS; i += FE) fe_cmov(c + i, d + i, b);
}

/** Affine NIELS form of p given zinv = 1/Z. */
export function p3_to_niels(n: usize, p: usize, zinv: usize): void {
  const t = reserve(2 * FE);
  fe_mul(t, p + X, zinv); //        x
  fe_mul(t + FE, p + Y, zinv); //   y
  fe_add(n, t + FE, t);
  fe_sub(n + FE, t + FE, t);
  fe_mul(t, t, t + FE);
  fe_mul(n + 2 * FE, t, D2);
  release(2 * FE);
}
