// Known-answer tests of the group layer (docs/SPEC.md §2.1, §2.3) from RFC 9496 Appendix A.
// The vectors (docs/vectors/rfc9496.json) are checked against @noble/curves as well, so a transcription
// error in the file shows up as a failure of the reference, not only of our engine.
import { ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { readVectors } from './_vectors.ts';
import { fromHex, toHex } from './bytes.ts';
import { InvalidEncodingError } from './errors.ts';
import { GroupElement, generatorBase, multiScalarMultiply } from './group.ts';

/** docs/vectors/rfc9496.json (Appendix A). */
interface Rfc9496Vectors {
  readonly multiples: { readonly encodings: readonly string[] };
  readonly invalid: { readonly encodings: readonly { readonly reason: string; readonly hex: string }[] };
  readonly invalidExtra: { readonly encodings: readonly { readonly reason: string; readonly hex: string }[] };
  readonly uniform: { readonly vectors: readonly { readonly input: string; readonly output: string }[] };
}
const vectors = readVectors<Rfc9496Vectors>('rfc9496.json');

const multiples = vectors.multiples.encodings;
const invalid = [...vectors.invalid.encodings, ...vectors.invalidExtra.encodings];
const hex = (e: GroupElement) => toHex(e.encode());

describe('RFC 9496 A.1: multiples of the generator', () => {
  it('lists B[0] .. B[15], as the reference computes them', () => {
    expect(multiples).toHaveLength(16);
    multiples.forEach((encoding, k) => {
      expect(toHex(ristretto255.Point.BASE.multiplyUnsafe(BigInt(k)).toBytes())).toBe(encoding);
    });
  });

  it.each(multiples.map((encoding, k) => [k, encoding] as const))('k·G encodes to B[%i]', (k, encoding) => {
    const s = BigInt(k);
    expect(hex(GroupElement.generator.multiply(s))).toBe(encoding);
    expect(hex(generatorBase().multiply(s))).toBe(encoding);
    expect(hex(multiScalarMultiply([GroupElement.generator], [s]))).toBe(encoding);
  });

  it('reaches every B[k] by repeated addition of G', () => {
    let acc = GroupElement.identity;
    for (const encoding of multiples) {
      expect(hex(acc)).toBe(encoding);
      acc = acc.add(GroupElement.generator);
    }
  });

  it.each(multiples.map((encoding, k) => [k, encoding] as const))(
    'B[%i] decodes and re-encodes to itself',
    (k, encoding) => {
      const e = GroupElement.decode(fromHex(encoding));
      expect(hex(e)).toBe(encoding);
      expect(e.equals(generatorBase().multiply(BigInt(k)))).toBe(true);
      expect(e.isIdentity()).toBe(k === 0);
      // the cached encoding is not the only path: an element built by arithmetic encodes the same
      expect(hex(e.add(GroupElement.identity))).toBe(encoding);
    },
  );

  it('decodes all sixteen at once, and DecodeNonIdentity refuses only B[0]', () => {
    expect(GroupElement.decodeMany(multiples.map(fromHex)).map(hex)).toEqual(multiples);
    expect(() => GroupElement.decodeNonIdentity(fromHex(multiples[0]!))).toThrow(InvalidEncodingError);
    for (const encoding of multiples.slice(1)) {
      expect(hex(GroupElement.decodeNonIdentity(fromHex(encoding)))).toBe(encoding);
    }
    const nonIdentity = { nonIdentity: true };
    expect(GroupElement.decodeMany(multiples.slice(1).map(fromHex), nonIdentity).map(hex)).toEqual(multiples.slice(1));
    const withIdentity = multiples.slice(1).map(fromHex);
    withIdentity.splice(4, 0, fromHex(multiples[0]!));
    expect(() => GroupElement.decodeMany(withIdentity, nonIdentity)).toThrow(/element 4: identity/);
  });
});

describe('RFC 9496 A.2: invalid encodings', () => {
  it('has the 29 encodings of the RFC, all rejected by the reference', () => {
    expect(vectors.invalid.encodings).toHaveLength(29);
    for (const { hex: encoding } of invalid) {
      expect(() => ristretto255.Point.fromBytes(fromHex(encoding))).toThrow();
    }
  });

  it.each(invalid.map(({ reason, hex: encoding }) => [reason, encoding] as const))(
    'rejects %s: %s',
    (_reason, encoding) => {
      const bytes = fromHex(encoding);
      expect(() => GroupElement.decode(bytes)).toThrow(InvalidEncodingError);
      expect(() => GroupElement.decodeNonIdentity(bytes)).toThrow(InvalidEncodingError);
    },
  );

  it('rejects a batch that holds one of them, naming its position', () => {
    const valid = multiples.slice(1).map(fromHex);
    invalid.forEach(({ hex: encoding }, i) => {
      const at = i % valid.length;
      const batch = valid.slice();
      batch[at] = fromHex(encoding);
      expect(() => GroupElement.decodeMany(batch)).toThrow(new RegExp(`element ${at}:`));
      expect(() => GroupElement.decodeMany(batch, { nonIdentity: true })).toThrow(new RegExp(`element ${at}:`));
    });
  });
});

describe('RFC 9496 A.3: element derivation from uniform bytes', () => {
  const uniform = vectors.uniform.vectors;

  it('lists the 11 vectors of the RFC, as the reference computes them', () => {
    expect(uniform).toHaveLength(11);
    for (const { input, output } of uniform) {
      expect(toHex(ristretto255_hasher.deriveToCurve!(fromHex(input)).toBytes())).toBe(output);
    }
  });

  it.each(uniform.map(({ input, output }) => [input.slice(0, 16), input, output] as const))(
    'FromUniformBytes(%s…)',
    (_short, input, output) => {
      const e = GroupElement.fromUniformBytes(fromHex(input));
      expect(hex(e)).toBe(output);
      expect(e.equals(GroupElement.decode(fromHex(output)))).toBe(true);
    },
  );

  it('refuses inputs that are not 64 bytes', () => {
    expect(() => GroupElement.fromUniformBytes(new Uint8Array(63))).toThrow(RangeError);
    expect(() => GroupElement.fromUniformBytes(new Uint8Array(65))).toThrow(RangeError);
  });
});
