// Activation codes, credentials and their revocation (docs/SPEC.md §13.2–§13.5).

import type { SignedTreeHeadJson } from '@evotare/crypto/board/tree-head';
import { encodeSignedTreeHead } from '@evotare/crypto/board/tree-head';
import { fromBase64Url } from '@evotare/crypto/bytes';
import {
  encodeSignedCredential,
  encodeSignedRevocation,
  type RevocationReason,
  type SignedCredentialJson,
  signCredential,
  signRevocation,
} from '@evotare/crypto/credential';
import { isValidSigningPublicKey } from '@evotare/crypto/signature';
import { recordOfficialAction } from '../audit.ts';
import type { BoardBatch, ElectionRow } from '../board/writer.ts';
import type { Tx } from '../db/transaction.ts';
import type { Deps } from '../deps.ts';
import { frozenManifest } from '../elections/elections.ts';
import { type Refusal, wrongState } from '../refusal.ts';
import { err, ok, type Result } from '../result.ts';
import { generateActivationCode } from './activation-code.ts';
import { sealActivationCodes } from './seal-task.ts';

export interface IssuedCode {
  readonly idnp: string;
  readonly name: string;
  readonly country: string;
  /** The postal address from the roll (lines separated by "\n"), or null when the roll had none. */
  readonly address: string | null;
  readonly code: string;
}

/** The voter's credential that has not been revoked, if any. */
async function liveCredential(tx: Tx, voterId: number): Promise<Uint8Array | null> {
  const row = await tx
    .selectFrom('credential')
    .leftJoin('revocation', (j) =>
      j
        .onRef('revocation.election_id', '=', 'credential.election_id')
        .onRef('revocation.public_key', '=', 'credential.public_key'),
    )
    .select('credential.public_key')
    .where('credential.voter_id', '=', voterId)
    .where('revocation.public_key', 'is', null)
    .executeTakeFirst();
  return row ? new Uint8Array(row.public_key) : null;
}

/** The live credentials of these voters, in one query (a batch of codes is a thousand voters). */
async function liveCredentials(tx: Tx, voterIds: readonly number[]): Promise<Map<number, Uint8Array>> {
  if (voterIds.length === 0) return new Map();
  const rows = await tx
    .selectFrom('credential')
    .leftJoin('revocation', (j) =>
      j
        .onRef('revocation.election_id', '=', 'credential.election_id')
        .onRef('revocation.public_key', '=', 'credential.public_key'),
    )
    .select(['credential.voter_id', 'credential.public_key'])
    .where('credential.voter_id', 'in', [...voterIds])
    .where('revocation.public_key', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.voter_id, new Uint8Array(r.public_key)]));
}

async function revokeOnBoard(
  deps: Deps,
  batch: BoardBatch,
  election: ElectionRow,
  publicKey: Uint8Array,
  reason: RevocationReason,
): Promise<number> {
  const frozen = frozenManifest(election);
  if (frozen === null) throw new Error('a credential exists before the manifest was frozen');
  const revocation = signRevocation(
    { electionId: election.id, manifestHash: frozen.manifestHash, publicKey, reason },
    deps.authority.secretKey,
  );
  const entry = batch.append('credential-revoked', encodeSignedRevocation(revocation));
  await batch.tx
    .insertInto('revocation')
    .values({ election_id: election.id, public_key: publicKey, reason, seq: entry.seq })
    .execute();
  return entry.seq;
}

/** What an issuing request asks for (the body of POST …/activation-codes). */
export interface IssueCodesRequest {
  /** These voters; a voter who has a code gets a new one, and a live credential is revoked. */
  readonly idnps?: readonly string[];
  /** With `idnps`: only those of them who have no code yet; the others are skipped. */
  readonly newOnly?: boolean;
  /** Without `idnps`: up to this many voters who never had a code. */
  readonly limit?: number;
}

