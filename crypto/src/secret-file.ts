// Passphrase-protected secret files (docs/SPEC.md §9.9): a trustee's keys and ceremony state, and
// any other secret kept at rest (the CEC authority key, a mix node's key).
//
//   key        = scrypt(UTF8(NFC(passphrase)), salt, N = 2^logN, r, p, 32 bytes)
//   ciphertext = XChaCha20-Poly1305(key, nonce, secret, AD = UTF8(JCS(header)))
//   file       = UTF8(JCS(header + { ciphertext }))
//
// The header (format, version, kind, KDF parameters with the salt, AEAD with the nonce) is
// authenticated as associated data, so the parameters can change in later files and an old file
// still says how to open it. Pure functions: bytes in, bytes out; the caller does the I/O.
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { scrypt } from '@noble/hashes/scrypt.js';
import * as z from 'zod';
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from './bytes.ts';
import { canonicalBytes } from './canonical-json.ts';

export const SECRET_FILE_FORMAT = 'evotare-secret';

/** scrypt parameters: N = 2^logN, block size r, parallelism p. */
export interface ScryptParameters {
  readonly logN: number;
  readonly r: number;
  readonly p: number;
}

/**
 * The default: N = 2^17, r = 8, p = 1 (128 MiB, about a second here), the strongest setting of
 * the OWASP password-storage recommendations; a trustee opens the file a few times per election.
 */
export const DEFAULT_SCRYPT: ScryptParameters = Object.freeze({ logN: 17, r: 8, p: 1 });

/** The largest memory an opened file may ask for (128·r·N bytes): 1 GiB. */
const MAX_SCRYPT_MEMORY = 2 ** 30;

export type SecretFileErrorCode = 'malformed' | 'unsupported' | 'wrong-kind' | 'wrong-passphrase';

/** Opening a secret file failed for a reason the user can act on. */
export class SecretFileError extends Error {
  readonly code: SecretFileErrorCode;
  constructor(code: SecretFileErrorCode, message: string) {
    super(message);
    this.name = 'SecretFileError';
    this.code = code;
  }
}

const Bytes = (n: number) =>
  z.string().refine((s) => {
    try {
      fromBase64Url(s, n);
      return true;
    } catch {
      return false;
    }
  }, `${n} bytes in base64url`);

const Kind = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);

const HeaderSchema = z.strictObject({
  format: z.literal(SECRET_FILE_FORMAT),
  version: z.literal(1),
  kind: Kind,
  kdf: z.strictObject({
    name: z.literal('scrypt'),
    logN: z.int().min(1).max(24),
    r: z.int().min(1).max(64),
    p: z.int().min(1).max(16),
    salt: Bytes(32),
  }),
  aead: z.strictObject({ name: z.literal('xchacha20-poly1305'), nonce: Bytes(24) }),
});

const FileSchema = HeaderSchema.extend({ ciphertext: z.string().regex(/^[A-Za-z0-9_-]+$/) });

export type SecretFileHeader = z.infer<typeof HeaderSchema>;
type Header = SecretFileHeader;

/** scrypt's inputs (RFC 7914) as a secret file's header gives them. */
export interface ScryptInput {
  readonly password: Uint8Array;
  readonly salt: Uint8Array;
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly dkLen: number;
  /** The memory it may use, in bytes (128·r·N and a margin). */
  readonly maxmem: number;
}

/**
 * An implementation of scrypt (RFC 7914): any correct one gives the same bytes. A program that
 * can run it natively and off its main thread (the server: Node's, in libuv's thread pool) passes
 * one to openSecretWith; the default is @noble/hashes', which runs anywhere, synchronously.
 */
export type ScryptFunction = (input: ScryptInput) => Promise<Uint8Array>;

function scryptInput(passphrase: string, header: Header): ScryptInput {
  const { logN, r, p, salt } = header.kdf;
  return {
    password: utf8(passphrase.normalize('NFC')),
    salt: fromBase64Url(salt, 32),
    N: 2 ** logN,
    r,
    p,
    dkLen: 32,
    maxmem: MAX_SCRYPT_MEMORY + 128 * r * p + 1024,
  };
}

function deriveFileKey(passphrase: string, header: Header): Uint8Array {
  const { password, salt, ...options } = scryptInput(passphrase, header);
  return scrypt(password, salt, options);
}

function checkParameters(params: ScryptParameters): void {
  if (128 * params.r * 2 ** params.logN > MAX_SCRYPT_MEMORY) {
    throw new SecretFileError('unsupported', 'the key derivation asks for more than 1 GiB of memory');
  }
}

