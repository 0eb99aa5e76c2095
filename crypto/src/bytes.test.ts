// Byte strings and their text forms (docs/SPEC.md §1.1, §1.2): every byte string has exactly one
// base64url and one hex form, and the decoders accept nothing else.
import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  concatBytes,
  equalBytes,
  fromBase64Url,
  fromHex,
  fromUtf8,
  lengthPrefixed,
  toBase64Url,
  toHex,
  u32be,
  u64be,
  utf8,
} from './bytes.ts';
import { InvalidEncodingError } from './errors.ts';

const arbBytes = fc.uint8Array({ maxLength: 100 });
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('base64url (RFC 4648 §5, no padding)', () => {
  it('round-trips and matches Node’s own encoder', () => {
    fc.assert(
      fc.property(arbBytes, (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(fromBase64Url(text)).toEqual(bytes);
        expect(fromBase64Url(text, bytes.length)).toEqual(bytes);
      }),
    );
  });

  it('has the RFC 4648 §10 test vectors (padding removed)', () => {
    const cases = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of cases) {
      expect(toBase64Url(utf8(plain!))).toBe(encoded);
      expect(fromUtf8(fromBase64Url(encoded!))).toBe(plain);
    }
    expect(toBase64Url(Uint8Array.of(0xfb, 0xff))).toBe('-_8');
  });

  it.each([
    ['padding', 'Zg=='],
    ['padding after a full group', 'Zm9v='],
    ['one padding character', 'Zm8='],
    ['the standard alphabet +', 'ab+c'],
    ['the standard alphabet /', 'ab/c'],
    ['a space', 'Zm9 v'],
    ['a line break', 'Zm9v\nYmFy'],
    ['a non-ASCII character', 'Zm9é'],
    ['a dot', 'Zm9.'],
  ])('rejects %s', (_name, text) => {
    expect(() => fromBase64Url(text)).toThrow(InvalidEncodingError);
  });

  it.each([
    ['Zh', 'f, the 4 unused bits 0001'],
    ['Zm9', 'fo, the 2 unused bits 01'],
    ['Zm-', 'fo, the 2 unused bits 10'],
    ['_x', '0xff, the 4 unused bits 0001'],
  ])('rejects non-zero unused bits: %s (%s)', (text) => {
    expect(() => fromBase64Url(text)).toThrow(/non-zero trailing bits/);
  });

  it('accepts the same characters with zero unused bits', () => {
    expect(fromBase64Url('Zg')).toEqual(utf8('f'));
    expect(fromBase64Url('Zm8')).toEqual(utf8('fo'));
    expect(fromBase64Url('_w')).toEqual(Uint8Array.of(0xff));
  });

  it('rejects every length ≡ 1 (mod 4)', () => {
    for (const text of ['A', 'AAAAA', 'AAAAAAAAA']) expect(() => fromBase64Url(text)).toThrow(/impossible length/);
  });

  it('rejects a valid text of another length than expected', () => {
    const text = toBase64Url(new Uint8Array(32));
    expect(fromBase64Url(text, 32)).toHaveLength(32);
    expect(() => fromBase64Url(text, 31)).toThrow(InvalidEncodingError);
    expect(() => fromBase64Url(text, 33)).toThrow(InvalidEncodingError);
    expect(() => fromBase64Url('', 32)).toThrow(InvalidEncodingError);
  });

  it('accepts a text only if it is the encoding of what it decodes to', () => {
    const arbText = fc.string({ unit: fc.constantFrom(...B64URL, '=', '+', '/', ' '), maxLength: 24 });
    fc.assert(
      fc.property(arbText, (text) => {
        let decoded: Uint8Array | undefined;
        try {
          decoded = fromBase64Url(text);
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidEncodingError);
        }
        if (decoded !== undefined) expect(toBase64Url(decoded)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('hex (lower case only)', () => {
  it('round-trips and matches Node’s own encoder', () => {
    fc.assert(
      fc.property(arbBytes, (bytes) => {
        const text = toHex(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('hex'));
        expect(fromHex(text)).toEqual(bytes);
      }),
    );
  });

  it.each([
    ['upper case', 'AB'],
    ['mixed case', 'aB'],
    ['an odd length', 'abc'],
    ['a non-hex digit', 'zz'],
    ['a 0x prefix', '0x00'],
    ['white space', 'ab cd'],
    ['a sign', '-1'],
  ])('rejects %s', (_name, text) => {
    expect(() => fromHex(text)).toThrow(InvalidEncodingError);
  });

  it('accepts a text only if it is the encoding of what it decodes to', () => {
    const arbText = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFxg '), maxLength: 12 });
    fc.assert(
      fc.property(arbText, (text) => {
        let decoded: Uint8Array | undefined;
        try {
          decoded = fromHex(text);
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidEncodingError);
        }
        if (decoded !== undefined) expect(toHex(decoded)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('integers and length prefixes (§1.1)', () => {
  it('I2OSP(n, 4) and I2OSP(n, 8) are big-endian', () => {
    expect(u32be(0)).toEqual(new Uint8Array(4));
    expect(u32be(0x01020304)).toEqual(Uint8Array.of(1, 2, 3, 4));
    expect(u32be(0xffffffff)).toEqual(Uint8Array.of(255, 255, 255, 255));
    expect(u64be(0x0102030405)).toEqual(Uint8Array.of(0, 0, 0, 1, 2, 3, 4, 5));
    expect(u64be(Number.MAX_SAFE_INTEGER)).toEqual(Uint8Array.of(0, 0x1f, 255, 255, 255, 255, 255, 255));
  });

  it('refuse what is not an unsigned integer of their size', () => {
    for (const n of [-1, 2 ** 32, 1.5, Number.NaN]) expect(() => u32be(n)).toThrow(RangeError);
    for (const n of [-1, 2 ** 53, 0.5]) expect(() => u64be(n)).toThrow(RangeError);
  });

  it('LP(x) = I2OSP(len(x), 4) || x, so ("ab", "c") and ("a", "bc") differ', () => {
    fc.assert(
      fc.property(arbBytes, (x) => {
        expect(lengthPrefixed(x)).toEqual(concatBytes(u32be(x.length), x));
      }),
    );
    const ab_c = concatBytes(lengthPrefixed(utf8('ab')), lengthPrefixed(utf8('c')));
    const a_bc = concatBytes(lengthPrefixed(utf8('a')), lengthPrefixed(utf8('bc')));
    expect(equalBytes(ab_c, a_bc)).toBe(false);
    expect(concatBytes(utf8('ab'), utf8('c'))).toEqual(concatBytes(utf8('a'), utf8('bc')));
  });

  it('equalBytes is equality of contents', () => {
    fc.assert(
      fc.property(arbBytes, arbBytes, (a, b) => {
        expect(equalBytes(a, b)).toBe(toHex(a) === toHex(b));
        expect(equalBytes(a, a.slice())).toBe(true);
      }),
    );
  });

  it('fromUtf8 refuses malformed UTF-8', () => {
    expect(fromUtf8(utf8('Republica Moldova — Молдова'))).toBe('Republica Moldova — Молдова');
    for (const bad of [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf]]) {
      expect(() => fromUtf8(Uint8Array.from(bad))).toThrow();
    }
  });
});
