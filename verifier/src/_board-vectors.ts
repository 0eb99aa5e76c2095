// Whole-board test vectors (docs/SPEC.md Appendix A): small exported boards in docs/vectors/, each
// with the verifier's expected report — every check's outcome, summary and named intermediate
// values — so that a second verifier, written from the specification alone, can run against them
// and compare check by check. Written once by running this file; read by ./board-vectors.test.ts.
//
//   node verifier/src/_board-vectors.ts      (rewrites docs/vectors/board-*; new keys, new bytes)
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { attachmentRefsIn } from '@evotare/crypto/attachment';
import { toBase64Url } from '@evotare/crypto/bytes';
import {
  type Item,
  type SyntheticElection,
  syntheticElection,
  tallySyntheticElection,
  writeExport,
} from './_fixtures.ts';
import type { Report } from './report.ts';
import { verifyBoardExport } from './verify.ts';

export const VECTORS = new URL('../../docs/vectors/', import.meta.url);

/**
 * The boards: a whole tallied election, the same board as exported before its result, and an
 * election of three mix nodes whose mixing officials ended at the deadline without one of them.
 */
export const BOARD_VECTORS = ['board-tallied', 'board-before-result', 'board-mixing-ended'] as const;

/** What a vector file holds: the report, without the directory it was read from. */
export interface BoardVector {
  readonly source: string;
  readonly electionId: string | undefined;
  readonly fingerprint: string | undefined;
  readonly results: Report['results'];
}

const SOURCE: Record<(typeof BOARD_VECTORS)[number], string> = {
  'board-tallied':
    'e-Votare, verifier/src/_board-vectors.ts: an honest election of 5 voters (3 trustees, k = 2; 2 mix nodes; ' +
    'voter 1 votes twice, voter 5 is revoked for a paper vote), tallied; exported as SPEC §12.8 says, with a ' +
    'signed head after every entry. Every check of table T15 passes.',
  'board-before-result':
    'e-Votare, verifier/src/_board-vectors.ts: the same board as board-tallied, exported at the signed head ' +
    'before its result entry (after the k-th partial decryption). V14.12 and the result checks are not run ' +
    '(SPEC §15: a board may end at any signed tree head).',
  'board-mixing-ended':
    'e-Votare, verifier/src/_board-vectors.ts: an honest election of 5 voters like board-tallied, but with 3 mix ' +
    'nodes of which nodes 0 and 2 mix; the mix input is appended after the voting window closed, and officials ' +
    'end the mixing at the deadline of Algorithm 14.2, naming node 1 and their reason (SPEC §14.3). Every check ' +
    'of table T15 passes; V14.06 names D and the nodes that mixed and did not.',
};

async function writeBoardVectors(): Promise<void> {
  const election = syntheticElection(5);
  await tallySyntheticElection(election);
  const ended = syntheticElection(5, { mixNodeCount: 3 });
  await tallySyntheticElection(ended, {
    mixedBy: [0, 2],
    reason: 'Mix 2 did not mix by the deadline: its operator reports a hardware failure.',
  });
  const boards: Record<(typeof BOARD_VECTORS)[number], { election: SyntheticElection; items: readonly Item[] }> = {
    'board-tallied': { election, items: election.items },
    'board-before-result': { election, items: election.items.filter((x) => x.type !== 'result') },
    'board-mixing-ended': { election: ended, items: ended.items },
  };
  for (const name of BOARD_VECTORS) {
    const { election, items } = boards[name];
    const dir = fileURLToPath(new URL(name, VECTORS));
    rmSync(dir, { recursive: true, force: true });
    // only the attachments its entries name, as the server's export writes (§12.8)
    const named = new Set(items.flatMap((x) => attachmentRefsIn(x.payload).map((r) => toBase64Url(r.id))));
    const attachments = new Map([...election.attachments].filter(([id]) => named.has(id)));
    writeExport(dir, { ...election, attachments }, items);
    const { report } = await verifyBoardExport(dir);
    const { electionId, fingerprint, results } = report;
    const vector: BoardVector = { source: SOURCE[name], electionId, fingerprint, results };
    writeFileSync(new URL(`${name}.expected.json`, VECTORS), `${JSON.stringify(vector, null, 2)}\n`);
    console.log(`wrote ${dir}: ${report.passed} passed, ${report.failed} failed, ${report.notRun} not run`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await writeBoardVectors();
