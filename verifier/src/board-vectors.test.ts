// The whole-board vectors of docs/vectors/ (SPEC Appendix A): the verifier's report on each board is
// the one the vector file states, check by check, with the same outcomes and named intermediate
// values — what a second verifier compares itself against.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BOARD_VECTORS, type BoardVector, VECTORS } from './_board-vectors.ts';
import { verifyBoardExport } from './verify.ts';

describe('the whole-board vectors of docs/vectors/', () => {
  it.each(BOARD_VECTORS)('%s: the report is the one stated', async (name) => {
    const vector: BoardVector = JSON.parse(readFileSync(new URL(`${name}.expected.json`, VECTORS), 'utf8'));
    const { report } = await verifyBoardExport(fileURLToPath(new URL(name, VECTORS)));
    // what a second verifier must agree on: the checks, their outcomes, the named values (the
    // titles, summaries and problems are this verifier's wording)
    const normative = (r: BoardVector['results'][number]) => ({ id: r.id, outcome: r.outcome, values: r.values });
    expect(report.electionId).toBe(vector.electionId);
    expect(report.fingerprint).toBe(vector.fingerprint);
    expect(report.results.map(normative)).toEqual(vector.results.map(normative));
  });

  it('covers a board that passes, one that ends before its result, and one whose mixing officials ended', () => {
    const outcomes = BOARD_VECTORS.map((name) => {
      const v: BoardVector = JSON.parse(readFileSync(new URL(`${name}.expected.json`, VECTORS), 'utf8'));
      return v.results.filter((r) => r.outcome !== 'passed').map((r) => `${r.id} ${r.outcome}`);
    });
    expect(outcomes[0]).toEqual([]);
    expect(outcomes[1]).toContain('V14.12 not-run');
    expect(outcomes[1]!.every((o) => o.endsWith('not-run'))).toBe(true);
    expect(outcomes[2]).toEqual([]);
    const ended: BoardVector = JSON.parse(readFileSync(new URL('board-mixing-ended.expected.json', VECTORS), 'utf8'));
    expect(ended.results.find((r) => r.id === 'V14.06')?.values).toMatchObject({
      'mixed (ν)': '0, 2',
      'not mixed (ν)': '1',
    });
  });
});
