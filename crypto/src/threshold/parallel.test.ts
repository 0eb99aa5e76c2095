// Threshold decryption on threads (./parallel.ts) against the one-thread algorithms of §10: the
// messages each makes verify under the other, wrong shares are refused by both with the same
// check, and the combination gives the same plaintexts — with a worker pool and without one.
import { afterAll, describe, expect, it } from 'vitest';
import { toBase64Url } from '../bytes.ts';
import { keyShares, makeElection, runCeremony } from '../dkg/_fixtures.ts';
import { verifyCeremony } from '../dkg/ceremony.ts';
import { requireCeremonyContext } from '../dkg/trustee-keys.ts';
import { type CiphertextRow, EncryptionKey, encrypt } from '../elgamal.ts';
import { GroupElement } from '../group.ts';
import { manifestHash, optionElements } from '../manifest.ts';
import { WorkerPool } from '../parallel/pool.ts';
import { encodeRowList } from '../shuffle/rows.ts';
import { choicesOfPlaintexts, encodeChoices } from '../tally/result.ts';
import { ciphertextList } from './ciphertext-list.ts';
import { combinePartialDecryptions } from './combine.ts';
import { decodePlaintexts } from './decode.ts';
import { createPartialDecryption, type PartialDecryptionMessage, verifyPartialDecryption } from './messages.ts';
import {
  combineDecryptionShares,
  makePartialDecryption,
  type VerifiedShares,
  verifyPartialDecryptionOfList,
} from './parallel.ts';
import { decryptionShares } from './partial-decryption.ts';

const election = makeElection(3, 2);
const run = runCeremony(election);
const outcome = verifyCeremony(election.manifest, run.messages);
if (!outcome.valid) throw new Error(outcome.reason);
const shares = keyShares(election, run);
const ctx = requireCeremonyContext(election.manifest);
const h = manifestHash(election.manifest);
const key = new EncryptionKey(outcome.electionKey);
const elements = election.manifest.contests.map((c) => optionElements(election.manifest, c));

// 600 rows, choices cycling through every choice of each contest: several chunks of work.
const choices = Array.from({ length: 600 }, (_, i) => elements.map((e, c) => (i + c) % e.length));
const rows: CiphertextRow[] = choices.map((row) => row.map((choice, c) => encrypt(key, elements[c]![choice]!)));
const decoded = ciphertextList(rows);
const encoded = encodeRowList(rows);

const trustee = (j: number) => ({ manifestHash: h, index: j, verificationKey: outcome.verificationKeys[j - 1]! });

function serialPartial(j: number): PartialDecryptionMessage {
  return createPartialDecryption({
    electionId: election.manifest.electionId,
    trustee: trustee(j),
    list: decoded,
    shares: decryptionShares(shares.get(j)!, decoded),
    secretShare: shares.get(j)!,
    signingKey: election.trustees[j - 1]!.secret.signingKey,
  });
}

