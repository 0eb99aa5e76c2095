// Observers (accredited by the CEC) register an Ed25519 key; they watch the board, check that each
// new tree head is consistent with the last one they saw, and co-sign it. Co-signatures go on the
// board, so anyone can see which heads independent parties vouched for (docs/SPEC.md §12.6).

import {
  decodeSignedTreeHead,
  type SignedTreeHeadJson,
  verifyTreeHeadCosignature,
} from '@evotare/crypto/board/tree-head';
import { equalBytes, fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { isValidSigningPublicKey } from '@evotare/crypto/signature';
import { sql } from 'kysely';
import { recordOfficialAction } from '../audit.ts';
import { treeHeadOfSize } from '../board/board.ts';
import type { BoardBatch } from '../board/writer.ts';
import type { Deps } from '../deps.ts';
import { type Refusal, wrongState } from '../refusal.ts';
import { err, ok, type Result } from '../result.ts';

const BOARD_STATES = ['key-ceremony', 'open', 'closed', 'mixing', 'decrypting', 'tallied'] as const;

export async function registerObserver(
  deps: Deps,
  electionId: string,
  observer: { name: string; signingKey: string },
  official: string,
): Promise<Result<{ position: number }, Refusal>> {
  const key = fromBase64Url(observer.signingKey, 32);
  if (!isValidSigningPublicKey(key)) return err({ kind: 'cosignature-invalid', detail: 'not a valid Ed25519 key' });
  const { value } = await deps.writer.submit(
    electionId,
    async (batch): Promise<Result<{ position: number }, Refusal>> => {
      const e = batch.election;
      if (e === null) return err({ kind: 'election-not-found' });
      if (!(BOARD_STATES as readonly string[]).includes(e.state)) return err(wrongState(e.state, BOARD_STATES));
      const exists = await batch.tx
        .selectFrom('observer')
        .select('seq')
        .where('election_id', '=', electionId)
        .where('signing_key', '=', key)
        .executeTakeFirst();
      if (exists) return err({ kind: 'observer-exists' });
      const entry = batch.append('observer-registered', { name: observer.name, signingKey: toBase64Url(key) });
      await batch.tx
        .insertInto('observer')
        .values({ election_id: electionId, signing_key: key, name: observer.name, seq: entry.seq })
        .execute();
      await recordOfficialAction(batch.tx, official, 'observers.register', electionId, { name: observer.name });
      return ok({ position: entry.seq });
    },
  );
  return value;
}

/** Puts an observer's co-signature of a tree head the CEC signed on the board. */
export async function cosignTreeHead(
  deps: Deps,
  electionId: string,
  request: { observerKey: string; treeHead: SignedTreeHeadJson; signature: string },
): Promise<Result<{ position: number }, Refusal>> {
  const observerKey = fromBase64Url(request.observerKey, 32);
  const observer = await deps.db
    .selectFrom('observer')
    .select('name')
    .where('election_id', '=', electionId)
    .where('signing_key', '=', observerKey)
    .executeTakeFirst();
  if (!observer) return err({ kind: 'observer-unknown' });
  const decoded = decodeSignedTreeHead(request.treeHead);
  if ('error' in decoded)
    return err({ kind: 'cosignature-invalid', detail: decoded.error.valid ? '' : decoded.error.reason });
  const head = decoded.value;
  const stored = head.electionId === electionId ? await treeHeadOfSize(deps.db, electionId, head.size) : null;
  if (
    stored === null ||
    !equalBytes(stored.root, head.root) ||
    stored.time !== head.time ||
    !equalBytes(stored.signature, head.signature)
  ) {
    return err({ kind: 'cosignature-invalid', detail: 'this is not a tree head the CEC signed for this board' });
  }
  const v = verifyTreeHeadCosignature(head, observerKey, fromBase64Url(request.signature, 64));
  if (!v.valid) return err({ kind: 'cosignature-invalid', detail: v.reason });
  // One co-signature per observer and tree size (§12.6): a repeat — a retry, or a replay by anyone,
  // since co-signatures are public — is answered with the first one's position and appends nothing.
  const key = `${request.observerKey}/${head.size}`;
  const { value } = await deps.writer.submit(electionId, async (batch) => {
    const pending = cosignaturesInBatch.get(batch) ?? new Map<string, number>();
    cosignaturesInBatch.set(batch, pending);
    const inBatch = pending.get(key);
    if (inBatch !== undefined) return inBatch;
    const onBoard = await batch.tx
      .selectFrom('board_entry')
      .select('seq')
      .where('election_id', '=', electionId)
      .where('type', '=', 'tree-head-cosignature')
      .where(sql<string>`payload::jsonb ->> 'observerKey'`, '=', request.observerKey)
      .where(sql<string>`payload::jsonb -> 'treeHead' ->> 'size'`, '=', String(head.size))
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst();
    if (onBoard) return onBoard.seq;
    const entry = batch.append('tree-head-cosignature', {
      observerKey: request.observerKey,
      treeHead: request.treeHead,
      signature: request.signature,
    });
    pending.set(key, entry.seq);
    return entry.seq;
  });
  return ok({ position: value });
}

/** Co-signatures appended by a batch not yet written: a repeat within one batch is caught too. */
const cosignaturesInBatch = new WeakMap<BoardBatch, Map<string, number>>();
