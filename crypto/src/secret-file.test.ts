// Secret files (§9.9): round trip, the typed error on a wrong passphrase, and tampering.

import { scrypt } from '@noble/hashes/scrypt.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromUtf8, utf8 } from './bytes.ts';
import {
  openSecret,
  openSecretWith,
  readSecretFileHeader,
  type ScryptFunction,
  SecretFileError,
  sealSecret,
} from './secret-file.ts';

// Tests use a small work factor; the default (2^17) is checked once below.
const FAST = { logN: 4, r: 8, p: 1 };
const seal = (secret: Uint8Array, passphrase: string, kind = 'trustee') =>
  sealSecret(secret, passphrase, { kind, scrypt: FAST });

function errorOf(f: () => unknown): SecretFileError {
  try {
    f();
  } catch (e) {
    if (e instanceof SecretFileError) return e;
    throw e;
  }
  throw new Error('expected a SecretFileError');
}

function edit(file: Uint8Array, change: (json: Record<string, unknown>) => void): Uint8Array {
  const json = JSON.parse(fromUtf8(file)) as Record<string, unknown>;
  change(json);
  return utf8(JSON.stringify(json));
}

describe('secret file', () => {
  it('opens with the passphrase it was sealed with', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.string({ minLength: 1, maxLength: 40 }), (secret, pass) => {
        expect(openSecret(seal(secret, pass), pass, 'trustee')).toEqual(secret);
      }),
      { numRuns: 30 },
    );
  });

  it('gives the typed wrong-passphrase error, never garbage', () => {
    const file = seal(utf8('x_j'), 'corect horse');
    const e = errorOf(() => openSecret(file, 'correct horse'));
    expect(e.code).toBe('wrong-passphrase');
    expect(e.message).toMatch(/wrong passphrase/);
  });

  it('treats the passphrase in Unicode normal form C (ș typed precomposed or combining)', () => {
    const file = seal(utf8('secret'), 'pași\u0219');
    expect(fromUtf8(openSecret(file, 'pași' + 's\u0326'))).toBe('secret');
  });

  it('writes its parameters in the header, and uses 2^17 by default', () => {
    const file = sealSecret(utf8('k'), 'passphrase', { kind: 'authority' });
    const header = readSecretFileHeader(file);
    expect(header.kdf).toMatchObject({ name: 'scrypt', logN: 17, r: 8, p: 1 });
    expect(header.aead.name).toBe('xchacha20-poly1305');
    expect(header.kind).toBe('authority');
  });

  it('refuses a file of another kind', () => {
    expect(errorOf(() => openSecret(seal(utf8('k'), 'pw', 'mix-node'), 'pw', 'trustee')).code).toBe('wrong-kind');
  });

  it('detects a header changed after sealing (the header is authenticated)', () => {
    const file = seal(utf8('k'), 'pw');
    const changes: ((j: Record<string, unknown>) => void)[] = [
      (j) => {
        j.kind = 'authority';
      },
      (j) => {
        (j.kdf as Record<string, unknown>).r = 9;
      },
      (j) => {
        const salt = String((j.kdf as Record<string, string>).salt);
        (j.kdf as Record<string, unknown>).salt = (salt[0] === 'A' ? 'B' : 'A') + salt.slice(1);
      },
      (j) => {
        const c = String(j.ciphertext);
        j.ciphertext = (c[0] === 'A' ? 'B' : 'A') + c.slice(1);
      },
    ];
    for (const change of changes) {
      expect(errorOf(() => openSecret(edit(file, change), 'pw')).code).toBe('wrong-passphrase');
    }
  });

  it('reports damaged or foreign files as malformed or unsupported', () => {
    const file = seal(utf8('k'), 'pw');
    expect(errorOf(() => openSecret(utf8('not json'), 'pw')).code).toBe('malformed');
    expect(errorOf(() => openSecret(utf8('{"format":"other"}'), 'pw')).code).toBe('malformed');
    expect(
      errorOf(() =>
        openSecret(
          edit(file, (j) => {
            j.version = 2;
          }),
          'pw',
        ),
      ).code,
    ).toBe('unsupported');
    expect(
      errorOf(() =>
        openSecret(
          edit(file, (j) => {
            j.ciphertext = 'AAAA';
          }),
          'pw',
        ),
      ).code,
    ).toBe('malformed');
    expect(
      errorOf(() =>
        openSecret(
          edit(file, (j) => {
            j.extra = 1;
          }),
          'pw',
        ),
      ).code,
    ).toBe('malformed');
    const huge = edit(file, (j) => {
      (j.kdf as Record<string, unknown>).logN = 24;
    });
    expect(errorOf(() => openSecret(huge, 'pw')).code).toBe('unsupported');
  });

  it('opens with a scrypt given by the caller, with the same checks', async () => {
    const inputs: Parameters<ScryptFunction>[0][] = [];
    const given: ScryptFunction = async (input) => {
      inputs.push(input);
      const { password, salt, ...options } = input;
      return scrypt(password, salt, options);
    };
    const file = seal(utf8('secret'), 'pași\u0219');
    expect(fromUtf8(await openSecretWith(given, file, 'pași' + 's\u0326', 'trustee'))).toBe('secret');
    expect(inputs[0]).toMatchObject({ N: 16, r: 8, p: 1, dkLen: 32 });
    await expect(openSecretWith(given, file, 'pasi', 'trustee')).rejects.toMatchObject({ code: 'wrong-passphrase' });
    await expect(openSecretWith(given, file, 'pași\u0219', 'mix-node')).rejects.toMatchObject({ code: 'wrong-kind' });
    expect(inputs).toHaveLength(2); // a file of another kind is refused before any key is derived
  });
});
