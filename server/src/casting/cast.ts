// Casting a ballot (docs/SPEC.md §13.4): checked — election open, credential issued and not
// revoked, signature and every proof (on the worker pool), sizes — then appended to the board in
// one transaction and answered with a receipt the CEC signs. The same ballot sent again gets the
// same receipt and no second entry; a new ballot of the same credential is a re-vote.
import { type BallotJson, ballotTrackingCode, type ElectionContext, electionContext } from '@evotare/crypto/ballot';
import type { SignedTreeHead } from '@evotare/crypto/board/tree-head';
import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { encodeSignedReceipt, type SignedReceiptJson, signReceipt } from '@evotare/crypto/credential';
import { GroupElement } from '@evotare/crypto/group';
import type { Manifest } from '@evotare/crypto/manifest';
import type { Kysely } from 'kysely';
import { firstTreeHeadContaining, readEntry } from '../board/board.ts';
import type { Database, ElectionState } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { type Refusal, wrongState } from '../refusal.ts';
import { err, ok, type Result } from '../result.ts';
import type { VerificationContext } from './verifier.ts';

interface OpenElection {
  readonly ctx: ElectionContext;
  readonly verification: VerificationContext;
}

/** Election contexts by election and key; an open election's manifest and key never change. */
const contexts = new WeakMap<Kysely<Database>, Map<string, OpenElection>>();

/**
 * The election's row, read at most once per STATE_TTL_MS: a stale "open" only costs a verification,
 * since the transaction that appends the ballot checks the state again with the row locked.
 */
const STATE_TTL_MS = 500;
const rows = new WeakMap<Kysely<Database>, Map<string, { at: number; row: Promise<ElectionRowLite | undefined> }>>();
type ElectionRowLite = { state: ElectionState; manifest: string | null; election_key: Uint8Array | null };

function electionRow(deps: Deps, electionId: string): Promise<ElectionRowLite | undefined> {
  let cache = rows.get(deps.db);
  if (!cache) {
    cache = new Map();
    rows.set(deps.db, cache);
  }
  const now = Date.now();
  const hit = cache.get(electionId);
  if (hit && now - hit.at < STATE_TTL_MS) return hit.row;
  const row = deps.db
    .selectFrom('election')
    .select(['state', 'manifest', 'election_key'])
    .where('id', '=', electionId)
    .executeTakeFirst();
  cache.set(electionId, { at: now, row });
  return row;
}

async function openElection(deps: Deps, electionId: string): Promise<Result<OpenElection, Refusal>> {
  const row = await electionRow(deps, electionId);
  if (!row || row.state === 'draft') return err({ kind: 'election-not-found' });
  if (row.state !== 'open') return err(wrongState(row.state, ['open']));
  let cache = contexts.get(deps.db);
  if (!cache) {
    cache = new Map();
    contexts.set(deps.db, cache);
  }
  const key = `${electionId}/${toBase64Url(row.election_key!)}`;
  let open = cache.get(key);
  if (!open) {
    const manifest = JSON.parse(row.manifest!) as Manifest;
    const electionKey = new Uint8Array(row.election_key!);
    open = {
      ctx: electionContext(manifest, GroupElement.decodeNonIdentity(electionKey)),
      verification: { electionId, manifest, electionKey },
    };
    cache.set(key, open);
  }
  return ok(open);
}

/** The receipt of the ballot entry at `position` (deterministic: the same every time it is asked). */
export async function receiptFor(
  deps: Deps,
  electionId: string,
  position: number,
  trackingCode: Uint8Array,
  known?: { entryHash: Uint8Array; treeHead: SignedTreeHead },
): Promise<SignedReceiptJson> {
  const entryHash = known?.entryHash ?? (await readEntry(deps.db, electionId, position))?.hash;
  const head = known?.treeHead ?? (await firstTreeHeadContaining(deps.db, electionId, position));
  if (entryHash === undefined || head === null) throw new Error(`ballot entry ${position} of ${electionId} is missing`);
  return encodeSignedReceipt(
    signReceipt({ electionId, trackingCode, position, entryHash, treeHead: head }, deps.authority.secretKey),
  );
}

async function recorded(deps: Deps, electionId: string, trackingCode: Uint8Array): Promise<number | null> {
  const row = await deps.db
    .selectFrom('ballot')
    .select('seq')
    .where('election_id', '=', electionId)
    .where('tracking_code', '=', trackingCode)
    .executeTakeFirst();
  return row ? row.seq : null;
}

/** Whether the ballot entry at `position` carries `ballot`'s signature (its tracking code matched). */
async function sameSignature(deps: Deps, electionId: string, position: number, ballot: BallotJson): Promise<boolean> {
  const entry = await readEntry(deps.db, electionId, position);
  return (entry?.payload as Partial<BallotJson> | undefined)?.signature === ballot.signature;
}

type CredentialStatus = 'live' | 'revoked' | 'unknown';

