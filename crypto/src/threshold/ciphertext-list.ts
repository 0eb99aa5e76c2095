// The list that the trustees decrypt (docs/SPEC.md §10.1, Algorithm 10.1 CiphertextListDigest):
// N rows of width w (one ciphertext per contest), flattened row by row into M = N·w ciphertexts.
//   L = SHA512(LP(UTF8("evotare/v1/ciphertext-list")) || LP(I2OSP(N, 4)) || LP(I2OSP(w, 4))
//              || LP(EncodeCiphertext(c_1) || … || EncodeCiphertext(c_M)))[0..32]
// which is Digest(tag, I2OSP(N, 4), I2OSP(w, 4), concatenated ciphertexts) of §3.3, streamed.
import { sha512 } from '@noble/hashes/sha2.js';
import { u32be, utf8 } from '../bytes.ts';
import type { Ciphertext, CiphertextRow } from '../elgamal.ts';
import type { GroupElement } from '../group.ts';
import { TAG } from '../tags.ts';

export interface CiphertextList {
  readonly rows: readonly CiphertextRow[];
  /** N. */
  readonly rowCount: number;
  /** w. */
  readonly width: number;
  /** c_1 … c_M, row by row. */
  readonly ciphertexts: readonly Ciphertext[];
  /** A_1 … A_M. */
  readonly a: readonly GroupElement[];
  /** L, the list's digest. */
  readonly digest: Uint8Array;
}

/** Algorithm 10.1 CiphertextListDigest, over rows that are already decoded and validated. */
export function ciphertextListDigest(rows: readonly CiphertextRow[]): Uint8Array {
  const width = rows[0]?.length ?? 0;
  const h = sha512.create();
  const field = (bytes: Uint8Array) => h.update(u32be(bytes.length)).update(bytes);
  field(utf8(TAG.ciphertextList));
  field(u32be(rows.length));
  field(u32be(width));
  h.update(u32be(64 * rows.length * width));
  for (const row of rows) {
    for (const ct of row) h.update(ct.a.encode()).update(ct.b.encode());
  }
  return h.digest().subarray(0, 32);
}

/** The list with its digest; N ≥ 1 rows, all of the same width w ≥ 1. */
export function ciphertextList(rows: readonly CiphertextRow[]): CiphertextList {
  const width = rows[0]?.length ?? 0;
  if (rows.length === 0 || width === 0) throw new RangeError('a list to decrypt has at least one non-empty row');
  if (rows.some((r) => r.length !== width)) throw new RangeError('all rows of a list have the same width');
  const ciphertexts = rows.flat();
  return {
    rows,
    rowCount: rows.length,
    width,
    ciphertexts,
    a: ciphertexts.map((c) => c.a),
    digest: ciphertextListDigest(rows),
  };
}
