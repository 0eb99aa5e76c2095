// Results of the verifier's checks (docs/SPEC.md §15). Error is not failure: a check that finds a
// problem has FAILED; a check that could not be run (its input is missing, or a check it builds on
// failed) is NOT RUN, and says why. Every problem is collected; nothing stops at the first.

export type Outcome = 'passed' | 'failed' | 'not-run';

export interface CheckResult {
  /** `V08.08` — the check's ID in §15. */
  readonly id: string;
  readonly title: string;
  readonly outcome: Outcome;
  /** What failed, or why the check could not run; empty when passed. */
  readonly problems: readonly string[];
  /** How much was checked, e.g. "1204 ballots". */
  readonly summary?: string;
  /** Named intermediate values, for comparison with an independent verifier (--explain). */
  readonly values: Readonly<Record<string, string>>;
}

/** Collects the problems and values of one running check. */
export class CheckRecorder {
  readonly problems: string[] = [];
  readonly values: Record<string, string> = {};
  summary: string | undefined;

  /** Records a problem; at most `limit` are kept word for word, the rest are counted. */
  fail(problem: string): void {
    this.problems.push(problem);
  }

  /** Records `ok`'s negation as a problem; returns ok. */
  expect(ok: boolean, problem: string): boolean {
    if (!ok) this.fail(problem);
    return ok;
  }

  value(name: string, value: string | number | bigint): void {
    this.values[name] = String(value);
  }
}

export const MAX_PROBLEMS_SHOWN = 20;

export interface Report {
  readonly board: string;
  /** The election the board's manifest names, when it has one. */
  readonly electionId?: string;
  /** The election fingerprint's short form (§7.4), when the board establishes the election key. */
  readonly fingerprint?: string;
  readonly results: readonly CheckResult[];
  readonly passed: number;
  readonly failed: number;
  readonly notRun: number;
}

export function summarize(
  board: string,
  results: readonly CheckResult[],
  election: { readonly electionId?: string; readonly fingerprint?: string } = {},
): Report {
  return {
    board,
    ...election,
    results,
    passed: results.filter((r) => r.outcome === 'passed').length,
    failed: results.filter((r) => r.outcome === 'failed').length,
    notRun: results.filter((r) => r.outcome === 'not-run').length,
  };
}

const MARK: Record<Outcome, string> = { passed: 'ok  ', failed: 'FAIL', 'not-run': 'n/a ' };

export function formatReport(report: Report, explain: boolean): string {
  const lines: string[] = [`e-Votare verifier — ${report.board}`];
  if (report.electionId !== undefined) lines.push(`election ${report.electionId}`);
  if (report.fingerprint !== undefined) lines.push(`election fingerprint ${report.fingerprint}`);
  lines.push('');
  for (const r of report.results) {
    lines.push(`${MARK[r.outcome]} ${r.id} ${r.title}${r.summary ? ` (${r.summary})` : ''}`);
    for (const p of r.problems.slice(0, MAX_PROBLEMS_SHOWN)) lines.push(`       ${p}`);
    if (r.problems.length > MAX_PROBLEMS_SHOWN) {
      lines.push(`       … and ${r.problems.length - MAX_PROBLEMS_SHOWN} more`);
    }
    if (explain) for (const [k, v] of Object.entries(r.values)) lines.push(`       ${k} = ${v}`);
  }
  lines.push('');
  const verdict =
    report.failed > 0
      ? 'THE BOARD DOES NOT VERIFY'
      : report.notRun > 0
        ? 'INCOMPLETE: some checks could not run'
        : 'the board verifies';
  lines.push(`${report.passed} passed, ${report.failed} failed, ${report.notRun} not run — ${verdict}`);
  return lines.join('\n');
}

/** Exit status: 0 all passed, 1 something failed, 2 something could not be checked. */
export function exitStatus(report: Report): number {
  return report.failed > 0 ? 1 : report.notRun > 0 ? 2 : 0;
}
