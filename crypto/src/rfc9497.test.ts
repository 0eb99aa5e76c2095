// End-to-end known-answer tests of hash_to_ristretto255 (docs/SPEC.md §3.4) from a standard.
// RFC 9380 publishes no ristretto255 suite vectors, but RFC 9497 (OPRF) does, for its suite
// ristretto255-SHA512, whose HashToGroup is exactly our HashToGroup under the DST
// "HashToGroup-" || contextString (RFC 9497 §4.1). Its test vectors (Appendix A.1) publish
//   BlindedElement    = Blind · HashToGroup(Input)
//   EvaluationElement = skSm · BlindedElement                 (OPRF, VOPRF)
//                     = (skSm + HashToScalar(info))^-1 · BlindedElement   (POPRF)
// with Blind and skSm given, so they pin hashToGroup, scalar decoding, multiplication and inversion.
import { expand_message_xmd } from '@noble/curves/abstract/hash-to-curve.js';
import { ristretto255_hasher } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { readVectors } from './_vectors.ts';
import { concatBytes, fromHex, toHex, utf8 } from './bytes.ts';
import { GroupElement, generatorBase } from './group.ts';
import { hashToGroup } from './hash-to-group.ts';
import * as scalar from './scalar.ts';

const vectors = readVectors<{ readonly identifier: string; readonly modes: readonly OprfMode[] }>('rfc9497.json');

/** contextString = "OPRFV1-" || I2OSP(mode, 1) || "-" || identifier (RFC 9497 §3.1). */
const contextString = (mode: number) => `OPRFV1-${String.fromCharCode(mode)}-${vectors.identifier}`;

/** RFC 9497 §4.1 HashToScalar for ristretto255-SHA512: expand to 64 bytes, reduce mod ℓ. */
function hashToScalar(msg: Uint8Array, dst: string): scalar.Scalar {
  return scalar.fromWide(expand_message_xmd(msg, utf8(dst), 64, sha512));
}

interface OprfVector {
  readonly Input: readonly string[];
  readonly Info?: string;
  readonly Blind: readonly string[];
  readonly BlindedElement: readonly string[];
  readonly EvaluationElement: readonly string[];
}
interface OprfMode {
  readonly mode: number;
  readonly name: string;
  readonly skSm: string;
  readonly pkSm?: string;
  readonly vectors: readonly OprfVector[];
}
const modes = vectors.modes;

const i2osp2 = (n: number) => Uint8Array.of(n >>> 8, n & 0xff);
const hex = (e: GroupElement) => toHex(e.encode());

describe('RFC 9497 A.1: hash_to_ristretto255 inside OPRF(ristretto255, SHA-512)', () => {
  it('has the three modes of the appendix, whose blinded elements the reference reproduces', () => {
    expect(modes.map((m) => m.name)).toEqual(['OPRF', 'VOPRF', 'POPRF']);
    expect(modes.map((m) => m.vectors.length)).toEqual([2, 3, 3]);
    for (const mode of modes) {
      for (const v of mode.vectors) {
        v.Input.forEach((input, j) => {
          const H = ristretto255_hasher.hashToCurve(fromHex(input), { DST: `HashToGroup-${contextString(mode.mode)}` });
          const blinded = H.multiply(scalar.decode(fromHex(v.Blind[j]!)));
          expect(toHex(blinded.toBytes())).toBe(v.BlindedElement[j]);
        });
      }
    }
  });

  for (const mode of modes) {
    const dst = `HashToGroup-${contextString(mode.mode)}`;
    const skS = scalar.decode(fromHex(mode.skSm));

    describe(`${mode.name} mode`, () => {
      const pkSm = mode.pkSm;
      if (pkSm !== undefined) {
        it('pkSm = skSm·G', () => {
          expect(hex(generatorBase().multiply(skS))).toBe(pkSm);
        });
      }

      mode.vectors.forEach((v, n) => {
        it(`test vector ${n + 1}: BlindedElement = Blind · HashToGroup(Input)`, () => {
          v.Input.forEach((input, j) => {
            const blind = scalar.decode(fromHex(v.Blind[j]!));
            const blinded = hashToGroup(dst, fromHex(input)).multiply(blind);
            expect(hex(blinded)).toBe(v.BlindedElement[j]);
          });
        });

        it(`test vector ${n + 1}: EvaluationElement from BlindedElement`, () => {
          let key = skS;
          if (v.Info !== undefined) {
            const info = fromHex(v.Info);
            const framedInfo = concatBytes(utf8('Info'), i2osp2(info.length), info);
            const m = hashToScalar(framedInfo, `HashToScalar-${contextString(mode.mode)}`);
            key = scalar.invert(scalar.add(skS, m));
          }
          v.BlindedElement.forEach((blinded, j) => {
            const evaluated = GroupElement.decodeNonIdentity(fromHex(blinded)).multiply(key);
            expect(hex(evaluated)).toBe(v.EvaluationElement[j]);
          });
        });
      });
    });
  }

  it('differs from HashToGroup under another DST', () => {
    const input = fromHex(modes[0]!.vectors[0]!.Input[0]!);
    const h0 = hashToGroup(`HashToGroup-${contextString(0)}`, input);
    const h1 = hashToGroup(`HashToGroup-${contextString(1)}`, input);
    expect(h0.equals(h1)).toBe(false);
  });
});
