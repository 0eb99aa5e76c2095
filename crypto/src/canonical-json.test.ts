// Canonical JSON (docs/SPEC.md §1.3): what it must refuse, and the properties that make it a
// canonical form. The RFC 8785 examples themselves are in rfc8785.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromUtf8 } from './bytes.ts';
import { CanonicalJsonError, canonicalBytes, canonicalize } from './canonical-json.ts';

function reorder(value: unknown, rotate: number): unknown {
  if (Array.isArray(value)) return value.map((v) => reorder(v, rotate));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const k = entries.length === 0 ? 0 : rotate % entries.length;
  const moved = [...entries.slice(k), ...entries.slice(0, k)].reverse();
  return Object.fromEntries(moved.map(([key, v]) => [key, reorder(v, rotate)]));
}

describe('canonicalize rejects what is not I-JSON', () => {
  it.each([
    ['a lone high surrogate', '\ud800'],
    ['a lone low surrogate', '\udc00'],
    ['a pair in the wrong order', '\udc00\ud800'],
    ['a high surrogate at the end', 'abc\udbff'],
  ])('a string with %s', (_name, s) => {
    expect(() => canonicalize(s)).toThrow(CanonicalJsonError);
    expect(() => canonicalize({ text: s })).toThrow(CanonicalJsonError);
    expect(() => canonicalize([s])).toThrow(CanonicalJsonError);
    expect(() => canonicalize({ [s]: 1 })).toThrow(CanonicalJsonError);
  });

  it('accepts a well-formed surrogate pair', () => {
    expect(canonicalize('\ud83d\ude00')).toBe('"\ud83d\ude00"');
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
  ])('%s', (_name, x) => {
    expect(() => canonicalize(x)).toThrow(CanonicalJsonError);
    expect(() => canonicalize({ a: { b: [1, x] } })).toThrow(/\$\.a\.b\[1\]/);
  });

  class Ballot {
    readonly contest = 'president';
  }
  it.each([
    ['a Date', new Date(0)],
    ['a Map', new Map([['a', 1]])],
    ['a Set', new Set([1])],
    ['a Uint8Array', new Uint8Array(2)],
    ['a RegExp', /x/],
    ['a class instance', new Ballot()],
    ['a boxed string', Object('x')],
  ])('%s, which is not a plain object', (_name, value) => {
    expect(() => canonicalize(value)).toThrow(CanonicalJsonError);
    expect(() => canonicalize({ v: value })).toThrow(/not a plain object/);
  });

  it.each([
    ['a bigint', 1n],
    ['a function', () => 1],
    ['a symbol', Symbol('x')],
    ['undefined', undefined],
  ])('%s, which is not a JSON value', (_name, value) => {
    expect(() => canonicalize(value)).toThrow(CanonicalJsonError);
    expect(() => canonicalize([value])).toThrow(CanonicalJsonError);
  });

  it('values nested deeper than 64 levels', () => {
    let ok: unknown = 0;
    for (let i = 0; i < 64; i++) ok = [ok];
    expect(() => canonicalize(ok)).not.toThrow();
    expect(() => canonicalize([ok])).toThrow(/nested too deeply/);
  });

  it('omits members whose value is undefined, as JSON.stringify does', () => {
    expect(canonicalize({ b: 1, a: undefined })).toBe('{"b":1}');
  });

  it('accepts objects without a prototype', () => {
    const o = Object.create(null) as Record<string, number>;
    o.z = 1;
    o.a = 2;
    expect(canonicalize(o)).toBe('{"a":2,"z":1}');
  });
});

describe('canonicalize is a canonical form', () => {
  const arbJson = fc.jsonValue({ maxDepth: 4 });

  it('does not depend on the order of members', () => {
    fc.assert(
      fc.property(arbJson, fc.nat(), (value, rotate) => {
        expect(canonicalize(reorder(value, rotate))).toBe(canonicalize(value));
      }),
    );
  });

  it('parses back to the same value, and canonicalizing again changes nothing', () => {
    fc.assert(
      fc.property(arbJson, (value) => {
        const text = canonicalize(value);
        expect(JSON.parse(text)).toStrictEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalize(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it('has no white space outside strings and is UTF-8 of the text', () => {
    fc.assert(
      fc.property(arbJson, (value) => {
        const text = canonicalize(value);
        expect(text.replace(/"(?:[^"\\]|\\.)*"/g, '')).not.toMatch(/\s/);
        expect(fromUtf8(canonicalBytes(value))).toBe(text);
      }),
    );
  });

  it('writes -0 as 0', () => {
    expect(canonicalize(-0)).toBe('0');
    expect(canonicalize({ x: -0 })).toBe(canonicalize({ x: 0 }));
  });
});
