// Threshold decryption (§10) after a real key ceremony (§9): any k trustees decrypt, k − 1 do not,
// and a wrong partial decryption is rejected and can never be combined.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../bytes.ts';
import { keyShares, makeElection, runCeremony, type TestElection } from '../dkg/_fixtures.ts';
import { verifyCeremony } from '../dkg/ceremony.ts';
import { signTrusteeMessage } from '../dkg/messages.ts';
import { type CiphertextRow, EncryptionKey, encrypt } from '../elgamal.ts';
import { type GroupElement, generatorBase, multiScalarMultiply } from '../group.ts';
import { hashToGroup } from '../hash-to-group.ts';
import { manifestHash, optionElements } from '../manifest.ts';
import * as scalar from '../scalar.ts';
import { TAG } from '../tags.ts';
import { type CiphertextList, ciphertextList } from './ciphertext-list.ts';
import { combinePartialDecryptions, lagrangeCoefficients } from './combine.ts';
import { decodePlaintexts } from './decode.ts';
import {
  createPartialDecryption,
  type PartialDecryptionMessage,
  VerifiedPartialDecryption,
  verifyPartialDecryption,
} from './messages.ts';
import { decryptionShares, decryptionSharesOfSlice } from './partial-decryption.ts';

interface Tally {
  readonly election: TestElection;
  readonly electionKey: EncryptionKey;
  readonly verificationKeys: readonly GroupElement[];
  readonly shares: Map<number, scalar.Scalar>;
}

function setUp(n: number, k: number): Tally {
  const election = makeElection(n, k);
  const run = runCeremony(election);
  const outcome = verifyCeremony(election.manifest, run.messages);
  if (!outcome.valid) throw new Error(outcome.reason);
  return {
    election,
    electionKey: new EncryptionKey(outcome.electionKey),
    verificationKeys: outcome.verificationKeys,
    shares: keyShares(election, run),
  };
}

/** Ballots as choice indices per contest; the rows encrypt the option elements. */
function encryptBallots(t: Tally, ballots: readonly (readonly number[])[]): CiphertextList {
  const elements = t.election.manifest.contests.map((c) => optionElements(t.election.manifest, c));
  const rows: CiphertextRow[] = ballots.map((b) => b.map((choice, c) => encrypt(t.electionKey, elements[c]![choice]!)));
  return ciphertextList(rows);
}

function partial(t: Tally, j: number, list: CiphertextList): PartialDecryptionMessage {
  const x = t.shares.get(j)!;
  const trustee = {
    manifestHash: manifestHash(t.election.manifest),
    index: j,
    verificationKey: t.verificationKeys[j - 1]!,
  };
  return createPartialDecryption({
    electionId: t.election.manifest.electionId,
    trustee,
    list,
    shares: decryptionShares(x, list),
    secretShare: x,
    signingKey: t.election.trustees[j - 1]!.secret.signingKey,
  });
}

function verified(t: Tally, list: CiphertextList, message: unknown): VerifiedPartialDecryption {
  const r = verifyPartialDecryption(t.election.manifest, t.verificationKeys, list, message);
  if ('error' in r) throw new Error(r.error.valid ? 'valid' : r.error.reason);
  return r.verified;
}

function rejection(t: Tally, list: CiphertextList, message: unknown): string {
  const r = verifyPartialDecryption(t.election.manifest, t.verificationKeys, list, message);
  if (!('error' in r) || r.error.valid) throw new Error('expected a rejection');
  return r.error.reason;
}

function subsets(items: readonly number[], size: number): number[][] {
  if (size === 0) return [[]];
  if (items.length < size) return [];
  const [first, ...rest] = items;
  return [...subsets(rest, size - 1).map((s) => [first!, ...s]), ...subsets(rest, size)];
}

const BALLOTS = [
  [0, 0],
  [1, 1],
  [2, 0],
  [3, 1],
  [1, 0],
];

const EXPECTED = [
  [
    { kind: 'option', optionId: 'ana' },
    { kind: 'option', optionId: 'da' },
  ],
  [
    { kind: 'option', optionId: 'ion' },
    { kind: 'option', optionId: 'nu' },
  ],
  [
    { kind: 'option', optionId: 'maria' },
    { kind: 'option', optionId: 'da' },
  ],
  [{ kind: 'blank' }, { kind: 'option', optionId: 'nu' }],
  [
    { kind: 'option', optionId: 'ion' },
    { kind: 'option', optionId: 'da' },
  ],
];

