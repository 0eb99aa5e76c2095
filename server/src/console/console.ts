// What the officials' console shows of one election, in one read: the state and what comes next,
// the key ceremony per trustee, turnout by hour and by country of residence (small cells withheld:
// ./suppression.ts), credentials, mixing per node, decryption per trustee, the board's health and
// the officials' recent actions. Everything but the roll's countries and the audit log is also on
// the public board; this view only gathers it. Its shape is the console's (client/src/console/view.ts).

import type { ConsoleView, NextStep, TrusteeCeremony } from '@evotare/client/src/console/view.ts';
import type { Manifest } from '@evotare/crypto/manifest';
import { sql } from 'kysely';
import { boardSize, entriesOfType, latestTreeHead } from '../board/board.ts';
import { ceremonyMessages } from '../ceremony/ceremony.ts';
import type { CeremonyPhase, ElectionState, OfficialRole } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { mixingStatus } from '../mixing/mixing.ts';
import type { Refusal } from '../refusal.ts';
import { err, ok, type Result } from '../result.ts';
import { SMALL_CELL_THRESHOLD, suppressColumn } from './suppression.ts';

const count = (x: unknown) => Number(x ?? 0);

export async function consoleView(
  deps: Deps,
  electionId: string,
  official: { name: string; role: OfficialRole },
): Promise<Result<ConsoleView, Refusal>> {
  const row = await deps.db.selectFrom('election').selectAll().where('id', '=', electionId).executeTakeFirst();
  if (!row) return err({ kind: 'election-not-found' });
  const definition = JSON.parse(row.definition) as {
    title: Record<string, string>;
    votingWindow: { opens: string; closes: string };
    trustees: { threshold: number; members: Array<{ name: string }> };
    mixNodes: Array<{ name: string }>;
  };
  const manifest = row.manifest === null ? null : (JSON.parse(row.manifest) as Manifest);
  const db = deps.db;

  // --- the key ceremony, per trustee, and the decryption
  const messages = row.state === 'draft' ? [] : (await ceremonyMessages(db, electionId)).map((m) => m.message);
  const keyEntry = (await entriesOfType(db, electionId, 'election-key'))[0];
  const qualified = keyEntry ? new Set((keyEntry.payload as { qualified: number[] }).qualified) : null;
  const partials = await entriesOfType(db, electionId, 'partial-decryption');
  const decryptedBy = new Set(partials.map((e) => (e.payload as { sender: number }).sender));
  const complaintsClosed = row.ceremony_phase === 'resolution' || row.ceremony_phase === 'done';
  const trustees = definition.trustees.members.map((m, i): TrusteeCeremony => {
    const index = i + 1;
    const sent = (type: string) => messages.filter((x) => x.type === type && x.sender === index);
    const filed = sent('dkg-complaint').length;
    return {
      index,
      name: m.name,
      dealt: sent('dkg-commitment').length > 0 && sent('dkg-shares').length > 0,
      sharesChecked: filed > 0 ? 'complained' : complaintsClosed ? 'accepted' : 'pending',
      complaintsFiled: filed,
      complaintsAgainst: messages.filter((x) => x.type === 'dkg-complaint' && x.dealer === index).length,
      resolutions: sent('dkg-resolution').length,
      qualified: qualified === null ? null : qualified.has(index),
      decrypted: decryptedBy.has(index),
    };
  });

  // --- turnout: by hour from the board's own times; by country from the roll (withheld when small)
  const byHourRows = await sql<{ hour: string; ballots: string; first_ballots: string }>`
    select substr(e.time, 1, 13) as hour,
           count(*) as ballots,
           count(*) filter (where b.seq = f.first_seq) as first_ballots
    from ballot b
    join board_entry e on e.election_id = b.election_id and e.seq = b.seq
    join (select credential_key, min(seq) as first_seq from ballot where election_id = ${electionId}
          group by credential_key) f on f.credential_key = b.credential_key
    where b.election_id = ${electionId}
    group by 1 order by 1`.execute(db);
  const countryRows = await sql<{ country: string; roll: string; voted: string }>`
    select v.country,
           count(*) as roll,
           count(*) filter (where exists (
             select 1 from credential c join ballot b
               on b.election_id = c.election_id and b.credential_key = c.public_key
             where c.election_id = v.election_id and c.voter_id = v.id)) as voted
    from voter v
    where v.election_id = ${electionId}
    group by v.country order by v.country`.execute(db);
  const rollCells = suppressColumn(countryRows.rows.map((r) => count(r.roll)));
  const votedCells = suppressColumn(countryRows.rows.map((r) => count(r.voted)));
  const byCountry = countryRows.rows.map((r, i) => ({
    country: r.country,
    roll: rollCells[i]!,
    // Out of a withheld roll, even "none voted" would say something about a few people.
    voted: 'suppressed' in rollCells[i]! ? ({ suppressed: 'small' } as const) : votedCells[i]!,
  }));
  const totals = await sql<{
    roll: string;
    codes: string;
    in_person: string;
    credentials: string;
    revoked: string;
    voters: string;
    ballots: string;
  }>`
    select (select count(*) from voter where election_id = ${electionId}) as roll,
           (select count(*) from activation_code a join voter v on v.id = a.voter_id where v.election_id = ${electionId}) as codes,
           (select count(*) from voter where election_id = ${electionId} and voted_in_person) as in_person,
           (select count(*) from credential where election_id = ${electionId}) as credentials,
           (select count(*) from revocation where election_id = ${electionId}) as revoked,
           (select count(distinct credential_key) from ballot where election_id = ${electionId}) as voters,
           (select count(*) from ballot where election_id = ${electionId}) as ballots`.execute(db);
  const t = totals.rows[0]!;

  // --- mixing (its status exists from the close on), the board
  const mixing = ['closed', 'mixing', 'decrypting', 'tallied'].includes(row.state)
    ? await mixingStatus(deps, electionId)
    : null;
  const mix = mixing?.ok ? mixing.value : null;
  const head = await latestTreeHead(db, electionId);
  const cosignatures = await entriesOfType(db, electionId, 'tree-head-cosignature');
  const observers = await db
    .selectFrom('observer')
    .select(['name', 'signing_key'])
    .where('election_id', '=', electionId)
    .orderBy('seq')
    .execute();
  const cosignedSize = (key: string) => {
    const sizes = cosignatures
      .map((e) => e.payload as { observerKey: string; treeHead: { size: number } })
      .filter((p) => p.observerKey === key)
      .map((p) => p.treeHead.size);
    return sizes.length > 0 ? Math.max(...sizes) : null;
  };
  const actions = await db
    .selectFrom('audit_log')
    .select(['time', 'official', 'action', 'detail'])
    .where((eb) => eb.or([eb('election_id', '=', electionId), eb('election_id', 'is', null)]))
    .orderBy('id', 'desc')
    .limit(30)
    .execute();
  const resultPublished = (await entriesOfType(db, electionId, 'result')).length > 0;

  return ok({
    official,
    election: {
      id: row.id,
      title: definition.title,
      state: row.state,
      ceremonyPhase: row.ceremony_phase,
      votingWindow: definition.votingWindow,
      threshold: manifest ? definition.trustees.threshold : null,
      next: nextStep(row.state, row.ceremony_phase, row.parties !== null, resultPublished),
    },
    trustees,
    turnout: {
      rollSize: count(t.roll),
      voters: count(t.voters),
      ballots: count(t.ballots),
      threshold: SMALL_CELL_THRESHOLD,
      byHour: byHourRows.rows.map((r) => ({
        hour: `${r.hour}:00Z`,
        ballots: count(r.ballots),
        firstBallots: count(r.first_ballots),
      })),
      byCountry,
    },
    credentials: {
      codesIssued: count(t.codes),
      activated: count(t.credentials),
      revoked: count(t.revoked),
      votedInPerson: count(t.in_person),
    },
    mixing: {
      nodes: mix
        ? mix.mixNodes.map((n) => ({ index: n.index, name: n.name, mixed: n.mixed }))
        : definition.mixNodes.map((n, index) => ({ index, name: n.name, mixed: false })),
      deadline: mix?.deadline ?? null,
      completed: mix?.completed != null,
    },
    decryption: {
      posted: decryptedBy.size,
      needed: manifest ? definition.trustees.threshold : null,
      resultPublished,
    },
    board: {
      size: await boardSize(db, electionId),
      treeHead: head && { size: head.size, time: head.time },
      observers: observers.map((o) => ({
        name: o.name,
        cosignedSize: cosignedSize(Buffer.from(o.signing_key).toString('base64url')),
      })),
      cosignatures: cosignatures.length,
    },
    actions: actions.map((a) => ({
      time: new Date(a.time).toISOString(),
      official: a.official,
      action: a.action,
      detail: a.detail,
    })),
  });
}

function nextStep(
  state: ElectionState,
  phase: CeremonyPhase | null,
  partiesRegistered: boolean,
  resultPublished: boolean,
): NextStep {
  switch (state) {
    case 'draft':
      return partiesRegistered ? 'start-ceremony' : 'register-parties';
    case 'key-ceremony':
      return phase === 'complaints'
        ? 'close-complaints'
        : phase === 'resolution'
          ? 'close-resolution'
          : phase === 'done'
            ? 'open-voting'
            : 'trustees-deal';
    case 'open':
      return 'close-voting';
    case 'closed':
    case 'mixing':
      return 'mix';
    case 'decrypting':
      return resultPublished ? 'verify' : 'decrypt';
    case 'tallied':
      return 'verify';
    default: {
      const never: never = state;
      throw new Error(`unknown state ${String(never)}`);
    }
  }
}
