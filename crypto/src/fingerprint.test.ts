// Algorithm 7.4 ElectionFingerprint and its forms (docs/SPEC.md §7.4), against the vector of
// docs/vectors/election-fingerprint.json, which a second implementation can use as it is.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readVectors } from './_vectors.ts';
import { fromHex, toHex } from './bytes.ts';
import {
  electionFingerprint,
  formatFingerprint,
  formatFingerprintLong,
  matchesFingerprint,
  normalizeFingerprint,
} from './fingerprint.ts';
import { GroupElement } from './group.ts';

interface Vector {
  manifestHash: string;
  authorityKey: string;
  electionKey: string;
  fingerprint: string;
  short: string;
  long: string;
}

const vectors = readVectors<{ vectors: Vector[] }>('election-fingerprint.json');

describe('§7.4 election fingerprint', () => {
  it.each(vectors.vectors)('matches the vector for Y = $electionKey', (v) => {
    const f = electionFingerprint(fromHex(v.manifestHash), fromHex(v.authorityKey), fromHex(v.electionKey));
    expect(toHex(f)).toBe(v.fingerprint);
    expect(formatFingerprint(f)).toBe(v.short);
    expect(formatFingerprintLong(f)).toBe(v.long);
    expect(formatFingerprintLong(f).startsWith(formatFingerprint(f))).toBe(true);
  });

  it('takes the election key as an element or as its encoding', () => {
    const h = new Uint8Array(32).fill(7);
    const pk = new Uint8Array(32).fill(9);
    const Y = GroupElement.generator;
    expect(electionFingerprint(h, pk, Y)).toEqual(electionFingerprint(h, pk, Y.encode()));
  });

  it('changes with each of its inputs', () => {
    const h = new Uint8Array(32).fill(7);
    const pk = new Uint8Array(32).fill(9);
    const y = GroupElement.generator.encode();
    const f = toHex(electionFingerprint(h, pk, y));
    const flip = (b: Uint8Array) => Uint8Array.from(b, (x, i) => (i === 5 ? x ^ 1 : x));
    expect(toHex(electionFingerprint(flip(h), pk, y))).not.toBe(f);
    expect(toHex(electionFingerprint(h, flip(pk), y))).not.toBe(f);
    expect(toHex(electionFingerprint(h, pk, flip(y)))).not.toBe(f);
  });

  it('matches the short form, the long form and any prefix of at least 20 characters, typed loosely', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.integer({ min: 20, max: 52 }), (f, n) => {
        const long = formatFingerprintLong(f).replace(/-/g, '');
        expect(matchesFingerprint(long.slice(0, n), f)).toBe(true);
        expect(matchesFingerprint(formatFingerprint(f).toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l'), f)).toBe(
          true,
        );
        expect(matchesFingerprint(` ${formatFingerprint(f)} `, f)).toBe(true);
      }),
    );
  });

  it('refuses a different fingerprint, a short prefix and text that is not base32', () => {
    const f = electionFingerprint(new Uint8Array(32), new Uint8Array(32).fill(1), GroupElement.generator);
    const short = formatFingerprint(f).replace(/-/g, '');
    const other = (short[0] === 'A' ? 'B' : 'A') + short.slice(1);
    expect(matchesFingerprint(other, f)).toBe(false);
    expect(matchesFingerprint(short.slice(0, 19), f)).toBe(false);
    expect(normalizeFingerprint('UUUU-UUUU-UUUU-UUUU-UUUU')).toBeNull();
    expect(normalizeFingerprint(`${formatFingerprintLong(f)}0`)).toBeNull();
  });
});