describe.each([
  ['a worker pool', true],
  ['no pool', false],
])('threshold decryption of a list of bytes, with %s', (_, withPool) => {
  const pool = withPool ? new WorkerPool({ size: 2 }) : undefined;
  afterAll(() => pool?.close());

  const parallelPartial = (j: number) =>
    makePartialDecryption(pool, {
      electionId: election.manifest.electionId,
      trustee: trustee(j),
      list: encoded,
      listDigest: decoded.digest,
      secretShare: shares.get(j)!,
      signingKey: election.trustees[j - 1]!.secret.signingKey,
    });
  const verifyOnThreads = (message: unknown) =>
    verifyPartialDecryptionOfList(pool, ctx, outcome.verificationKeys, encoded, decoded.digest, message);

  it('makes partial decryptions that the one-thread verifier accepts, and accepts those it makes', async () => {
    const fromThreads = await parallelPartial(1);
    expect(verifyPartialDecryption(ctx, outcome.verificationKeys, decoded, fromThreads)).toHaveProperty('verified');
    expect(await verifyOnThreads(fromThreads)).toHaveProperty('verified');
    expect(await verifyOnThreads(serialPartial(2))).toHaveProperty('verified');
    // Same secret, same list: the same decryption shares as the one-thread algorithm.
    expect(fromThreads.decryptionShares).toEqual(serialPartial(1).decryptionShares);
  });

  it('refuses what the one-thread verifier refuses, with the same check', async () => {
    const good = serialPartial(3);
    const altered = [...good.decryptionShares];
    altered[517] = altered[518]!;
    const notAnElement = [...good.decryptionShares];
    notAnElement[599] = toBase64Url(new Uint8Array(32).fill(255));
    const cases: unknown[] = [
      { ...good, decryptionShares: altered }, // signature no longer matches
      { ...good, sender: 2 }, // another trustee's
      { ...good, list: toBase64Url(new Uint8Array(32)) },
      { ...good, decryptionShares: good.decryptionShares.slice(1) },
      { ...good, extra: true },
    ];
    for (const message of cases) {
      const serial = verifyPartialDecryption(ctx, outcome.verificationKeys, decoded, message);
      const threads = await verifyOnThreads(message);
      expect('error' in threads && threads.error).toEqual('error' in serial && serial.error);
      expect(threads).toHaveProperty('error');
    }
  });

  it('refuses shares that are not x_j·A_m even when signed (V10.05), and shares that do not decode (V10.04)', async () => {
    const { signTrusteeMessage } = await import('../dkg/messages.ts');
    const good = serialPartial(3);
    const resign = (decryptionShares: string[]) => {
      const { signature: _, ...body } = { ...good, decryptionShares };
      return signTrusteeMessage<PartialDecryptionMessage>(
        'partial-decryption',
        h,
        body,
        election.trustees[2]!.secret.signingKey,
      );
    };
    const swapped = [...good.decryptionShares];
    [swapped[10], swapped[11]] = [swapped[11]!, swapped[10]!];
    const r1 = await verifyOnThreads(resign(swapped));
    expect('error' in r1 && !r1.error.valid && r1.error.reason).toMatch(/^V10\.05 /);
    const bad = [...good.decryptionShares];
    bad[300] = toBase64Url(new Uint8Array(32).fill(255));
    const r2 = await verifyOnThreads(resign(bad));
    expect('error' in r2 && !r2.error.valid && r2.error.reason).toBe(
      'V10.04 decryption share 301 is not a valid element',
    );
  });

  it('combines any two verified trustees into the plaintexts of the one-thread combination', async () => {
    const verified = new Map<number, VerifiedShares>();
    for (const j of [1, 2, 3]) {
      const r = await verifyOnThreads(await parallelPartial(j));
      if (!('verified' in r)) throw new Error('not verified');
      verified.set(j, r.verified);
    }
    const serialPartials = [1, 3].map((j) => {
      const r = verifyPartialDecryption(ctx, outcome.verificationKeys, decoded, serialPartial(j));
      if (!('verified' in r)) throw new Error('not verified');
      return r.verified;
    });
    const expected = combinePartialDecryptions(decoded, serialPartials, 2);
    const expectedChoices = encodeChoices(election.manifest, decodePlaintexts(election.manifest, expected));
    for (const pair of [
      [1, 2],
      [1, 3],
      [2, 3],
    ]) {
      const plaintexts = await combineDecryptionShares(
        pool,
        encoded,
        decoded.digest,
        pair.map((j) => verified.get(j)!),
        2,
      );
      expect(GroupElement.decode(plaintexts.subarray(0, 32)).equals(expected[0]![0]!)).toBe(true);
      expect(choicesOfPlaintexts(election.manifest, plaintexts)).toEqual(expectedChoices);
    }
    await expect(combineDecryptionShares(pool, encoded, decoded.digest, [verified.get(1)!], 2)).rejects.toThrow(
      RangeError,
    );
    const forged = { ...verified.get(2)!, trustee: 2 } as VerifiedShares;
    await expect(combineDecryptionShares(pool, encoded, decoded.digest, [verified.get(1)!, forged], 2)).rejects.toThrow(
      TypeError,
    );
  });
});
