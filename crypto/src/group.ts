// The group ristretto255 (RFC 9496), docs/SPEC.md §2.1 and §2.3.
// A GroupElement is always a valid element: it is made by decoding a canonical encoding, by the
// one-way map, or by group operations on other elements. Arithmetic runs in the WebAssembly engine
// (§2.4); this module keeps each element's internal representation, so an element is decoded once
// however often it is used.
import {
  alloc,
  allocTable,
  begin,
  ENCODING_SIZE,
  freeTable,
  POINT_SIZE,
  readBytes,
  SCALAR_SIZE,
  wasm,
  writeBytes,
  writeScalar,
} from './_engine/engine.ts';
import { InvalidEncodingError } from './errors.ts';
import type { Scalar } from './scalar.ts';

export class GroupElement {
  /** The engine's 160-byte internal representation (extended coordinates). */
  readonly #point: Uint8Array;
  #encoding: Uint8Array | undefined;

  private constructor(point: Uint8Array, encoding?: Uint8Array) {
    this.#point = point;
    this.#encoding = encoding;
  }

  /** §2.1 Decode: the canonical 32-byte encoding of an element, identity included. */
  static decode(bytes: Uint8Array): GroupElement {
    if (bytes.length !== ENCODING_SIZE) {
      throw new InvalidEncodingError('group element', `expected 32 bytes, got ${bytes.length}`);
    }
    begin();
    const out = alloc(POINT_SIZE);
    const inp = alloc(ENCODING_SIZE);
    writeBytes(inp, bytes);
    if (wasm.decode(out, inp) !== 1) {
      throw new InvalidEncodingError('group element', 'not a canonical ristretto255 encoding');
    }
    return new GroupElement(readBytes(out, POINT_SIZE), bytes.slice());
  }

  /** Decode, and reject the identity (§2.1 DecodeNonIdentity). */
  static decodeNonIdentity(bytes: Uint8Array): GroupElement {
    if (bytes.length === ENCODING_SIZE && isZero(bytes)) {
      throw new InvalidEncodingError('group element', 'identity not allowed');
    }
    return GroupElement.decode(bytes);
  }

  /**
   * Decodes many encodings at once; throws naming the first invalid one. With `nonIdentity`, the
   * identity (whose only encoding is 32 zero bytes) is invalid too.
   */
  static decodeMany(list: readonly Uint8Array[], options?: { nonIdentity?: boolean }): GroupElement[] {
    const n = list.length;
    if (n === 0) return [];
    begin();
    const inp = alloc(n * ENCODING_SIZE);
    const out = alloc(n * POINT_SIZE);
    list.forEach((bytes, i) => {
      if (bytes.length !== ENCODING_SIZE) {
        throw new InvalidEncodingError('group element', `element ${i}: expected 32 bytes, got ${bytes.length}`);
      }
      if (options?.nonIdentity && isZero(bytes)) {
        throw new InvalidEncodingError('group element', `element ${i}: identity not allowed`);
      }
      writeBytes(inp + i * ENCODING_SIZE, bytes);
    });
    const bad = wasm.decode_batch(out, inp, n);
    if (bad >= 0) {
      throw new InvalidEncodingError('group element', `element ${bad}: not a canonical ristretto255 encoding`);
    }
    const all = readBytes(out, n * POINT_SIZE);
    return list.map((bytes, i) => new GroupElement(all.subarray(i * POINT_SIZE, (i + 1) * POINT_SIZE), bytes.slice()));
  }

  /** §2.3 FromUniformBytes: RFC 9496 §4.3.4 element derivation from 64 bytes. */
  static fromUniformBytes(bytes: Uint8Array): GroupElement {
    if (bytes.length !== 64) throw new RangeError('expected 64 bytes');
    begin();
    const inp = alloc(64);
    const out = alloc(POINT_SIZE);
    writeBytes(inp, bytes);
    wasm.from_uniform(out, inp);
    return new GroupElement(readBytes(out, POINT_SIZE));
  }

