// The server opens the authority key with Node's scrypt; the file was sealed with @noble/hashes'
// (crypto/src/secret-file.ts). Both are RFC 7914 scrypt: the same bytes, checked here.
import { describe, expect, it } from 'vitest';
import { nodeScrypt, openAuthorityKey, sealAuthorityKey, WrongPassphraseError } from './sealed-key.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('the authority key sealed with scrypt', () => {
  it('Node’s scrypt gives RFC 7914’s test vector (§12, the second)', async () => {
    const key = await nodeScrypt({
      password: new TextEncoder().encode('password'),
      salt: new TextEncoder().encode('NaCl'),
      N: 1024,
      r: 8,
      p: 16,
      dkLen: 64,
      maxmem: 2 ** 30,
    });
    expect(hex(key)).toBe(
      'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640',
    );
  });

  it('opens what sealSecret sealed with @noble/hashes’ scrypt, and refuses a wrong passphrase', async () => {
    const secret = crypto.getRandomValues(new Uint8Array(32));
    const sealed = sealAuthorityKey(secret, 'correct horse battery staple', { logN: 10, r: 8, p: 1 });
    expect(await openAuthorityKey(sealed, 'correct horse battery staple')).toEqual(secret);
    await expect(openAuthorityKey(sealed, 'wrong horse battery staple')).rejects.toThrow(WrongPassphraseError);
  });
});
