// npm run bench -- crypto [--json]: ballot encryption and verification on one core (issue 2), and
// what the booth checks before its first encryption: Algorithm 7.6 AnchorElection (issue 9), and
// the engine's multi-scalar multiplication at 1.2 million points, checked against a naive sum (issue 9).
import { parseArgs } from 'node:util';
import { checkMsm } from '@evotare/crypto/_engine/msm-check';
import { electionContext, encryptAndSignBallot, verifyBallot, verifyBallots } from '@evotare/crypto/ballot';
import { ceremonyBoard, signedBoard } from '@evotare/crypto/board/_fixtures';
import { anchorElection } from '@evotare/crypto/board/anchor';
import { GroupElement } from '@evotare/crypto/group';
import * as scalar from '@evotare/crypto/scalar';
import { generateSigningKey } from '@evotare/crypto/signature';
import { electionKeyPair, syntheticManifest } from './_fixtures.ts';
import { report, timeMs } from './_report.ts';

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const key = electionKeyPair().publicKey.element;
  const credential = generateSigningKey();
  const figures: Record<string, number> = {};

  for (const k of [2, 12, 25]) {
    const ctx = electionContext(syntheticManifest(k), key);
    ctx.electionKey.table; // the key's table is built once per election, not per ballot
    figures[`encrypt_ballot_k${k}_ms`] = timeMs(() => encryptAndSignBallot(ctx, credential, [k - 1]));
  }

  const ctx25 = electionContext(syntheticManifest(25), key);
  const one = encryptAndSignBallot(ctx25, credential, [3]);
  figures.verify_ballot_k25_ms = timeMs(() => {
    if (!verifyBallot(ctx25, one).valid) throw new Error('benchmark ballot does not verify');
  });

  const N = 1000;
  const credentials = Array.from({ length: 50 }, () => generateSigningKey());
  const ballots = Array.from({ length: N }, (_, i) => encryptAndSignBallot(ctx25, credentials[i % 50]!, [i % 25]));
  figures.verify_ballot_k25_batched_ms =
    timeMs(
      () => {
        if (!verifyBallots(ctx25, ballots).every((r) => r.valid)) throw new Error('a benchmark ballot does not verify');
      },
      2,
      0,
    ) / N;

  const encodings = Array.from({ length: 2000 }, () => GroupElement.generator.multiply(scalar.random()).encode());
  figures.point_decode_us = (timeMs(() => GroupElement.decodeMany(encodings), 5, 300) / encodings.length) * 1000;

  // The booth's check of the board before it encrypts: chain, signed head, ceremony recomputed.
  const authority = generateSigningKey();
  for (const [n, k] of [
    [3, 2],
    [15, 8],
  ] as const) {
    const { election, items } = ceremonyBoard(n, k, authority);
    const board = signedBoard(election.manifest.electionId, items, authority);
    const K = board.entries.findIndex((e) => e.type === 'election-key');
    const proof = board.proof(K);
    figures[`anchor_election_n${n}_ms`] = timeMs(() => {
      if (!anchorElection(election.manifest.electionId, board.entries.slice(0, K + 1), board.head, proof).valid) {
        throw new Error('the benchmark board does not anchor');
      }
    });
  }
  // The regression check of issue 9: at 1.2 million points msm() takes a 17-bit window, whose
  // digits once overflowed; the sum must equal the naive one (crypto/src/_engine/msm-check.ts).
  const large = checkMsm(1_200_000);
  if (large.got !== large.want) throw new Error('the multi-scalar multiplication of 1.2 million points is wrong');
  figures.msm_1_2m_us_per_point = (large.ms / 1_200_000) * 1000;

  report('Ballot encryption and verification, one core (npm run bench -- crypto)', figures, values.json);
}
