// ECIES share encryption (§9.4): the recipient decrypts; anything else — another key, another
// address, one flipped bit — gives no share, never a wrong one.
import { describe, expect, it } from 'vitest';
import { generatorBase } from '../group.ts';
import * as scalar from '../scalar.ts';
import { decryptShare, encryptShare, type ShareAddress } from './share-encryption.ts';

function setup() {
  const x = scalar.randomNonZero();
  const address: ShareAddress = {
    manifestHash: crypto.getRandomValues(new Uint8Array(32)),
    dealer: 2,
    recipient: 5,
    recipientKey: generatorBase().multiply(x),
  };
  return { x, address };
}

describe('EncryptShare / DecryptShare', () => {
  it('round-trips for the recipient; the same ephemeral secret gives the same bytes, another one others', () => {
    const { x, address } = setup();
    const s = scalar.random();
    const e = scalar.randomNonZero();
    const a = encryptShare(address, s, e);
    const again = encryptShare(address, s, e);
    const b = encryptShare(address, s, scalar.add(e, 1n));
    expect(decryptShare(address, x, a)).toBe(s);
    expect(decryptShare(address, x, b)).toBe(s);
    expect(a.ciphertext).toHaveLength(48);
    expect(again.ephemeral.equals(a.ephemeral)).toBe(true);
    expect(again.ciphertext).toEqual(a.ciphertext);
    expect(a.ephemeral.equals(b.ephemeral)).toBe(false);
    expect(() => encryptShare(address, s, 0n)).toThrow(RangeError);
  });

  it('gives nothing to another key, or under another election, dealer or recipient', () => {
    const { x, address } = setup();
    const e = encryptShare(address, 42n, scalar.randomNonZero());
    expect(decryptShare(address, scalar.add(x, 1n), e)).toBeUndefined();
    expect(decryptShare({ ...address, manifestHash: new Uint8Array(32) }, x, e)).toBeUndefined();
    expect(decryptShare({ ...address, dealer: 3 }, x, e)).toBeUndefined();
    expect(decryptShare({ ...address, recipient: 4 }, x, e)).toBeUndefined();
  });

  it('rejects an altered ciphertext, an altered ephemeral element and a wrong length', () => {
    const { x, address } = setup();
    const e = encryptShare(address, 7n, scalar.randomNonZero());
    for (let at = 0; at < 48; at += 7) {
      const c = e.ciphertext.slice();
      c[at]! ^= 1;
      expect(decryptShare(address, x, { ...e, ciphertext: c })).toBeUndefined();
    }
    expect(decryptShare(address, x, { ...e, ephemeral: e.ephemeral.add(generatorBase().base) })).toBeUndefined();
    expect(decryptShare(address, x, { ...e, ciphertext: e.ciphertext.subarray(0, 47) })).toBeUndefined();
  });
});
