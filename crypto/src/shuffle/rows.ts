// Lists of ciphertext rows as bytes (docs/SPEC.md §11.1), and packed lists of elements and scalars.
//
// A mix node receives N rows of w ciphertexts (one per contest) and passes on N rows. At N = 100,000
// these lists are what the node reads, hashes, splits among threads and writes, so they are kept as
// their encodings: row i, ciphertext k is EncodeCiphertext (§4.5) at bytes 64·(i·w + k) .. +64.
// Elements and scalars are decoded, and so validated, by whichever thread uses them.
import type { CiphertextRow } from '../elgamal.ts';
import { InvalidEncodingError } from '../errors.ts';
import { GroupElement } from '../group.ts';
import * as scalar from '../scalar.ts';

export const ELEMENT_SIZE = 32;
export const SCALAR_SIZE = 32;
export const CIPHERTEXT_SIZE = 64;

/** The largest byte length a length-prefixed field can have (§1.1 LP): 2^32 − 1. */
export const MAX_FIELD_SIZE = 0xffffffff;

/** N rows of w ciphertexts, encoded row after row. */
export interface RowList {
  readonly count: number;
  readonly width: number;
  readonly bytes: Uint8Array;
}

/** Wraps encoded rows, checking only the shape (elements are decoded where they are used). */
export function rowList(bytes: Uint8Array, width: number): RowList {
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`a row has at least one ciphertext, got ${width}`);
  const rowSize = width * CIPHERTEXT_SIZE;
  if (bytes.length % rowSize !== 0) {
    throw new RangeError(`${bytes.length} bytes is not a whole number of rows of ${rowSize} bytes`);
  }
  if (bytes.length > MAX_FIELD_SIZE) throw new RangeError('row list too long');
  return { count: bytes.length / rowSize, width, bytes };
}

/** Encodes rows that all have the same width. */
export function encodeRowList(rows: readonly CiphertextRow[]): RowList {
  const width = rows[0]?.length ?? 0;
  const bytes = new Uint8Array(rows.length * width * CIPHERTEXT_SIZE);
  rows.forEach((row, i) => {
    if (row.length !== width) throw new RangeError(`row ${i} has ${row.length} ciphertexts, row 0 has ${width}`);
    row.forEach((ct, k) => {
      const at = (i * width + k) * CIPHERTEXT_SIZE;
      bytes.set(ct.a.encode(), at);
      bytes.set(ct.b.encode(), at + ELEMENT_SIZE);
    });
  });
  return { count: rows.length, width, bytes };
}

/** Decodes every row; throws InvalidEncodingError on the first invalid element. */
export function decodeRowList(list: RowList): CiphertextRow[] {
  const elements = unpackElements(list.bytes);
  const rows: CiphertextRow[] = [];
  for (let i = 0; i < list.count; i++) {
    const row = [];
    for (let k = 0; k < list.width; k++) {
      const at = 2 * (i * list.width + k);
      row.push({ a: elements[at]!, b: elements[at + 1]! });
    }
    rows.push(row);
  }
  return rows;
}

/** The bytes of rows start .. end-1 (a view, not a copy). */
export function rowSlice(list: RowList, start: number, end: number): Uint8Array {
  const rowSize = list.width * CIPHERTEXT_SIZE;
  return list.bytes.subarray(start * rowSize, end * rowSize);
}

/** The rows order[start], …, order[end-1] of `list`, copied into one buffer. */
export function gatherRows(list: RowList, order: ArrayLike<number>, start: number, end: number): Uint8Array {
  const rowSize = list.width * CIPHERTEXT_SIZE;
  const out = new Uint8Array((end - start) * rowSize);
  for (let i = start; i < end; i++) {
    const from = order[i]! * rowSize;
    out.set(list.bytes.subarray(from, from + rowSize), (i - start) * rowSize);
  }
  return out;
}

/** Decodes concatenated 32-byte encodings. On failure, the error names the first invalid one. */
export function unpackElements(bytes: Uint8Array): GroupElement[] {
  if (bytes.length % ELEMENT_SIZE !== 0) {
    throw new InvalidEncodingError('group element list', `${bytes.length} bytes is not a multiple of 32`);
  }
  const list: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += ELEMENT_SIZE) list.push(bytes.subarray(at, at + ELEMENT_SIZE));
  return GroupElement.decodeMany(list);
}

export function packElements(elements: readonly GroupElement[]): Uint8Array {
  const out = new Uint8Array(elements.length * ELEMENT_SIZE);
  elements.forEach((e, i) => {
    out.set(e.encode(), i * ELEMENT_SIZE);
  });
  return out;
}

/** Decodes concatenated 32-byte scalars, each below ℓ (§2.2 DecodeScalar). */
export function unpackScalars(bytes: Uint8Array): scalar.Scalar[] {
  if (bytes.length % SCALAR_SIZE !== 0) {
    throw new InvalidEncodingError('scalar list', `${bytes.length} bytes is not a multiple of 32`);
  }
  const out: scalar.Scalar[] = new Array(bytes.length / SCALAR_SIZE);
  for (let i = 0; i < out.length; i++) {
    try {
      out[i] = scalar.decode(bytes.subarray(i * SCALAR_SIZE, (i + 1) * SCALAR_SIZE));
    } catch (e) {
      if (e instanceof InvalidEncodingError) throw new InvalidEncodingError('scalar', `scalar ${i}: ${e.message}`);
      throw e;
    }
  }
  return out;
}

export function packScalars(scalars: readonly scalar.Scalar[]): Uint8Array {
  const out = new Uint8Array(scalars.length * SCALAR_SIZE);
  scalars.forEach((s, i) => {
    out.set(scalar.encode(s), i * SCALAR_SIZE);
  });
  return out;
}

/**
 * Index of the first invalid 32-byte encoding in `bytes`, or -1. For error messages only: it
 * decodes one element at a time.
 */
export function firstInvalidElement(bytes: Uint8Array): number {
  for (let i = 0; i * ELEMENT_SIZE < bytes.length; i++) {
    try {
      GroupElement.decode(bytes.subarray(i * ELEMENT_SIZE, (i + 1) * ELEMENT_SIZE));
    } catch {
      return i;
    }
  }
  return -1;
}
