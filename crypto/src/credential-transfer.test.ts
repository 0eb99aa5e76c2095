// Credential transfer (§13.9): round trip, the byte layout, the code's alphabet, and every way a
// transfer must fail to open (wrong code, another election, a changed byte, a bad header).

import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { scrypt } from '@noble/hashes/scrypt.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, lengthPrefixed, utf8 } from './bytes.ts';
import {
  normalizeTransferCode,
  openCredentialTransfer,
  sealCredentialTransfer,
  TRANSFER_LENGTH,
  TransferError,
} from './credential-transfer.ts';

const FAST = { logN: 10 };
const holder = { idnpEnd: '0042', birthDate: '1958-03-27' };
const sk = new Uint8Array(32).map((_, i) => i + 1);

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof TransferError) return e.code;
    throw e;
  }
  throw new Error('expected a TransferError');
}

describe('credential transfer', () => {
  it('opens with its code, for its election, giving the key and the holder back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (key) => {
        const sealed = sealCredentialTransfer('demo', key, holder, FAST);
        expect(sealed.transfer).toHaveLength(TRANSFER_LENGTH);
        const opened = openCredentialTransfer('demo', sealed.transfer, sealed.code.toLowerCase());
        expect(opened.sk).toEqual(key);
        expect(opened.holder).toEqual(holder);
      }),
      { numRuns: 10 },
    );
  });

  it('draws a 12-character code of Crockford’s alphabet, shown as three groups of four', () => {
    const { code } = sealCredentialTransfer('demo', sk, holder, FAST);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(normalizeTransferCode(code.replace(/0/g, 'o').replace(/1/g, 'l'))).toBe(code.replace(/-/g, ''));
    expect(normalizeTransferCode('ABCD-EFGH-JKM')).toBeNull();
    expect(normalizeTransferCode('ABCD-EFGH-JKMU')).toBeNull();
  });

  it('is the byte layout of Algorithm 13.10 (recomputed from the spec’s formulas)', () => {
    const { transfer, code } = sealCredentialTransfer('demo-2024', sk, holder, FAST);
    expect(transfer[0]).toBe(1);
    expect(transfer[1]).toBe(10);
    const header = transfer.subarray(0, 18);
    const key = scrypt(utf8(code.replace(/-/g, '')), header.subarray(2), { N: 1024, r: 8, p: 1, dkLen: 32 });
    const aad = concatBytes(
      lengthPrefixed(utf8('evotare/v1/credential-transfer')),
      lengthPrefixed(utf8('demo-2024')),
      lengthPrefixed(header),
    );
    const plain = chacha20poly1305(key, new Uint8Array(12), aad).decrypt(transfer.subarray(18));
    expect(plain).toEqual(concatBytes(sk, utf8('00421958-03-27')));
  });

  it('refuses a wrong code, another election and any changed byte as wrong-code', () => {
    const { transfer, code } = sealCredentialTransfer('demo', sk, holder, FAST);
    const other = code.at(-1) === 'A' ? `${code.slice(0, -1)}B` : `${code.slice(0, -1)}A`;
    expect(codeOf(() => openCredentialTransfer('demo', transfer, other))).toBe('wrong-code');
    expect(codeOf(() => openCredentialTransfer('demo-2', transfer, code))).toBe('wrong-code');
    for (const at of [2, 17, 18, 40, TRANSFER_LENGTH - 1]) {
      const changed = transfer.slice();
      changed[at]! ^= 1;
      expect(codeOf(() => openCredentialTransfer('demo', changed, code))).toBe('wrong-code');
    }
    expect(codeOf(() => openCredentialTransfer('demo', transfer, 'short'))).toBe('wrong-code');
  });

  it('refuses a wrong length, another version and an out-of-range cost before any scrypt', () => {
    const { transfer, code } = sealCredentialTransfer('demo', sk, holder, FAST);
    expect(codeOf(() => openCredentialTransfer('demo', transfer.subarray(1), code))).toBe('malformed');
    const v2 = transfer.slice();
    v2[0] = 2;
    expect(codeOf(() => openCredentialTransfer('demo', v2, code))).toBe('unsupported');
    const costly = transfer.slice();
    costly[1] = 24;
    expect(codeOf(() => openCredentialTransfer('demo', costly, code))).toBe('unsupported');
  });

  it('seals with scrypt 2^15 by default', () => {
    expect(sealCredentialTransfer('demo', sk, holder).transfer[1]).toBe(15);
  });
});
