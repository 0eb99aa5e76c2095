// What a party was told out of band, checked against what it computed (docs/SPEC.md §7.4): the
// manifest hash before the election key exists, the fingerprint after — short or long form, typed
// loosely — and a clear refusal naming both values otherwise. (The programs' refusals are checked
// end to end in test/src/tally.test.ts.)
import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { electionFingerprint, formatFingerprint, formatFingerprintLong } from '@evotare/crypto/fingerprint';
import { generatorBase } from '@evotare/crypto/group';
import { manifestHash } from '@evotare/crypto/manifest';
import { describe, expect, it } from 'vitest';
import { syntheticElection } from '../_fixtures.ts';
import type { Localized } from '../i18n.ts';
import {
  checkExpectationsWellFormed,
  ExpectationError,
  requireFingerprint,
  requireManifestHash,
} from './expectations.ts';

const { manifest } = syntheticElection(1);
const h = manifestHash(manifest);
const Y = generatorBase().multiply(7n);
const F = electionFingerprint(h, fromBase64Url(manifest.authority.signingKey, 32), Y);

describe('a party’s expectations', () => {
  it('takes the manifest hash it was given, and refuses another, naming both', () => {
    expect(requireManifestHash(manifest, {})).toEqual(h);
    expect(requireManifestHash(manifest, { manifestHash: toBase64Url(h) })).toEqual(h);
    const other = toBase64Url(new Uint8Array(32));
    expect(() => requireManifestHash(manifest, { manifestHash: other })).toThrow(
      `the manifest hash of the board’s entry 0, ${toBase64Url(h)}, is not the one expected, ${other}`,
    );
  });

  it('says the fingerprint it computed, takes it in either form and any case, and refuses another', () => {
    const said: Localized[] = [];
    const say = (line: Localized) => said.push(line);
    for (const typed of [
      undefined,
      formatFingerprint(F),
      formatFingerprintLong(F).toLowerCase(),
      ` ${formatFingerprint(F).replace(/-/g, ' ')} `,
    ]) {
      expect(requireFingerprint(manifest, Y, typed === undefined ? {} : { fingerprint: typed }, say)).toEqual(F);
    }
    expect(said.map((l) => l.en)).toContain(
      `the election fingerprint, computed from the board: ${formatFingerprint(F)} (long form ${formatFingerprintLong(F)})`,
    );
    const otherKey = generatorBase().multiply(8n);
    const refused = () => requireFingerprint(manifest, otherKey, { fingerprint: formatFingerprint(F) }, say);
    expect(refused).toThrow(ExpectationError);
    const seen = formatFingerprint(electionFingerprint(h, fromBase64Url(manifest.authority.signingKey, 32), otherKey));
    expect(refused).toThrow(`computed from the board, ${seen}, is not the one expected, ${formatFingerprint(F)}`);
  });

  it('refuses, before anything is read, what is not a fingerprint or a manifest hash', () => {
    expect(() => checkExpectationsWellFormed({})).not.toThrow();
    expect(() =>
      checkExpectationsWellFormed({ fingerprint: formatFingerprint(F), manifestHash: toBase64Url(h) }),
    ).not.toThrow();
    expect(() => checkExpectationsWellFormed({ fingerprint: 'DM8F-Q894' })).toThrow(/is not an election fingerprint/);
    expect(() => checkExpectationsWellFormed({ fingerprint: 'UUUU-UUUU-UUUU-UUUU-UUUU' })).toThrow(
      /is not an election fingerprint/,
    );
    expect(() => checkExpectationsWellFormed({ manifestHash: 'abc' })).toThrow(/is not a manifest hash/);
  });
});
