// Sealing the CEC authority's secret key with a passphrase, for storage in the database: a
// secret file of kind "authority" (docs/SPEC.md §9.9: scrypt, then XChaCha20-Poly1305).
import { scrypt } from 'node:crypto';
import {
  openSecretWith,
  type ScryptFunction,
  type ScryptParameters,
  SecretFileError,
  sealSecret,
} from '@evotare/crypto/secret-file';

export class WrongPassphraseError extends Error {
  constructor() {
    super('the authority passphrase does not open the authority key');
    this.name = 'WrongPassphraseError';
  }
}

export function sealAuthorityKey(secretKey: Uint8Array, passphrase: string, scrypt?: ScryptParameters): Uint8Array {
  return sealSecret(secretKey, passphrase, { kind: 'authority', ...(scrypt ? { scrypt } : {}) });
}

/**
 * Node's scrypt (OpenSSL's): the same bytes as @noble/hashes' (RFC 7914), about three times as
 * fast, and on libuv's thread pool, so the server's start goes on while the key is derived (at the
 * default 2^17 it is most of a start's CPU time: docs/PERFORMANCE.md, "The cold start").
 */
export const nodeScrypt: ScryptFunction = ({ password, salt, N, r, p, dkLen, maxmem }) =>
  new Promise((resolve, reject) =>
    scrypt(password, salt, dkLen, { N, r, p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(new Uint8Array(key.buffer, key.byteOffset, key.byteLength)),
    ),
  );

export async function openAuthorityKey(sealed: Uint8Array, passphrase: string): Promise<Uint8Array> {
  try {
    return await openSecretWith(nodeScrypt, sealed, passphrase, 'authority');
  } catch (e) {
    if (e instanceof SecretFileError && e.code === 'wrong-passphrase') throw new WrongPassphraseError();
    throw e;
  }
}
