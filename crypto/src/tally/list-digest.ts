// Algorithm 10.1 CiphertextListDigest over a list kept as its encoding (docs/SPEC.md §10.1, §11.1):
//   L = Digest("evotare/v1/ciphertext-list", I2OSP(N, 4), I2OSP(w, 4), List(e))
// The board names every list of the tally by L: the mix input, each mix node's output, the list the
// trustees decrypt. Hashing the bytes directly gives the same L as ciphertextListDigest of
// ../threshold/ciphertext-list.ts on the decoded rows, without decoding 2·N·w elements.

import { u32be } from '../bytes.ts';
import { type RowList, rowList } from '../shuffle/rows.ts';
import { TAG } from '../tags.ts';
import { digest } from '../transcript.ts';

/** Algorithm 10.1 CiphertextListDigest of N ≥ 0 encoded rows of width w. */
export function rowListDigest(list: RowList): Uint8Array {
  return digest(TAG.ciphertextList, u32be(list.count), u32be(list.width), list.bytes);
}

/** The list of no rows of width w (the mix input of an election without counted ballots). */
export function emptyRowList(width: number): RowList {
  return rowList(new Uint8Array(0), width);
}
