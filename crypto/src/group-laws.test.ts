// The group laws of ristretto255 (docs/SPEC.md §2.1, §2.4) as fast-check properties of our own
// operations: add, negate, multiply, FixedBase and multiScalarMultiply must agree with each other.
// (group.test.ts compares the same operations with @noble/curves.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from './bytes.ts';
import { FixedBase, GroupElement, generatorBase, multiScalarMultiply } from './group.ts';
import * as scalar from './scalar.ts';

const L = scalar.ORDER;
const arbScalar = fc.oneof(
  { weight: 4, arbitrary: fc.bigInt({ min: 0n, max: L - 1n }) },
  { weight: 1, arbitrary: fc.constantFrom(0n, 1n, 2n, L - 1n, L - 2n, 2n ** 252n, 2n ** 128n - 1n) },
);
/** Elements of unknown discrete logarithm, the identity among them now and then. */
const arbElement = fc.oneof(
  { weight: 6, arbitrary: fc.uint8Array({ minLength: 64, maxLength: 64 }).map(GroupElement.fromUniformBytes) },
  { weight: 1, arbitrary: fc.constant(GroupElement.identity) },
  { weight: 1, arbitrary: fc.constant(GroupElement.generator) },
);
const hex = (e: GroupElement) => toHex(e.encode());
const same = (p: GroupElement, q: GroupElement) => {
  expect(hex(p)).toBe(hex(q));
  expect(p.equals(q)).toBe(true);
};
const RUNS = { numRuns: 30 };

describe('the group law', () => {
  it('is associative and commutative', () => {
    fc.assert(
      fc.property(arbElement, arbElement, arbElement, (P, Q, R) => {
        same(P.add(Q).add(R), P.add(Q.add(R)));
        same(P.add(Q), Q.add(P));
      }),
      RUNS,
    );
  });

  it('has the identity as neutral element and -P as inverse', () => {
    fc.assert(
      fc.property(arbElement, arbElement, (P, Q) => {
        same(P.add(GroupElement.identity), P);
        same(P.subtract(GroupElement.identity), P);
        expect(P.add(P.negate()).isIdentity()).toBe(true);
        expect(P.subtract(P).isIdentity()).toBe(true);
        same(P.negate().negate(), P);
        same(P.subtract(Q), P.add(Q.negate()));
        same(P.subtract(Q).add(Q), P);
      }),
      RUNS,
    );
  });

  it('equals() agrees with equality of encodings', () => {
    fc.assert(
      fc.property(arbElement, arbElement, (P, Q) => {
        expect(P.equals(Q)).toBe(hex(P) === hex(Q));
        same(GroupElement.decode(P.encode()), P);
      }),
      RUNS,
    );
  });
});

describe('scalar multiplication', () => {
  it('distributes over points: s·(P + Q) = s·P + s·Q', () => {
    fc.assert(
      fc.property(arbScalar, arbElement, arbElement, (s, P, Q) => {
        same(P.add(Q).multiply(s), P.multiply(s).add(Q.multiply(s)));
      }),
      RUNS,
    );
  });

  it('distributes over scalars: (a + b)·P = a·P + b·P, and (a·b)·P = a·(b·P)', () => {
    fc.assert(
      fc.property(arbScalar, arbScalar, arbElement, (a, b, P) => {
        same(P.multiply(scalar.add(a, b)), P.multiply(a).add(P.multiply(b)));
        same(P.multiply(scalar.mul(a, b)), P.multiply(b).multiply(a));
        same(P.multiply(scalar.neg(a)), P.multiply(a).negate());
      }),
      RUNS,
    );
  });

  it('maps 0, 1, 2 and ℓ − 1 to the identity, P, P + P and −P', () => {
    fc.assert(
      fc.property(arbElement, (P) => {
        expect(P.multiply(0n).isIdentity()).toBe(true);
        same(P.multiply(1n), P);
        same(P.multiply(2n), P.add(P));
        same(P.multiply(L - 1n), P.negate());
      }),
      RUNS,
    );
  });

  it('by a FixedBase table agrees with multiply, one scalar or many', () => {
    fc.assert(
      fc.property(arbElement, fc.array(arbScalar, { maxLength: 6 }), (P, ks) => {
        const table = new FixedBase(P);
        for (const k of ks) same(table.multiply(k), P.multiply(k));
        expect(table.multiplyMany(ks).map(hex)).toEqual(ks.map((k) => hex(P.multiply(k))));
      }),
      { numRuns: 15 },
    );
    fc.assert(
      fc.property(arbScalar, (k) => same(generatorBase().multiply(k), GroupElement.generator.multiply(k))),
      RUNS,
    );
  });
});

describe('multiScalarMultiply = Σ s_i·P_i', () => {
  function sumOfProducts(points: readonly GroupElement[], scalars: readonly bigint[]): GroupElement {
    return points.reduce((acc, P, i) => acc.add(P.multiply(scalars[i]!)), GroupElement.identity);
  }

  it('for random sizes up to the Straus/Pippenger switch and past it', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 40 })
          .chain((n) =>
            fc.tuple(
              fc.array(arbElement, { minLength: n, maxLength: n }),
              fc.array(arbScalar, { minLength: n, maxLength: n }),
            ),
          ),
        ([points, scalars]) => {
          same(multiScalarMultiply(points, scalars), sumOfProducts(points, scalars));
        },
      ),
      { numRuns: 25 },
    );
  });

  // Pippenger's window width grows with n: 4 bits at 25 points, 5 at 100, 6 at 300, 7 at 1000.
  it.each([0, 1, 2, 24, 25, 26, 100, 300, 1000])('for %i points, with repeated, opposite and identity points', (n) => {
    const points = generatorBase().multiplyMany(Array.from({ length: n }, () => scalar.random()));
    const scalars = Array.from({ length: n }, (_, i) =>
      i % 7 === 0 ? 0n : i % 7 === 1 ? L - 1n : i % 7 === 2 ? scalar.random() >> 124n : scalar.random(),
    );
    if (n >= 4) {
      points[1] = points[0]!; // the same point twice
      points[2] = points[0]!.negate(); // and its opposite
      points[3] = GroupElement.identity;
    }
    same(multiScalarMultiply(points, scalars), sumOfProducts(points, scalars));
  });

  it('is linear: Σ s_i·P_i + Σ t_i·P_i = Σ (s_i + t_i)·P_i', () => {
    const n = 60;
    const points = generatorBase().multiplyMany(Array.from({ length: n }, () => scalar.random()));
    const s = Array.from({ length: n }, scalar.random);
    const t = Array.from({ length: n }, scalar.random);
    same(
      multiScalarMultiply(points, s).add(multiScalarMultiply(points, t)),
      multiScalarMultiply(
        points,
        s.map((si, i) => scalar.add(si, t[i]!)),
      ),
    );
  });

  it('refuses lists of different lengths', () => {
    expect(() => multiScalarMultiply([GroupElement.generator], [])).toThrow(RangeError);
  });
});
