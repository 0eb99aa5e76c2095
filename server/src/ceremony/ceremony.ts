// The key ceremony's messages on the board (docs/SPEC.md §9): trustees post them, signed with the
// keys in the manifest; the server checks each (Algorithm 9.12), refuses a second message for a
// filled slot, and puts it on the board. Officials close the phases (dealing closes by itself
// once every trustee has dealt); closing the last runs VerifyCeremony (Algorithm 9.13) and puts
// its outcome — the election key and the verification keys — on the board.
import { toBase64Url } from '@evotare/crypto/bytes';
import { canonicalize } from '@evotare/crypto/canonical-json';
import { ceremonySlot, verifyCeremonyMessage } from '@evotare/crypto/dkg/board';
import { verifyCeremony } from '@evotare/crypto/dkg/ceremony';
import type { CeremonyMessage } from '@evotare/crypto/dkg/messages';
import { type CeremonyContext, requireCeremonyContext } from '@evotare/crypto/dkg/trustee-keys';
import type { Manifest } from '@evotare/crypto/manifest';
import type { Kysely } from 'kysely';
import { recordOfficialAction } from '../audit.ts';
import { entryFromRow } from '../board/board.ts';
import type { BoardBatch } from '../board/writer.ts';
import type { CeremonyPhase, Database } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { addressableElection } from '../elections/elections.ts';
import { type Refusal, wrongState } from '../refusal.ts';
import { err, ok, type Result } from '../result.ts';

export const CEREMONY_ENTRY_TYPES = ['dkg-commitment', 'dkg-shares', 'dkg-complaint', 'dkg-resolution'] as const;

/** Which messages each phase accepts. */
const ACCEPTS: Record<CeremonyPhase, readonly CeremonyMessage['type'][]> = {
  dealing: ['dkg-commitment', 'dkg-shares'],
  complaints: ['dkg-complaint'],
  resolution: ['dkg-resolution'],
  done: [],
};

const contexts = new Map<string, CeremonyContext>();

function contextOf(manifestText: string): CeremonyContext {
  let ctx = contexts.get(manifestText);
  if (!ctx) {
    ctx = requireCeremonyContext(JSON.parse(manifestText) as Manifest);
    contexts.set(manifestText, ctx);
  }
  return ctx;
}

/** The ceremony messages on the board, in board order. */
export async function ceremonyMessages(
  db: Kysely<Database>,
  electionId: string,
): Promise<Array<{ seq: number; message: CeremonyMessage }>> {
  const rows = await db
    .selectFrom('board_entry')
    .selectAll()
    .where('election_id', '=', electionId)
    .where('type', 'in', [...CEREMONY_ENTRY_TYPES])
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ seq: r.seq, message: entryFromRow(r).payload as unknown as CeremonyMessage }));
}

function withoutSignature(m: CeremonyMessage): string {
  const { signature: _, ...rest } = m;
  return canonicalize(rest);
}

/** A trustee posts a ceremony message. The same message again is answered with its position. */
export async function postCeremonyMessage(
  deps: Deps,
  electionId: string,
  input: unknown,
): Promise<Result<{ position: number }, Refusal>> {
  const found = await addressableElection(deps, electionId);
  if (!found.ok) return found;
  const row = found.value;
  if (row.state !== 'key-ceremony' || row.manifest === null) return err(wrongState(row.state, ['key-ceremony']));
  const checked = verifyCeremonyMessage(contextOf(row.manifest), input);
  if ('error' in checked) {
    const reason = checked.error.valid ? 'invalid' : checked.error.reason;
    // V09.03/V09.04: not a trustee of this election, or not signed by one: not authenticated.
    if (/^V09\.0[34] /.test(reason)) return err({ kind: 'trustee-unknown' });
    return err({ kind: 'ceremony-message-invalid', detail: reason });
  }
  const message = checked.verified.message;
  const { value } = await deps.writer.submit(
    electionId,
    async (batch): Promise<Result<{ position: number }, Refusal>> => {
      const e = batch.election!;
      if (e.state !== 'key-ceremony') return err(wrongState(e.state, ['key-ceremony']));
      const phase = e.ceremony_phase ?? 'dealing';
      const existing = await ceremonyMessages(batch.tx, electionId);
      const slot = ceremonySlot(message);
      const same = existing.find((x) => ceremonySlot(x.message) === slot);
      if (same) {
        if (withoutSignature(same.message) === withoutSignature(message)) return ok({ position: same.seq });
        return err({
          kind: 'ceremony-message-invalid',
          detail: `the slot ${slot} is already filled by another message`,
        });
      }
      if (!ACCEPTS[phase].includes(message.type)) {
        return err({ kind: 'ceremony-message-invalid', detail: `the ${phase} phase does not accept ${message.type}` });
      }
      const entry = batch.append(message.type, message);
      if (phase === 'dealing') {
        const n = contextOf(e.manifest!).n;
        const dealt = new Set([...existing.map((x) => x.message), message].map(ceremonySlot));
        let complete = true;
        for (let i = 1; i <= n; i++) {
          if (!dealt.has(`dkg-commitment/${i}`) || !dealt.has(`dkg-shares/${i}`)) complete = false;
        }
        if (complete) await enterPhase(batch, electionId, 'complaints');
      }
      return ok({ position: entry.seq });
    },
  );
  return value;
}

