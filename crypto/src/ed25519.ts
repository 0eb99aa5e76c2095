// Ed25519 (RFC 8032 §5.1) on the engine's curve arithmetic, docs/SPEC.md §6. Signing uses a
// constant-time fixed-base table for the base point B; verification is the cofactored check
// [8](S·B − R − k·A) = 0 with strict decoding (canonical A and R, S < ℓ), the same acceptance rule
// as @noble/curves' ed25519.verify(…, { zip215: false }), against which it is tested. Many
// signatures can be checked at once with random weights (§6.5).
import { sha512 } from '@noble/hashes/sha2.js';
import {
  alloc,
  allocTable,
  begin,
  POINT_SIZE,
  readBytes,
  SCALAR_SIZE,
  wasm,
  writeBytes,
  writeScalar,
} from './_engine/engine.ts';
import { concatBytes, fromHex } from './bytes.ts';
import { randomWeights128 } from './random.ts';
import * as scalar from './scalar.ts';

/** A curve point in the engine's representation (not a ristretto255 element). */
type RawPoint = Uint8Array;

function decodePoint(bytes: Uint8Array): RawPoint | null {
  if (bytes.length !== 32) return null;
  begin();
  const out = alloc(POINT_SIZE);
  const inp = alloc(32);
  writeBytes(inp, bytes);
  return wasm.ed_decode(out, inp) === 1 ? readBytes(out, POINT_SIZE) : null;
}

const BASE_ENCODING = fromHex('5866666666666666666666666666666666666666666666666666666666666666');
const BASE = decodePoint(BASE_ENCODING)!;
const BASE_TABLE = allocTable();
{
  begin();
  const p = alloc(POINT_SIZE);
  writeBytes(p, BASE);
  wasm.table_build(BASE_TABLE, p);
}

/** [s]B encoded, in constant time; s < 2^255. */
function baseMultiplyEncoded(s: bigint): Uint8Array {
  begin();
  const k = alloc(SCALAR_SIZE);
  const out = alloc(POINT_SIZE);
  const enc = alloc(32);
  writeScalar(k, s);
  wasm.table_mul(out, BASE_TABLE, k);
  wasm.ed_encode(enc, out);
  return readBytes(enc, 32);
}

function leToBigInt(bytes: Uint8Array): bigint {
  let x = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) x = (x << 8n) | BigInt(bytes[i] as number);
  return x;
}

function expandSecret(secretKey: Uint8Array): { a: bigint; prefix: Uint8Array } {
  if (secretKey.length !== 32) throw new RangeError('an Ed25519 secret key is 32 bytes');
  const h = sha512(secretKey);
  const head = h.slice(0, 32);
  head[0] = (head[0] as number) & 248;
  head[31] = ((head[31] as number) & 127) | 64;
  return { a: leToBigInt(head), prefix: h.subarray(32) };
}

/** RFC 8032 §5.1.5 public key of a 32-byte secret key. */
export function publicKeyOf(secretKey: Uint8Array): Uint8Array {
  return baseMultiplyEncoded(expandSecret(secretKey).a);
}

/** RFC 8032 §5.1.6 signature of `message`. */
export function signEd25519(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  const { a, prefix } = expandSecret(secretKey);
  const A = baseMultiplyEncoded(a);
  const r = scalar.fromWide(sha512(concatBytes(prefix, message)));
  const R = baseMultiplyEncoded(r);
  const k = scalar.fromWide(sha512(concatBytes(R, A, message)));
  const s = scalar.add(r, scalar.mul(k, scalar.mod(a)));
  return concatBytes(R, scalar.encode(s));
}

