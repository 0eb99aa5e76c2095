// The voting window kept by the server itself (docs/SPEC.md §13.10): at the window's start an
// election whose key ceremony has ended opens, at its end an open election closes, and a closed
// election gets its mix input — with nobody at a keyboard. Every server instance runs a schedule;
// each step is the same transaction an official's command runs, under the election's writer lock
// and with its state checked inside it (./elections.ts inState), so when several instances share a
// database the first appends `voting-opened` or `voting-closed` and the others find the state
// already changed and append nothing.
//
// A tick runs on a timer, with no request to answer: whatever it meets — the database restarting
// (PostgreSQL refuses connections, SQLSTATE 57P03, for the seconds of its recovery), a full disk, a
// bug — is logged and the next tick tries again. Nothing it throws may escape: a rejection nobody
// handles ends a Node process, and that is how a PostgreSQL restart under load used to kill the
// server (docs/PERFORMANCE.md, "Faults").
import type { ElectionDefinition } from '@evotare/crypto/manifest';
import { isDatabaseUnavailable, storageFault } from '../db/faults.ts';
import type { Deps } from '../deps.ts';
import { prepareMixInput } from '../mixing/mix-input.ts';
import { closeVoting, openVoting } from './elections.ts';

/** The name the audit log gives the schedule's steps. */
export const SCHEDULE_OFFICIAL = 'schedule';

export interface VotingScheduleOptions {
  /** How often the schedule looks at the clock (ms): voting opens and closes at most this late. */
  readonly tickMs?: number;
  readonly now?: () => Date;
}

export class VotingSchedule {
  readonly #deps: Deps;
  readonly #tickMs: number;
  readonly #now: () => Date;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;

  constructor(deps: Deps, options: VotingScheduleOptions = {}) {
    this.#deps = deps;
    this.#tickMs = options.tickMs ?? 1000;
    this.#now = options.now ?? (() => new Date());
  }

  start(): void {
    if (this.#timer !== null) return;
    this.#timer = setInterval(() => {
      this.#running ??= this.tick()
        .catch((e) => this.#failed('the voting schedule failed', e))
        .finally(() => {
          this.#running = null;
        });
    }, this.#tickMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  /** One look at the clock: every step that is due, done. Never throws: a failure is logged. */
  async tick(): Promise<void> {
    let rows: Array<{ id: string; state: string; definition: string; election_key: Uint8Array | null }>;
    try {
      rows = await this.#deps.db
        .selectFrom('election')
        .select(['id', 'state', 'definition', 'election_key'])
        .where('state', 'in', ['key-ceremony', 'open', 'closed'])
        .execute();
    } catch (e) {
      this.#failed('the voting schedule could not read the elections', e);
      return;
    }
    const now = this.#now();
    for (const row of rows) {
      try {
        await this.#step(row, now);
      } catch (e) {
        this.#failed('the voting schedule failed on an election', e, row.id);
      }
    }
  }

  /** A database fault (unreachable, storage full) is a warning, the next tick retries; anything else an error. */
  #failed(msg: string, e: unknown, election?: string): void {
    const fault = isDatabaseUnavailable(e) || storageFault(e) !== null;
    this.#deps.log[fault ? 'warn' : 'error'](msg, {
      ...(election === undefined ? {} : { election }),
      error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
      ...(fault ? { retryInMs: this.#tickMs } : {}),
    });
  }

  async #step(
    row: { id: string; state: string; definition: string; election_key: Uint8Array | null },
    now: Date,
  ): Promise<void> {
    const window = (JSON.parse(row.definition) as ElectionDefinition).votingWindow;
    const t = now.getTime();
    if (row.state === 'key-ceremony') {
      if (row.election_key === null || t < Date.parse(window.opens) || t >= Date.parse(window.closes)) return;
      const opened = await openVoting(this.#deps, row.id, SCHEDULE_OFFICIAL, now);
      if (opened.ok) this.#deps.log.info('voting opened by the schedule', { election: row.id, opens: window.opens });
    } else if (row.state === 'open') {
      if (t < Date.parse(window.closes)) return;
      const closed = await closeVoting(this.#deps, row.id, SCHEDULE_OFFICIAL, undefined, now);
      if (closed.ok) this.#deps.log.info('voting closed by the schedule', { election: row.id, closes: window.closes });
      await prepareMixInput(this.#deps, row.id);
    } else {
      // Closed, by whoever, and the mix input not appended yet (the instance that closed stopped).
      await prepareMixInput(this.#deps, row.id);
    }
  }
}
