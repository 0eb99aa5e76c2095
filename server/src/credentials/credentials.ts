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
import { generateActivationCode, sealActivationCode } from './activation-code.ts';

export interface IssuedCode {
  readonly idnp: string;
  readonly name: string;
  readonly country: string;
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

/**
 * Issues activation codes: to the voters named by IDNP (a re-issue revokes the voter's live
 * credential on the board: the device was lost), or else to up to `limit` voters who never had
 * one. The codes exist only in the answer; the database keeps a slow hash.
 */
export async function issueActivationCodes(
  deps: Deps,
  electionId: string,
  request: { idnps?: string[]; limit?: number },
  official: string,
): Promise<Result<{ codes: IssuedCode[]; remaining: number }, Refusal>> {
  const election = await deps.db.selectFrom('election').selectAll().where('id', '=', electionId).executeTakeFirst();
  if (!election) return err({ kind: 'election-not-found' });
  const allowed = ['draft', 'key-ceremony', 'open'] as const;
  if (!(allowed as readonly string[]).includes(election.state)) return err(wrongState(election.state, allowed));

  let voters = deps.db
    .selectFrom('voter')
    .leftJoin('activation_code', 'activation_code.voter_id', 'voter.id')
    .select(['voter.id', 'voter.idnp', 'voter.name', 'voter.country', 'voter.voted_in_person'])
    .where('voter.election_id', '=', electionId);
  if (request.idnps) {
    voters = voters.where('voter.idnp', 'in', request.idnps.length > 0 ? request.idnps : ['']);
  } else {
    voters = voters
      .where('activation_code.voter_id', 'is', null)
      .orderBy('voter.id')
      .limit(request.limit ?? 1000);
  }
  const rows = await voters.execute();
  if (request.idnps) {
    const found = new Set(rows.map((r) => r.idnp));
    const missing = request.idnps.filter((i) => !found.has(i));
    if (missing.length > 0)
      return err({ kind: 'voter-not-found', detail: `${missing.length} IDNP(s) are not on the roll` });
  }
  const eligible = rows.filter((r) => !r.voted_in_person);

  // The slow hashes first, outside any lock (scrypt runs on libuv's thread pool).
  const issued = await Promise.all(
    eligible.map(async (v) => {
      const code = generateActivationCode();
      return { voter: v, code, sealed: await sealActivationCode(code, deps.codeScrypt) };
    }),
  );
  const issuedAt = new Date();
  const { value } = await deps.writer.submit(electionId, async (batch): Promise<Result<number, Refusal>> => {
    const e = batch.election!;
    if (!(allowed as readonly string[]).includes(e.state)) return err(wrongState(e.state, allowed));
    for (const { voter, sealed } of issued) {
      const live = e.state === 'draft' ? null : await liveCredential(batch.tx, voter.id);
      if (live !== null) await revokeOnBoard(deps, batch, e, live, 'reissued');
      await batch.tx
        .insertInto('activation_code')
        .values({ voter_id: voter.id, ...sealed, issued_at: issuedAt, used_at: null, failed_attempts: 0 })
        .onConflict((oc) =>
          oc.column('voter_id').doUpdateSet({ ...sealed, issued_at: issuedAt, used_at: null, failed_attempts: 0 }),
        )
        .execute();
    }
    await recordOfficialAction(batch.tx, official, request.idnps ? 'codes.reissue' : 'codes.issue', electionId, {
      count: issued.length,
    });
    const left = await batch.tx
      .selectFrom('voter')
      .leftJoin('activation_code', 'activation_code.voter_id', 'voter.id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('voter.election_id', '=', electionId)
      .where('activation_code.voter_id', 'is', null)
      .where('voter.voted_in_person', '=', false)
      .executeTakeFirstOrThrow();
    return ok(Number(left.n));
  });
  if (!value.ok) return value;
  return ok({
    codes: issued.map(({ voter, code }) => ({ idnp: voter.idnp, name: voter.name, country: voter.country, code })),
    remaining: value.value,
  });
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
