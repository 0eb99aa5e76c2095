// The engine-backed group against @noble/curves' ristretto255 as the reference implementation.
import { pippenger } from '@noble/curves/abstract/curve.js';
import { ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from './bytes.ts';
import { InvalidEncodingError } from './errors.ts';
import { FixedBase, GroupElement, generatorBase, multiScalarMultiply } from './group.ts';
import * as scalar from './scalar.ts';

const Ref = ristretto255.Point;
const arbScalar = fc.bigInt({ min: 0n, max: scalar.ORDER - 1n });
const hex = (e: GroupElement) => toHex(e.encode());
const refHex = (p: InstanceType<typeof Ref>) => toHex(p.toBytes());
const fromRef = (p: InstanceType<typeof Ref>) => GroupElement.decode(p.toBytes());

describe('GroupElement against the noble reference', () => {
  it('has the RFC 9496 generator and identity', () => {
    expect(hex(GroupElement.generator)).toBe(refHex(Ref.BASE));
    expect(hex(GroupElement.identity)).toBe('00'.repeat(32));
    expect(GroupElement.identity.isIdentity()).toBe(true);
    expect(GroupElement.generator.isIdentity()).toBe(false);
  });

  it('adds, subtracts, negates and multiplies like the reference', () => {
    fc.assert(
      fc.property(arbScalar, arbScalar, (a, b) => {
        const A = Ref.BASE.multiply(a === 0n ? 1n : a);
        const B = Ref.BASE.multiply(b === 0n ? 1n : b);
        const ea = fromRef(A);
        const eb = fromRef(B);
        expect(hex(ea.add(eb))).toBe(refHex(A.add(B)));
        expect(hex(ea.subtract(eb))).toBe(refHex(A.subtract(B)));
        expect(hex(ea.negate())).toBe(refHex(A.negate()));
        expect(hex(ea.multiply(b))).toBe(refHex(b === 0n ? Ref.ZERO : A.multiply(b)));
        expect(ea.add(eb).equals(eb.add(ea))).toBe(true);
        expect(ea.subtract(ea).isIdentity()).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('multiplies by a fixed base like the reference, edge scalars included', () => {
    const base = fromRef(Ref.BASE.multiply(12345n));
    const table = new FixedBase(base);
    for (const s of [0n, 1n, 2n, 8n, 16n, scalar.ORDER - 1n, scalar.ORDER - 8n, 2n ** 252n]) {
      expect(hex(table.multiply(s))).toBe(hex(base.multiply(s)));
    }
    fc.assert(
      fc.property(arbScalar, (s) => {
        expect(hex(generatorBase().multiply(s))).toBe(refHex(s === 0n ? Ref.ZERO : Ref.BASE.multiply(s)));
      }),
      { numRuns: 40 },
    );
    const many = [3n, 5n, scalar.ORDER - 2n];
    expect(table.multiplyMany(many).map(hex)).toEqual(many.map((s) => hex(base.multiply(s))));
  });

  it('computes multi-scalar multiplications like the reference, Straus and Pippenger sizes', () => {
    for (const n of [0, 1, 2, 7, 24, 25, 100, 700]) {
      const ref = Array.from({ length: n }, () => Ref.BASE.multiply(scalar.randomNonZero()));
      // mix full-size, 128-bit and zero scalars, as batch verification does
      const ks = Array.from({ length: n }, (_, i) =>
        i % 5 === 0 ? 0n : i % 3 === 0 ? scalar.random() >> 125n : scalar.random(),
      );
      const expected = n === 0 ? Ref.ZERO : pippenger(Ref, ref, ks);
      expect(hex(multiScalarMultiply(ref.map(fromRef), ks))).toBe(refHex(expected));
    }
  });

  it('derives elements from uniform bytes like the reference (RFC 9496 §4.3.4)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (bytes) => {
        expect(hex(GroupElement.fromUniformBytes(bytes))).toBe(refHex(ristretto255_hasher.deriveToCurve!(bytes)));
      }),
      { numRuns: 60 },
    );
  });

  it('decodes every valid encoding and rejects what the reference rejects', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        let refOk = true;
        try {
          Ref.fromBytes(bytes);
        } catch {
          refOk = false;
        }
        let ok = true;
        try {
          GroupElement.decode(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidEncodingError);
          ok = false;
        }
        expect(ok).toBe(refOk);
      }),
      { numRuns: 300 },
    );
    const valid = Array.from({ length: 20 }, () => Ref.BASE.multiply(scalar.randomNonZero()).toBytes());
    expect(GroupElement.decodeMany(valid).map(hex)).toEqual(valid.map(toHex));
    const broken = valid.slice();
    broken[7] = new Uint8Array(32).fill(0xff);
    expect(() => GroupElement.decodeMany(broken)).toThrow(/element 7/);
  });

  it('rejects wrong lengths and the identity where it is not allowed', () => {
    expect(() => GroupElement.decode(new Uint8Array(31))).toThrow(InvalidEncodingError);
    expect(() => GroupElement.decode(new Uint8Array(33))).toThrow(InvalidEncodingError);
    expect(() => GroupElement.decodeNonIdentity(new Uint8Array(32))).toThrow(/identity/);
  });
});