export interface IssuedCodes {
  readonly codes: IssuedCode[];
  /** Voters still without a code. */
  readonly remaining: number;
  /** IDNPs of the answer whose earlier code this request replaced (that code no longer works). */
  readonly replaced: string[];
  /** IDNPs asked for with `newOnly` that already had a code: nothing issued to them. */
  readonly skipped: string[];
}

/** Codes in chunks of at most this many per worker job. */
const SEAL_CHUNK = 64;

/**
 * Issues activation codes: to the voters named by IDNP (a re-issue revokes the voter's live
 * credential on the board: the device was lost; with `newOnly`, only to those who have no code),
 * or else to up to `limit` voters who never had one. The codes exist only in the answer; the
 * database keeps a slow hash, computed on the server's worker threads.
 */
export async function issueActivationCodes(
  deps: Deps,
  electionId: string,
  request: IssueCodesRequest,
  official: string,
): Promise<Result<IssuedCodes, Refusal>> {
  const election = await deps.db.selectFrom('election').selectAll().where('id', '=', electionId).executeTakeFirst();
  if (!election) return err({ kind: 'election-not-found' });
  const allowed = ['draft', 'key-ceremony', 'open'] as const;
  if (!(allowed as readonly string[]).includes(election.state)) return err(wrongState(election.state, allowed));

  let voters = deps.db
    .selectFrom('voter')
    .leftJoin('activation_code', 'activation_code.voter_id', 'voter.id')
    .select(['voter.id', 'voter.idnp', 'voter.name', 'voter.country', 'voter.address', 'voter.voted_in_person'])
    .where('voter.election_id', '=', electionId);
  if (request.idnps) {
    voters = voters.where('voter.idnp', 'in', request.idnps.length > 0 ? [...request.idnps] : ['']);
    if (request.newOnly) voters = voters.where('activation_code.voter_id', 'is', null);
  } else {
    voters = voters
      .where('activation_code.voter_id', 'is', null)
      .orderBy('voter.id')
      .limit(request.limit ?? 1000);
  }
  const rows = await voters.execute();
  if (request.idnps && !request.newOnly) {
    const found = new Set(rows.map((r) => r.idnp));
    const missing = request.idnps.filter((i) => !found.has(i));
    if (missing.length > 0)
      return err({ kind: 'voter-not-found', detail: `${missing.length} IDNP(s) are not on the roll` });
  }
  const eligible = rows.filter((r) => !r.voted_in_person);

  // The slow hashes first, outside any lock, on the worker threads.
  const codes = eligible.map(() => generateActivationCode());
  const chunks: string[][] = [];
  for (let i = 0; i < codes.length; i += SEAL_CHUNK) chunks.push(codes.slice(i, i + SEAL_CHUNK));
  const { N, r, p } = deps.codeScrypt;
  const sealed = (
    await deps.workers.map(
      sealActivationCodes,
      chunks.map((c) => ({ codes: c, N, r, p })),
    )
  ).flat();
  const issued = eligible.map((voter, i) => ({ voter, code: codes[i]!, sealed: sealed[i]! }));

  const issuedAt = new Date();
  const { value } = await deps.writer.submit(
    electionId,
    async (batch): Promise<Result<{ remaining: number; replaced: Set<number>; skipped: Set<number> }, Refusal>> => {
      const e = batch.election!;
      if (!(allowed as readonly string[]).includes(e.state)) return err(wrongState(e.state, allowed));
      const ids = issued.map((x) => x.voter.id);
      const existing = new Set(
        ids.length === 0
          ? []
          : (
              await batch.tx.selectFrom('activation_code').select('voter_id').where('voter_id', 'in', ids).execute()
            ).map((x) => x.voter_id),
      );
      // Under the lock: a voter who got a code since the read above (another official's run) keeps it.
      const skipped = request.newOnly ? existing : new Set<number>();
      const live = e.state === 'draft' ? new Map<number, Uint8Array>() : await liveCredentials(batch.tx, ids);
      let count = 0;
      for (const { voter, sealed } of issued) {
        if (skipped.has(voter.id)) continue;
        const credential = live.get(voter.id) ?? null;
        if (credential !== null) await revokeOnBoard(deps, batch, e, credential, 'reissued');
        await batch.tx
          .insertInto('activation_code')
          .values({ voter_id: voter.id, ...sealed, issued_at: issuedAt, used_at: null, failed_attempts: 0 })
          .onConflict((oc) =>
            oc.column('voter_id').doUpdateSet({ ...sealed, issued_at: issuedAt, used_at: null, failed_attempts: 0 }),
          )
          .execute();
        count++;
      }
      await recordOfficialAction(
        batch.tx,
        official,
        request.idnps && !request.newOnly ? 'codes.reissue' : 'codes.issue',
        electionId,
        { count, replaced: request.newOnly ? 0 : existing.size },
      );
      const left = await batch.tx
        .selectFrom('voter')
        .leftJoin('activation_code', 'activation_code.voter_id', 'voter.id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('voter.election_id', '=', electionId)
        .where('activation_code.voter_id', 'is', null)
        .where('voter.voted_in_person', '=', false)
        .executeTakeFirstOrThrow();
      return ok({ remaining: Number(left.n), replaced: request.newOnly ? new Set() : existing, skipped });
    },
  );
  if (!value.ok) return value;
  const { remaining, replaced, skipped } = value.value;
  const given = issued.filter(({ voter }) => !skipped.has(voter.id));
  return ok({
    codes: given.map(({ voter, code }) => ({
      idnp: voter.idnp,
      name: voter.name,
      country: voter.country,
      address: voter.address,
      code,
    })),
    remaining,
    replaced: given.filter(({ voter }) => replaced.has(voter.id)).map(({ voter }) => voter.idnp),
    skipped: [
      ...issued.filter(({ voter }) => skipped.has(voter.id)).map(({ voter }) => voter.idnp),
      ...(request.newOnly && request.idnps ? request.idnps.filter((i) => !rows.some((r) => r.idnp === i)) : []),
    ],
  });
}

/**
 * The voters who have no activation code yet (and did not vote in person), first by roll order:
 * `evotare codes issue` asks for them, writes down whom it is about to issue to, and then issues
 * to exactly those (so that after an interruption it knows whose codes it may not have saved).
 */
export async function votersWithoutCode(
  deps: Deps,
  electionId: string,
  limit: number,
): Promise<Result<{ idnps: string[]; remaining: number }, Refusal>> {
  const election = await deps.db.selectFrom('election').select('id').where('id', '=', electionId).executeTakeFirst();
  if (!election) return err({ kind: 'election-not-found' });
  const pending = deps.db
    .selectFrom('voter')
    .leftJoin('activation_code', 'activation_code.voter_id', 'voter.id')
    .where('voter.election_id', '=', electionId)
    .where('activation_code.voter_id', 'is', null)
    .where('voter.voted_in_person', '=', false);
  const rows = await pending.select('voter.idnp').orderBy('voter.id').limit(limit).execute();
  const count = await pending.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return ok({ idnps: rows.map((r) => r.idnp), remaining: Number(count.n) });
}

export interface ActivatedCredential {
  readonly credential: SignedCredentialJson;
  readonly position: number;
  readonly treeHead: SignedTreeHeadJson;
}

/**
 * Activation (§13.3): the identity provider checks who is asking; then, in one transaction, the
 * proof of identity is consumed, the CEC signs the credential's public part, and the board gets
 * it — never the voter's identity.
 */
export async function activateCredential(
  deps: Deps,
  electionId: string,
  claim: unknown,
  credentialKey: string,
): Promise<Result<ActivatedCredential, Refusal>> {
  const publicKey = fromBase64Url(credentialKey, 32);
  if (!isValidSigningPublicKey(publicKey)) {
    return err({ kind: 'invalid-credential-key', detail: 'not a valid Ed25519 public key' });
  }
  const election = await deps.db.selectFrom('election').select('state').where('id', '=', electionId).executeTakeFirst();
  if (!election) return err({ kind: 'election-not-found' });
  const allowed = ['key-ceremony', 'open'] as const;
  if (!(allowed as readonly string[]).includes(election.state)) return err(wrongState(election.state, allowed));

  const identity = await deps.identity.verify(electionId, claim);
  if (!identity.ok) return identity;
  const ticket = identity.value;

  const committed = await deps.writer.submit(
    electionId,
    async (batch): Promise<Result<{ credential: SignedCredentialJson; position: number }, Refusal>> => {
      const e = batch.election!;
      if (!(allowed as readonly string[]).includes(e.state)) return err(wrongState(e.state, allowed));
      const voter = await batch.tx
        .selectFrom('voter')
        .select('voted_in_person')
        .where('id', '=', ticket.voterId)
        .executeTakeFirstOrThrow();
      if (voter.voted_in_person) return err({ kind: 'credential-unavailable' });
      if ((await liveCredential(batch.tx, ticket.voterId)) !== null) return err({ kind: 'already-activated' });
      const taken = await batch.tx
        .selectFrom('credential')
        .select('seq')
        .where('election_id', '=', electionId)
        .where('public_key', '=', publicKey)
        .executeTakeFirst();
      if (taken) return err({ kind: 'invalid-credential-key', detail: 'this key is already a credential' });
      const consumed = await deps.identity.consume(batch.tx, ticket);
      if (!consumed.ok) return consumed;
      const frozen = frozenManifest(e)!;
      const credential = signCredential(
        { electionId, manifestHash: frozen.manifestHash, publicKey },
        deps.authority.secretKey,
      );
      const json = encodeSignedCredential(credential);
      const entry = batch.append('credential-issued', json);
      await batch.tx
        .insertInto('credential')
        .values({ election_id: electionId, public_key: publicKey, voter_id: ticket.voterId, seq: entry.seq })
        .execute();
      return ok({ credential: json, position: entry.seq });
    },
  );
  if (!committed.value.ok) return committed.value;
  return ok({ ...committed.value.value, treeHead: encodeSignedTreeHead(committed.treeHead!) });
}

/**
 * Revokes a voter's credential (§13.5): after a vote on paper at a consulate (the e-ballots of
 * the credential will not count, and no new credential can be activated), or by decision; until
 * voting closes.
 */
export async function revokeCredential(
  deps: Deps,
  electionId: string,
  request: { idnp: string; reason: 'voted-in-person' | 'withdrawn' },
  official: string,
): Promise<Result<{ revoked: boolean; position: number | null }, Refusal>> {
  // Until voting closes: the tally counts the credentials live at `voting-closed` (§14.2).
  const allowed = ['draft', 'key-ceremony', 'open'] as const;
  const { value } = await deps.writer.submit(
    electionId,
    async (batch): Promise<Result<{ revoked: boolean; position: number | null }, Refusal>> => {
      const e = batch.election;
      if (e === null) return err({ kind: 'election-not-found' });
      if (!(allowed as readonly string[]).includes(e.state)) return err(wrongState(e.state, allowed));
      const voter = await batch.tx
        .selectFrom('voter')
        .select('id')
        .where('election_id', '=', electionId)
        .where('idnp', '=', request.idnp)
        .executeTakeFirst();
      if (!voter) return err({ kind: 'voter-not-found', detail: 'the IDNP is not on the roll' });
      if (request.reason === 'voted-in-person') {
        await batch.tx.updateTable('voter').set({ voted_in_person: true }).where('id', '=', voter.id).execute();
      }
      const live = await liveCredential(batch.tx, voter.id);
      const position = live === null ? null : await revokeOnBoard(deps, batch, e, live, request.reason);
      await recordOfficialAction(batch.tx, official, 'credentials.revoke', electionId, {
        reason: request.reason,
        revoked: live !== null,
      });
      return ok({ revoked: live !== null, position });
    },
  );
  return value;
}