describe.each([
  [3, 2],
  [5, 3],
])('threshold decryption with n = %i, k = %i', (n, k) => {
  const t = setUp(n, k);
  const list = encryptBallots(t, BALLOTS);
  const partials = new Map<number, VerifiedPartialDecryption>();
  for (let j = 1; j <= n; j++) partials.set(j, verified(t, list, partial(t, j, list)));

  it('decrypts with any k trustees', () => {
    for (const subset of subsets([...partials.keys()], k)) {
      const plain = combinePartialDecryptions(
        list,
        subset.map((j) => partials.get(j)!),
        k,
      );
      expect(decodePlaintexts(t.election.manifest, plain)).toEqual(EXPECTED);
    }
    const all = combinePartialDecryptions(list, [...partials.values()], k);
    expect(decodePlaintexts(t.election.manifest, all)).toEqual(EXPECTED);
  });

  it('does not decrypt with k − 1 trustees', () => {
    for (const subset of subsets([...partials.keys()], k - 1)) {
      const lambda = subset.length === 0 ? [] : lagrangeCoefficients(subset);
      const first = list.ciphertexts[0]!;
      const guess = multiScalarMultiply(
        [first.b, ...subset.map((j) => partials.get(j)!.shares[0]!)],
        [1n, ...lambda.map(scalar.neg)],
      );
      expect(decodePlaintexts(t.election.manifest, [[guess, guess]])[0]![0]).toEqual({ kind: 'invalid' });
      expect(() =>
        combinePartialDecryptions(
          list,
          subset.map((j) => partials.get(j)!),
          k,
        ),
      ).toThrow(RangeError);
    }
  });
});

describe('a wrong partial decryption', () => {
  const t = setUp(3, 2);
  const h = manifestHash(t.election.manifest);
  const list = encryptBallots(t, BALLOTS);
  const good = partial(t, 2, list);
  const resign = (j: number, m: Omit<PartialDecryptionMessage, 'signature'>) =>
    signTrusteeMessage<PartialDecryptionMessage>(
      'partial-decryption',
      h,
      m,
      t.election.trustees[j - 1]!.secret.signingKey,
    );
  const { signature: _, ...body } = good;

  it('is accepted when honest', () => {
    expect(verified(t, list, good).trustee).toBe(2);
  });

  it("is rejected when it is another trustee's, presented as its own", () => {
    expect(rejection(t, list, { ...good, sender: 1 })).toMatch(/^V10\.02/);
    expect(rejection(t, list, resign(1, { ...body, sender: 1 }))).toMatch(/^V10\.05/);
  });

  it('is rejected when one element is altered, even re-signed', () => {
    const altered = [...good.decryptionShares];
    altered[3] = toBase64Url(generatorBase().multiply(9n).encode());
    expect(rejection(t, list, { ...good, decryptionShares: altered })).toMatch(/^V10\.02/);
    expect(rejection(t, list, resign(2, { ...body, decryptionShares: altered }))).toMatch(/^V10\.05/);
    const swapped = [good.decryptionShares[1]!, good.decryptionShares[0]!, ...good.decryptionShares.slice(2)];
    expect(rejection(t, list, resign(2, { ...body, decryptionShares: swapped }))).toMatch(/^V10\.05/);
    const short = good.decryptionShares.slice(1);
    expect(rejection(t, list, resign(2, { ...body, decryptionShares: short }))).toMatch(/^V10\.04/);
    const bad = [toBase64Url(new Uint8Array(32).fill(0xff)), ...good.decryptionShares.slice(1)];
    expect(rejection(t, list, resign(2, { ...body, decryptionShares: bad }))).toMatch(/^V10\.04/);
  });

  it('is rejected when its proof is altered or is for another list', () => {
    const proof = fromBase64Url(good.proof);
    proof[70]! ^= 1;
    expect(rejection(t, list, resign(2, { ...body, proof: toBase64Url(proof) }))).toMatch(/^V10\.05/);
    const other = encryptBallots(t, BALLOTS);
    expect(rejection(t, other, good)).toMatch(/^V10\.03/);
    expect(rejection(t, other, resign(2, { ...body, list: toBase64Url(other.digest) }))).toMatch(/^V10\.05/);
    // The same ciphertexts in another order are another list.
    const reordered = ciphertextList([...list.rows].reverse());
    const moved = resign(2, { ...body, list: toBase64Url(reordered.digest), decryptionShares: body.decryptionShares });
    expect(rejection(t, reordered, moved)).toMatch(/^V10\.05/);
  });

  it('is rejected for another election, or when malformed', () => {
    // Same election id, other manifest: the signature covers the manifest hash.
    const elsewhere = setUp(3, 2);
    expect(rejection(elsewhere, list, good)).toMatch(/^V10\.02/);
    expect(rejection(t, list, { ...good, electionId: 'another-election' })).toMatch(/^V10\.01/);
    expect(rejection(t, list, { ...good, type: 'dkg-shares' })).toMatch(/^V10\.01/);
    expect(rejection(t, list, { ...good, sender: 7 })).toMatch(/^V10\.01/);
    expect(rejection(t, list, null)).toMatch(/^V10\.01/);
    const sig = fromBase64Url(good.signature);
    sig[10]! ^= 4;
    expect(rejection(t, list, { ...good, signature: toBase64Url(sig) })).toMatch(/^V10\.02/);
    expect(rejection(t, list, { ...good, extra: true })).toMatch(/^V10\.01/);
  });

  it('can never be combined: only VerifyPartialDecryption issues a combinable partial', () => {
    const shares = list.a.map(() => generatorBase().base);
    expect(() => new VerifiedPartialDecryption(Symbol('forged'), 2, list.digest, shares)).toThrow(TypeError);
    const forged = { trustee: 2, listDigest: list.digest, shares } as unknown as VerifiedPartialDecryption;
    const honest = verified(t, list, partial(t, 1, list));
    expect(() => combinePartialDecryptions(list, [honest, forged], 2)).toThrow(TypeError);
    const other = encryptBallots(t, BALLOTS);
    const forOther = verified(t, other, partial(t, 3, other));
    expect(() => combinePartialDecryptions(list, [honest, forOther], 2)).toThrow(/another list/);
  });
});