/**
 * Algorithm 9.16 SealSecret: encrypts `secret` under `passphrase`. `kind` names what the secret
 * is ("trustee", "authority", "mix-node"), so a file of one kind is not opened as another.
 */
export function sealSecret(
  secret: Uint8Array,
  passphrase: string,
  options: { kind: string; scrypt?: ScryptParameters },
): Uint8Array {
  if (passphrase.length === 0) throw new RangeError('the passphrase is empty');
  const params = options.scrypt ?? DEFAULT_SCRYPT;
  checkParameters(params);
  const header = HeaderSchema.parse({
    format: SECRET_FILE_FORMAT,
    version: 1,
    kind: options.kind,
    kdf: {
      name: 'scrypt',
      logN: params.logN,
      r: params.r,
      p: params.p,
      salt: toBase64Url(crypto.getRandomValues(new Uint8Array(32))),
    },
    aead: { name: 'xchacha20-poly1305', nonce: toBase64Url(crypto.getRandomValues(new Uint8Array(24))) },
  });
  const key = deriveFileKey(passphrase, header);
  const nonce = fromBase64Url(header.aead.nonce, 24);
  const ciphertext = xchacha20poly1305(key, nonce, canonicalBytes(header)).encrypt(secret);
  key.fill(0);
  return canonicalBytes({ ...header, ciphertext: toBase64Url(ciphertext) });
}

function parseSecretFile(file: Uint8Array): { header: Header; ciphertext: Uint8Array } {
  let json: unknown;
  try {
    json = JSON.parse(fromUtf8(file));
  } catch {
    throw new SecretFileError('malformed', 'not a secret file: not UTF-8 JSON');
  }
  const record = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  if (record.format !== SECRET_FILE_FORMAT) throw new SecretFileError('malformed', 'not an e-Votare secret file');
  if (record.version !== 1) {
    throw new SecretFileError('unsupported', `secret file version ${String(record.version)} is not supported`);
  }
  const parsed = FileSchema.safeParse(json);
  if (!parsed.success) throw new SecretFileError('malformed', 'the secret file is damaged');
  const { ciphertext, ...header } = parsed.data;
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(ciphertext);
  } catch {
    throw new SecretFileError('malformed', 'the secret file is damaged: bad ciphertext encoding');
  }
  if (bytes.length < 16) throw new SecretFileError('malformed', 'the secret file is damaged: ciphertext too short');
  return { header, ciphertext: bytes };
}

/** Reads the header of a secret file without the passphrase (to show its kind and parameters). */
export function readSecretFileHeader(file: Uint8Array): SecretFileHeader {
  return parseSecretFile(file).header;
}

/** The parsed file, checked against the expected kind and the memory limit, before any key is derived. */
function fileToOpen(file: Uint8Array, expectedKind?: string): { header: Header; ciphertext: Uint8Array } {
  const opened = parseSecretFile(file);
  if (expectedKind !== undefined && opened.header.kind !== expectedKind) {
    throw new SecretFileError('wrong-kind', `this file holds a "${opened.header.kind}" secret, not "${expectedKind}"`);
  }
  checkParameters(opened.header.kdf);
  return opened;
}

function decryptSecret(key: Uint8Array, header: Header, ciphertext: Uint8Array): Uint8Array {
  try {
    return xchacha20poly1305(key, fromBase64Url(header.aead.nonce, 24), canonicalBytes(header)).decrypt(ciphertext);
  } catch {
    throw new SecretFileError('wrong-passphrase', 'wrong passphrase, or the secret file was altered');
  } finally {
    key.fill(0);
  }
}

/**
 * Algorithm 9.17 OpenSecret: the secret, or a SecretFileError — 'wrong-passphrase' when the
 * authentication tag does not verify (a wrong passphrase, or a file altered after sealing: the two
 * cannot be told apart), never garbage.
 */
export function openSecret(file: Uint8Array, passphrase: string, expectedKind?: string): Uint8Array {
  const { header, ciphertext } = fileToOpen(file, expectedKind);
  return decryptSecret(deriveFileKey(passphrase, header), header, ciphertext);
}

/** Algorithm 9.17 OpenSecret, as openSecret, with the key derived by the given scrypt. */
export async function openSecretWith(
  scryptFunction: ScryptFunction,
  file: Uint8Array,
  passphrase: string,
  expectedKind?: string,
): Promise<Uint8Array> {
  const { header, ciphertext } = fileToOpen(file, expectedKind);
  return decryptSecret(await scryptFunction(scryptInput(passphrase, header)), header, ciphertext);
}
