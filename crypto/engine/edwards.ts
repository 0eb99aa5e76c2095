// Ed25519 point encoding (RFC 8032 §5.1.2–5.1.3) over the curve points of ./point, for signature
// verification and signing (docs/SPEC.md §6). These are curve points, not ristretto255 elements.
import {
  FE, fe_1, fe_add, fe_sub, fe_mul, fe_sq, fe_neg, fe_eq, fe_iszero, fe_isnegative, fe_frombytes, fe_tobytes,
  fe_pow22523, fe_invert,
} from "./field";
import { reserve, release } from "./memory";
import { P3, X, Y, Z, T, p3_dbl_n } from "./point";
import { D, SQRT_M1 } from "./constants";

/**
 * RFC 8032 §5.1.3 decoding, strict: y must be below p (canonical) and x = 0 with the sign bit set is
 * rejected. Returns 1 and writes p (P3), or 0.
 */
export function ed25519_decode(p: usize, bytes: usize): i32 {
  const t = reserve(5 * FE + 32);
  const u = t, v = t + FE, v3 = t + 2 * FE, vxx = t + 3 * FE, check = t + 4 * FE, again = t + 5 * FE;
  let ok: i32 = 1;
  const sign = <i32>(load<u8>(bytes, 31) >> 7);
  fe_frombytes(p + Y, bytes);
  // canonical: re-encoding y (top bit cleared) must give the input without its sign bit
  fe_tobytes(again, p + Y);
  store<u8>(again, load<u8>(again, 31) | <u8>(sign << 7), 31);
  for (let i: usize = 0; i < 32; i += 8) if (load<u64>(again + i) != load<u64>(bytes + i)) ok = 0;
  if (ok == 1) {
    fe_1(p + Z);
    fe_sq(u, p + Y);
    fe_mul(v, u, D);
    fe_sub(u, u, p + Z); //                 u = y^2 - 1
    fe_add(v, v, p + Z); //                 v = d y^2 + 1
    fe_sq(v3, v);
    fe_mul(v3, v3, v); //                   v^3
    fe_sq(p + X, v3);
    fe_mul(p + X, p + X, v);
    fe_mul(p + X, p + X, u); //             u v^7
    fe_pow22523(p + X, p + X);
    fe_mul(p + X, p + X, v3);
    fe_mul(p + X, p + X, u); //             x = u v^3 (u v^7)^((p-5)/8)
    fe_sq(vxx, p + X);
    fe_mul(vxx, vxx, v); //                 v x^2
    fe_sub(check, vxx, u);
    if (fe_iszero(check) == 0) {
      fe_add(check, vxx, u);
      if (fe_iszero(check) == 0) ok = 0;
      else fe_mul(p + X, p + X, SQRT_M1);
    }
    if (ok == 1) {
      if (fe_iszero(p + X) == 1 && sign == 1) ok = 0;
      if (fe_isnegative(p + X) != sign) fe_neg(p + X, p + X);
      fe_mul(p + T, p + X, p + Y);
    }
  }
  release(5 * FE + 32);
  return ok;
}

/** RFC 8032 §5.1.2 encoding of p. */
export function ed25519_encode(bytes: usize, p: usize): void {
  const t = reserve(3 * FE);
  fe_invert(t, p + Z);
  fe_mul(t + FE, p + X, t);
  fe_mul(t + 2 * FE, p + Y, t);
  fe_tobytes(bytes, t + 2 * FE);
  store<u8>(bytes, load<u8>(bytes, 31) | <u8>(fe_isnegative(t + FE) << 7), 31);
  release(3 * FE);
}

/** 1 if [8]p is the neutral element of the curve (X = 0 and Y = Z): the cofactored check of RFC 8032. */
export function mul8_is_identity(p: usize): i32 {
  const q = reserve(P3);
  memory.copy(q, p, P3);
  p3_dbl_n(q, 3);
  const r = fe_iszero(q + X) & fe_eq(q + Y, q + Z);
  release(P3);
  return r;
}

