// An election's life: draft → key-ceremony → open → closed (→ mixing → decrypting → tallied, the
// tally pipeline's). Each step that the public must see appends to the board in the same
// transaction that changes the state, with the election's row locked (../board/writer.ts).

import { randomBytes } from 'node:crypto';
import { toBase64Url } from '@evotare/crypto/bytes';
import { type ElectionDefinition, type Manifest, ManifestSchema, manifestHash } from '@evotare/crypto/manifest';
import { z } from 'zod';
import { recordOfficialAction } from '../audit.ts';
import { boardSize, latestTreeHead } from '../board/board.ts';
import { boardFingerprint, type FingerprintForms } from '../board/fingerprint.ts';
import type { BoardBatch, ElectionRow } from '../board/writer.ts';
import type { ElectionState } from '../db/schema.ts';
import { sqlState } from '../db/transaction.ts';
import type { Deps } from '../deps.ts';
import { type Refusal, wrongState } from '../refusal.ts';
import { err, ok, type Result } from '../result.ts';
import { currentRollCommitment } from '../roll/commitment.ts';
import { type Parties, PartiesSchema, partiesProblem } from './parties.ts';

export const AUTHORITY_NAME = 'Comisia Electorală Centrală a Republicii Moldova';

export interface ElectionSummary {
  readonly id: string;
  readonly state: ElectionState;
  readonly title: ElectionDefinition['title'];
  readonly votingWindow: ElectionDefinition['votingWindow'];
}

function summary(row: Pick<ElectionRow, 'id' | 'state' | 'definition'>): ElectionSummary {
  const d = JSON.parse(row.definition) as ElectionDefinition;
  return { id: row.id, state: row.state, title: d.title, votingWindow: d.votingWindow };
}

/** Runs `step` with the election locked, if it is in one of `allowed` states. */
async function inState<T>(
  deps: Deps,
  electionId: string,
  allowed: readonly ElectionState[],
  step: (batch: BoardBatch, election: ElectionRow) => Promise<Result<T, Refusal>>,
): Promise<Result<T, Refusal>> {
  const { value } = await deps.writer.submit(electionId, async (batch): Promise<Result<T, Refusal>> => {
    const election = batch.election;
    if (election === null) return err({ kind: 'election-not-found' });
    if (!allowed.includes(election.state)) return err(wrongState(election.state, allowed));
    return step(batch, election);
  });
  return value;
}

async function setState(batch: BoardBatch, electionId: string, state: ElectionState): Promise<void> {
  await batch.tx.updateTable('election').set({ state, updated_at: new Date() }).where('id', '=', electionId).execute();
}

async function appendRoll(batch: BoardBatch, election: ElectionRow): Promise<void> {
  const roll = await currentRollCommitment(batch.tx, election.id, election.roll_salt);
  batch.append('roll', { size: roll.size, commitment: toBase64Url(roll.commitment) });
}

/** Creates a draft election from its definition. */
export async function createElection(
  deps: Deps,
  definition: ElectionDefinition,
  official: string,
): Promise<Result<ElectionSummary, Refusal>> {
  // SPEC §7.1: one trustee alone could decrypt every ballot; only a test server allows it.
  if (definition.trustees.threshold < 2 && deps.allowThresholdOne !== true) return err({ kind: 'threshold-one' });
  // §13.10: voting opens and closes by itself in the window; a window already over could never open.
  if (Date.parse(definition.votingWindow.closes) <= Date.now()) {
    return err({
      kind: 'voting-window-past',
      detail: `the voting window closes at ${definition.votingWindow.closes}, which is past: give the election's real dates`,
    });
  }
  try {
    await deps.db
      .insertInto('election')
      .values({
        id: definition.electionId,
        definition: JSON.stringify(definition),
        state: 'draft',
        roll_salt: new Uint8Array(randomBytes(32)),
      })
      .execute();
  } catch (e) {
    if (sqlState(e) === '23505') return err({ kind: 'election-exists' });
    throw e;
  }
  await recordOfficialAction(deps.db, official, 'election.create', definition.electionId);
  return ok({
    id: definition.electionId,
    state: 'draft',
    title: definition.title,
    votingWindow: definition.votingWindow,
  });
}

/** Registers the trustees' and mix nodes' public keys of a draft election. */
export async function registerParties(
  deps: Deps,
  electionId: string,
  parties: Parties,
  official: string,
): Promise<Result<ElectionSummary, Refusal>> {
  return inState(deps, electionId, ['draft'], async (batch, election) => {
    const problem = partiesProblem(JSON.parse(election.definition), parties);
    if (problem !== null) return err({ kind: 'invalid-parties', detail: problem });
    await batch.tx
      .updateTable('election')
      .set({ parties: JSON.stringify(PartiesSchema.parse(parties)), updated_at: new Date() })
      .where('id', '=', electionId)
      .execute();
    await recordOfficialAction(batch.tx, official, 'election.parties', electionId);
    return ok(summary(election));
  });
}

