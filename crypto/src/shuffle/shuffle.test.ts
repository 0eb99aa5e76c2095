import { afterAll, describe, expect, it } from 'vitest';
import { toHex } from '../bytes.ts';
import { decrypt, encrypt, generateKeyPair } from '../elgamal.ts';
import { generatorBase } from '../group.ts';
import { WorkerPool } from '../parallel/pool.ts';
import { decodeRowList, encodeRowList } from './rows.ts';
import { genPermutation, genShuffle } from './shuffle.ts';

const { publicKey, secretKey } = generateKeyPair();

/** N rows of width w whose plaintexts say which row and column they came from. */
function ballots(count: number, width: number) {
  const plaintexts = Array.from({ length: count }, (_, i) =>
    Array.from({ length: width }, (_, k) => generatorBase().multiply(BigInt(1000 * (i + 1) + k))),
  );
  return { plaintexts, input: encodeRowList(plaintexts.map((row) => row.map((m) => encrypt(publicKey, m)))) };
}

const rowKey = (row: readonly { encode(): Uint8Array }[]) => row.map((m) => toHex(m.encode())).join('/');

describe('Algorithm 11.2 GenPermutation', () => {
  it('gives a permutation of 0 .. n-1', () => {
    for (const n of [1, 2, 17, 1000]) {
      const pi = genPermutation(n);
      expect([...pi].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it('gives each of the 6 permutations of 3 items about equally often', () => {
    const counts = new Map<string, number>();
    const trials = 6000;
    for (let t = 0; t < trials; t++) {
      const key = genPermutation(3).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    // Each count is Binomial(6000, 1/6): mean 1000, standard deviation 29; 850 .. 1150 is > 5 sigma.
    for (const c of counts.values()) expect(c).toBeGreaterThan(850);
    for (const c of counts.values()) expect(c).toBeLessThan(1150);
  });
});

describe('Algorithm 11.3 GenShuffle', () => {
  const pool = new WorkerPool({ size: 2 });
  afterAll(() => pool.close());

  for (const [width, runner] of [
    [1, undefined],
    [3, undefined],
    [3, pool],
  ] as const) {
    it(`keeps each row's plaintexts together, re-encrypts every ciphertext (width ${width}${runner ? ', pool' : ''})`, async () => {
      const { plaintexts, input } = ballots(300, width);
      const { output, witness } = await genShuffle(publicKey.element, input, runner);
      expect(output.count).toBe(300);
      expect(output.width).toBe(width);
      // The output decrypts to the same multiset of rows: no row lost, added, or split.
      const decrypted = decodeRowList(output).map((row) => row.map((ct) => decrypt(secretKey, ct)));
      expect(decrypted.map(rowKey).sort()).toEqual(plaintexts.map(rowKey).sort());
      // Row i of the output is input row π(i).
      decrypted.forEach((row, i) => {
        expect(rowKey(row)).toBe(rowKey(plaintexts[witness.permutation[i]!]!));
      });
      // No output ciphertext equals an input ciphertext: all were re-encrypted.
      const inputs = new Set(decodeRowList(input).flatMap((row) => row.map((ct) => toHex(ct.a.encode()))));
      expect(decodeRowList(output).some((row) => row.some((ct) => inputs.has(toHex(ct.a.encode()))))).toBe(false);
      expect(witness.randomness).toHaveLength(300 * width);
    });
  }

  it('rejects an empty list and an invalid input element', async () => {
    await expect(genShuffle(publicKey.element, { count: 0, width: 1, bytes: new Uint8Array(0) })).rejects.toThrow(
      RangeError,
    );
    const { input } = ballots(3, 1);
    const bad = input.bytes.slice();
    bad.fill(0xff, 64, 96);
    await expect(genShuffle(publicKey.element, { ...input, bytes: bad })).rejects.toMatchObject({
      name: 'InvalidEncodingError',
    });
  });
});
