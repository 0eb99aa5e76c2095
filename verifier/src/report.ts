// Results of the verifier's checks (docs/SPEC.md §15). Error is not failure: a check that finds a
// problem has FAILED; a check that could not be run (its input is missing, or a check it builds on
// failed) is NOT RUN, and says why. Every problem is collected; nothing stops at the first.
import { checkTitle } from './cli/check-titles.ts';
import { EXIT } from './cli/exit.ts';
import { translate, VERIFIER_TEXT } from './cli/text.ts';
import type { Language, TextValues } from './i18n.ts';

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
  /** The verifier's version (`evotare-verify --version`), when a program ran it. */
  readonly version?: string;
  readonly board: string;
  /** The archive the board was read from (§12.8) and its SHA-256 in hex, to compare with the one published. */
  readonly archive?: { readonly file: string; readonly sha256: string };
  /** The election the board's manifest names, when it has one. */
  readonly electionId?: string;
  /** The election fingerprint's short form (§7.4), when the board establishes the election key. */
  readonly fingerprint?: string;
  readonly results: readonly CheckResult[];
  readonly passed: number;
  readonly failed: number;
  readonly notRun: number;
  /** What an auditor should question even when every check passes (§15, ./warnings.ts). */
  readonly warnings: readonly string[];
}

export function summarize(
  board: string,
  results: readonly CheckResult[],
  election: { readonly electionId?: string; readonly fingerprint?: string } = {},
  warnings: readonly string[] = [],
): Report {
  return {
    board,
    ...election,
    results,
    warnings,
    passed: results.filter((r) => r.outcome === 'passed').length,
    failed: results.filter((r) => r.outcome === 'failed').length,
    notRun: results.filter((r) => r.outcome === 'not-run').length,
  };
}

const MARK: Record<Outcome, string> = { passed: 'ok  ', failed: 'FAIL', 'not-run': 'n/a ' };

/** What the report says of the board as a whole. */
export type Verdict = 'verifies' | 'does-not-verify' | 'incomplete';

export function verdictOf(report: Report): Verdict {
  return report.failed > 0 ? 'does-not-verify' : report.notRun > 0 ? 'incomplete' : 'verifies';
}

/** The report for people, in `language` (the checks' titles translated; their problems as the checks word them). */
export function formatReport(report: Report, explain: boolean, language: Language = 'en'): string {
  const t = <K extends Parameters<typeof translate>[1]>(key: K, ...values: TextValues<typeof VERIFIER_TEXT, K>) =>
    translate(language, key, ...values);
  const lines: string[] = [t('reportTitle', { version: report.version ?? '', board: report.board }).replace('  ', ' ')];
  if (report.archive !== undefined) lines.push(t('archiveDigest', report.archive));
  if (report.electionId !== undefined) lines.push(t('election', { id: report.electionId }));
  if (report.fingerprint !== undefined) lines.push(t('fingerprint', { fingerprint: report.fingerprint }));
  lines.push('');
  for (const r of report.results) {
    const title = checkTitle(r.id, r.title, language);
    lines.push(`${MARK[r.outcome]} ${r.id} ${title}${r.summary ? ` (${r.summary})` : ''}`);
    for (const p of r.problems.slice(0, MAX_PROBLEMS_SHOWN)) lines.push(`       ${p}`);
    if (r.problems.length > MAX_PROBLEMS_SHOWN) {
      lines.push(`       ${t('more', { count: r.problems.length - MAX_PROBLEMS_SHOWN })}`);
    }
    if (explain) for (const [k, v] of Object.entries(r.values)) lines.push(`       ${k} = ${v}`);
  }
  lines.push('');
  for (const w of report.warnings) lines.push(t('warning', { warning: w }));
  if (report.warnings.length > 0) lines.push('');
  const { passed, failed, notRun } = report;
  lines.push(t('counts', { passed, failed, notRun, verdict: VERIFIER_TEXT[`verdict.${verdictOf(report)}`] }));
  return lines.join('\n');
}

/**
 * The verifier's exit status (docs/SPEC.md §15): 0 the board verifies, 1 it does not (a check
 * failed), 4 incomplete (no check failed, some could not run). 2 (bad usage), 3 (the board could
 * not be read) and 5 (the verifier's own error) are the program's (./cli/exit.ts).
 */
export function exitStatus(report: Report): number {
  return { verifies: EXIT.verifies, 'does-not-verify': EXIT.doesNotVerify, incomplete: EXIT.incomplete }[
    verdictOf(report)
  ];
}
