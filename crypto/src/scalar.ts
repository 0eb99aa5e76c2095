// Scalars: integers modulo the ristretto255 group order ℓ (docs/SPEC.md §2.2).
// A scalar is a bigint in [0, ℓ). Its encoding is 32 bytes little-endian and must be canonical.
import { InvalidEncodingError } from './errors.ts';

/** ℓ = 2^252 + 27742317777372353535851937790883648493 (RFC 9496 §4). */
export const ORDER = 2n ** 252n + 27742317777372353535851937790883648493n;

export type Scalar = bigint;

export function mod(a: bigint): Scalar {
  const r = a % ORDER;
  return r < 0n ? r + ORDER : r;
}

export function add(a: Scalar, b: Scalar): Scalar {
  const r = a + b;
  return r >= ORDER ? r - ORDER : r;
}

export function sub(a: Scalar, b: Scalar): Scalar {
  const r = a - b;
  return r < 0n ? r + ORDER : r;
}

export function mul(a: Scalar, b: Scalar): Scalar {
  return (a * b) % ORDER;
}

export function neg(a: Scalar): Scalar {
  return a === 0n ? 0n : ORDER - a;
}

/** a^-1 mod ℓ (Fermat); a must not be 0. */
export function invert(a: Scalar): Scalar {
  if (a === 0n) throw new RangeError('scalar 0 has no inverse');
  let result = 1n;
  let base = a;
  let e = ORDER - 2n;
  while (e > 0n) {
    if (e & 1n) result = (result * base) % ORDER;
    base = (base * base) % ORDER;
    e >>= 1n;
  }
  return result;
}

/** Inverts every element of a list with one inversion (Montgomery's trick); none may be 0. */
export function invertMany(values: readonly Scalar[]): Scalar[] {
  const prefix: Scalar[] = new Array(values.length);
  let acc = 1n;
  for (let i = 0; i < values.length; i++) {
    prefix[i] = acc;
    acc = mul(acc, values[i] as Scalar);
  }
  let inv = invert(acc);
  const out: Scalar[] = new Array(values.length);
  for (let i = values.length - 1; i >= 0; i--) {
    out[i] = mul(inv, prefix[i] as Scalar);
    inv = mul(inv, values[i] as Scalar);
  }
  return out;
}

function bytesToBigIntLE(bytes: Uint8Array): bigint {
  let hex = '';
  for (let i = bytes.length - 1; i >= 0; i--) hex += (bytes[i] as number).toString(16).padStart(2, '0');
  return hex === '' ? 0n : BigInt(`0x${hex}`);
}

/** §2.2 DecodeScalar: 32 bytes little-endian, value below ℓ. */
export function decode(bytes: Uint8Array): Scalar {
  if (bytes.length !== 32) throw new InvalidEncodingError('scalar', `expected 32 bytes, got ${bytes.length}`);
  const s = bytesToBigIntLE(bytes);
  if (s >= ORDER) throw new InvalidEncodingError('scalar', 'not reduced modulo the group order');
  return s;
}

/** §2.2 EncodeScalar: defined for 0 ≤ s < ℓ only, so that every encoding it emits decodes. */
export function encode(s: Scalar): Uint8Array {
  if (s < 0n || s >= ORDER) throw new RangeError('scalar out of range');
  const out = new Uint8Array(32);
  const hex = s.toString(16).padStart(64, '0');
  for (let i = 0; i < 32; i++) out[i] = Number.parseInt(hex.slice(62 - 2 * i, 64 - 2 * i), 16);
  return out;
}

/** §2.2 ScalarFromWide: 64 bytes little-endian reduced modulo ℓ (bias below 2^-259). */
export function fromWide(bytes: Uint8Array): Scalar {
  if (bytes.length !== 64) throw new RangeError('expected 64 bytes');
  return bytesToBigIntLE(bytes) % ORDER;
}

/** §2.2 RandomScalar: uniform in [0, ℓ) from the platform CSPRNG. */
export function random(): Scalar {
  return fromWide(crypto.getRandomValues(new Uint8Array(64)));
}

/** Uniform in [1, ℓ). */
export function randomNonZero(): Scalar {
  for (;;) {
    const s = random();
    if (s !== 0n) return s;
  }
}
