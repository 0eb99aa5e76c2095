import { describe, expect, it } from 'vitest';
import { GroupElement, generatorBase } from '../group.ts';
import * as scalar from '../scalar.ts';
import {
  type ChaumPedersenProof,
  encodeChaumPedersenProof,
  proveChaumPedersen,
  verifyChaumPedersen,
  verifyEncodedChaumPedersen,
} from './chaum-pedersen.ts';

const ctx = { manifestHash: new Uint8Array(32).fill(9), context: new Uint8Array([5]) };
const x = scalar.random();
const H = generatorBase().multiply(scalar.random());
const st = { g1: GroupElement.generator, x: generatorBase().multiply(x), g2: H, y: H.multiply(x) };
const proof = proveChaumPedersen(ctx, st, x, (w) => generatorBase().multiply(w));

describe('Chaum–Pedersen proof (§5.2)', () => {
  it('verifies for the honest prover, encoded or not', () => {
    expect(verifyChaumPedersen(ctx, st, proof).valid).toBe(true);
    expect(verifyChaumPedersen(ctx, st, proveChaumPedersen(ctx, st, x)).valid).toBe(true);
    expect(verifyEncodedChaumPedersen(ctx, st, encodeChaumPedersenProof(proof)).valid).toBe(true);
  });

  it('fails when any proof field is changed', () => {
    const G = GroupElement.generator;
    const tampered: ChaumPedersenProof[] = [
      { ...proof, commitment1: proof.commitment1.add(G) },
      { ...proof, commitment2: proof.commitment2.add(G) },
      { ...proof, response: scalar.add(proof.response, 1n) },
    ];
    for (const p of tampered) expect(verifyChaumPedersen(ctx, st, p).valid).toBe(false);
  });

  it('fails when the logarithms differ or the statement changes', () => {
    expect(verifyChaumPedersen(ctx, { ...st, y: H.multiply(scalar.add(x, 1n)) }, proof).valid).toBe(false);
    expect(verifyChaumPedersen(ctx, { ...st, g2: H.add(GroupElement.generator) }, proof).valid).toBe(false);
    expect(verifyChaumPedersen({ ...ctx, context: new Uint8Array([6]) }, st, proof).valid).toBe(false);
  });

  it('a prover who does not know a common logarithm cannot convince', () => {
    const y = H.multiply(scalar.random());
    const fake = proveChaumPedersen(ctx, { ...st, y }, x);
    expect(verifyChaumPedersen(ctx, { ...st, y }, fake).valid).toBe(false);
  });
});
