import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GroupElement, generatorBase } from '../group.ts';
import * as scalar from '../scalar.ts';
import {
  decodeSchnorrProof,
  encodeSchnorrProof,
  proveSchnorr,
  verifyEncodedSchnorr,
  verifySchnorr,
} from './schnorr.ts';

const ctx = { manifestHash: new Uint8Array(32).fill(7), context: new Uint8Array([1, 2, 3]) };

describe('Schnorr proof (§5.1)', () => {
  it('verifies for every honest prover', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: scalar.ORDER - 1n }), (x) => {
        const X = generatorBase().multiply(x);
        expect(verifySchnorr(ctx, X, proveSchnorr(ctx, x, X)).valid).toBe(true);
      }),
      { numRuns: 20 },
    );
  });

  const x = scalar.random();
  const X = generatorBase().multiply(x);
  const proof = proveSchnorr(ctx, x, X);

  it('round-trips its 64-byte encoding', () => {
    const bytes = encodeSchnorrProof(proof);
    expect(bytes.length).toBe(64);
    expect(verifyEncodedSchnorr(ctx, X, bytes).valid).toBe(true);
    expect(decodeSchnorrProof(bytes).response).toBe(proof.response);
  });

  it('fails when the commitment or the response is changed', () => {
    expect(verifySchnorr(ctx, X, { ...proof, commitment: proof.commitment.add(GroupElement.generator) }).valid).toBe(
      false,
    );
    expect(verifySchnorr(ctx, X, { ...proof, response: scalar.add(proof.response, 1n) }).valid).toBe(false);
  });

  it('fails for another statement, context or manifest', () => {
    expect(verifySchnorr(ctx, X.add(GroupElement.generator), proof).valid).toBe(false);
    expect(verifySchnorr({ ...ctx, context: new Uint8Array([1, 2, 4]) }, X, proof).valid).toBe(false);
    expect(verifySchnorr({ ...ctx, manifestHash: new Uint8Array(32) }, X, proof).valid).toBe(false);
  });

  it('reports bad encodings as invalid, without throwing', () => {
    const bytes = encodeSchnorrProof(proof);
    const badPoint = bytes.slice();
    badPoint.fill(0xff, 0, 32);
    expect(verifyEncodedSchnorr(ctx, X, badPoint)).toMatchObject({ valid: false });
    const badScalar = bytes.slice();
    badScalar.fill(0xff, 32, 64);
    expect(verifyEncodedSchnorr(ctx, X, badScalar)).toMatchObject({ valid: false });
    expect(verifyEncodedSchnorr(ctx, X, bytes.subarray(0, 63))).toMatchObject({ valid: false });
  });
});
