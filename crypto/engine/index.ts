// The engine's exported interface (docs/SPEC.md §2.4). All arguments are addresses in linear
// memory chosen by the host (crypto/src/group/engine.ts); points are 160-byte P3 values, scalars 32
// little-endian bytes below 2^255, encodings 32 bytes.
import { initStack } from "./memory";
import { initConstants } from "./constants";
import { P3, p3_add, p3_sub, p3_neg } from "./point";
import { ristretto_decode, ristretto_encode, ristretto_eq, ristretto_is_identity, ristretto_from_uniform } from "./ristretto";
import { mul_ct, fixed_table_build, fixed_mul_ct, FIXED_TABLE } from "./scalarmult";
import {
  msm as msm_vartime, msm_scratch_size, msm_pippenger, pippenger_scratch_size, pippenger_window,
  PIPPENGER_MIN_WINDOW, PIPPENGER_MAX_WINDOW,
} from "./msm";
import { ed25519_decode, ed25519_encode, mul8_is_identity } from "./edwards";

export function init(stackTop: usize, stackLimit: usize): void {
  initStack(stackTop, stackLimit);
  initConstants();
}

export function point_size(): usize {
  return P3;
}

export function fixed_table_size(): usize {
  return FIXED_TABLE;
}

export function decode(out: usize, bytes: usize): i32 {
  return ristretto_decode(out, bytes);
}

/** Decodes n encodings; returns the index of the first invalid one, or -1 if all are valid. */
export function decode_batch(out: usize, bytes: usize, n: usize): i32 {
  for (let i: usize = 0; i < n; i++) {
    if (ristretto_decode(out + i * P3, bytes + i * 32) == 0) return <i32>i;
  }
  return -1;
}

export function encode(out: usize, p: usize): void {
  ristretto_encode(out, p);
}

export function encode_batch(out: usize, points: usize, n: usize): void {
  for (let i: usize = 0; i < n; i++) ristretto_encode(out + i * 32, points + i * P3);
}

export function equals(p: usize, q: usize): i32 {
  return ristretto_eq(p, q);
}

export function is_identity(p: usize): i32 {
  return ristretto_is_identity(p);
}

export function add(out: usize, p: usize, q: usize): void {
  p3_add(out, p, q);
}

export function sub(out: usize, p: usize, q: usize): void {
  p3_sub(out, p, q);
}

export function neg(out: usize, p: usize): void {
  p3_neg(out, p);
}

export function from_uniform(out: usize, bytes: usize): void {
  ristretto_from_uniform(out, bytes);
}

export function mul(out: usize, p: usize, scalar: usize): void {
  mul_ct(out, p, scalar);
}

export function table_build(table: usize, p: usize): void {
  fixed_table_build(table, p);
}

export function table_mul(out: usize, table: usize, scalar: usize): void {
  fixed_mul_ct(out, table, scalar);
}

export function table_mul_batch(out: usize, table: usize, scalars: usize, n: usize): void {
  for (let i: usize = 0; i < n; i++) fixed_mul_ct(out + i * P3, table, scalars + i * 32);
}

export function msm_scratch(n: usize): usize {
  return msm_scratch_size(n);
}

export function msm(out: usize, points: usize, scalars: usize, n: usize, scratch: usize): void {
  msm_vartime(out, points, scalars, n, scratch);
}

/** The Pippenger window msm() takes for n points (n > 128), so tests can find each boundary. */
export function msm_window(n: usize): u32 {
  return pippenger_window(n);
}

export function pippenger_scratch(n: usize, c: u32): usize {
  return pippenger_scratch_size(n, c);
}

/** Pippenger with a chosen window, for tests and measurements of every window at any size. */
export function pippenger(out: usize, points: usize, scalars: usize, n: usize, c: u32, scratch: usize): void {
  if (c < PIPPENGER_MIN_WINDOW || c > PIPPENGER_MAX_WINDOW || n == 0) unreachable();
  msm_pippenger(out, points, scalars, n, c, scratch);
}

/** First address after the engine's static data; the host lays out memory from here. */
export function heap_base(): usize {
  return __heap_base;
}

export function ed_decode(out: usize, bytes: usize): i32 {
  return ed25519_decode(out, bytes);
}

export function ed_encode(out: usize, p: usize): void {
  ed25519_encode(out, p);
}

export function ed_mul8_is_identity(p: usize): i32 {
  return mul8_is_identity(p);
}
