// Known-answer tests of the Ed25519 primitive under docs/SPEC.md §6, from RFC 8032 §7.1, called the
// way signature.ts calls it (@noble/curves ed25519, strict verification). The e-Votare layer on top
// signs SignedMessage(purpose, m), never m itself: a raw RFC 8032 signature must not verify as an
// e-Votare signature. Properties of that layer are in signature.test.ts.
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { readVectors } from './_vectors.ts';
import { fromHex, toHex } from './bytes.ts';
import { type SignaturePurpose, sign, signedMessage, signingPublicKey, verifySignature } from './signature.ts';

interface Rfc8032Vector {
  readonly name: string;
  readonly secretKey: string;
  readonly publicKey: string;
  readonly message: string;
  readonly signature: string;
}
const vectors = readVectors<{ vectors: readonly Rfc8032Vector[] }>('rfc8032.json');

const PURPOSES: readonly SignaturePurpose[] = ['ballot', 'credential', 'receipt', 'result', 'tree-head'];

describe('RFC 8032 §7.1: Ed25519 test vectors', () => {
  it('has TEST 1, 2, 3 and 1024', () => {
    expect(vectors.vectors.map((v) => [v.name, v.message.length / 2])).toEqual([
      ['TEST 1', 0],
      ['TEST 2', 1],
      ['TEST 3', 2],
      ['TEST 1024', 1023],
    ]);
  });

  describe.each(vectors.vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const sk = fromHex(v.secretKey);
    const pk = fromHex(v.publicKey);
    const msg = fromHex(v.message);
    const sig = fromHex(v.signature);

    it('derives the public key', () => {
      expect(toHex(ed25519.getPublicKey(sk))).toBe(v.publicKey);
      expect(toHex(signingPublicKey(sk))).toBe(v.publicKey);
    });

    it('signs to the published signature and verifies it strictly', () => {
      expect(toHex(ed25519.sign(msg, sk))).toBe(v.signature);
      expect(ed25519.verify(sig, msg, pk, { zip215: false })).toBe(true);
    });

    it('is not an e-Votare signature of the same message for any purpose', () => {
      for (const purpose of PURPOSES) expect(verifySignature(purpose, msg, sig, pk)).toBe(false);
    });

    it('signs SignedMessage(purpose, m) with the same primitive', () => {
      for (const purpose of PURPOSES) {
        const ours = sign(purpose, msg, sk);
        expect(toHex(ours)).toBe(toHex(ed25519.sign(signedMessage(purpose, msg), sk)));
        expect(toHex(ours)).not.toBe(v.signature);
        expect(verifySignature(purpose, msg, ours, pk)).toBe(true);
        expect(ed25519.verify(ours, msg, pk, { zip215: false })).toBe(false);
      }
    });
  });
});