async function enterPhase(batch: BoardBatch, electionId: string, phase: 'complaints' | 'resolution'): Promise<void> {
  batch.append('ceremony-phase', { phase });
  await batch.tx
    .updateTable('election')
    .set({ ceremony_phase: phase, updated_at: new Date() })
    .where('id', '=', electionId)
    .execute();
}

export interface CeremonyOutcome {
  readonly phase: CeremonyPhase;
  readonly electionKey?: string;
  readonly qualified?: readonly number[];
}

/**
 * An official closes the current phase. Closing the complaint phase with no complaint on the board,
 * or the resolution phase, ends the ceremony: VerifyCeremony must succeed, and its outcome goes on
 * the board.
 */
export async function closeCeremonyPhase(
  deps: Deps,
  electionId: string,
  official: string,
): Promise<Result<CeremonyOutcome, Refusal>> {
  const { value } = await deps.writer.submit(electionId, async (batch): Promise<Result<CeremonyOutcome, Refusal>> => {
    const e = batch.election;
    if (e === null) return err({ kind: 'election-not-found' });
    if (e.state !== 'key-ceremony') return err(wrongState(e.state, ['key-ceremony']));
    const phase = e.ceremony_phase ?? 'dealing';
    const messages = await ceremonyMessages(batch.tx, electionId);
    let outcome: Result<CeremonyOutcome, Refusal>;
    if (phase === 'dealing') {
      await enterPhase(batch, electionId, 'complaints');
      outcome = ok({ phase: 'complaints' });
    } else if (phase === 'complaints' && messages.some((m) => m.message.type === 'dkg-complaint')) {
      await enterPhase(batch, electionId, 'resolution');
      outcome = ok({ phase: 'resolution' });
    } else if (phase === 'done') {
      return err({ kind: 'ceremony-incomplete', detail: 'the ceremony is already over' });
    } else {
      outcome = await finishCeremony(
        batch,
        electionId,
        e.manifest!,
        messages.map((m) => m.message),
      );
    }
    if (outcome.ok) await recordOfficialAction(batch.tx, official, 'ceremony.close-phase', electionId, { phase });
    return outcome;
  });
  return value;
}

async function finishCeremony(
  batch: BoardBatch,
  electionId: string,
  manifestText: string,
  messages: CeremonyMessage[],
): Promise<Result<CeremonyOutcome, Refusal>> {
  const result = verifyCeremony(JSON.parse(manifestText) as Manifest, messages);
  if (!result.valid) return err({ kind: 'ceremony-incomplete', detail: `the ceremony failed: ${result.reason}` });
  const electionKey = toBase64Url(result.electionKey.encode());
  batch.append('election-key', {
    qualified: [...result.qualified],
    electionKey,
    verificationKeys: result.verificationKeys.map((vk) => toBase64Url(vk.encode())),
  });
  await batch.tx
    .updateTable('election')
    .set({ election_key: result.electionKey.encode(), ceremony_phase: 'done', updated_at: new Date() })
    .where('id', '=', electionId)
    .execute();
  return ok({ phase: 'done', electionKey, qualified: result.qualified });
}

/** What a trustee needs to follow the ceremony: the phase and the messages so far. */
export async function ceremonyState(
  deps: Deps,
  electionId: string,
): Promise<Result<{ phase: CeremonyPhase | null; messages: CeremonyMessage[] }, Refusal>> {
  const row = await deps.db
    .selectFrom('election')
    .select(['state', 'ceremony_phase'])
    .where('id', '=', electionId)
    .executeTakeFirst();
  if (!row || row.state === 'draft') return err({ kind: 'election-not-found' });
  const messages = await ceremonyMessages(deps.db, electionId);
  return ok({ phase: row.ceremony_phase, messages: messages.map((m) => m.message) });
}
