// V14.06 when officials end the mixing without every mix node (docs/SPEC.md §14.3): an honest board
// whose mixing was ended at the deadline passes every check and reports who mixed and who did not;
// each tamper — one field or the entry's time changed, hashes and tree heads redone — fails V14.06
// and nothing else.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonValue } from '@evotare/crypto/canonical-json';
import { afterAll, describe, expect, it } from 'vitest';
import { type Item, LATE_MIX_INPUT_TIME, syntheticElection, tallySyntheticElection, writeExport } from './_fixtures.ts';
import { BoardExport } from './export-reader.ts';
import { verifyBeforeActing } from './party.ts';
import { verifyBoardExport } from './verify.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const REASON = 'Mix 2 did not mix by the deadline: its operator reports a broken server.';
/** Three mix nodes; nodes 0 and 2 mix, officials end the mixing at the deadline. */
const ended = syntheticElection(5, { mixNodeCount: 3 });
await tallySyntheticElection(ended, { mixedBy: [0, 2], reason: REASON });
const at = ended.items.findIndex((x) => x.type === 'mixing-completed');
const completed = ended.items[at]!;
/** The deadline of Algorithm 14.2: the mix input came after the window closed, plus the period. */
const DEADLINE = new Date(Date.parse(LATE_MIX_INPUT_TIME) + ended.manifest.mixingPeriod * 1000).toISOString();

function exportOf(items: readonly Item[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-verify-mixing-'));
  dirs.push(dir);
  writeExport(dir, ended, items);
  return dir;
}

async function report(items: readonly Item[]) {
  return (await verifyBoardExport(exportOf(items))).report;
}

/** The board with the `mixing-completed` entry changed. */
function withCompleted(change: (payload: Record<string, JsonValue>) => JsonValue, time = completed.time): Item[] {
  const payload = change({ ...(completed.payload as Record<string, JsonValue>) });
  return ended.items.map((x, i) => (i === at ? { type: x.type, payload, ...(time ? { time } : {}) } : x));
}

describe('V14.06: mixing ended by officials (§14.3, Algorithm 14.2)', () => {
  it('passes an honest board ended at the deadline, and reports who mixed and who did not', async () => {
    expect(completed.time).toBe(DEADLINE);
    const r = await report(ended.items);
    expect(r.results.filter((x) => x.outcome !== 'passed')).toEqual([]);
    const v1406 = r.results.find((x) => x.id === 'V14.06')!;
    expect(v1406.summary).toBe(
      `mixed by 2 of the 3 mix nodes, ν = 0 (Mix 1), 2 (Mix 3); did not mix by the deadline ${DEADLINE}: ν = 1 (Mix 2); the officials' reason: ${JSON.stringify(REASON)}`,
    );
    expect(v1406.values).toMatchObject({ 'D (mixing deadline)': DEADLINE, 'mixed (ν)': '0, 2', 'not mixed (ν)': '1' });
    expect(r.results.find((x) => x.id === 'V14.19')?.summary).toMatch(/^4 ballots decrypted/);
  });

  const tampers: Array<[string, RegExp, Item[]]> = [
    [
      'ended a millisecond before the deadline',
      /officials ended the mixing at .*, before the deadline/,
      withCompleted((p) => p, new Date(Date.parse(DEADLINE) - 1).toISOString()),
    ],
    ['without a reason', /is malformed/, withCompleted(({ reason: _, ...p }) => p)],
    ['with a reason of 501 characters', /is malformed/, withCompleted((p) => ({ ...p, reason: 'x'.repeat(501) }))],
    [
      'naming a node that mixed as left out',
      /names mix nodes 0 as not mixed; 1 did not mix/,
      withCompleted((p) => ({ ...p, notMixed: [0] })),
    ],
    [
      'naming every other node as left out',
      /names mix nodes 1, 2 as not mixed; 1 did not mix/,
      withCompleted((p) => ({ ...p, notMixed: [1, 2] })),
    ],
    [
      'stating an earlier deadline than Algorithm 14.2',
      /states the deadline .*; Algorithm 14\.2 gives/,
      withCompleted((p) => ({ ...p, deadline: LATE_MIX_INPUT_TIME })),
    ],
    [
      'without naming the node left out, the deadline or a reason',
      /only 2 of the 3 mix nodes mixed, and it gives no reason and deadline/,
      withCompleted((p) => ({ list: p.list!, mixNodes: p.mixNodes! })),
    ],
  ];

  it.each(tampers)('fails V14.06, and only it, for an end %s', async (_, problem, items) => {
    const r = await report(items);
    const failed = r.results.filter((x) => x.outcome === 'failed');
    expect(failed.map((x) => x.id)).toEqual(['V14.06']);
    expect(failed[0]!.problems.join('\n')).toMatch(problem);
  });

  it('a trustee decrypts the list of an honest end, and refuses one ended before the deadline (§14.4)', async () => {
    const honest = await verifyBeforeActing(new BoardExport(exportOf(ended.items)), 'decrypt');
    expect(honest.refusals).toEqual([]);
    expect(honest.state?.tally.chain?.mixed).toEqual([0, 2]);
    const early = await verifyBeforeActing(new BoardExport(exportOf(tampers[0]![2])), 'decrypt');
    expect(early.refusals).toEqual([
      { check: 'V14.06', problem: expect.stringMatching(/officials ended the mixing at .*, before the deadline/) },
    ]);
  });
});
