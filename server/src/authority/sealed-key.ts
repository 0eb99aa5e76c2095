// Sealing the CEC authority's secret key with a passphrase, for storage in the database: a
// secret file of kind "authority" (docs/SPEC.md §9.9: scrypt, then XChaCha20-Poly1305).
import { openSecret, type ScryptParameters, SecretFileError, sealSecret } from '@evotare/crypto/secret-file';

export class WrongPassphraseError extends Error {
  constructor() {
    super('the authority passphrase does not open the authority key');
    this.name = 'WrongPassphraseError';
  }
}

export function sealAuthorityKey(secretKey: Uint8Array, passphrase: string, scrypt?: ScryptParameters): Uint8Array {
  return sealSecret(secretKey, passphrase, { kind: 'authority', ...(scrypt ? { scrypt } : {}) });
}

export function openAuthorityKey(sealed: Uint8Array, passphrase: string): Uint8Array {
  try {
    return openSecret(sealed, passphrase, 'authority');
  } catch (e) {
    if (e instanceof SecretFileError && e.code === 'wrong-passphrase') throw new WrongPassphraseError();
    throw e;
  }
}
