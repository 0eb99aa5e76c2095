// Activation codes (docs/SPEC.md §13.3): 20 characters of Crockford's base32 — 100 bits, typable,
// no I, L, O or U to misread — shown as four groups of five. Only a slow salted hash is stored:
// scrypt with N = 2^11, r = 8, p = 1 (2 MiB, about 5 ms here), parameters kept with each hash.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 4;
const GROUP = 5;

export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * N = 2^11 (2 MiB, a few ms): the code has 100 random bits, so the hash's cost adds nothing that
 * matters against a stolen database, and costs every activation try and every issued code
 * (docs/THREAT-MODEL.md, "Cost of the activation-code hash"). Each hash keeps its parameters.
 */
export const CODE_SCRYPT: ScryptParams = { N: 2 ** 11, r: 8, p: 1 };

export function generateActivationCode(): string {
  const bytes = randomBytes(GROUPS * GROUP);
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0 && i % GROUP === 0) out += '-';
    out += ALPHABET[bytes[i]! & 31]; // 256 is a multiple of 32: no bias
  }
  return out;
}

/**
 * What the voter typed, in canonical form: upper case, no spaces or dashes, O read as 0 and I, L
 * as 1 (as Crockford's base32 says). Null if it cannot be a code.
 */
export function normalizeActivationCode(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== GROUPS * GROUP) return null;
  for (const ch of s) if (!ALPHABET.includes(ch)) return null;
  return s;
}

export function paramsText(p: ScryptParams): string {
  return `${p.N},${p.r},${p.p}`;
}

export function parseParams(text: string): ScryptParams {
  const [N, r, p] = text.split(',').map(Number);
  return { N: N!, r: r!, p: p! };
}

/** The memory scrypt needs for these parameters (128·N·r bytes), with room to spare. */
export const scryptMaxmem = (p: ScryptParams): number => 256 * p.N * p.r + 1024 * 1024;

export function hashActivationCode(
  canonical: string,
  salt: Uint8Array,
  params: ScryptParams = CODE_SCRYPT,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    scrypt(canonical, salt, 32, { ...params, maxmem: scryptMaxmem(params) }, (e, key) =>
      e ? reject(e) : resolve(new Uint8Array(key)),
    );
  });
}

export async function sealActivationCode(
  code: string,
  params: ScryptParams = CODE_SCRYPT,
): Promise<{ hash: Uint8Array; salt: Uint8Array; params: string }> {
  const canonical = normalizeActivationCode(code);
  if (canonical === null) throw new Error('not an activation code');
  const salt = new Uint8Array(randomBytes(16));
  return { hash: await hashActivationCode(canonical, salt, params), salt, params: paramsText(params) };
}

/** Constant-time comparison of what was typed against a stored hash. */
export async function activationCodeMatches(
  typed: string,
  stored: { hash: Uint8Array; salt: Uint8Array; params: string },
): Promise<boolean> {
  const canonical = normalizeActivationCode(typed) ?? '0'.repeat(GROUPS * GROUP);
  const hash = await hashActivationCode(canonical, stored.salt, parseParams(stored.params));
  const ok = hash.length === stored.hash.length && timingSafeEqual(hash, stored.hash);
  return ok && normalizeActivationCode(typed) !== null;
}

/**
 * The same work as a real check, for an IDNP that has no code (or a locked one): no timing
 * difference. `params` must be those the codes are sealed with (the configured cost).
 */
export async function dummyActivationCheck(params: ScryptParams = CODE_SCRYPT): Promise<void> {
  await hashActivationCode('0'.repeat(GROUPS * GROUP), new Uint8Array(16), params);
}
