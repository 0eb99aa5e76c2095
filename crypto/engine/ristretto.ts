// ristretto255 (RFC 9496 §4): decoding, encoding, equality and the one-way map, over the curve
// points of ./point. Variable names follow the RFC's pseudocode (docs/SPEC.md §2.1).
import {
  FE, fe_0, fe_1, fe_add, fe_sub, fe_mul, fe_sq, fe_neg, fe_copy, fe_cmov, fe_abs, fe_eq, fe_iszero,
  fe_isnegative, fe_frombytes, fe_tobytes, fe_pow22523, fe_carry,
} from "./field";
import { reserve, release } from "./memory";
import { P3, X, Y, Z, T, p3_add } from "./point";
import { D, SQRT_M1, SQRT_AD_MINUS_ONE, INVSQRT_A_MINUS_D, ONE_MINUS_D_SQ, D_MINUS_ONE_SQ } from "./constants";

/** RFC 9496 §4.2 SQRT_RATIO_M1(u, v): writes r and returns was_square. */
export function sqrt_ratio_m1(r: usize, u: usize, v: usize): i32 {
  const t = reserve(5 * FE);
  const v3 = t, v7 = t + FE, check = t + 2 * FE, un = t + 3 * FE, rp = t + 4 * FE;
  fe_sq(v3, v);
  fe_mul(v3, v3, v); //                   v^3
  fe_sq(v7, v3);
  fe_mul(v7, v7, v); //                   v^7
  fe_mul(r, u, v7);
  fe_pow22523(r, r); //                   (u v^7)^((p-5)/8)
  fe_mul(r, r, v3);
  fe_mul(r, r, u); //                     r = (u v^3) (u v^7)^((p-5)/8)
  fe_sq(check, r);
  fe_mul(check, check, v); //             check = v r^2
  fe_neg(un, u);
  const correct_sign_sqrt = fe_eq(check, u);
  const flipped_sign_sqrt = fe_eq(check, un);
  fe_mul(rp, un, SQRT_M1);
  const flipped_sign_sqrt_i = fe_eq(check, rp);
  fe_mul(rp, r, SQRT_M1);
  fe_cmov(r, rp, flipped_sign_sqrt | flipped_sign_sqrt_i);
  fe_abs(r, r);
  release(5 * FE);
  return correct_sign_sqrt | flipped_sign_sqrt;
}

/** RFC 9496 §4.3.1 Decode. Returns 1 and writes p (P3) for a valid canonical encoding, else 0. */
export function ristretto_decode(p: usize, bytes: usize): i32 {
  const t = reserve(9 * FE + 32);
  const s = t, ss = t + FE, u1 = t + 2 * FE, u2 = t + 3 * FE, u2_sqr = t + 4 * FE, v = t + 5 * FE;
  const invsqrt = t + 6 * FE, den_x = t + 7 * FE, den_y = t + 8 * FE, again = t + 9 * FE;
  let ok: i32 = 1;
  // The encoding must be canonical (the unique little-endian encoding of a value below p, which
  // also excludes a set top bit) and non-negative.
  fe_frombytes(s, bytes);
  fe_tobytes(again, s);
  for (let i: usize = 0; i < 32; i += 8) if (load<u64>(again + i) != load<u64>(bytes + i)) ok = 0;
  if (ok == 1 && fe_isnegative(s) == 1) ok = 0;
  if (ok == 1) {
    fe_sq(ss, s);
    fe_1(u1);
    fe_sub(u1, u1, ss); //                u1 = 1 + a s^2, a = -1
    fe_1(u2);
    fe_add(u2, u2, ss); //                u2 = 1 - a s^2
    fe_sq(u2_sqr, u2);
    fe_sq(v, u1);
    fe_mul(v, v, D);
    fe_neg(v, v);
    fe_sub(v, v, u2_sqr); //              v = -(D u1^2) - u2^2
    fe_mul(den_x, v, u2_sqr);
    fe_1(den_y);
    const was_square = sqrt_ratio_m1(invsqrt, den_y, den_x);
    fe_mul(den_x, invsqrt, u2);
    fe_mul(den_y, invsqrt, den_x);
    fe_mul(den_y, den_y, v);
    fe_add(p + X, s, s);
    fe_mul(p + X, p + X, den_x);
    fe_abs(p + X, p + X); //              x = |2 s den_x|
    fe_mul(p + Y, u1, den_y); //          y = u1 den_y
    fe_1(p + Z);
    fe_mul(p + T, p + X, p + Y);
    if (was_square == 0 || fe_isnegative(p + T) == 1 || fe_iszero(p + Y) == 1) ok = 0;
  }
  release(9 * FE + 32);
  return ok;
}