/** Σ k_i·P_i on curve points, multiplied by 8: true iff the result is the neutral element. */
function cofactoredSumIsZero(points: readonly RawPoint[], scalars: readonly bigint[]): boolean {
  const n = points.length;
  begin();
  const pts = alloc(n * POINT_SIZE);
  const ks = alloc(n * SCALAR_SIZE);
  const out = alloc(POINT_SIZE);
  for (let i = 0; i < n; i++) {
    writeBytes(pts + i * POINT_SIZE, points[i]!);
    writeScalar(ks + i * SCALAR_SIZE, scalars[i]!);
  }
  const scratch = alloc(wasm.msm_scratch(n));
  wasm.msm(out, pts, ks, n, scratch);
  return wasm.ed_mul8_is_identity(out) === 1;
}

export interface SignatureCheck {
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
  readonly publicKey: Uint8Array;
}

interface Prepared {
  readonly s: bigint;
  readonly k: bigint;
  readonly R: RawPoint;
  readonly A: RawPoint;
}

/** RFC 8032 §5.1.7 steps 1–2: sizes, S < ℓ, strict decoding of A and R, k = H(R || A || M). */
function prepare(check: SignatureCheck, keys: Map<string, RawPoint | null>): Prepared | null {
  const { message, signature, publicKey } = check;
  if (signature.length !== 64 || publicKey.length !== 32) return null;
  const s = leToBigInt(signature.subarray(32));
  if (s >= scalar.ORDER) return null;
  const id = String.fromCharCode(...publicKey);
  let A = keys.get(id);
  if (A === undefined) {
    A = decodePoint(publicKey);
    keys.set(id, A);
  }
  const R = decodePoint(signature.subarray(0, 32));
  if (A === null || R === null) return null;
  const k = scalar.fromWide(sha512(concatBytes(signature.subarray(0, 32), publicKey, message)));
  return { s, k, R, A };
}

/** RFC 8032 §5.1.7, cofactored: [8]S·B = [8]R + [8]k·A. */
export function verifyEd25519(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  return verifyEd25519Batch([{ message, signature, publicKey }])[0]!;
}

/**
 * §6.5 Checks many signatures at once: Σ z_i (S_i·B − R_i − k_i·A_i), times 8, must be the neutral
 * element, for random 128-bit z_i; on failure the batch is halved until the bad signatures are
 * found. Returns one boolean per check, exactly as verifyEd25519 would.
 */
export function verifyEd25519Batch(checks: readonly SignatureCheck[]): boolean[] {
  const keys = new Map<string, RawPoint | null>();
  const results: boolean[] = new Array(checks.length).fill(false);
  const prepared: { index: number; p: Prepared }[] = [];
  checks.forEach((c, index) => {
    const p = prepare(c, keys);
    if (p !== null) prepared.push({ index, p });
  });
  const settle = (group: typeof prepared): void => {
    if (group.length === 0) return;
    const z = randomWeights128(group.length);
    const points: RawPoint[] = [BASE];
    const scalars: bigint[] = [0n];
    const keyIndex = new Map<RawPoint, number>();
    group.forEach(({ p }, i) => {
      const zi = z[i]!;
      scalars[0] = scalar.add(scalars[0]!, scalar.mul(zi, p.s));
      points.push(p.R);
      scalars.push(scalar.neg(zi));
      const minusZk = scalar.neg(scalar.mul(zi, p.k));
      const at = keyIndex.get(p.A);
      if (at === undefined) {
        keyIndex.set(p.A, points.length);
        points.push(p.A);
        scalars.push(minusZk);
      } else {
        scalars[at] = scalar.add(scalars[at]!, minusZk);
      }
    });
    if (cofactoredSumIsZero(points, scalars)) {
      for (const { index } of group) results[index] = true;
    } else if (group.length > 1) {
      const half = group.length >> 1;
      settle(group.slice(0, half));
      settle(group.slice(half));
    }
  };
  settle(prepared);
  return results;
}

/** §6.4 A canonical encoding of a curve point whose order is not a divisor of 8. */
export function isAcceptablePublicKey(publicKey: Uint8Array): boolean {
  const A = decodePoint(publicKey);
  if (A === null) return false;
  begin();
  const p = alloc(POINT_SIZE);
  writeBytes(p, A);
  return wasm.ed_mul8_is_identity(p) === 0;
}
