// The Fiat–Shamir transcript and the digest function (docs/SPEC.md §3.2, §3.3).
//
//   LP(x)            = I2OSP(len(x), 4) || x
//   transcript bytes = LP(tag) || LP(manifest_hash) || LP(label_1) || LP(value_1) || ...
//   challenge        = ScalarFromWide(SHA-512(transcript bytes))
//
// Every challenge of every proof binds the domain tag of the proof, the election's manifest hash,
// the whole statement and the commitments, in the order the spec gives for that proof.
import { sha512 } from '@noble/hashes/sha2.js';
import { u32be, utf8 } from './bytes.ts';
import type { GroupElement } from './group.ts';
import * as scalar from './scalar.ts';
import { type DomainTag, TAG } from './tags.ts';

type Hasher = ReturnType<typeof sha512.create>;

export class Transcript {
  readonly #h: Hasher;

  constructor(tag: DomainTag, manifestHash: Uint8Array) {
    this.#h = sha512.create();
    this.#field(utf8(tag));
    this.#field(manifestHash);
  }

  #field(bytes: Uint8Array): void {
    this.#h.update(u32be(bytes.length));
    this.#h.update(bytes);
  }

  /** Appends LP(label) || LP(bytes). */
  bytes(label: string, bytes: Uint8Array): this {
    this.#field(utf8(label));
    this.#field(bytes);
    return this;
  }

  element(label: string, e: GroupElement): this {
    return this.bytes(label, e.encode());
  }

  /** Appends LP(label) || LP(Encode(e_1) || ... || Encode(e_n)), streaming. */
  elements(label: string, es: readonly GroupElement[]): this {
    this.#field(utf8(label));
    this.#h.update(u32be(32 * es.length));
    for (const e of es) this.#h.update(e.encode());
    return this;
  }

  /** Same for already-encoded elements (32 bytes each). */
  encodedElements(label: string, encodings: readonly Uint8Array[]): this {
    this.#field(utf8(label));
    this.#h.update(u32be(32 * encodings.length));
    for (const b of encodings) this.#h.update(b);
    return this;
  }

  scalar(label: string, s: scalar.Scalar): this {
    return this.bytes(label, scalar.encode(s));
  }

  u32(label: string, n: number): this {
    return this.bytes(label, u32be(n));
  }

  /** SHA-512 of everything appended. The transcript must not be used afterwards. */
  digest(): Uint8Array {
    return this.#h.digest();
  }

  /** §3.2 Challenge: ScalarFromWide(SHA-512(transcript)). */
  challenge(): scalar.Scalar {
    return scalar.fromWide(this.digest());
  }
}

/** §3.3 Digest(tag, fields...): the first 32 bytes of SHA-512(LP(tag) || LP(f_1) || ... || LP(f_n)). */
export function digest(tag: DomainTag, ...fields: readonly Uint8Array[]): Uint8Array {
  const h = sha512.create();
  const t = utf8(tag);
  h.update(u32be(t.length));
  h.update(t);
  for (const f of fields) {
    h.update(u32be(f.length));
    h.update(f);
  }
  return h.digest().subarray(0, 32);
}

/**
 * §3.2 ExpandChallenges(seed, n): n scalars from a 64-byte seed,
 * c_i = ScalarFromWide(SHA-512(LP(TAG.challengeExpansion) || LP(seed) || I2OSP(i, 4))), i = 0 .. n-1.
 * With `first`, returns c_first .. c_(first+n-1) of the same sequence, so that threads can each
 * expand their own range.
 */
export function expandChallenges(seed: Uint8Array, n: number, first = 0): scalar.Scalar[] {
  const tag = utf8(TAG.challengeExpansion);
  const prefix = sha512.create();
  prefix.update(u32be(tag.length));
  prefix.update(tag);
  prefix.update(u32be(seed.length));
  prefix.update(seed);
  const out: scalar.Scalar[] = new Array(n);
  for (let i = 0; i < n; i++)
    out[i] = scalar.fromWide(
      prefix
        .clone()
        .update(u32be(first + i))
        .digest(),
    );
  return out;
}
