// W07.01 (docs/SPEC.md §7.1, §15): the verifier warns about a board whose manifest has a threshold
// of one trustee, without changing any check's outcome or the exit status.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticElection, writeExport } from './_fixtures.ts';
import { exitStatus, formatReport } from './report.ts';
import { verifyBoardExport } from './verify.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function verified(threshold: number) {
  const election = syntheticElection(2, { threshold });
  const dir = mkdtempSync(join(tmpdir(), 'evotare-warnings-'));
  dirs.push(dir);
  writeExport(dir, election, election.items);
  return (await verifyBoardExport(dir)).report;
}

describe('W07.01 threshold of one trustee', () => {
  it('is reported for k = 1, beside checks that pass as they would for k = 2', async () => {
    const one = await verified(1);
    const two = await verified(2);
    expect(one.warnings).toEqual([
      expect.stringMatching(/^W07\.01 the manifest's threshold is k = 1 \(of 3 trustees\)/),
    ]);
    expect(two.warnings).toEqual([]);
    expect(one.failed).toBe(0);
    expect(one.results.map((r) => [r.id, r.outcome])).toEqual(two.results.map((r) => [r.id, r.outcome]));
    expect(exitStatus(one)).toBe(exitStatus(two));
    expect(formatReport(one, false)).toMatch(/\nWARNING W07\.01 the manifest's threshold is k = 1 /);
    expect(formatReport(two, false)).not.toMatch(/WARNING/);
  });
});
