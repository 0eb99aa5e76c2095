// The result (docs/SPEC.md §14.5): once k partial decryptions are on the board, the server takes the
// first k by board order, checks them again from the board (Algorithm 10.5: only verified shares
// are combined, V10.06), combines them on worker threads (Algorithm 10.7), decodes and counts the
// choices, signs the `result` entry with the CEC key, and moves the election to `tallied` — in one
// transaction with the election locked, so that exactly one result is ever appended. With an
// empty final list (nobody's ballot counts) the result has zero counts and needs no trustee.
import { decodeAttachmentRef } from '@evotare/crypto/attachment';
import { decryptionSharesReference, partialDecryptionMessageOfEntry } from '@evotare/crypto/tally/decryption-entry';
import { choicesOfPlaintexts, makeResult } from '@evotare/crypto/tally/result';
import {
  combineDecryptionShares,
  type VerifiedShares,
  verifyPartialDecryptionOfList,
} from '@evotare/crypto/threshold/parallel';
import { readAttachment, storeAttachment } from '../attachments/store.ts';
import { entriesOfType } from '../board/board.ts';
import type { Deps } from '../deps.ts';
import { addressableElection } from '../elections/elections.ts';
import { type Refusal, wrongState } from '../refusal.ts';
import { err, ok, type Result } from '../result.ts';
import { type FinalList, finalList } from './final-list.ts';

export interface PublishedPosition {
  readonly position: number;
}

/** One computation per election at a time in this process; the transaction guards across processes. */
const running = new Map<string, Promise<Result<PublishedPosition, Refusal>>>();

/** Publishes the result if it can be: k partial decryptions on the board, or an empty final list. */
export function publishResult(deps: Deps, electionId: string): Promise<Result<PublishedPosition, Refusal>> {
  let work = running.get(electionId);
  if (work === undefined) {
    work = computeAndPublish(deps, electionId).finally(() => running.delete(electionId));
    running.set(electionId, work);
  }
  return work;
}

async function existingResult(deps: Deps, electionId: string): Promise<PublishedPosition | null> {
  const [result] = await entriesOfType(deps.db, electionId, 'result');
  return result === undefined ? null : { position: result.seq };
}

/** The first k partial decryptions of the board, checked again and ready to combine. */
async function firstVerifiedPartials(
  deps: Deps,
  electionId: string,
  target: FinalList,
  threshold: number,
): Promise<VerifiedShares[] | null> {
  const entries = await entriesOfType(deps.db, electionId, 'partial-decryption');
  if (entries.length < threshold) return null;
  const verified: VerifiedShares[] = [];
  for (const entry of entries.slice(0, threshold)) {
    const ref = decryptionSharesReference(entry.payload);
    const bytes = ref === null ? null : await readAttachment(deps.db, electionId, ref.id);
    if (bytes === null) throw new Error(`the partial decryption at ${entry.seq} has no decryption shares`);
    const rebuilt = partialDecryptionMessageOfEntry(entry.payload, bytes);
    if ('error' in rebuilt) throw new Error(`the partial decryption at ${entry.seq}: ${JSON.stringify(rebuilt.error)}`);
    const checked = await verifyPartialDecryptionOfList(
      deps.workers,
      target.ceremony,
      target.verificationKeys,
      target.list,
      target.digest,
      rebuilt.message,
    );
    if ('error' in checked) {
      throw new Error(`the partial decryption at ${entry.seq} does not verify: ${JSON.stringify(checked.error)}`);
    }
    verified.push(checked.verified);
  }
  return verified;
}

async function computeAndPublish(deps: Deps, electionId: string): Promise<Result<PublishedPosition, Refusal>> {
  const found = await addressableElection(deps, electionId);
  if (!found.ok) return found;
  const row = found.value;
  if (row.state === 'tallied') {
    const existing = await existingResult(deps, electionId);
    if (existing !== null) return ok(existing);
  }
  if (row.state !== 'decrypting' || row.manifest === null) return err(wrongState(row.state, ['decrypting']));
  const target = await finalList(deps.db, electionId, row.manifest);
  if (target === null) return err(wrongState(row.state, ['decrypting']));
  const threshold = target.manifest.trustees.threshold;

  let decryptedBy: number[] = [];
  let choices: Uint8Array = new Uint8Array(0);
  if (target.list.count > 0) {
    const partials = await firstVerifiedPartials(deps, electionId, target, threshold);
    if (partials === null) {
      return err({ kind: 'decryption-incomplete', detail: `the result needs ${threshold} partial decryptions` });
    }
    const plaintexts = await combineDecryptionShares(deps.workers, target.list, target.digest, partials, threshold);
    choices = choicesOfPlaintexts(target.manifest, plaintexts);
    decryptedBy = partials.map((p) => p.trustee);
  }
  const result = makeResult({
    manifest: target.manifest,
    manifestHash: target.manifestHash,
    list: target.digest,
    decryptedBy,
    choices,
    turnout: { ...target.turnout },
    authoritySecretKey: deps.authority.secretKey,
  });

  const { value } = await deps.writer.submit(electionId, async (batch): Promise<Result<PublishedPosition, Refusal>> => {
    const e = batch.election!;
    if (e.state === 'tallied') {
      const [existing] = await batch.tx
        .selectFrom('board_entry')
        .select('seq')
        .where('election_id', '=', electionId)
        .where('type', '=', 'result')
        .execute();
      if (existing !== undefined) return ok({ position: existing.seq });
    }
    if (e.state !== 'decrypting') return err(wrongState(e.state, ['decrypting']));
    if (result.choices !== undefined) {
      const stored = await storeAttachment(batch.tx, electionId, choices);
      if (decodeAttachmentRef(result.choices).bytes !== stored.bytes) throw new Error('choices stored wrongly');
    }
    const entry = batch.append('result', result);
    await batch.tx
      .updateTable('election')
      .set({ state: 'tallied', updated_at: new Date() })
      .where('id', '=', electionId)
      .execute();
    return ok({ position: entry.seq });
  });
  if (value.ok) deps.log.info('result published', { electionId, position: value.value.position });
  return value;
}
