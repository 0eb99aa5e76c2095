// What a party was told out of band about the election, checked against what it computed from the
// board (docs/SPEC.md §7.4, Algorithm 7.5; §14.3, §14.4): the election fingerprint
// (`--expect-fingerprint`, short or long form) once the election key exists, and before it — in the
// key ceremony — the manifest hash (`--expect-manifest-hash`), which binds the CEC's authority key
// too (it is in the manifest). A party prints the fingerprint it computed whether or not it was
// given one, and refuses to act on a mismatch, naming both.
import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import {
  electionFingerprint,
  formatFingerprint,
  formatFingerprintLong,
  matchesFingerprint,
  normalizeFingerprint,
} from '@evotare/crypto/fingerprint';
import type { GroupElement } from '@evotare/crypto/group';
import { type Manifest, manifestHash } from '@evotare/crypto/manifest';
import { Option } from 'commander';
import { type Localized, LocalizedError } from '../i18n.ts';
import { text } from './text.ts';

/** The election does not have the fingerprint or manifest hash the party was told to expect. */
export class ExpectationError extends LocalizedError {
  override readonly name = 'ExpectationError';
}

export interface Expectations {
  /** The fingerprint the CEC published (Algorithm 7.5 reads it as typed). */
  readonly fingerprint?: string;
  /** base64url of the manifest hash h the CEC published. */
  readonly manifestHash?: string;
}

/** `--expect-fingerprint FP`, as the parties' commands take it. */
export const expectFingerprintOption = () =>
  new Option(
    '--expect-fingerprint <fingerprint>',
    'the election fingerprint the CEC published (short or long form): refuse to act on any other election',
  );

/** `--expect-manifest-hash H`, for the key ceremony, before the election key (and so the fingerprint) exists. */
export const expectManifestHashOption = () =>
  new Option(
    '--expect-manifest-hash <hash>',
    'the manifest hash the CEC published (base64url): refuse to take part in the ceremony of any other manifest',
  );

/** Refuses expectations that are not well-formed, before anything is read from the server. */
export function checkExpectationsWellFormed(expected: Expectations): void {
  if (expected.fingerprint !== undefined && normalizeFingerprint(expected.fingerprint) === null) {
    throw new ExpectationError(text('notAFingerprint', { typed: expected.fingerprint }));
  }
  if (expected.manifestHash !== undefined) {
    try {
      fromBase64Url(expected.manifestHash, 32);
    } catch {
      throw new ExpectationError(text('notAManifestHash', { typed: expected.manifestHash }));
    }
  }
}

/** The manifest's hash h, refused unless it is the one expected (when one is). */
export function requireManifestHash(manifest: Manifest, expected: Expectations): Uint8Array {
  const h = manifestHash(manifest);
  if (expected.manifestHash !== undefined && expected.manifestHash !== toBase64Url(h)) {
    throw new ExpectationError(text('manifestHashMismatch', { seen: toBase64Url(h), expected: expected.manifestHash }));
  }
  return h;
}

/**
 * Algorithm 7.4 on what the party computed from the board — `manifest` of entry 0 and `Y` it
 * recomputed from the ceremony — said in the fingerprint's two forms by `say`; refused unless it
 * matches the one expected (when one is).
 */
export function requireFingerprint(
  manifest: Manifest,
  electionKey: GroupElement,
  expected: Expectations,
  say: (line: Localized) => void,
): Uint8Array {
  const f = electionFingerprint(
    requireManifestHash(manifest, expected),
    fromBase64Url(manifest.authority.signingKey, 32),
    electionKey,
  );
  say(text('fingerprintSeen', { short: formatFingerprint(f), long: formatFingerprintLong(f) }));
  if (expected.fingerprint !== undefined && !matchesFingerprint(expected.fingerprint, f)) {
    throw new ExpectationError(
      text('fingerprintMismatch', { seen: formatFingerprint(f), expected: expected.fingerprint }),
    );
  }
  return f;
}
