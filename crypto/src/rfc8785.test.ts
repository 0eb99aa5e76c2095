// Known-answer tests of canonical JSON (docs/SPEC.md §1.3) from the examples of RFC 8785 (JCS).
// Rejections and properties beyond the RFC's examples are in canonical-json.test.ts.
import { describe, expect, it } from 'vitest';
import { readVectors } from './_vectors.ts';
import { toHex } from './bytes.ts';
import { CanonicalJsonError, canonicalBytes, canonicalize } from './canonical-json.ts';

/** docs/vectors/rfc8785.json (Appendix A); a `canonical` of null is a number JCS must refuse. */
const vectors = readVectors<{
  readonly sample: { readonly input: string; readonly canonical: string; readonly utf8Hex: string };
  readonly sorting: { readonly input: string; readonly valuesInCanonicalOrder: readonly string[] };
  readonly numbers: { readonly vectors: readonly { readonly ieee754: string; readonly canonical: string | null }[] };
}>('rfc8785.json');

function fromIeee754(bits: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${bits}`));
  return view.getFloat64(0);
}

describe('RFC 8785 §3.2.2–3.2.4: the sample object', () => {
  const { input, canonical, utf8Hex } = vectors.sample;

  it('canonicalizes to the text of §3.2.2', () => {
    expect(canonicalize(JSON.parse(input))).toBe(canonical);
  });

  it('is the UTF-8 bytes of §3.2.4', () => {
    expect(toHex(canonicalBytes(JSON.parse(input)))).toBe(utf8Hex);
  });

  it('is a fixed point: canonicalizing the canonical form changes nothing', () => {
    expect(canonicalize(JSON.parse(canonical))).toBe(canonical);
  });
});

describe('RFC 8785 §3.2.3: sorting of object properties', () => {
  const { input, valuesInCanonicalOrder } = vectors.sorting;

  it('orders members by the UTF-16 code units of their names', () => {
    const out = canonicalize(JSON.parse(input));
    // the values are plain ASCII without quotes, so they can be read off the output in order
    const values = [...out.matchAll(/:"([^"]*)"/g)].map((m) => m[1]);
    expect(values).toEqual(valuesInCanonicalOrder);
  });

  it('does not depend on the order the members were written in', () => {
    const members = Object.entries(JSON.parse(input) as Record<string, string>);
    const reversed = Object.fromEntries(members.reverse());
    expect(canonicalize(reversed)).toBe(canonicalize(JSON.parse(input)));
  });

  it('puts "\\r" before "1", although JavaScript enumerates integer-like keys first', () => {
    const out = canonicalize(JSON.parse(input));
    expect(out.startsWith('{"\\r":"Carriage Return","1":"One",')).toBe(true);
  });
});

describe('RFC 8785 Appendix B: number serialization', () => {
  const numbers = vectors.numbers.vectors;

  it('has the 26 samples of the appendix', () => {
    expect(numbers).toHaveLength(26);
  });

  it.each(numbers.map((v) => [v.ieee754, v.canonical] as const))('0x%s → %s', (bits, expected) => {
    const x = fromIeee754(bits);
    if (expected === null) {
      expect(() => canonicalize(x)).toThrow(CanonicalJsonError);
      expect(() => canonicalize({ n: x })).toThrow(CanonicalJsonError);
      expect(() => canonicalize([x])).toThrow(CanonicalJsonError);
    } else {
      expect(canonicalize(x)).toBe(expected);
      expect(canonicalize({ n: [x] })).toBe(`{"n":[${expected}]}`);
    }
  });
});
