// Scalars modulo ℓ (docs/SPEC.md §2.2): field laws as fast-check properties, and the codecs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidEncodingError } from './errors.ts';
import * as scalar from './scalar.ts';

const L = scalar.ORDER;
const EDGES = [0n, 1n, 2n, L - 2n, L - 1n, 2n ** 252n, 2n ** 128n - 1n, (L - 1n) / 2n];
const arbScalar = fc.oneof(fc.bigInt({ min: 0n, max: L - 1n }), fc.constantFrom(...EDGES));
const arbNonZero = arbScalar.filter((s) => s !== 0n);

function leBytes(n: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

describe('scalar arithmetic modulo ℓ', () => {
  it('ℓ is the ristretto255 group order', () => {
    expect(L).toBe(0x1000000000000000000000000000000014def9dea2f79cd65812631a5cf5d3edn);
  });

  it('add, sub, mul, neg agree with integer arithmetic reduced modulo ℓ, and stay in [0, ℓ)', () => {
    fc.assert(
      fc.property(arbScalar, arbScalar, (a, b) => {
        const results = [scalar.add(a, b), scalar.sub(a, b), scalar.mul(a, b), scalar.neg(a)];
        expect(results).toEqual([(a + b) % L, (((a - b) % L) + L) % L, (a * b) % L, (L - a) % L]);
        for (const r of results) expect(r >= 0n && r < L).toBe(true);
      }),
    );
  });

  it('form a commutative ring', () => {
    fc.assert(
      fc.property(arbScalar, arbScalar, arbScalar, (a, b, c) => {
        const { add, mul, sub, neg } = scalar;
        expect(add(a, b)).toBe(add(b, a));
        expect(mul(a, b)).toBe(mul(b, a));
        expect(add(add(a, b), c)).toBe(add(a, add(b, c)));
        expect(mul(mul(a, b), c)).toBe(mul(a, mul(b, c)));
        expect(mul(a, add(b, c))).toBe(add(mul(a, b), mul(a, c)));
        expect(add(a, 0n)).toBe(a);
        expect(mul(a, 1n)).toBe(a);
        expect(add(a, neg(a))).toBe(0n);
        expect(sub(a, b)).toBe(add(a, neg(b)));
        expect(add(sub(a, b), b)).toBe(a);
        expect(neg(neg(a))).toBe(a);
      }),
    );
  });

  it('invert gives the multiplicative inverse, and refuses 0', () => {
    fc.assert(
      fc.property(arbNonZero, (a) => {
        const inv = scalar.invert(a);
        expect(scalar.mul(a, inv)).toBe(1n);
        expect(scalar.invert(inv)).toBe(a);
      }),
      { numRuns: 50 },
    );
    expect(() => scalar.invert(0n)).toThrow(RangeError);
  });

  it('invertMany inverts each element of lists of any length, and refuses a list holding 0', () => {
    fc.assert(
      fc.property(fc.array(arbNonZero, { maxLength: 12 }), (values) => {
        expect(scalar.invertMany(values)).toEqual(values.map(scalar.invert));
      }),
      { numRuns: 30 },
    );
    expect(scalar.invertMany([])).toEqual([]);
    expect(() => scalar.invertMany([3n, 0n, 5n])).toThrow(RangeError);
  });

  it('mod reduces any integer, negative ones included, into [0, ℓ)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 600n), max: 2n ** 600n }), (n) => {
        const r = scalar.mod(n);
        expect(r >= 0n && r < L).toBe(true);
        expect((n - r) % L).toBe(0n);
      }),
    );
  });
});

describe('EncodeScalar / DecodeScalar', () => {
  it('round-trip, as 32 bytes little-endian', () => {
    fc.assert(
      fc.property(arbScalar, (s) => {
        const bytes = scalar.encode(s);
        expect(bytes).toEqual(leBytes(s, 32));
        expect(scalar.decode(bytes)).toBe(s);
      }),
    );
  });

  it('decode rejects every value ≥ ℓ', () => {
    const tooBig = fc.oneof(
      fc.bigInt({ min: L, max: 2n ** 256n - 1n }),
      fc.constantFrom(L, L + 1n, 2n ** 253n, 2n ** 255n, 2n ** 256n - 1n),
    );
    fc.assert(
      fc.property(tooBig, (n) => {
        expect(() => scalar.decode(leBytes(n, 32))).toThrow(InvalidEncodingError);
      }),
    );
  });

  it('decode rejects lengths other than 32', () => {
    for (const n of [0, 1, 31, 33, 64]) {
      expect(() => scalar.decode(new Uint8Array(n))).toThrow(InvalidEncodingError);
    }
  });

  it('encode refuses values outside [0, ℓ), which have no canonical encoding', () => {
    for (const s of [-1n, L, L + 1n, 2n ** 255n, 2n ** 256n]) {
      expect(() => scalar.encode(s)).toThrow(RangeError);
    }
  });
});

describe('ScalarFromWide', () => {
  it('is the 64-byte little-endian integer reduced modulo ℓ', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 512n - 1n }), (n) => {
        expect(scalar.fromWide(leBytes(n, 64))).toBe(n % L);
      }),
    );
    expect(scalar.fromWide(new Uint8Array(64).fill(0xff))).toBe((2n ** 512n - 1n) % L);
  });

  it('leaves an encoded scalar padded with zeros unchanged', () => {
    fc.assert(
      fc.property(arbScalar, (s) => {
        const wide = new Uint8Array(64);
        wide.set(scalar.encode(s));
        expect(scalar.fromWide(wide)).toBe(s);
      }),
    );
  });

  it('refuses lengths other than 64', () => {
    for (const n of [0, 32, 63, 65]) expect(() => scalar.fromWide(new Uint8Array(n))).toThrow(RangeError);
  });
});

describe('RandomScalar', () => {
  it('draws in [0, ℓ), and randomNonZero never 0', () => {
    const drawn = Array.from({ length: 200 }, scalar.random);
    for (const s of drawn) expect(s >= 0n && s < L).toBe(true);
    expect(new Set(drawn).size).toBe(drawn.length);
    // a uniform scalar below ℓ ≈ 2^252 has its top bit (2^251) set about half of the time
    const high = drawn.filter((s) => s >= 2n ** 251n).length;
    expect(high).toBeGreaterThan(60);
    expect(high).toBeLessThan(140);
    for (let i = 0; i < 50; i++) expect(scalar.randomNonZero()).not.toBe(0n);
  });
});
