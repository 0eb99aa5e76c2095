import { describe, expect, it } from 'vitest';
import { GroupElement, generatorBase } from '../group.ts';
import * as scalar from '../scalar.ts';
import { BatchVerifier, verifyEquations } from './batch.ts';
import { proveSchnorr, schnorrEquation } from './schnorr.ts';

const ctx = { manifestHash: new Uint8Array(32), context: new Uint8Array(0) };

function honest() {
  const x = scalar.random();
  const X = generatorBase().multiply(x);
  return { X, proof: proveSchnorr(ctx, x, X) };
}

describe('batch verification (§5.4)', () => {
  it('accepts 100 good proofs and rejects the batch when one of 101 is bad', () => {
    const good = Array.from({ length: 100 }, honest);
    const batch = new BatchVerifier();
    for (const { X, proof } of good) batch.add(schnorrEquation(ctx, X, proof));
    expect(batch.size).toBe(100);
    expect(batch.verify()).toBe(true);

    const bad = honest();
    const withBad = new BatchVerifier();
    for (const { X, proof } of good.slice(0, 50)) withBad.add(schnorrEquation(ctx, X, proof));
    withBad.add(schnorrEquation(ctx, bad.X, { ...bad.proof, response: scalar.add(bad.proof.response, 1n) }));
    for (const { X, proof } of good.slice(50)) withBad.add(schnorrEquation(ctx, X, proof));
    expect(withBad.verify()).toBe(false);
  });

  it('cannot be fooled by two errors that cancel without the random weights', () => {
    // e1: P = 0 is false by +G, e2 is false by -G; their plain sum would hold.
    const G = GroupElement.generator;
    expect(verifyEquations([[1n, G]], [[scalar.neg(1n), G]])).toBe(false);
    expect(
      verifyEquations([
        [1n, G],
        [scalar.neg(1n), G],
      ]),
    ).toBe(true);
  });

  it('an empty batch holds', () => {
    expect(new BatchVerifier().verify()).toBe(true);
  });
});
