// The mix input (docs/SPEC.md §14.2): once voting has closed, the server runs Algorithm 14.1 on its
// own board — the same code a verifier runs on the export — stores the list as an attachment and
// appends the `mix-input` entry; the election moves from `closed` to `mixing` (or, with no ballot
// to count, straight to `decrypting` after `mixing-completed`).
//
// The computation reads the board outside any transaction (nothing it reads can change once voting
// has closed) and takes of each ballot only its credential and ciphertexts, extracted by the
// database, so a board of 300,000 ballots with their proofs is not moved through the process. The
// append then re-checks, with the election locked, that no mix input exists yet. It is idempotent:
// run after the close, and again by anyone who finds a closed election without a mix input (a
// crash between the two steps).
import type { BoardEntryType } from '@evotare/crypto/board/entry';
import type { Manifest } from '@evotare/crypto/manifest';
import { mixingCompletedPayload } from '@evotare/crypto/tally/mix-chain';
import { type MixInput, MixInputBuilder, mixInputPayload } from '@evotare/crypto/tally/mix-input';
import { type Kysely, sql } from 'kysely';
import { storeAttachment } from '../attachments/store.ts';
import type { Database, ElectionState } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { addressableElection } from '../elections/elections.ts';
import { type Refusal, wrongState } from '../refusal.ts';
import { err, ok, type Result } from '../result.ts';
import { rememberList } from './current-list.ts';

const PAGE = 5000;
const READ: BoardEntryType[] = ['voting-opened', 'voting-closed', 'credential-issued', 'credential-revoked', 'ballot'];

/** Algorithm 14.1 over the stored board, page by page. */
export async function computeMixInput(db: Kysely<Database>, electionId: string, width: number): Promise<MixInput> {
  const builder = new MixInputBuilder(width);
  for (let from = 0; !builder.closed; ) {
    const page = await sql<{ seq: number; type: BoardEntryType; payload: string }>`
      select e.seq, e.type,
        case when e.type = 'ballot' then (
          select json_build_object(
            'credential', j.p -> 'credential',
            'contests', coalesce(
              (select json_agg(json_build_object('ciphertext', c.v -> 'ciphertext') order by c.n)
                 from json_array_elements(j.p -> 'contests') with ordinality as c(v, n)),
              '[]'::json))::text
          from (select e.payload::json as p) as j)
        else e.payload end as payload
      from board_entry e
      where e.election_id = ${electionId} and e.seq >= ${from} and e.type in (${sql.join(READ)})
      order by e.seq
      limit ${PAGE}`.execute(db);
    if (page.rows.length === 0) break;
    for (const row of page.rows) {
      const v = builder.add({ seq: Number(row.seq), type: row.type, payload: JSON.parse(row.payload) });
      if (!v.valid) throw new Error(`the board of ${electionId} breaks the counting rule: ${v.reason}`);
      if (builder.closed) break;
    }
    from = Number(page.rows[page.rows.length - 1]!.seq) + 1;
  }
  const result = builder.finish();
  if (!result.valid) throw new Error(`the board of ${electionId} breaks the counting rule: ${result.reason}`);
  return result.mixInput;
}

const preparing = new WeakMap<Kysely<Database>, Map<string, Promise<Result<ElectionState, Refusal>>>>();

/**
 * Computes and appends the mix input of a closed election, if it has none yet; returns the
 * election's state afterwards. Concurrent calls in this process share one computation.
 */
export function prepareMixInput(deps: Deps, electionId: string): Promise<Result<ElectionState, Refusal>> {
  let running = preparing.get(deps.db);
  if (!running) {
    running = new Map();
    preparing.set(deps.db, running);
  }
  let pending = running.get(electionId);
  if (!pending) {
    pending = prepare(deps, electionId).finally(() => running.delete(electionId));
    running.set(electionId, pending);
  }
  return pending;
}

async function hasMixInput(db: Kysely<Database>, electionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('board_entry')
    .select('seq')
    .where('election_id', '=', electionId)
    .where('type', '=', 'mix-input')
    .executeTakeFirst();
  return row !== undefined;
}

async function prepare(deps: Deps, electionId: string): Promise<Result<ElectionState, Refusal>> {
  const found = await addressableElection(deps, electionId);
  if (!found.ok) return found;
  const row = found.value;
  if (row.state !== 'closed') {
    return ['mixing', 'decrypting', 'tallied'].includes(row.state)
      ? ok(row.state)
      : err(wrongState(row.state, ['closed']));
  }
  if (await hasMixInput(deps.db, electionId)) return ok(row.state);
  const manifest = JSON.parse(row.manifest!) as Manifest;
  const started = performance.now();
  const mi = await computeMixInput(deps.db, electionId, manifest.contests.length);

  const { value } = await deps.writer.submit(electionId, async (batch): Promise<Result<ElectionState, Refusal>> => {
    const e = batch.election;
    if (e === null) return err({ kind: 'election-not-found' });
    if (e.state !== 'closed' || (await hasMixInput(batch.tx, electionId))) return ok(e.state);
    const data = mi.list.count === 0 ? null : await storeAttachment(batch.tx, electionId, mi.list.bytes);
    batch.append('mix-input', mixInputPayload(mi, data));
    let state: ElectionState = 'mixing';
    if (mi.list.count === 0) {
      // Nothing to mix (§14.3): mixing is complete at once, and there is nothing to decrypt.
      batch.append('mixing-completed', mixingCompletedPayload(mi.digest, []));
      state = 'decrypting';
    }
    await batch.tx
      .updateTable('election')
      .set({ state, updated_at: new Date() })
      .where('id', '=', electionId)
      .execute();
    return ok(state);
  });
  if (value.ok) {
    rememberList(deps.db, electionId, mi);
    deps.log.info('mix input published', {
      election: electionId,
      rows: mi.list.count,
      width: mi.list.width,
      ms: Math.round(performance.now() - started),
    });
  }
  return value;
}
