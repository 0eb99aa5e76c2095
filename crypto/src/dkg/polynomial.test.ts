// Feldman commitments (§9.3): a share f(j) matches Σ_t j^t·C_t, and nothing else does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatorBase } from '../group.ts';
import * as scalar from '../scalar.ts';
import {
  evaluatePolynomial,
  feldmanCommitments,
  randomPolynomial,
  shareCommitment,
  verifyShare,
} from './polynomial.ts';

const arbScalar = fc.bigInt({ min: 0n, max: scalar.ORDER - 1n });

describe('Feldman verifiable secret sharing', () => {
  it('evaluates by Horner as the plain sum of a_t·j^t', () => {
    fc.assert(
      fc.property(fc.array(arbScalar, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 40 }), (a, j) => {
        const plain = a.reduce((acc, c, t) => scalar.add(acc, scalar.mul(c, scalar.mod(BigInt(j) ** BigInt(t)))), 0n);
        expect(evaluatePolynomial(a, j)).toBe(plain);
      }),
    );
  });

  it('accepts f(j) and rejects any other value, for every trustee index', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 32 }), arbScalar, (k, j, delta) => {
        const f = randomPolynomial(k);
        const C = feldmanCommitments(f);
        const s = evaluatePolynomial(f, j);
        expect(shareCommitment(C, j).equals(generatorBase().multiply(s))).toBe(true);
        expect(verifyShare(C, j, s)).toBe(true);
        if (delta !== 0n) expect(verifyShare(C, j, scalar.add(s, delta))).toBe(false);
        if (k > 1) expect(verifyShare(C, j === 32 ? 31 : j + 1, s)).toBe(false); // f is constant when k = 1
      }),
      { numRuns: 25 },
    );
  });

  it('draws non-zero coefficients, so no commitment is the identity', () => {
    const f = randomPolynomial(4);
    expect(f.every((a) => a !== 0n)).toBe(true);
    expect(feldmanCommitments(f).some((c) => c.isIdentity())).toBe(false);
    expect(() => randomPolynomial(0)).toThrow(RangeError);
  });
});