  /** §2.1 Encode: the canonical 32 bytes (computed once, then cached). */
  encode(): Uint8Array {
    if (this.#encoding === undefined) {
      begin();
      const p = alloc(POINT_SIZE);
      const out = alloc(ENCODING_SIZE);
      writeBytes(p, this.#point);
      wasm.encode(out, p);
      this.#encoding = readBytes(out, ENCODING_SIZE);
    }
    return this.#encoding.slice();
  }

  equals(other: GroupElement): boolean {
    begin();
    const p = alloc(POINT_SIZE);
    const q = alloc(POINT_SIZE);
    writeBytes(p, this.#point);
    writeBytes(q, other.#point);
    return wasm.equals(p, q) === 1;
  }

  isIdentity(): boolean {
    begin();
    const p = alloc(POINT_SIZE);
    writeBytes(p, this.#point);
    return wasm.is_identity(p) === 1;
  }

  add(other: GroupElement): GroupElement {
    return this.#binary(other, wasm.add);
  }

  subtract(other: GroupElement): GroupElement {
    return this.#binary(other, wasm.sub);
  }

  negate(): GroupElement {
    begin();
    const p = alloc(POINT_SIZE);
    const out = alloc(POINT_SIZE);
    writeBytes(p, this.#point);
    wasm.neg(out, p);
    return new GroupElement(readBytes(out, POINT_SIZE));
  }

  /** s·P in constant time (for secret scalars). */
  multiply(s: Scalar): GroupElement {
    begin();
    const p = alloc(POINT_SIZE);
    const k = alloc(SCALAR_SIZE);
    const out = alloc(POINT_SIZE);
    writeBytes(p, this.#point);
    writeScalar(k, s);
    wasm.mul(out, p, k);
    return new GroupElement(readBytes(out, POINT_SIZE));
  }

  #binary(other: GroupElement, op: (out: number, p: number, q: number) => void): GroupElement {
    begin();
    const p = alloc(POINT_SIZE);
    const q = alloc(POINT_SIZE);
    const out = alloc(POINT_SIZE);
    writeBytes(p, this.#point);
    writeBytes(q, other.#point);
    op(out, p, q);
    return new GroupElement(readBytes(out, POINT_SIZE));
  }

  /** @internal Raw engine representation, for the batch operations of this module. */
  static _raw(e: GroupElement): Uint8Array {
    return e.#point;
  }

  /** @internal */
  static _fromRaw(point: Uint8Array): GroupElement {
    return new GroupElement(point);
  }

  static readonly identity: GroupElement = GroupElement.decode(new Uint8Array(32));

  /** The ristretto255 generator G (RFC 9496 §4.4). */
  static readonly generator: GroupElement = GroupElement.decode(
    Uint8Array.from([
      0xe2, 0xf2, 0xae, 0x0a, 0x6a, 0xbc, 0x4e, 0x71, 0xa8, 0x84, 0xa9, 0x61, 0xc5, 0x00, 0x51, 0x5f, 0x58, 0xe3, 0x0b,
      0x6a, 0xa5, 0x82, 0xdd, 0x8d, 0xb6, 0xa6, 0x59, 0x45, 0xe0, 0x8d, 0x2d, 0x76,
    ]),
  );
}

function isZero(bytes: Uint8Array): boolean {
  let d = 0;
  for (const b of bytes) d |= b;
  return d === 0;
}

function writePoints(at: number, points: readonly GroupElement[]): void {
  for (let i = 0; i < points.length; i++) writeBytes(at + i * POINT_SIZE, GroupElement._raw(points[i]!));
}

function readPoints(at: number, n: number): GroupElement[] {
  const all = readBytes(at, n * POINT_SIZE);
  const out: GroupElement[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = GroupElement._fromRaw(all.subarray(i * POINT_SIZE, (i + 1) * POINT_SIZE));
  return out;
}

/** Encodes many elements (each encoding is also cached on its element). */
export function encodeMany(elements: readonly GroupElement[]): Uint8Array[] {
  return elements.map((e) => e.encode());
}

/**
 * Σ s_i·P_i in variable time (§2.4 MultiScalarMultiply): for public scalars only, as in
 * verification. Straus for few points, Pippenger's bucket method for many.
 */
export function multiScalarMultiply(points: readonly GroupElement[], scalars: readonly Scalar[]): GroupElement {
  const n = points.length;
  if (scalars.length !== n) throw new RangeError('points and scalars differ in length');
  begin();
  const pts = alloc(n * POINT_SIZE);
  const ks = alloc(n * SCALAR_SIZE);
  const out = alloc(POINT_SIZE);
  writePoints(pts, points);
  for (let i = 0; i < n; i++) writeScalar(ks + i * SCALAR_SIZE, scalars[i]!);
  const scratch = alloc(wasm.msm_scratch(n));
  wasm.msm(out, pts, ks, n, scratch);
  return GroupElement._fromRaw(readBytes(out, POINT_SIZE));
}

const tableRegistry = new FinalizationRegistry<number>((at) => freeTable(at));

/**
 * A precomputed table for multiplying one fixed element (G, an election key, a generator) by
 * many scalars, in constant time (§2.4 FixedBaseMultiply). About 8 times faster than multiply().
 */
export class FixedBase {
  readonly base: GroupElement;
  readonly #table: number;

  constructor(base: GroupElement) {
    this.base = base;
    this.#table = allocTable();
    begin();
    const p = alloc(POINT_SIZE);
    writeBytes(p, GroupElement._raw(base));
    wasm.table_build(this.#table, p);
    tableRegistry.register(this, this.#table);
  }

  multiply(s: Scalar): GroupElement {
    begin();
    const k = alloc(SCALAR_SIZE);
    const out = alloc(POINT_SIZE);
    writeScalar(k, s);
    wasm.table_mul(out, this.#table, k);
    return GroupElement._fromRaw(readBytes(out, POINT_SIZE));
  }

  multiplyMany(scalars: readonly Scalar[]): GroupElement[] {
    const n = scalars.length;
    begin();
    const ks = alloc(n * SCALAR_SIZE);
    const out = alloc(n * POINT_SIZE);
    for (let i = 0; i < n; i++) writeScalar(ks + i * SCALAR_SIZE, scalars[i]!);
    wasm.table_mul_batch(out, this.#table, ks, n);
    return readPoints(out, n);
  }
}

let generatorTable: FixedBase | undefined;

/** The shared table for G. */
export function generatorBase(): FixedBase {
  generatorTable ??= new FixedBase(GroupElement.generator);
  return generatorTable;
}