describe('partial decryption algebra', () => {
  const t = setUp(3, 2);

  it('computes the same decryption shares over byte slices as over the list', () => {
    const list = encryptBallots(t, BALLOTS);
    const x = t.shares.get(1)!;
    const encoded = new Uint8Array(32 * list.a.length);
    for (const [m, a] of list.a.entries()) encoded.set(a.encode(), 32 * m);
    const bySlices = new Uint8Array([
      ...decryptionSharesOfSlice(x, encoded.subarray(0, 96)),
      ...decryptionSharesOfSlice(x, encoded.subarray(96)),
    ]);
    const whole = decryptionShares(x, list);
    for (const [m, d] of whole.entries()) expect(bySlices.subarray(32 * m, 32 * m + 32)).toEqual(d.encode());
  });

  it('combines to the plaintext for random lists and random qualified subsets (property)', () => {
    const elements = t.election.manifest.contests.map((c) => optionElements(t.election.manifest, c));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(3), fc.nat(1)), { minLength: 1, maxLength: 4 }),
        fc.subarray([1, 2, 3], { minLength: 2 }),
        (ballots, subset) => {
          const list = encryptBallots(t, ballots);
          const plain = combinePartialDecryptions(
            list,
            subset.map((j) => verified(t, list, partial(t, j, list))),
            2,
          );
          plain.forEach((row, r) => {
            expect(row[0]!.equals(elements[0]![ballots[r]![0]]!)).toBe(true);
            expect(row[1]!.equals(elements[1]![ballots[r]![1]]!)).toBe(true);
          });
        },
      ),
      { numRuns: 8 },
    );
  });

  it('reports an element that is no option as invalid, never a crash', () => {
    const list = ciphertextList([
      [
        encrypt(t.electionKey, hashToGroup(TAG.generator, new Uint8Array([1]))),
        encrypt(t.electionKey, generatorBase().base),
      ],
    ]);
    const plain = combinePartialDecryptions(
      list,
      [1, 3].map((j) => verified(t, list, partial(t, j, list))),
      2,
    );
    expect(decodePlaintexts(t.election.manifest, plain)).toEqual([[{ kind: 'invalid' }, { kind: 'invalid' }]]);
  });

  it('gives Lagrange coefficients that interpolate any polynomial of degree < |S| at 0', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: scalar.ORDER - 1n }), { minLength: 1, maxLength: 5 }), (a) => {
        const S = a.map((_, i) => 2 * i + 1);
        const f = (z: number) =>
          a.reduce((acc, c, t) => scalar.add(acc, scalar.mul(c, scalar.mod(BigInt(z) ** BigInt(t)))), 0n);
        const lambda = lagrangeCoefficients(S);
        expect(S.reduce((acc, j, at) => scalar.add(acc, scalar.mul(lambda[at]!, f(j))), 0n)).toBe(a[0]);
      }),
    );
  });
});
