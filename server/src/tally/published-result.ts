// The published result of an election, as the results page and the JSON API show it: the `result`
// entry of the board (signed by the CEC, docs/SPEC.md §14.5), with what the page adds for people —
// the roll's size and the revocations by reason (paper votes that overrode an e-vote).
import type { JsonValue } from '@evotare/crypto/canonical-json';
import type { Manifest } from '@evotare/crypto/manifest';
import type { ResultEntry } from '@evotare/crypto/tally/result';
import { entriesOfType } from '../board/board.ts';
import type { ElectionState } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { addressableElection } from '../elections/elections.ts';
import type { Refusal } from '../refusal.ts';
import { ok, type Result } from '../result.ts';

export interface PublishedResult {
  readonly electionId: string;
  readonly state: ElectionState;
  readonly manifest: Manifest | null;
  /** The `result` entry, or null while there is none. */
  readonly result: {
    readonly position: number;
    readonly time: string;
    readonly payload: ResultEntry;
  } | null;
  /** The roll's size at the last `roll` entry. */
  readonly rollSize: number | null;
  /** Credentials revoked because the voter voted on paper at a polling station (§13.5). */
  readonly paperOverrides: number;
}

export async function publishedResult(deps: Deps, electionId: string): Promise<Result<PublishedResult, Refusal>> {
  const found = await addressableElection(deps, electionId);
  if (!found.ok) return found;
  const row = found.value;
  const results = await entriesOfType(deps.db, electionId, 'result');
  const rolls = await entriesOfType(deps.db, electionId, 'roll');
  const lastRoll = rolls.at(-1)?.payload as { size?: JsonValue } | undefined;
  const paper = await deps.db
    .selectFrom('revocation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('election_id', '=', electionId)
    .where('reason', '=', 'voted-in-person')
    .executeTakeFirstOrThrow();
  const entry = results[0];
  return ok({
    electionId,
    state: row.state,
    manifest: row.manifest === null ? null : (JSON.parse(row.manifest) as Manifest),
    result:
      entry === undefined
        ? null
        : { position: entry.seq, time: entry.time, payload: entry.payload as unknown as ResultEntry },
    rollSize: typeof lastRoll?.size === 'number' ? lastRoll.size : null,
    paperOverrides: Number(paper.n),
  });
}