/** RFC 9496 §4.3.2 Encode: writes the canonical 32 bytes of p. */
export function ristretto_encode(bytes: usize, p: usize): void {
  const t = reserve(12 * FE);
  const u1 = t, u2 = t + FE, invsqrt = t + 2 * FE, den1 = t + 3 * FE, den2 = t + 4 * FE;
  const z_inv = t + 5 * FE, ix0 = t + 6 * FE, iy0 = t + 7 * FE, ench = t + 8 * FE;
  const x = t + 9 * FE, y = t + 10 * FE, tmp = t + 11 * FE;
  fe_add(u1, p + Z, p + Y);
  fe_sub(tmp, p + Z, p + Y);
  fe_mul(u1, u1, tmp); //                 u1 = (z0 + y0)(z0 - y0)
  fe_mul(u2, p + X, p + Y); //            u2 = x0 y0
  fe_sq(tmp, u2);
  fe_mul(tmp, tmp, u1);
  fe_1(den1);
  sqrt_ratio_m1(invsqrt, den1, tmp); //    invsqrt = 1/sqrt(u1 u2^2)
  fe_mul(den1, invsqrt, u1);
  fe_mul(den2, invsqrt, u2);
  fe_mul(z_inv, den1, den2);
  fe_mul(z_inv, z_inv, p + T);
  fe_mul(ix0, p + X, SQRT_M1);
  fe_mul(iy0, p + Y, SQRT_M1);
  fe_mul(ench, den1, INVSQRT_A_MINUS_D);
  fe_mul(tmp, p + T, z_inv);
  const rotate = fe_isnegative(tmp);
  fe_copy(x, p + X);
  fe_copy(y, p + Y);
  fe_cmov(x, iy0, rotate);
  fe_cmov(y, ix0, rotate);
  fe_cmov(den2, ench, rotate); //          den_inv
  fe_mul(tmp, x, z_inv);
  const negate_y = fe_isnegative(tmp);
  fe_neg(tmp, y);
  fe_cmov(y, tmp, negate_y);
  fe_sub(tmp, p + Z, y);
  fe_mul(tmp, den2, tmp);
  fe_abs(tmp, tmp); //                     s = |den_inv (z - y)|
  fe_tobytes(bytes, tmp);
  release(12 * FE);
}

/** RFC 9496 §4.5 Equals. */
export function ristretto_eq(p: usize, q: usize): i32 {
  const t = reserve(2 * FE);
  fe_mul(t, p + X, q + Y);
  fe_mul(t + FE, p + Y, q + X);
  const a = fe_eq(t, t + FE);
  fe_mul(t, p + Y, q + Y);
  fe_mul(t + FE, p + X, q + X);
  const b = fe_eq(t, t + FE);
  release(2 * FE);
  return a | b;
}

/** The identity test, Equals(p, identity): X = 0 or Y = 0. */
export function ristretto_is_identity(p: usize): i32 {
  return fe_iszero(p + X) | fe_iszero(p + Y);
}

/** RFC 9496 §4.3.4 MAP(t) (Elligator 2 variant); writes a P3 point. */
function ristretto_map(p: usize, t: usize): void {
  const m = reserve(9 * FE);
  const r = m, u = m + FE, v = m + 2 * FE, s = m + 3 * FE, sp = m + 4 * FE, c = m + 5 * FE;
  const n = m + 6 * FE, w0 = m + 7 * FE, tmp = m + 8 * FE;
  fe_sq(r, t);
  fe_mul(r, r, SQRT_M1); //               r = SQRT_M1 t^2
  fe_1(tmp);
  fe_add(u, r, tmp);
  fe_mul(u, u, ONE_MINUS_D_SQ); //        u = (r + 1) ONE_MINUS_D_SQ
  fe_mul(v, r, D);
  fe_neg(v, v);
  fe_sub(v, v, tmp); //                   -1 - r D
  fe_add(c, r, D);
  fe_mul(v, v, c); //                     v = (-1 - r D)(r + D)
  const was_square = sqrt_ratio_m1(s, u, v);
  fe_mul(sp, s, t);
  fe_abs(sp, sp);
  fe_neg(sp, sp); //                      s' = -|s t|
  fe_cmov(s, sp, 1 - was_square);
  fe_1(c);
  fe_neg(c, c);
  fe_cmov(c, r, 1 - was_square); //       c = -1 if was_square else r
  fe_sub(n, r, tmp);
  fe_mul(n, n, c);
  fe_mul(n, n, D_MINUS_ONE_SQ);
  fe_sub(n, n, v); //                     N = c (r - 1) D_MINUS_ONE_SQ - v
  fe_carry(n);
  fe_add(w0, s, s);
  fe_mul(w0, w0, v); //                   w0 = 2 s v
  fe_mul(n, n, SQRT_AD_MINUS_ONE); //     w1 = N SQRT_AD_MINUS_ONE
  fe_sq(u, s);
  fe_sub(r, tmp, u); //                   w2 = 1 - s^2
  fe_add(v, tmp, u); //                   w3 = 1 + s^2
  fe_mul(p + X, w0, v);
  fe_mul(p + Y, r, n);
  fe_mul(p + Z, n, v);
  fe_mul(p + T, w0, r);
  release(9 * FE);
}

/** RFC 9496 §4.3.4 element derivation from 64 uniform bytes. */
export function ristretto_from_uniform(p: usize, bytes: usize): void {
  const m = reserve(FE + 2 * P3);
  const q = m + FE, r = m + FE + P3;
  fe_frombytes(m, bytes); //              the top bit of each half is masked
  ristretto_map(q, m);
  fe_frombytes(m, bytes + 32);
  ristretto_map(r, m);
  p3_add(p, q, r);
  release(FE + 2 * P3);
}
