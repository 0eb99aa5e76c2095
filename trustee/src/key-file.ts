// A trustee's secret file on disk (docs/SPEC.md §9.9): its keys and, as the ceremony goes on, the
// election it is bound to, its dealer polynomial and its key share — sealed with a passphrase that
// comes from an environment variable or a file, never from the command line (where `ps` shows it).
// Every change is written to a new file that then replaces the old one, so a crash leaves either.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import {
  decodeTrusteeSecrets,
  encodeTrusteeSecrets,
  generateTrusteeKeys,
  type TrusteePublicKeys,
  type TrusteeSecrets,
} from '@evotare/crypto/dkg/trustee-keys';
import {
  openSecret,
  readSecretFileHeader,
  type ScryptParameters,
  SecretFileError,
  sealSecret,
} from '@evotare/crypto/secret-file';
import { signingPublicKey } from '@evotare/crypto/signature';
import { verbatim } from '@evotare/verifier/i18n';
import { partyFiles } from '@evotare/verifier/remote/party-check';
import { TrusteeError } from './errors.ts';
import { text } from './text.ts';

export const PASSPHRASE_VARIABLE = 'EVOTARE_TRUSTEE_PASSPHRASE';

/** The passphrase: from `--passphrase-file` if given, else from EVOTARE_TRUSTEE_PASSPHRASE. */
export function readPassphrase(passphraseFile: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  let passphrase: string | undefined;
  if (passphraseFile !== undefined) {
    try {
      passphrase = readFileSync(passphraseFile, 'utf8').replace(/\r?\n$/, '');
    } catch (e) {
      throw new TrusteeError(text('cannotReadPassphraseFile', { file: passphraseFile, reason: (e as Error).message }));
    }
  } else {
    passphrase = env[PASSPHRASE_VARIABLE];
  }
  if (passphrase === undefined || passphrase.length === 0) {
    throw new TrusteeError(text('noPassphrase', { variable: PASSPHRASE_VARIABLE }));
  }
  return passphrase;
}

/** An opened secret file: what it holds, and how to seal it again. */
export interface KeyFile {
  readonly path: string;
  readonly secrets: TrusteeSecrets;
  readonly passphrase: string;
  /** The file's own scrypt parameters, kept when it is sealed again. */
  readonly scrypt: ScryptParameters;
}

/** Algorithm 9.1 GenerateTrusteeKeys, sealed into a new file; refuses to overwrite one. */
export function createKeyFile(path: string, passphrase: string, scrypt?: ScryptParameters): TrusteePublicKeys {
  if (existsSync(path)) throw new TrusteeError(text('keyFileExists', { file: path }));
  const keys = generateTrusteeKeys();
  const sealed = sealSecret(encodeTrusteeSecrets(keys.secret), passphrase, {
    kind: 'trustee',
    ...(scrypt ? { scrypt } : {}),
  });
  try {
    writeFileSync(path, sealed, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    throw new TrusteeError(text('cannotWrite', { file: path, reason: (e as Error).message }));
  }
  return keys.public;
}

/** Algorithm 9.17 OpenSecret of a trustee's file, with errors that say what to do. */
export function openKeyFile(path: string, passphrase: string): KeyFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new TrusteeError(text('cannotReadKeyFile', { file: path, reason: (e as Error).message }));
  }
  try {
    const secrets = decodeTrusteeSecrets(openSecret(bytes, passphrase, 'trustee'));
    const { logN, r, p } = readSecretFileHeader(bytes).kdf;
    return { path, secrets, passphrase, scrypt: { logN, r, p } };
  } catch (e) {
    if (e instanceof SecretFileError) {
      const why = e.code === 'wrong-passphrase' ? text('wrongPassphrase') : verbatim(`${e.code}: ${e.message}`);
      throw new TrusteeError(text('cannotOpenKeyFile', { file: path, reason: why }));
    }
    throw new TrusteeError(text('notTrusteeKeyFile', { file: path }));
  }
}

/** The trustee's own files for the election (SPEC §15.1): the ballots it verified and its kept state, signed with its signing key. */
export function partyFilesOf(file: KeyFile, electionId: string): ReturnType<typeof partyFiles> {
  const secretKey = file.secrets.signingKey;
  return partyFiles(file.path, electionId, { secretKey, publicKey: signingPublicKey(secretKey) });
}

/** Seals `secrets` into the file, replacing it atomically; returns the updated handle. */
export function saveKeyFile(file: KeyFile, secrets: TrusteeSecrets): KeyFile {
  const sealed = sealSecret(encodeTrusteeSecrets(secrets), file.passphrase, { kind: 'trustee', scrypt: file.scrypt });
  const temporary = `${file.path}.new`;
  writeFileSync(temporary, sealed, { mode: 0o600 });
  renameSync(temporary, file.path);
  return { ...file, secrets };
}
