// Exponential-free ElGamal on ristretto255 (docs/SPEC.md §4): messages are group elements.
//   KeyGen:     x random, Y = x·G
//   Encrypt:    (A, B) = (r·G, r·Y + M)
//   Decrypt:    M = B − x·A
//   ReEncrypt:  (A + r·G, B + r·Y)
// A row is one ciphertext per contest; rows are what ballots carry and what the mix-net shuffles.
import { FixedBase, GroupElement, generatorBase } from './group.ts';
import * as scalar from './scalar.ts';

export interface Ciphertext {
  readonly a: GroupElement;
  readonly b: GroupElement;
}

export type CiphertextRow = readonly Ciphertext[];

/** An encryption key Y with its fixed-base table, built on first use. */
export class EncryptionKey {
  readonly element: GroupElement;
  #table: FixedBase | undefined;

  constructor(element: GroupElement) {
    if (element.isIdentity()) throw new RangeError('the identity is not an encryption key');
    this.element = element;
  }

  /** r·Y in constant time. */
  multiply(r: scalar.Scalar): GroupElement {
    this.#table ??= new FixedBase(this.element);
    return this.#table.multiply(r);
  }

  get table(): FixedBase {
    this.#table ??= new FixedBase(this.element);
    return this.#table;
  }
}

export interface KeyPair {
  readonly secretKey: scalar.Scalar;
  readonly publicKey: EncryptionKey;
}

/** Algorithm 4.1 KeyGen. */
export function generateKeyPair(): KeyPair {
  const secretKey = scalar.randomNonZero();
  return { secretKey, publicKey: new EncryptionKey(generatorBase().multiply(secretKey)) };
}

/** Algorithm 4.2 Encrypt, with the randomness r given (callers that prove need it) or drawn. */
export function encrypt(key: EncryptionKey, message: GroupElement, r: scalar.Scalar = scalar.random()): Ciphertext {
  return { a: generatorBase().multiply(r), b: key.multiply(r).add(message) };
}

/** Algorithm 4.3 Decrypt. */
export function decrypt(secretKey: scalar.Scalar, ct: Ciphertext): GroupElement {
  return ct.b.subtract(ct.a.multiply(secretKey));
}

/** Algorithm 4.4 ReEncrypt. */
export function reencrypt(key: EncryptionKey, ct: Ciphertext, r: scalar.Scalar = scalar.random()): Ciphertext {
  return { a: ct.a.add(generatorBase().multiply(r)), b: ct.b.add(key.multiply(r)) };
}

export function encryptRow(key: EncryptionKey, messages: readonly GroupElement[]): CiphertextRow {
  return messages.map((m) => encrypt(key, m));
}

export function decryptRow(secretKey: scalar.Scalar, row: CiphertextRow): GroupElement[] {
  return row.map((ct) => decrypt(secretKey, ct));
}

export function reencryptRow(key: EncryptionKey, row: CiphertextRow, rs?: readonly scalar.Scalar[]): CiphertextRow {
  return row.map((ct, i) => reencrypt(key, ct, rs?.[i] ?? scalar.random()));
}

/** §4.5 EncodeCiphertext: Encode(A) || Encode(B). */
export function encodeCiphertext(ct: Ciphertext): Uint8Array {
  const out = new Uint8Array(64);
  out.set(ct.a.encode(), 0);
  out.set(ct.b.encode(), 32);
  return out;
}

/** §4.5 DecodeCiphertext: 64 bytes, both halves valid elements (the identity is allowed). */
export function decodeCiphertext(bytes: Uint8Array): Ciphertext {
  if (bytes.length !== 64) throw new RangeError(`a ciphertext is 64 bytes, got ${bytes.length}`);
  const [a, b] = GroupElement.decodeMany([bytes.subarray(0, 32), bytes.subarray(32, 64)]);
  return { a: a!, b: b! };
}
