import { describe, expect, it } from 'vitest';
import { encrypt, generateKeyPair } from '../elgamal.ts';
import { InvalidEncodingError } from '../errors.ts';
import { generatorBase } from '../group.ts';
import * as scalar from '../scalar.ts';
import {
  decodeRowList,
  encodeRowList,
  gatherRows,
  packScalars,
  rowList,
  rowSlice,
  unpackElements,
  unpackScalars,
} from './rows.ts';

const { publicKey } = generateKeyPair();
const rows = [1n, 2n, 3n].map((m) => [
  encrypt(publicKey, generatorBase().multiply(m)),
  encrypt(publicKey, generatorBase().multiply(10n * m)),
]);

describe('row lists', () => {
  it('encode row after row, 64 bytes per ciphertext, and decode back', () => {
    const list = encodeRowList(rows);
    expect(list).toMatchObject({ count: 3, width: 2 });
    expect(list.bytes.length).toBe(3 * 2 * 64);
    expect(list.bytes.subarray(64 * 3, 64 * 3 + 32)).toEqual(rows[1]![1]!.a.encode());
    const back = decodeRowList(list);
    back.forEach((row, i) => {
      row.forEach((ct, k) => {
        expect(ct.a.equals(rows[i]![k]!.a) && ct.b.equals(rows[i]![k]!.b)).toBe(true);
      });
    });
  });

  it('slice and gather whole rows', () => {
    const list = encodeRowList(rows);
    expect(rowSlice(list, 1, 2)).toEqual(list.bytes.subarray(128, 256));
    const gathered = gatherRows(list, [2, 0, 1], 0, 3);
    expect(gathered.subarray(0, 128)).toEqual(rowSlice(list, 2, 3));
    expect(gathered.subarray(128, 256)).toEqual(rowSlice(list, 0, 1));
  });

  it('reject bytes that are not whole rows, rows of different widths and invalid elements', () => {
    expect(() => rowList(new Uint8Array(100), 1)).toThrow(RangeError);
    expect(() => rowList(new Uint8Array(128), 0)).toThrow(RangeError);
    expect(() => encodeRowList([rows[0]!, rows[1]!.slice(0, 1)])).toThrow(RangeError);
    const bad = encodeRowList(rows).bytes.slice();
    bad.fill(0xff, 64, 96);
    expect(() => decodeRowList(rowList(bad, 2))).toThrow(InvalidEncodingError);
  });
});

describe('packed scalars and elements', () => {
  it('round-trip and reject a scalar not below ℓ', () => {
    const s = [0n, 1n, scalar.ORDER - 1n];
    expect(unpackScalars(packScalars(s))).toEqual(s);
    const bad = packScalars([1n, scalar.ORDER - 1n]);
    bad[32] = 0xff;
    bad[63] = 0xff;
    expect(() => unpackScalars(bad)).toThrow(/scalar 1/);
    expect(() => unpackElements(new Uint8Array(33))).toThrow(InvalidEncodingError);
  });
});