/** The definition completed with the authority's, trustees' and mix nodes' keys (§7). */
export function buildManifest(definition: ElectionDefinition, parties: Parties, authorityKey: Uint8Array): Manifest {
  return ManifestSchema.parse({
    ...definition,
    authority: { name: AUTHORITY_NAME, signingKey: toBase64Url(authorityKey) },
    trustees: { threshold: definition.trustees.threshold, members: parties.trustees },
    mixNodes: parties.mixNodes,
  });
}

/**
 * Freezes the manifest and starts the key ceremony: the manifest becomes entry 0 of the board
 * (with the authority's public key in it), then the roll's size and commitment if there is a roll.
 */
export async function startKeyCeremony(
  deps: Deps,
  electionId: string,
  official: string,
): Promise<Result<ElectionSummary & { manifestHash: string }, Refusal>> {
  return inState(deps, electionId, ['draft'], async (batch, election) => {
    if (election.parties === null) {
      return err({ kind: 'invalid-parties', detail: 'register the trustees and mix nodes first' });
    }
    const definition = JSON.parse(election.definition) as ElectionDefinition;
    const parties = JSON.parse(election.parties) as Parties;
    let manifest: Manifest;
    try {
      manifest = buildManifest(definition, parties, deps.authority.publicKey);
    } catch (e) {
      if (e instanceof z.ZodError) return err({ kind: 'invalid-parties', detail: z.prettifyError(e) });
      throw e;
    }
    const hash = manifestHash(manifest);
    batch.append('manifest', manifest);
    const voters = await batch.tx
      .selectFrom('voter')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('election_id', '=', electionId)
      .executeTakeFirstOrThrow();
    if (Number(voters.n) > 0) await appendRoll(batch, election);
    await batch.tx
      .updateTable('election')
      .set({
        state: 'key-ceremony',
        ceremony_phase: 'dealing',
        manifest: JSON.stringify(manifest),
        manifest_hash: hash,
        updated_at: new Date(),
      })
      .where('id', '=', electionId)
      .execute();
    await recordOfficialAction(batch.tx, official, 'election.key-ceremony', electionId);
    return ok({ ...summary({ ...election, state: 'key-ceremony' }), manifestHash: toBase64Url(hash) });
  });
}

/**
 * Opens voting (§13.10): only once the key ceremony has produced the election key, and only inside
 * the voting window. The schedule (./schedule.ts) does it at the window's start; an official may
 * do it too, from then on (the same step, whoever comes first: opening an open election changes
 * nothing).
 */
export async function openVoting(
  deps: Deps,
  electionId: string,
  official: string,
  now: Date = new Date(),
): Promise<Result<ElectionSummary, Refusal>> {
  return inState(deps, electionId, ['key-ceremony', 'open'], async (batch, election) => {
    // Opened already (by the schedule, or another official): nothing more to do, nothing appended.
    if (election.state === 'open') return ok(summary(election));
    if (election.election_key === null) {
      return err({ kind: 'ceremony-incomplete', detail: 'the key ceremony has not produced the election key yet' });
    }
    const window = (JSON.parse(election.definition) as ElectionDefinition).votingWindow;
    if (now.getTime() < Date.parse(window.opens)) {
      return err({
        kind: 'voting-window-not-begun',
        detail: `voting opens at ${window.opens}, by itself`,
        opens: window.opens,
      });
    }
    if (now.getTime() >= Date.parse(window.closes)) {
      return err({ kind: 'voting-window-past', detail: `the voting window closed at ${window.closes}` });
    }
    await appendRoll(batch, election);
    batch.append('voting-opened', {});
    await setState(batch, electionId, 'open');
    await recordOfficialAction(batch.tx, official, 'election.open', electionId);
    return ok(summary({ ...election, state: 'open' }));
  });
}

/**
 * Closes voting (§13.10): the `voting-closed` entry is the last that ballots can precede. The
 * schedule does it at the window's end; before it, officials may close only with a reason, which
 * the entry publishes.
 */
export async function closeVoting(
  deps: Deps,
  electionId: string,
  official: string,
  reason?: string,
  now: Date = new Date(),
): Promise<Result<ElectionSummary, Refusal>> {
  return inState(deps, electionId, ['open'], async (batch, election) => {
    const window = (JSON.parse(election.definition) as ElectionDefinition).votingWindow;
    const early = now.getTime() < Date.parse(window.closes);
    if (early && !reason) {
      return err({
        kind: 'early-close-reason-required',
        detail: `the voting window closes at ${window.closes}; give the reason for closing before it`,
        closes: window.closes,
      });
    }
    batch.append('voting-closed', early && reason ? { reason } : {});
    await setState(batch, electionId, 'closed');
    await recordOfficialAction(batch.tx, official, 'election.close', electionId, early ? { early, reason } : {});
    return ok(summary({ ...election, state: 'closed' }));
  });
}

