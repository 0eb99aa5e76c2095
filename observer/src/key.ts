// The observer's Ed25519 key (docs/SPEC.md §12.6, §12.11), sealed in a secret file of kind
// "observer" (Algorithm 9.16) with a passphrase that comes from EVOTARE_OBSERVER_PASSPHRASE or a
// file, never from the command line. Its public half is what the officials register.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { openSecret, type ScryptParameters, SecretFileError, sealSecret } from '@evotare/crypto/secret-file';
import { generateSigningKey, type SigningKeyPair, signingPublicKey } from '@evotare/crypto/signature';
import { LocalizedError, verbatim } from '@evotare/verifier/i18n';
import { text } from './text.ts';

export const PASSPHRASE_VARIABLE = 'EVOTARE_OBSERVER_PASSPHRASE';
const KIND = 'observer';

/** The passphrase: from `--passphrase-file` if given, else from EVOTARE_OBSERVER_PASSPHRASE. */
export function readPassphrase(file: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  let passphrase: string | undefined;
  if (file !== undefined) {
    try {
      passphrase = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (e) {
      throw new LocalizedError(text('cannotReadPassphraseFile', { file, reason: (e as Error).message }));
    }
  } else {
    passphrase = env[PASSPHRASE_VARIABLE];
  }
  if (passphrase === undefined || passphrase === '') {
    throw new LocalizedError(text('noPassphrase', { variable: PASSPHRASE_VARIABLE }));
  }
  return passphrase;
}

/** Makes a new key in a new file (never over an existing one); returns its public half. */
export function createObserverKey(file: string, passphrase: string, scrypt?: ScryptParameters): Uint8Array {
  if (existsSync(file)) throw new LocalizedError(text('observerKeyExists', { file }));
  const key = generateSigningKey();
  const sealed = sealSecret(key.secretKey, passphrase, { kind: KIND, ...(scrypt ? { scrypt } : {}) });
  writeFileSync(file, sealed, { mode: 0o600, flag: 'wx' });
  return key.publicKey;
}

export function openObserverKey(file: string, passphrase: string): SigningKeyPair {
  const fail = (reason: string) => new LocalizedError(text('cannotOpenKey', { file, reason: verbatim(reason) }));
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw fail((e as Error).message);
  }
  try {
    const secretKey = openSecret(bytes, passphrase, KIND);
    if (secretKey.length !== 32) throw fail('not an Ed25519 key');
    return { secretKey, publicKey: signingPublicKey(secretKey) };
  } catch (e) {
    if (e instanceof SecretFileError) throw fail(e.message);
    throw e;
  }
}
