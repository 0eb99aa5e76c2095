// The election fingerprint (docs/SPEC.md §7.4): one digest of what a voter, a trustee, a mix node
// and an auditor must all agree on before they act — the manifest hash h, the CEC authority key and
// the election key Y. The CEC publishes it out of band (its website, the Official Monitor, the
// letters); every party compares it with the one it computes from the board. A server that serves a
// different manifest, authority key or election key cannot keep the fingerprint.
import { equalBytes } from './bytes.ts';
import type { GroupElement } from './group.ts';
import { TAG } from './tags.ts';
import { digest } from './transcript.ts';

/** Crockford's base32 alphabet (§1.2): no I, L, O, U. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Characters of the short form (100 bits) and of the long form (256 bits, padded to 260). */
export const SHORT_FINGERPRINT_CHARS = 20;
export const LONG_FINGERPRINT_CHARS = 52;

/** Algorithm 7.4 ElectionFingerprint(h, pk_CEC, Y) = Digest("evotare/v1/election-fingerprint", h, pk_CEC, Encode(Y)). */
export function electionFingerprint(
  manifestHash: Uint8Array,
  authorityKey: Uint8Array,
  electionKey: GroupElement | Uint8Array,
): Uint8Array {
  if (manifestHash.length !== 32 || authorityKey.length !== 32) throw new RangeError('32-byte h and pk_CEC expected');
  const y = electionKey instanceof Uint8Array ? electionKey : electionKey.encode();
  if (y.length !== 32) throw new RangeError('a 32-byte election key expected');
  return digest(TAG.electionFingerprint, manifestHash, authorityKey, y);
}

/** The 256 bits in Crockford base32, most significant bit first, padded with zero bits to 260. */
function base32(bytes: Uint8Array): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = ((acc << 8) | b) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD[(acc >> bits) & 31];
    }
  }
  if (bits > 0) out += CROCKFORD[(acc << (5 - bits)) & 31];
  return out;
}

const groups = (s: string) => s.match(/.{1,4}/g)!.join('-');

/** The long form: all 52 characters, in groups of four (13 groups). */
export function formatFingerprintLong(fingerprint: Uint8Array): string {
  return groups(base32(fingerprint));
}

/** The short form people type and compare: the long form's first 20 characters (100 bits), five groups of four. */
export function formatFingerprint(fingerprint: Uint8Array): string {
  return groups(base32(fingerprint).slice(0, SHORT_FINGERPRINT_CHARS));
}

/**
 * A typed fingerprint, normalized as §7.4 says: upper case; spaces and "-" removed; O read as 0,
 * I and L as 1. Null unless it is 20 … 52 characters of the alphabet.
 */
export function normalizeFingerprint(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length < SHORT_FINGERPRINT_CHARS || s.length > LONG_FINGERPRINT_CHARS) return null;
  for (const c of s) if (!CROCKFORD.includes(c)) return null;
  return s;
}

/**
 * Algorithm 7.5 MatchFingerprint: the typed fingerprint (short, long, or anything between) is a
 * prefix of the long form of the computed one. False for text that is not a fingerprint.
 */
export function matchesFingerprint(typed: string, fingerprint: Uint8Array): boolean {
  const s = normalizeFingerprint(typed);
  if (s === null) return false;
  const enc = new TextEncoder();
  return equalBytes(enc.encode(s), enc.encode(base32(fingerprint).slice(0, s.length)));
}
