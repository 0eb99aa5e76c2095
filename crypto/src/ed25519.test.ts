// Our Ed25519 (engine-backed) against @noble/curves' ed25519 with zip215: false as the reference.
import { ed25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes.ts';
import { isAcceptablePublicKey, publicKeyOf, signEd25519, verifyEd25519, verifyEd25519Batch } from './ed25519.ts';
import * as scalar from './scalar.ts';

const refVerify = (sig: Uint8Array, msg: Uint8Array, pk: Uint8Array) => {
  try {
    return ed25519.verify(sig, msg, pk, { zip215: false });
  } catch {
    return false;
  }
};

describe('Ed25519 (RFC 8032) against the noble reference', () => {
  it('derives the same public keys and the same (deterministic) signatures', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 300 }), (sk, msg) => {
        const pk = publicKeyOf(sk);
        expect(toHex(pk)).toBe(toHex(ed25519.getPublicKey(sk)));
        const sig = signEd25519(msg, sk);
        expect(toHex(sig)).toBe(toHex(ed25519.sign(msg, sk)));
        expect(verifyEd25519(msg, sig, pk)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('passes RFC 8032 §7.1 TEST 1 and TEST 3', () => {
    const t1 = {
      sk: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
      pk: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
      sig: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
      msg: '',
    };
    const t3 = {
      sk: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
      pk: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
      sig: '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
      msg: 'af82',
    };
    for (const t of [t1, t3]) {
      expect(toHex(publicKeyOf(fromHex(t.sk)))).toBe(t.pk);
      expect(toHex(signEd25519(fromHex(t.msg), fromHex(t.sk)))).toBe(t.sig);
      expect(verifyEd25519(fromHex(t.msg), fromHex(t.sig), fromHex(t.pk))).toBe(true);
    }
  });

  it('accepts and rejects exactly what the reference does for mutated signatures, keys and messages', () => {
    const sk = crypto.getRandomValues(new Uint8Array(32));
    const pk = publicKeyOf(sk);
    const msg = new TextEncoder().encode('e-Votare');
    const sig = signEd25519(msg, sk);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 127 }), fc.integer({ min: 0, max: 7 }), (at, bit) => {
        const s = sig.slice();
        const k = pk.slice();
        const m = msg.slice();
        if (at < 64) s[at] = (s[at] as number) ^ (1 << bit);
        else if (at < 96) k[at - 64] = (k[at - 64] as number) ^ (1 << bit);
        else m[(at - 96) % m.length] = (m[(at - 96) % m.length] as number) ^ (1 << bit);
        expect(verifyEd25519(m, s, k)).toBe(refVerify(s, m, k));
        expect(verifyEd25519(m, s, k)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects S >= ℓ (no malleability), non-canonical R and wrong sizes', () => {
    const sk = crypto.getRandomValues(new Uint8Array(32));
    const pk = publicKeyOf(sk);
    const msg = new Uint8Array([1, 2, 3]);
    const sig = signEd25519(msg, sk);
    const s = scalar.decode(sig.subarray(32));
    const malleable = sig.slice();
    const sPlusL = s + scalar.ORDER; // < 2^256: still fits 32 bytes
    for (let i = 0; i < 32; i++) malleable[32 + i] = Number((sPlusL >> BigInt(8 * i)) & 255n);
    expect(refVerify(malleable, msg, pk)).toBe(false);
    expect(verifyEd25519(msg, malleable, pk)).toBe(false);
    const nonCanonicalR = sig.slice();
    nonCanonicalR.set(fromHex('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'), 0);
    expect(verifyEd25519(msg, nonCanonicalR, pk)).toBe(false);
    expect(verifyEd25519(msg, sig.subarray(0, 63), pk)).toBe(false);
    expect(verifyEd25519(msg, sig, pk.subarray(0, 31))).toBe(false);
  });

  it('refuses small-order public keys and accepts real ones', () => {
    // the neutral element (0, 1) and a point of order 2 (0, -1)
    expect(isAcceptablePublicKey(fromHex('0100000000000000000000000000000000000000000000000000000000000000'))).toBe(
      false,
    );
    expect(isAcceptablePublicKey(fromHex('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'))).toBe(
      false,
    );
    expect(isAcceptablePublicKey(publicKeyOf(new Uint8Array(32).fill(1)))).toBe(true);
    expect(isAcceptablePublicKey(new Uint8Array(32).fill(0xff))).toBe(false);
  });

  it('checks a batch of more than 4,096 signatures (more random bytes than one getRandomValues call gives)', () => {
    const sk = crypto.getRandomValues(new Uint8Array(32));
    const publicKey = publicKeyOf(sk);
    const message = new Uint8Array([7]);
    const signature = signEd25519(message, sk);
    const results = verifyEd25519Batch(Array.from({ length: 5000 }, () => ({ message, signature, publicKey })));
    expect(results.length).toBe(5000);
    expect(results.every(Boolean)).toBe(true);
  });

  it('checks batches exactly like one by one, finding the bad ones', () => {
    const keys = Array.from({ length: 5 }, () => crypto.getRandomValues(new Uint8Array(32)));
    const checks = Array.from({ length: 40 }, (_, i) => {
      const sk = keys[i % 5]!;
      const message = new Uint8Array([i]);
      return { message, signature: signEd25519(message, sk), publicKey: publicKeyOf(sk) };
    });
    expect(verifyEd25519Batch(checks).every(Boolean)).toBe(true);
    const bad = checks.slice();
    bad[7] = { ...bad[7]!, message: new Uint8Array([99]) };
    bad[31] = { ...bad[31]!, publicKey: checks[32]!.publicKey };
    const results = verifyEd25519Batch(bad);
    expect(results.map((ok, i) => (ok ? -1 : i)).filter((i) => i >= 0)).toEqual([7, 31]);
  });
});
