// Sealing the CEC authority's secret key with a passphrase, for storage in the database.
// Interim format until crypto/src/secret-file.ts lands on main, kept behind these two functions
// so the switch touches nothing else: scrypt (N = 2^15, r = 8, p = 1) derives a 256-bit key that
// seals the secret with AES-256-GCM; the header (format, parameters, salt, nonce) is the AAD.
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

const FORMAT = 'evotare-sealed-v0';
const N = 2 ** 15;
const R = 8;
const P = 1;

export class WrongPassphraseError extends Error {
  constructor() {
    super('the authority passphrase does not open the authority key');
    this.name = 'WrongPassphraseError';
  }
}

function deriveKey(passphrase: string, salt: Uint8Array): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 });
}

export function sealAuthorityKey(secretKey: Uint8Array, passphrase: string): Uint8Array {
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const header = Buffer.from(
    JSON.stringify({
      format: FORMAT,
      N,
      r: R,
      p: P,
      salt: salt.toString('base64url'),
      nonce: nonce.toString('base64url'),
    }),
  );
  const cipher = createCipheriv('aes-256-gcm', deriveKey(passphrase, salt), nonce);
  cipher.setAAD(header);
  const ciphertext = Buffer.concat([cipher.update(secretKey), cipher.final(), cipher.getAuthTag()]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  return new Uint8Array(Buffer.concat([length, header, ciphertext]));
}

export function openAuthorityKey(sealed: Uint8Array, passphrase: string): Uint8Array {
  const bytes = Buffer.from(sealed);
  const headerLength = bytes.readUInt32BE(0);
  const header = bytes.subarray(4, 4 + headerLength);
  const parsed = JSON.parse(header.toString('utf8')) as { format: string; salt: string; nonce: string };
  if (parsed.format !== FORMAT) throw new Error(`unknown sealed key format ${parsed.format}`);
  const body = bytes.subarray(4 + headerLength);
  const decipher = createDecipheriv(
    'aes-256-gcm',
    deriveKey(passphrase, Buffer.from(parsed.salt, 'base64url')),
    Buffer.from(parsed.nonce, 'base64url'),
  );
  decipher.setAAD(header);
  decipher.setAuthTag(body.subarray(body.length - 16));
  try {
    return new Uint8Array(Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]));
  } catch {
    throw new WrongPassphraseError();
  }
}
