// Ed25519 with domain-separated messages (docs/SPEC.md §6): purposes do not cross, verification
// is strict and never throws. The RFC 8032 known answers are in rfc8032.test.ts.
import { ed25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, fromHex, lengthPrefixed, utf8 } from './bytes.ts';
import { ORDER } from './scalar.ts';
import {
  generateSigningKey,
  isValidSigningPublicKey,
  type SignaturePurpose,
  sign,
  signedMessage,
  verifySignature,
} from './signature.ts';

const PURPOSES: readonly SignaturePurpose[] = [
  'ballot',
  'credential',
  'credential-revocation',
  'receipt',
  'tree-head',
  'tree-head-cosignature',
  'trustee-message',
  'mix-output',
  'partial-decryption',
  'result',
];

const keys = generateSigningKey();
const arbMsg = fc.uint8Array({ maxLength: 100 });
const arbPurpose = fc.constantFrom(...PURPOSES);

function addOrderToS(sig: Uint8Array): Uint8Array {
  // S is the little-endian integer in bytes 32..64; S + ℓ is the same residue, non-canonical
  let s = 0n;
  for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(sig[i]!);
  s += ORDER;
  const out = sig.slice();
  for (let i = 32; i < 64; i++) {
    out[i] = Number(s & 0xffn);
    s >>= 8n;
  }
  return out;
}

describe('SignedMessage (§6)', () => {
  it('is LP(tag) || LP(purpose) || LP(m)', () => {
    const m = utf8('m');
    expect(signedMessage('ballot', m)).toEqual(
      concatBytes(lengthPrefixed(utf8('evotare/v1/signature')), lengthPrefixed(utf8('ballot')), lengthPrefixed(m)),
    );
  });

  it('never coincides for two different (purpose, message) pairs', () => {
    fc.assert(
      fc.property(arbPurpose, arbMsg, arbPurpose, arbMsg, (p, m, q, n) => {
        fc.pre(p !== q || m.length !== n.length || m.some((b, i) => b !== n[i]));
        expect(signedMessage(p, m)).not.toEqual(signedMessage(q, n));
      }),
    );
  });
});

describe('sign / verifySignature', () => {
  it('verify what was signed, for every purpose', () => {
    fc.assert(
      fc.property(arbPurpose, arbMsg, (purpose, msg) => {
        expect(verifySignature(purpose, msg, sign(purpose, msg, keys.secretKey), keys.publicKey)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('do not let a signature made for one purpose verify for another', () => {
    const msg = utf8('{"tree_size":12}');
    for (const p of PURPOSES) {
      const sig = sign(p, msg, keys.secretKey);
      for (const q of PURPOSES) expect(verifySignature(q, msg, sig, keys.publicKey)).toBe(p === q);
    }
  });

  it('do not accept a raw Ed25519 signature of the message, nor produce one', () => {
    fc.assert(
      fc.property(arbPurpose, arbMsg, (purpose, msg) => {
        const raw = ed25519.sign(msg, keys.secretKey);
        expect(verifySignature(purpose, msg, raw, keys.publicKey)).toBe(false);
        expect(ed25519.verify(sign(purpose, msg, keys.secretKey), msg, keys.publicKey)).toBe(false);
      }),
      { numRuns: 20 },
    );
  });

  it('reject another message, another key, and any flipped bit', () => {
    const msg = utf8('ballot 1');
    const sig = sign('ballot', msg, keys.secretKey);
    expect(verifySignature('ballot', utf8('ballot 2'), sig, keys.publicKey)).toBe(false);
    expect(verifySignature('ballot', msg, sig, generateSigningKey().publicKey)).toBe(false);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 64 * 8 - 1 }), (bit) => {
        const bad = sig.slice();
        bad[bit >> 3]! ^= 1 << (bit & 7);
        expect(verifySignature('ballot', msg, bad, keys.publicKey)).toBe(false);
      }),
      { numRuns: 50 },
    );
  });

  it('reject a non-canonical S (S + ℓ) instead of reducing it', () => {
    const msg = utf8('receipt');
    const sig = sign('receipt', msg, keys.secretKey);
    const malleated = addOrderToS(sig);
    expect(malleated).not.toEqual(sig);
    expect(verifySignature('receipt', msg, malleated, keys.publicKey)).toBe(false);
  });

  it('return false, never throw, on malformed signatures and keys', () => {
    const msg = utf8('x');
    const sig = sign('result', msg, keys.secretKey);
    for (const [s, k] of [
      [sig.subarray(0, 63), keys.publicKey],
      [concatBytes(sig, Uint8Array.of(0)), keys.publicKey],
      [new Uint8Array(64), keys.publicKey],
      [new Uint8Array(64).fill(0xff), keys.publicKey],
      [sig, keys.publicKey.subarray(0, 31)],
      [sig, new Uint8Array(32).fill(0xff)],
      [sig, new Uint8Array(32)],
    ] as const) {
      expect(verifySignature('result', msg, s, k)).toBe(false);
    }
  });
});

describe('isValidSigningPublicKey (§6.4)', () => {
  it('accepts generated keys', () => {
    for (let i = 0; i < 5; i++) expect(isValidSigningPublicKey(generateSigningKey().publicKey)).toBe(true);
  });

  it('rejects small-order points, with which anybody could forge', () => {
    const smallOrder = [
      '0100000000000000000000000000000000000000000000000000000000000000', // identity (0, 1)
      'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // (0, -1), order 2
      '0000000000000000000000000000000000000000000000000000000000000000', // y = 0, order 4
      '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05', // order 8
      'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', // order 8
    ].map(fromHex);
    for (const key of smallOrder) {
      expect(ed25519.Point.fromBytes(key).isSmallOrder()).toBe(true);
      expect(isValidSigningPublicKey(key)).toBe(false);
    }
  });

  it('rejects wrong lengths and encodings of no point', () => {
    expect(isValidSigningPublicKey(new Uint8Array(31))).toBe(false);
    expect(isValidSigningPublicKey(new Uint8Array(33))).toBe(false);
    // y = 2 has no x on the curve
    const noPoint = new Uint8Array(32);
    noPoint[0] = 2;
    expect(() => ed25519.Point.fromBytes(noPoint)).toThrow();
    expect(isValidSigningPublicKey(noPoint)).toBe(false);
  });
});
