import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type EncryptionKey, encrypt, generateKeyPair } from '../elgamal.ts';
import { GroupElement } from '../group.ts';
import { hashToGroup } from '../hash-to-group.ts';
import * as scalar from '../scalar.ts';
import { verifyEquations } from './batch.ts';
import {
  type DisjunctiveProof,
  decodeDisjunctiveProof,
  disjunctiveEquations,
  encodeDisjunctiveProof,
  proveDisjunctive,
} from './disjunctive.ts';

const ctx = { manifestHash: new Uint8Array(32).fill(3), context: new Uint8Array([42]) };
const key = generateKeyPair().publicKey;
const elements = Array.from({ length: 5 }, (_, i) => hashToGroup('test', new Uint8Array([i])));

function verify(
  proof: DisjunctiveProof,
  ct: { a: GroupElement; b: GroupElement },
  k: EncryptionKey = key,
  c = ctx,
): boolean {
  const eqs = disjunctiveEquations(c, k, ct, elements, proof);
  return eqs !== null && verifyEquations(...eqs);
}

function honest(index: number) {
  const r = scalar.randomNonZero();
  const ct = encrypt(key, elements[index]!, r);
  return { ct, proof: proveDisjunctive(ctx, key, ct, elements, index, r) };
}

describe('disjunctive Chaum–Pedersen proof (§5.3)', () => {
  it('verifies for every choice (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: elements.length - 1 }), (i) => {
        const { ct, proof } = honest(i);
        expect(verify(proof, ct)).toBe(true);
      }),
      { numRuns: 15 },
    );
  });

  const { ct, proof } = honest(2);

  it('fails when any single field of any branch is changed', () => {
    const G = GroupElement.generator;
    for (let j = 0; j < proof.length; j++) {
      for (const field of ['a', 'b', 'c', 's'] as const) {
        const tampered = proof.map((br, k) => {
          if (k !== j) return br;
          if (field === 'a' || field === 'b') return { ...br, [field]: br[field].add(G) };
          return { ...br, [field]: scalar.add(br[field], 1n) };
        });
        expect(verify(tampered, ct), `branch ${j} field ${field}`).toBe(false);
      }
    }
  });

  it('fails for another ciphertext, key, context or manifest, and with branches reordered', () => {
    expect(verify(proof, { a: ct.a, b: ct.b.add(GroupElement.generator) })).toBe(false);
    expect(verify(proof, ct, generateKeyPair().publicKey)).toBe(false);
    expect(verify(proof, ct, key, { ...ctx, context: new Uint8Array([43]) })).toBe(false);
    expect(verify(proof, ct, key, { ...ctx, manifestHash: new Uint8Array(32) })).toBe(false);
    expect(verify([proof[1]!, proof[0]!, ...proof.slice(2)], ct)).toBe(false);
    expect(verify(proof.slice(1), ct)).toBe(false);
  });

  it('no proof verifies for a ciphertext of an element outside the list', () => {
    const outside = hashToGroup('test', new Uint8Array([99]));
    const r = scalar.randomNonZero();
    const bad = encrypt(key, outside, r);
    for (let i = 0; i < elements.length; i++) {
      expect(verify(proveDisjunctive(ctx, key, bad, elements, i, r), bad)).toBe(false);
    }
    // nor does one claiming a different element than the one encrypted
    const { ct: ct0 } = honest(0);
    expect(verify(proveDisjunctive(ctx, key, ct0, elements, 1, scalar.random()), ct0)).toBe(false);
  });

  it('round-trips its encoding and rejects the identity and non-canonical scalars', () => {
    const bytes = encodeDisjunctiveProof(proof);
    expect(bytes.length).toBe(128 * elements.length);
    expect(verify(decodeDisjunctiveProof(bytes, elements.length), ct)).toBe(true);
    const identity = bytes.slice();
    identity.fill(0, 0, 32);
    expect(() => decodeDisjunctiveProof(identity, elements.length)).toThrow(/identity/);
    const big = bytes.slice();
    big.fill(0xff, 64, 96);
    expect(() => decodeDisjunctiveProof(big, elements.length)).toThrow(/scalar/);
    expect(() => decodeDisjunctiveProof(bytes, elements.length - 1)).toThrow(RangeError);
  });

  it('rejects an out-of-range index when proving', () => {
    expect(() => proveDisjunctive(ctx, key, ct, elements, 5, 1n)).toThrow(RangeError);
  });
});
