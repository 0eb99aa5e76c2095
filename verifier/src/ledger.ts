// The verifier's record of every check (docs/SPEC.md §15), filled while the board is read.
// A check FAILS when it finds a problem; it is NOT RUN when what it needs could not be established
// (a missing entry, an earlier failure it depends on) — the report says which, and why.
import type { CheckResult } from './report.ts';

interface Row {
  readonly title: string;
  readonly problems: string[];
  notRun: string | undefined;
  /** Whether the check was reached at all; a check never reached is not run. */
  reached: boolean;
  summary: string | undefined;
  readonly values: Record<string, string>;
}

/** A ledger's rows as Ledger.snapshot() gives them. */
export type LedgerState = ReadonlyArray<{
  readonly id: string;
  readonly problems: readonly string[];
  readonly notRun: string | null;
  readonly reached: boolean;
  readonly summary: string | null;
  readonly values: Readonly<Record<string, string>>;
}>;

export class Ledger {
  readonly #rows = new Map<string, Row>();

  constructor(catalogue: ReadonlyArray<readonly [id: string, title: string]>) {
    for (const [id, title] of catalogue) {
      this.#rows.set(id, { title, problems: [], notRun: undefined, reached: false, summary: undefined, values: {} });
    }
  }

  /** Adds a check the catalogue lists only when it applies (the receipt check). */
  add(id: string, title: string): void {
    this.#rows.set(id, { title, problems: [], notRun: undefined, reached: false, summary: undefined, values: {} });
  }

  #row(id: string): Row {
    const row = this.#rows.get(id);
    if (row === undefined) throw new Error(`no check ${id} in the catalogue`);
    return row;
  }

  /** The check ran (on at least one item); without problems it passes. */
  ran(id: string): void {
    const row = this.#row(id);
    row.reached = true;
    row.notRun = undefined;
  }

  fail(id: string, problem: string): void {
    const row = this.#row(id);
    row.reached = true;
    row.notRun = undefined;
    row.problems.push(problem);
  }

  /** Records a problem when `ok` is false; returns ok. */
  expect(id: string, ok: boolean, problem: () => string): boolean {
    this.ran(id);
    if (!ok) this.fail(id, problem());
    return ok;
  }

  /** The check cannot run, unless something runs it after all (`ran`, `fail` take precedence). */
  notRun(id: string, why: string): void {
    const row = this.#row(id);
    if (!row.reached) row.notRun ??= why;
  }

  summary(id: string, text: string): void {
    this.#row(id).summary = text;
  }

  value(id: string, name: string, value: string | number): void {
    this.#row(id).values[name] = String(value);
  }

  hasFailed(id: string): boolean {
    return this.#row(id).problems.length > 0;
  }

  /** Every row as it stands, as plain data: part of a reader's kept state (docs/SPEC.md §15.1). */
  snapshot(): LedgerState {
    return [...this.#rows].map(([id, r]) => ({
      id,
      problems: [...r.problems],
      notRun: r.notRun ?? null,
      reached: r.reached,
      summary: r.summary ?? null,
      values: { ...r.values },
    }));
  }

  /** Puts back the rows of a snapshot that this ledger has (by check ID); the others are left as they are. */
  restore(state: LedgerState): void {
    for (const k of state) {
      const row = this.#rows.get(k.id);
      if (row === undefined) continue;
      row.problems.splice(0, row.problems.length, ...k.problems);
      row.notRun = k.notRun ?? undefined;
      row.reached = k.reached;
      row.summary = k.summary ?? undefined;
      Object.assign(row.values, k.values);
    }
  }

  results(): CheckResult[] {
    return [...this.#rows].map(([id, row]) => {
      const base = { id, title: row.title, values: row.values };
      const summary = row.summary === undefined ? {} : { summary: row.summary };
      if (row.problems.length > 0) return { ...base, ...summary, outcome: 'failed', problems: row.problems };
      if (!row.reached && row.notRun !== undefined) return { ...base, outcome: 'not-run', problems: [row.notRun] };
      if (!row.reached)
        return { ...base, summary: 'nothing of this kind on the board', outcome: 'passed', problems: [] };
      return { ...base, ...summary, outcome: 'passed', problems: [] };
    });
  }
}