async function credentialStatus(db: Kysely<Database>, electionId: string, key: Uint8Array): Promise<CredentialStatus> {
  const row = await db
    .selectFrom('credential')
    .leftJoin('revocation', (j) =>
      j
        .onRef('revocation.election_id', '=', 'credential.election_id')
        .onRef('revocation.public_key', '=', 'credential.public_key'),
    )
    .select(['credential.seq', 'revocation.seq as revokedAt'])
    .where('credential.election_id', '=', electionId)
    .where('credential.public_key', '=', key)
    .executeTakeFirst();
  if (!row) return 'unknown';
  return row.revokedAt === null ? 'live' : 'revoked';
}

/** Concurrent submissions of one ballot share one outcome (within this instance). */
const inFlight = new Map<string, Promise<Result<SignedReceiptJson, Refusal>>>();

export function castBallot(
  deps: Deps,
  electionId: string,
  ballot: BallotJson,
): Promise<Result<SignedReceiptJson, Refusal>> {
  const key = `${electionId}/${ballot.signature}/${ballot.credential}`;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = cast(deps, electionId, ballot).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

async function cast(deps: Deps, electionId: string, ballot: BallotJson): Promise<Result<SignedReceiptJson, Refusal>> {
  const open = await openElection(deps, electionId);
  if (!open.ok) return open;
  if (ballot.election !== electionId) return err({ kind: 'wrong-election' });
  const credential = fromBase64Url(ballot.credential, 32);
  const status = await credentialStatus(deps.db, electionId, credential);
  if (status === 'unknown') return err({ kind: 'credential-unknown' });
  if (status === 'revoked') return err({ kind: 'credential-revoked' });

  // The tracking code leaves the signature out (§8.4). The very ballot already on the board (sent
  // again after a lost answer) is answered before the costly verification, since it was verified
  // when it was appended; the same contents under any other signature are verified first (step 4).
  const trackingCode = ballotTrackingCode(open.value.ctx, ballot);
  const already = await recorded(deps, electionId, trackingCode);
  if (already !== null && (await sameSignature(deps, electionId, already, ballot))) {
    return ok(await receiptFor(deps, electionId, already, trackingCode));
  }

  const verification = await deps.ballots.verify(open.value.verification, ballot);
  if (!verification.valid) return err({ kind: 'ballot-invalid', detail: verification.reason });

  const committed = await deps.writer.submit(
    electionId,
    async (batch): Promise<Result<{ position: number; entryHash?: Uint8Array }, Refusal>> => {
      const e = batch.election;
      if (e === null) return err({ kind: 'election-not-found' });
      if (e.state !== 'open') return err(wrongState(e.state, ['open']));
      const now = await credentialStatus(batch.tx, electionId, credential);
      if (now === 'revoked') return err({ kind: 'credential-revoked' });
      if (now === 'unknown') return err({ kind: 'credential-unknown' });
      const existing = await batch.tx
        .selectFrom('ballot')
        .select('seq')
        .where('election_id', '=', electionId)
        .where('tracking_code', '=', trackingCode)
        .executeTakeFirst();
      if (existing) return ok({ position: existing.seq });
      const entry = batch.append('ballot', ballot);
      await batch.tx
        .insertInto('ballot')
        .values({ election_id: electionId, tracking_code: trackingCode, credential_key: credential, seq: entry.seq })
        .execute();
      await batch.tx
        .insertInto('latest_ballot')
        .values({ election_id: electionId, credential_key: credential, tracking_code: trackingCode, seq: entry.seq })
        .onConflict((oc) =>
          oc
            .columns(['election_id', 'credential_key'])
            .doUpdateSet((eb) => ({ tracking_code: eb.ref('excluded.tracking_code'), seq: eb.ref('excluded.seq') })),
        )
        .execute();
      return ok({ position: entry.seq, entryHash: entry.hash });
    },
    { idempotent: true },
  );
  if (!committed.value.ok) return committed.value;
  const { position, entryHash } = committed.value.value;
  const known = entryHash === undefined ? undefined : { entryHash, treeHead: committed.treeHead! };
  return ok(await receiptFor(deps, electionId, position, trackingCode, known));
}

/**
 * A ballot's receipt by tracking code: what the board already shows about it (its position, entry
 * and tree head), signed by the CEC. Deliberately not whether it is the last ballot of its
 * credential: whoever holds a voter's tracking code (a photographed receipt) would learn from it
 * that the voter voted again (docs/THREAT-MODEL.md §2.5, §3.10). A primary-key lookup.
 */
export async function ballotReceipt(
  deps: Deps,
  electionId: string,
  trackingCode: Uint8Array,
): Promise<Result<{ receipt: SignedReceiptJson }, Refusal>> {
  const ballot = await deps.db
    .selectFrom('ballot')
    .select('seq')
    .where('election_id', '=', electionId)
    .where('tracking_code', '=', trackingCode)
    .executeTakeFirst();
  if (!ballot) return err({ kind: 'entry-not-found' });
  return ok({ receipt: await receiptFor(deps, electionId, ballot.seq, trackingCode) });
}
