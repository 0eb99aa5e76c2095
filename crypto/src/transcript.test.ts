// The Fiat–Shamir transcript, Digest and ExpandChallenges (docs/SPEC.md §3.2, §3.3): the bytes are
// exactly those of the spec, and any change to what is bound changes the challenge.
import { sha512 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, lengthPrefixed, u32be, utf8 } from './bytes.ts';
import { GroupElement } from './group.ts';
import * as scalar from './scalar.ts';
import { TAG } from './tags.ts';
import { digest, expandChallenges, Transcript } from './transcript.ts';

interface Field {
  readonly label: string;
  readonly value: Uint8Array;
}

const TAGS = Object.values(TAG);
const arbTag = fc.constantFrom(...TAGS);
const arbHash = fc.uint8Array({ minLength: 32, maxLength: 32 });
const arbField = fc.record({ label: fc.string({ maxLength: 8 }), value: fc.uint8Array({ maxLength: 40 }) });
const arbFields = fc.array(arbField, { minLength: 1, maxLength: 6 });

function challengeOf(tag: (typeof TAGS)[number], h: Uint8Array, fields: readonly Field[]): bigint {
  const t = new Transcript(tag, h);
  for (const f of fields) t.bytes(f.label, f.value);
  return t.challenge();
}

/** §3.2 written out: ScalarFromWide(SHA512(LP(tag) || LP(h) || LP(label_1) || LP(value_1) || ...)). */
function specChallenge(tag: string, h: Uint8Array, fields: readonly Field[]): bigint {
  const parts = [lengthPrefixed(utf8(tag)), lengthPrefixed(h)];
  for (const f of fields) parts.push(lengthPrefixed(utf8(f.label)), lengthPrefixed(f.value));
  return scalar.fromWide(sha512(concatBytes(...parts)));
}

describe('Transcript (§3.2)', () => {
  it('hashes exactly the bytes the spec lists', () => {
    fc.assert(
      fc.property(arbTag, arbHash, arbFields, (tag, h, fields) => {
        expect(challengeOf(tag, h, fields)).toBe(specChallenge(tag, h, fields));
      }),
    );
  });

  it('encodes elements, element lists, scalars and integers as the spec says', () => {
    const h = new Uint8Array(32).fill(7);
    const P = GroupElement.fromUniformBytes(new Uint8Array(64).fill(1));
    const Q = GroupElement.generator;
    const s = scalar.ORDER - 5n;
    const ours = new Transcript(TAG.schnorr, h)
      .element('P', P)
      .elements('list', [P, Q])
      .encodedElements('encoded', [Q.encode(), P.encode()])
      .elements('empty', [])
      .scalar('s', s)
      .u32('n', 25)
      .challenge();
    const spec = specChallenge(TAG.schnorr, h, [
      { label: 'P', value: P.encode() },
      { label: 'list', value: concatBytes(P.encode(), Q.encode()) },
      { label: 'encoded', value: concatBytes(Q.encode(), P.encode()) },
      { label: 'empty', value: new Uint8Array(0) },
      { label: 's', value: scalar.encode(s) },
      { label: 'n', value: u32be(25) },
    ]);
    expect(ours).toBe(spec);
  });

  it('changes when any label or value changes', () => {
    fc.assert(
      fc.property(arbTag, arbHash, arbFields, fc.nat(), fc.boolean(), (tag, h, fields, at, inLabel) => {
        const i = at % fields.length;
        const f = fields[i]!;
        const changed = inLabel
          ? { label: `${f.label}x`, value: f.value }
          : { label: f.label, value: concatBytes(f.value, Uint8Array.of(0)) };
        const other = fields.map((g, j) => (j === i ? changed : g));
        expect(challengeOf(tag, h, other)).not.toBe(challengeOf(tag, h, fields));
      }),
    );
  });

  it('changes when one byte of a value is flipped', () => {
    fc.assert(
      fc.property(arbHash, arbFields, fc.nat(), fc.nat(), (h, fields, at, byte) => {
        const i = fields.findIndex((f) => f.value.length > 0);
        fc.pre(i >= 0);
        const value = fields[i]!.value.slice();
        value[byte % value.length]! ^= 1 << (at % 8);
        const other = fields.map((g, j) => (j === i ? { label: g.label, value } : g));
        expect(challengeOf(TAG.schnorr, h, other)).not.toBe(challengeOf(TAG.schnorr, h, fields));
      }),
    );
  });

  it('changes when two different fields swap places', () => {
    fc.assert(
      fc.property(arbHash, arbFields, fc.nat(), fc.nat(), (h, fields, a, b) => {
        const i = a % fields.length;
        const j = b % fields.length;
        const [fi, fj] = [fields[i]!, fields[j]!];
        fc.pre(fi.label !== fj.label || fi.value.join() !== fj.value.join());
        const swapped = fields.slice();
        swapped[i] = fj;
        swapped[j] = fi;
        expect(challengeOf(TAG.chaumPedersen, h, swapped)).not.toBe(challengeOf(TAG.chaumPedersen, h, fields));
      }),
    );
  });

  it('changes with the domain tag and with the manifest hash', () => {
    fc.assert(
      fc.property(arbTag, arbTag, arbHash, arbHash, arbFields, (t1, t2, h1, h2, fields) => {
        if (t1 !== t2) expect(challengeOf(t1, h1, fields)).not.toBe(challengeOf(t2, h1, fields));
        if (h1.join() !== h2.join()) expect(challengeOf(t1, h1, fields)).not.toBe(challengeOf(t1, h2, fields));
      }),
    );
  });

  it('length-prefixes every field: ("ab", "c") ≠ ("a", "bc")', () => {
    const h = new Uint8Array(32);
    const ch = (fields: Field[]) => challengeOf(TAG.schnorr, h, fields);
    const b = (s: string) => utf8(s);
    // the boundary between a label and its value
    expect(ch([{ label: 'ab', value: b('c') }])).not.toBe(ch([{ label: 'a', value: b('bc') }]));
    // the boundary between two values
    expect(
      ch([
        { label: 'x', value: b('ab') },
        { label: 'y', value: b('c') },
      ]),
    ).not.toBe(
      ch([
        { label: 'x', value: b('a') },
        { label: 'y', value: b('bc') },
      ]),
    );
    // a value cannot swallow the next field
    expect(ch([{ label: 'x', value: b('ab') }])).not.toBe(
      ch([
        { label: 'x', value: b('a') },
        { label: 'b', value: b('') },
      ]),
    );
    // an element list is one field, not several
    const P = GroupElement.generator;
    const one = new Transcript(TAG.schnorr, h).elements('E', [P, P]).challenge();
    const two = new Transcript(TAG.schnorr, h).elements('E', [P]).elements('E', [P]).challenge();
    expect(one).not.toBe(two);
  });

  it('gives a scalar in [0, ℓ) and the same one for the same input', () => {
    fc.assert(
      fc.property(arbTag, arbHash, arbFields, (tag, h, fields) => {
        const c = challengeOf(tag, h, fields);
        expect(c >= 0n && c < scalar.ORDER).toBe(true);
        expect(challengeOf(tag, h, fields)).toBe(c);
      }),
    );
  });
});

