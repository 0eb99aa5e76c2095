// ElGamal on ristretto255 (docs/SPEC.md §4): encryption round-trips, re-encryption keeps the
// plaintext, rows behave as their ciphertexts, and the codec validates both halves.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readVectors } from './_vectors.ts';
import { fromHex, toHex } from './bytes.ts';
import {
  type Ciphertext,
  decodeCiphertext,
  decrypt,
  decryptRow,
  EncryptionKey,
  encodeCiphertext,
  encrypt,
  encryptRow,
  generateKeyPair,
  reencrypt,
  reencryptRow,
} from './elgamal.ts';
import { InvalidEncodingError } from './errors.ts';
import { GroupElement, generatorBase } from './group.ts';
import * as scalar from './scalar.ts';

const rfc9496 = readVectors<{
  readonly invalid: { readonly encodings: readonly { readonly hex: string }[] };
}>('rfc9496.json');

const { secretKey: x, publicKey: Y } = generateKeyPair();
const arbScalar = fc.bigInt({ min: 0n, max: scalar.ORDER - 1n });
const arbMessage = fc.oneof(
  { weight: 5, arbitrary: fc.uint8Array({ minLength: 64, maxLength: 64 }).map(GroupElement.fromUniformBytes) },
  { weight: 1, arbitrary: fc.constant(GroupElement.identity) },
  { weight: 1, arbitrary: fc.constant(GroupElement.generator) },
);
const hex = (e: GroupElement) => toHex(e.encode());
const ctHex = (ct: Ciphertext) => toHex(encodeCiphertext(ct));

describe('KeyGen, Encrypt, Decrypt (Algorithms 4.1–4.3)', () => {
  it('the public key is x·G with x ≠ 0', () => {
    expect(x).not.toBe(0n);
    expect(Y.element.equals(GroupElement.generator.multiply(x))).toBe(true);
  });

  it('Decrypt(x, Encrypt(Y, M)) = M', () => {
    fc.assert(
      fc.property(arbMessage, (M) => {
        expect(hex(decrypt(x, encrypt(Y, M)))).toBe(hex(M));
      }),
      { numRuns: 40 },
    );
  });

  it('with the randomness r given, is (r·G, r·Y + M)', () => {
    fc.assert(
      fc.property(arbMessage, arbScalar, (M, r) => {
        const ct = encrypt(Y, M, r);
        expect(hex(ct.a)).toBe(hex(GroupElement.generator.multiply(r)));
        expect(hex(ct.b)).toBe(hex(Y.element.multiply(r).add(M)));
        expect(hex(decrypt(x, ct))).toBe(hex(M));
      }),
      { numRuns: 20 },
    );
  });

  it('draws fresh randomness: two encryptions of one message differ', () => {
    const M = GroupElement.generator;
    expect(ctHex(encrypt(Y, M))).not.toBe(ctHex(encrypt(Y, M)));
  });

  it('does not decrypt under another key', () => {
    const other = generateKeyPair();
    fc.assert(
      fc.property(arbMessage, (M) => {
        const ct = encrypt(Y, M, scalar.randomNonZero());
        expect(decrypt(other.secretKey, ct).equals(M)).toBe(false);
      }),
      { numRuns: 10 },
    );
  });

  it('adds componentwise: (A1 + A2, B1 + B2) decrypts to M1 + M2', () => {
    fc.assert(
      fc.property(arbMessage, arbMessage, (M1, M2) => {
        const [c1, c2] = [encrypt(Y, M1), encrypt(Y, M2)];
        const sum = { a: c1.a.add(c2.a), b: c1.b.add(c2.b) };
        expect(hex(decrypt(x, sum))).toBe(hex(M1.add(M2)));
      }),
      { numRuns: 15 },
    );
  });

  it('an encryption key may not be the identity', () => {
    expect(() => new EncryptionKey(GroupElement.identity)).toThrow(RangeError);
  });
});

