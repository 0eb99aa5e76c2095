// Moving a voting credential to another device (docs/SPEC.md §13.9, Algorithms 13.10–13.11): the
// credential's secret key, sealed under a one-time transfer code that the first device draws and
// shows, so that the sealed bytes can travel by QR code, e-mail or messenger and are of no use
// without the code.
//
//   key       = scrypt(UTF8(code), salt, N = 2^logN, r = 8, p = 1, 32 bytes)
//   aad       = LP(UTF8("evotare/v1/credential-transfer")) || LP(UTF8(electionId)) || LP(header)
//   transfer  = header || ChaCha20-Poly1305(key, nonce = 0^12, sk || holder, aad)
//   header    = 0x01 || I2OSP(logN, 1) || salt(16)
//
// A fresh salt gives a fresh key for every seal, so the fixed nonce is never used twice with one
// key. Pure functions: bytes in, bytes out.
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { scrypt } from '@noble/hashes/scrypt.js';
import { concatBytes, fromUtf8, lengthPrefixed, utf8 } from './bytes.ts';
import { TAG } from './tags.ts';

/** The format's version byte. */
const VERSION = 1;
/** scrypt cost when sealing: 2^15 (32 MiB, a fraction of a second on a phone); 60 bits of code do the rest. */
export const TRANSFER_LOG_N = 15;
const MIN_LOG_N = 10;
const MAX_LOG_N = 20;
const SALT_LENGTH = 16;
const HEADER_LENGTH = 2 + SALT_LENGTH;
const TAG_LENGTH = 16;
/** sk (32) || idnpEnd (4 ASCII digits) || birthDate (10 ASCII, YYYY-MM-DD). */
const PLAINTEXT_LENGTH = 32 + 4 + 10;
export const TRANSFER_LENGTH = HEADER_LENGTH + PLAINTEXT_LENGTH + TAG_LENGTH;

const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 12;

/** Whose credential it is, as the devices show it (never the whole IDNP). */
export interface CredentialHolder {
  /** The last four digits of the voter's IDNP. */
  readonly idnpEnd: string;
  /** The voter's date of birth, `YYYY-MM-DD`. */
  readonly birthDate: string;
}

export interface SealedTransfer {
  /** The bytes to carry to the other device (80 bytes). */
  readonly transfer: Uint8Array;
  /** The transfer code, `XXXX-XXXX-XXXX` (60 bits), shown on this device only. */
  readonly code: string;
}

export type TransferErrorCode = 'malformed' | 'unsupported' | 'wrong-code';

/** Opening a transfer failed for a reason the voter can act on. */
export class TransferError extends Error {
  readonly code: TransferErrorCode;
  constructor(code: TransferErrorCode, message: string) {
    super(message);
    this.name = 'TransferError';
    this.code = code;
  }
}

/** §13.9: a typed transfer code read as activation codes are (§13.3); null unless 12 characters. */
export function normalizeTransferCode(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== CODE_LENGTH) return null;
  for (const ch of s) if (!CODE_ALPHABET.includes(ch)) return null;
  return s;
}

function drawCode(): string {
  // 32 divides 256: each byte taken modulo 32 is uniform.
  const bytes = crypto.getRandomValues(new Uint8Array(CODE_LENGTH));
  const chars = Array.from(bytes, (b) => CODE_ALPHABET[b % 32]!).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

function holderBytes(holder: CredentialHolder): Uint8Array {
  if (!/^\d{4}$/.test(holder.idnpEnd)) throw new RangeError('idnpEnd must be four digits');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(holder.birthDate)) throw new RangeError('birthDate must be YYYY-MM-DD');
  return utf8(`${holder.idnpEnd}${holder.birthDate}`);
}

function transferKey(code: string, logN: number, salt: Uint8Array): Uint8Array {
  return scrypt(utf8(code), salt, { N: 2 ** logN, r: 8, p: 1, dkLen: 32, maxmem: 2 ** 30 });
}

function associatedData(electionId: string, header: Uint8Array): Uint8Array {
  return concatBytes(
    lengthPrefixed(utf8(TAG.credentialTransfer)),
    lengthPrefixed(utf8(electionId)),
    lengthPrefixed(header),
  );
}

const NONCE = new Uint8Array(12);

/**
 * Algorithm 13.10 SealCredentialTransfer: the credential's secret key `sk` (32 bytes) and its
 * holder, sealed for `electionId` under a fresh transfer code.
 */
export function sealCredentialTransfer(
  electionId: string,
  sk: Uint8Array,
  holder: CredentialHolder,
  options: { logN?: number } = {},
): SealedTransfer {
  if (sk.length !== 32) throw new RangeError('the secret key must be 32 bytes');
  const logN = options.logN ?? TRANSFER_LOG_N;
  if (!Number.isInteger(logN) || logN < MIN_LOG_N || logN > MAX_LOG_N) throw new RangeError('logN out of range');
  const code = drawCode();
  const salt = crypto.getRandomValues(new Uint8Array(SALT_LENGTH));
  const header = concatBytes(new Uint8Array([VERSION, logN]), salt);
  const key = transferKey(normalizeTransferCode(code)!, logN, salt);
  const ct = chacha20poly1305(key, NONCE, associatedData(electionId, header)).encrypt(
    concatBytes(sk, holderBytes(holder)),
  );
  key.fill(0);
  return { transfer: concatBytes(header, ct), code };
}

/**
 * Algorithm 13.11 OpenCredentialTransfer: the secret key and holder, or a TransferError —
 * `wrong-code` when the tag does not verify (a mistyped code, a transfer altered, or one made for
 * another election: they cannot be told apart), never other bytes.
 */
export function openCredentialTransfer(
  electionId: string,
  transfer: Uint8Array,
  typedCode: string,
): { sk: Uint8Array; holder: CredentialHolder } {
  if (transfer.length !== TRANSFER_LENGTH) throw new TransferError('malformed', 'not a credential transfer');
  if (transfer[0] !== VERSION) throw new TransferError('unsupported', `transfer version ${transfer[0]}`);
  const logN = transfer[1]!;
  if (logN < MIN_LOG_N || logN > MAX_LOG_N) throw new TransferError('unsupported', `scrypt cost 2^${logN}`);
  const code = normalizeTransferCode(typedCode);
  if (code === null) throw new TransferError('wrong-code', 'a transfer code has 12 letters and digits');
  const header = transfer.subarray(0, HEADER_LENGTH);
  const key = transferKey(code, logN, header.subarray(2));
  let plain: Uint8Array;
  try {
    plain = chacha20poly1305(key, NONCE, associatedData(electionId, header)).decrypt(transfer.subarray(HEADER_LENGTH));
  } catch {
    throw new TransferError('wrong-code', 'wrong transfer code, or the transfer was altered');
  } finally {
    key.fill(0);
  }
  const rest = fromUtf8(plain.subarray(32));
  const holder = { idnpEnd: rest.slice(0, 4), birthDate: rest.slice(4) };
  if (!/^\d{4}$/.test(holder.idnpEnd) || !/^\d{4}-\d{2}-\d{2}$/.test(holder.birthDate)) {
    throw new TransferError('malformed', 'the transfer holds no valid holder');
  }
  return { sk: plain.slice(0, 32), holder };
}