export async function listElections(
  deps: Deps,
  { includeDrafts }: { includeDrafts: boolean },
): Promise<ElectionSummary[]> {
  let q = deps.db.selectFrom('election').select(['id', 'state', 'definition']).orderBy('created_at');
  if (!includeDrafts) q = q.where('state', '!=', 'draft');
  return (await q.execute()).map(summary);
}

export interface PublicElection extends ElectionSummary {
  readonly manifest: Manifest | null;
  readonly manifestHash: string | null;
  readonly electionKey: string | null;
  readonly authorityKey: string;
  /** The fingerprint of this server's board (§7.4), for convenience: parties compute their own. */
  readonly fingerprint: FingerprintForms | null;
}

/** The state and frozen manifest of an election anyone may address: a draft is not found (drafts are not public). */
export async function addressableElection(
  deps: Deps,
  electionId: string,
): Promise<Result<{ state: ElectionState; manifest: string | null }, Refusal>> {
  const row = await deps.db
    .selectFrom('election')
    .select(['state', 'manifest'])
    .where('id', '=', electionId)
    .executeTakeFirst();
  if (!row || row.state === 'draft') return err({ kind: 'election-not-found' });
  return ok(row);
}

/** What anyone may know of an election (drafts are not public). */
export async function publicElection(deps: Deps, electionId: string): Promise<Result<PublicElection, Refusal>> {
  const row = await deps.db.selectFrom('election').selectAll().where('id', '=', electionId).executeTakeFirst();
  if (!row || row.state === 'draft') return err({ kind: 'election-not-found' });
  return ok({
    ...summary(row),
    manifest: row.manifest === null ? null : (JSON.parse(row.manifest) as Manifest),
    manifestHash: row.manifest_hash === null ? null : toBase64Url(row.manifest_hash),
    electionKey: row.election_key === null ? null : toBase64Url(row.election_key),
    authorityKey: toBase64Url(deps.authority.publicKey),
    fingerprint: row.election_key === null ? null : await boardFingerprint(deps.db, electionId),
  });
}

export interface ElectionStatus extends ElectionSummary {
  readonly rollSize: number;
  readonly codesIssued: number;
  readonly credentialsIssued: number;
  readonly credentialsRevoked: number;
  readonly ballotsCast: number;
  readonly votersWhoCast: number;
  readonly boardSize: number;
  readonly treeHead: { size: number; root: string; time: string } | null;
  readonly electionKey: string | null;
  /** The fingerprint of this server's board (§7.4); `evotare election fingerprint` checks it. */
  readonly fingerprint: FingerprintForms | null;
}

/** The officials' view: counts, never identities. */
export async function electionStatus(deps: Deps, electionId: string): Promise<Result<ElectionStatus, Refusal>> {
  const row = await deps.db.selectFrom('election').selectAll().where('id', '=', electionId).executeTakeFirst();
  if (!row) return err({ kind: 'election-not-found' });
  const count = async (table: 'voter' | 'credential' | 'revocation' | 'ballot') =>
    Number(
      (
        await deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('election_id', '=', electionId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const codes = await deps.db
    .selectFrom('activation_code')
    .innerJoin('voter', 'voter.id', 'activation_code.voter_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('voter.election_id', '=', electionId)
    .executeTakeFirstOrThrow();
  const cast = await deps.db
    .selectFrom('ballot')
    .select((eb) => eb.fn.count<number>('credential_key').distinct().as('n'))
    .where('election_id', '=', electionId)
    .executeTakeFirstOrThrow();
  const head = await latestTreeHead(deps.db, electionId);
  return ok({
    ...summary(row),
    rollSize: await count('voter'),
    codesIssued: Number(codes.n),
    credentialsIssued: await count('credential'),
    credentialsRevoked: await count('revocation'),
    ballotsCast: await count('ballot'),
    votersWhoCast: Number(cast.n),
    boardSize: await boardSize(deps.db, electionId),
    treeHead: head && { size: head.size, root: toBase64Url(head.root), time: head.time },
    electionKey: row.election_key === null ? null : toBase64Url(row.election_key),
    fingerprint: row.election_key === null ? null : await boardFingerprint(deps.db, electionId),
  });
}

/** The frozen manifest and the election key, for the services that need them. */
export function frozenManifest(row: ElectionRow): { manifest: Manifest; manifestHash: Uint8Array } | null {
  if (row.manifest === null || row.manifest_hash === null) return null;
  return { manifest: JSON.parse(row.manifest) as Manifest, manifestHash: new Uint8Array(row.manifest_hash) };
}