describe('ReEncrypt (Algorithm 4.4)', () => {
  it('keeps the plaintext and changes both components', () => {
    fc.assert(
      fc.property(arbMessage, fc.bigInt({ min: 1n, max: scalar.ORDER - 1n }), (M, r) => {
        const ct = encrypt(Y, M);
        const re = reencrypt(Y, ct, r);
        expect(hex(decrypt(x, re))).toBe(hex(M));
        expect(re.a.equals(ct.a)).toBe(false);
        expect(re.b.equals(ct.b)).toBe(false);
      }),
      { numRuns: 30 },
    );
  });

  it('is (A + r·G, B + r·Y): r = 0 changes nothing, and r1 then r2 is r1 + r2', () => {
    fc.assert(
      fc.property(arbMessage, arbScalar, arbScalar, (M, r1, r2) => {
        const ct = encrypt(Y, M);
        expect(ctHex(reencrypt(Y, ct, 0n))).toBe(ctHex(ct));
        const twice = reencrypt(Y, reencrypt(Y, ct, r1), r2);
        expect(ctHex(twice)).toBe(ctHex(reencrypt(Y, ct, scalar.add(r1, r2))));
        expect(ctHex(reencrypt(Y, ct, r1))).toBe(
          ctHex({ a: ct.a.add(generatorBase().multiply(r1)), b: ct.b.add(Y.element.multiply(r1)) }),
        );
      }),
      { numRuns: 20 },
    );
  });

  it('draws fresh randomness when none is given', () => {
    const ct = encrypt(Y, GroupElement.generator);
    expect(ctHex(reencrypt(Y, ct))).not.toBe(ctHex(reencrypt(Y, ct)));
  });
});

describe('rows of ciphertexts', () => {
  const arbRow = fc.array(arbMessage, { maxLength: 6 });

  it('encryptRow / decryptRow round-trip, rows of length 0 to 6', () => {
    fc.assert(
      fc.property(arbRow, (Ms) => {
        const row = encryptRow(Y, Ms);
        expect(row).toHaveLength(Ms.length);
        expect(decryptRow(x, row).map(hex)).toEqual(Ms.map(hex));
      }),
      { numRuns: 20 },
    );
  });

  it('reencryptRow keeps every plaintext, and is reencrypt per ciphertext when rs is given', () => {
    fc.assert(
      fc.property(arbRow, (Ms) => {
        const row = encryptRow(Y, Ms);
        const rs = Ms.map(() => scalar.random());
        const re = reencryptRow(Y, row, rs);
        expect(decryptRow(x, re).map(hex)).toEqual(Ms.map(hex));
        expect(re.map(ctHex)).toEqual(row.map((ct, i) => ctHex(reencrypt(Y, ct, rs[i]))));
        expect(decryptRow(x, reencryptRow(Y, row)).map(hex)).toEqual(Ms.map(hex));
      }),
      { numRuns: 15 },
    );
  });
});

describe('EncodeCiphertext / DecodeCiphertext (§4.5)', () => {
  it('round-trip as Encode(A) || Encode(B)', () => {
    fc.assert(
      fc.property(arbMessage, (M) => {
        const ct = encrypt(Y, M);
        const bytes = encodeCiphertext(ct);
        expect(toHex(bytes)).toBe(hex(ct.a) + hex(ct.b));
        const back = decodeCiphertext(bytes);
        expect(back.a.equals(ct.a) && back.b.equals(ct.b)).toBe(true);
      }),
      { numRuns: 20 },
    );
  });

  it('allow the identity in either half', () => {
    const zero = new Uint8Array(64);
    const ct = decodeCiphertext(zero);
    expect(ct.a.isIdentity() && ct.b.isIdentity()).toBe(true);
  });

  it('reject an invalid encoding in either half (RFC 9496 A.2)', () => {
    const good = encodeCiphertext(encrypt(Y, GroupElement.generator));
    for (const { hex: bad } of rfc9496.invalid.encodings) {
      for (const at of [0, 32]) {
        const bytes = good.slice();
        bytes.set(fromHex(bad), at);
        expect(() => decodeCiphertext(bytes)).toThrow(InvalidEncodingError);
      }
    }
  });

  it('reject lengths other than 64', () => {
    for (const n of [0, 32, 63, 65, 128]) expect(() => decodeCiphertext(new Uint8Array(n))).toThrow(RangeError);
  });
});
