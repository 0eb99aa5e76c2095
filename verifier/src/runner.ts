// Runs the checks in order over shared, step-by-step established facts about the board.
// A fact (the manifest, the election key, …) is set by the check that establishes it; a later check
// that needs a fact no earlier check could establish is NOT RUN, naming the missing fact.
import { CheckRecorder, type CheckResult } from './report.ts';

/** Thrown by `Facts.need` inside a check: the check cannot run. */
export class NotRun extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotRun';
  }
}

export class Facts<F extends object> {
  readonly #values: Partial<F> = {};
  readonly #why: Partial<Record<keyof F, string>> = {};

  set<K extends keyof F>(key: K, value: F[K]): void {
    this.#values[key] = value;
  }

  /** Records why a fact could not be established (shown by the checks that need it). */
  missing<K extends keyof F>(key: K, why: string): void {
    this.#why[key] ??= why;
  }

  has<K extends keyof F>(key: K): boolean {
    return this.#values[key] !== undefined;
  }

  need<K extends keyof F>(key: K): F[K] {
    const v = this.#values[key];
    if (v === undefined) throw new NotRun(`needs ${String(key)}: ${this.#why[key] ?? 'not established'}`);
    return v as F[K];
  }

  get<K extends keyof F>(key: K): F[K] | undefined {
    return this.#values[key];
  }
}

export interface Check<F extends object> {
  readonly id: string;
  readonly title: string;
  run(facts: Facts<F>, r: CheckRecorder): void;
}

export function runChecks<F extends object>(checks: readonly Check<F>[], facts: Facts<F>): CheckResult[] {
  return checks.map((check) => {
    const r = new CheckRecorder();
    try {
      check.run(facts, r);
    } catch (e) {
      const reason =
        e instanceof NotRun ? e.message : `could not be run: ${e instanceof Error ? e.message : String(e)}`;
      return { id: check.id, title: check.title, outcome: 'not-run', problems: [reason], values: r.values };
    }
    return {
      id: check.id,
      title: check.title,
      outcome: r.problems.length === 0 ? 'passed' : 'failed',
      problems: r.problems,
      ...(r.summary === undefined ? {} : { summary: r.summary }),
      values: r.values,
    };
  });
}