describe('Digest (§3.3)', () => {
  it('is the first 32 bytes of SHA512(LP(tag) || LP(f_1) || ... || LP(f_n))', () => {
    fc.assert(
      fc.property(arbTag, fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 5 }), (tag, fields) => {
        const spec = sha512(concatBytes(lengthPrefixed(utf8(tag)), ...fields.map(lengthPrefixed))).subarray(0, 32);
        expect(digest(tag, ...fields)).toEqual(spec);
      }),
    );
  });

  it('separates fields and tags', () => {
    const d = (tag: (typeof TAGS)[number], ...fields: string[]) => digest(tag, ...fields.map(utf8)).join();
    expect(d(TAG.manifest, 'ab', 'c')).not.toBe(d(TAG.manifest, 'a', 'bc'));
    expect(d(TAG.manifest, 'abc')).not.toBe(d(TAG.manifest, 'abc', ''));
    expect(d(TAG.manifest, 'x')).not.toBe(d(TAG.trackingCode, 'x'));
  });
});

describe('ExpandChallenges (Algorithm 3.1)', () => {
  const arbSeed = fc.uint8Array({ minLength: 64, maxLength: 64 });

  it('follows the formula of the spec', () => {
    const seed = new Uint8Array(64).fill(0xab);
    const prefix = concatBytes(lengthPrefixed(utf8(TAG.challengeExpansion)), lengthPrefixed(seed));
    const cs = expandChallenges(seed, 5);
    cs.forEach((c, i) => {
      expect(c).toBe(scalar.fromWide(sha512(concatBytes(prefix, u32be(i)))));
    });
  });

  it('is deterministic, and a prefix of a longer expansion', () => {
    fc.assert(
      fc.property(arbSeed, fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), (seed, m, n) => {
        expect(expandChallenges(seed, n)).toEqual(expandChallenges(seed, n));
        const longer = expandChallenges(seed, Math.max(m, n));
        expect(expandChallenges(seed, Math.min(m, n))).toEqual(longer.slice(0, Math.min(m, n)));
      }),
      { numRuns: 50 },
    );
    expect(expandChallenges(new Uint8Array(64), 0)).toEqual([]);
  });

  it('depends on the position: no two challenges of one seed coincide', () => {
    fc.assert(
      fc.property(arbSeed, (seed) => {
        const cs = expandChallenges(seed, 32);
        expect(new Set(cs).size).toBe(32);
        for (const c of cs) expect(c >= 0n && c < scalar.ORDER).toBe(true);
      }),
      { numRuns: 20 },
    );
  });

  it('depends on every bit of the seed', () => {
    fc.assert(
      fc.property(arbSeed, fc.integer({ min: 0, max: 511 }), (seed, bit) => {
        const other = seed.slice();
        other[bit >> 3]! ^= 1 << (bit & 7);
        const [a, b] = [expandChallenges(seed, 3), expandChallenges(other, 3)];
        for (let i = 0; i < 3; i++) expect(a[i]).not.toBe(b[i]);
      }),
      { numRuns: 50 },
    );
  });
});
