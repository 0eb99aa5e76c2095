// Known-answer tests of expand_message_xmd with SHA-512 (RFC 9380 Appendix K.3), the first half of
// HashToGroup (docs/SPEC.md §3.4). The expansion is called exactly as hash-to-group.ts calls it
// (message bytes, UTF-8 DST bytes, SHA-512 from @noble/hashes), so these vectors pin our usage.
// RFC 9380 has no ristretto255 suite vectors; the end-to-end vectors are in rfc9497.test.ts.
import { expand_message_xmd } from '@noble/curves/abstract/hash-to-curve.js';
import { ristretto255_hasher } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readVectors } from './_vectors.ts';
import { toHex, utf8 } from './bytes.ts';
import { GroupElement } from './group.ts';
import { hashToGroup } from './hash-to-group.ts';
import { TAG } from './tags.ts';

const vectors = readVectors<{
  readonly DST: string;
  readonly vectors: readonly { readonly msg: string; readonly len_in_bytes: number; readonly uniform_bytes: string }[];
}>('rfc9380.json');

describe('RFC 9380 K.3: expand_message_xmd(SHA-512)', () => {
  it('has the ten vectors of the appendix', () => {
    expect(vectors.DST).toBe('QUUX-V01-CS02-with-expander-SHA512-256');
    expect(vectors.vectors.map((v) => v.len_in_bytes)).toEqual([32, 32, 32, 32, 32, 128, 128, 128, 128, 128]);
    expect(vectors.vectors.map((v) => v.msg.length)).toEqual([0, 3, 16, 133, 517, 0, 3, 16, 133, 517]);
  });

  it.each(vectors.vectors.map((v) => [v.msg.slice(0, 16), v.len_in_bytes, v] as const))(
    'msg "%s…", %i bytes',
    (_short, _len, v) => {
      const out = expand_message_xmd(utf8(v.msg), utf8(vectors.DST), v.len_in_bytes, sha512);
      expect(toHex(out)).toBe(v.uniform_bytes);
    },
  );
});

describe('HashToGroup = FromUniformBytes(expand_message_xmd(msg, dst, 64)) (§3.4)', () => {
  const arbDst = fc.constantFrom(TAG.optionElement, TAG.generator, vectors.DST, 'x');
  const arbMsg = fc.uint8Array({ maxLength: 200 });

  it('is the composition of the two standardised steps', () => {
    fc.assert(
      fc.property(arbDst, arbMsg, (dst, msg) => {
        const uniform = expand_message_xmd(msg, utf8(dst), 64, sha512);
        expect(hashToGroup(dst, msg).equals(GroupElement.fromUniformBytes(uniform))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it("agrees with the reference's hash_to_ristretto255", () => {
    fc.assert(
      fc.property(arbDst, arbMsg, (dst, msg) => {
        const reference = ristretto255_hasher.hashToCurve(msg, { DST: dst });
        expect(toHex(hashToGroup(dst, msg).encode())).toBe(toHex(reference.toBytes()));
      }),
      { numRuns: 40 },
    );
  });

  it('separates domains and messages', () => {
    const m = utf8('candidate 1');
    expect(hashToGroup(TAG.optionElement, m).equals(hashToGroup(TAG.generator, m))).toBe(false);
    expect(hashToGroup(TAG.optionElement, m).equals(hashToGroup(TAG.optionElement, utf8('candidate 2')))).toBe(false);
    expect(hashToGroup(TAG.optionElement, m).isIdentity()).toBe(false);
  });
});
