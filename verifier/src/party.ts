// Verify before acting (docs/SPEC.md §14.3, §14.4): a mix node does not shuffle and a trustee does
// not decrypt unless the board verifies up to its step, with the very checks of the standalone
// verifier — one implementation, not a second copy. The board is read through the public API
// (./remote-board.ts) or from an export; the party acts only on what this returns.
//
//   const check = await verifyBeforeActing(new RemoteBoard(api, electionId), 'mix', { pool, expectFingerprint });
//   (with { resume: kept, keepState: true }: from the state kept by an earlier run, and check.keep the
//   state to keep for the next — ./kept-state.ts, SPEC §15.1)
//   if (check.refusals.length > 0) → refuse, naming check.refusals[i].check and .problem (the entry is in it)
//   else check.state: the manifest, h, the ceremony (Y, VK_j), the fingerprint, and check.state.tally:
//        .mixInput (Algorithm 14.1) and .chain (the checked mix chain: .current list, .mixed, .completed)
//
// A refusal is any check that failed anywhere on the board, and any check the step needs that could
// not be run. Checks that need entries the board does not have yet (the result, for a trustee) are
// not needed and may be "not run".
import type { BoardSource } from './board-source.ts';
import type { CheckResult, Report } from './report.ts';
import { type BoardState, type KeptState, type ReadingCounters, type VerifyOptions, verifyBoard } from './verify.ts';

export type PartyStep = 'mix' | 'decrypt';

/** The checks a step needs passed (§14.3, §14.4): everything the board holds up to the step. */
const NEEDED_BEFORE_MIXING = [
  ...['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((n) => `V12.${n}`),
  'V09.01',
  'V09.02',
  'V09.10',
  'V09.13',
  'V09.14',
  'V09.15',
  ...['01', '02', '03', '04', '05', '06', '07', '08', '09'].map((n) => `V13.${n}`),
  'V14.01',
  'V14.02',
  'V14.03',
  'V14.04',
  'V14.05',
];

export const NEEDED: Readonly<Record<PartyStep, readonly string[]>> = {
  mix: NEEDED_BEFORE_MIXING,
  decrypt: [...NEEDED_BEFORE_MIXING, 'V14.06'],
};

export interface Refusal {
  /** The check's ID (`V13.06`). */
  readonly check: string;
  /** What failed, naming the entry (`entry 812: V08.07 contest 0: …`), or why it could not run. */
  readonly problem: string;
}

export interface PartyCheck {
  /** The verifier's whole report on the board as read. */
  readonly report: Report;
  /** Why the party must not act; empty when it may. */
  readonly refusals: readonly Refusal[];
  /** What the board establishes; act on it only when there is no refusal. */
  readonly state: BoardState | undefined;
  /** What this run read and verified (from a kept state: only the board's tail). */
  readonly reading: ReadingCounters;
  /** With `keepState`: the state to keep for the next run, when no check failed (§15.1). */
  readonly keep: KeptState | undefined;
}

function refusalsOf(results: readonly CheckResult[], needed: readonly string[]): Refusal[] {
  const out: Refusal[] = [];
  for (const r of results) {
    if (r.outcome === 'failed') for (const p of r.problems) out.push({ check: r.id, problem: p });
    else if (r.outcome === 'not-run' && (needed.includes(r.id) || r.id === 'V07.01')) {
      out.push({ check: r.id, problem: `could not be checked: ${r.problems[0] ?? ''}` });
    }
  }
  return out;
}

/** Reads and verifies the board for `step`; the party acts only if `refusals` is empty. */
export async function verifyBeforeActing(
  source: BoardSource,
  step: PartyStep,
  options: Omit<VerifyOptions, 'receipt'> = {},
): Promise<PartyCheck> {
  const { report, state, reading, keep } = await verifyBoard(source, options);
  const refusals = refusalsOf(report.results, NEEDED[step]);
  if (state !== undefined && refusals.length === 0) {
    const chain = state.tally.chain;
    if (state.tally.mixInput === undefined || chain === undefined) {
      refusals.push({ check: 'V14.03', problem: 'voting has not closed: there is no mix input on the board yet' });
    } else if (step === 'decrypt' && !chain.completed) {
      refusals.push({ check: 'V14.06', problem: 'mixing has not completed' });
    }
  }
  if (state === undefined && refusals.length === 0) {
    refusals.push({ check: 'V12.07', problem: 'the board has no valid manifest' });
  }
  return { report, refusals, state, reading, keep };
}

/** One line per refusal, for a party's message: `V13.06 entry 812: …`. */
export function describeRefusals(refusals: readonly Refusal[], max = 10): string {
  const lines = refusals.slice(0, max).map((r) => `${r.check} ${r.problem}`);
  if (refusals.length > max) lines.push(`… and ${refusals.length - max} more`);
  return lines.join('\n');
}
