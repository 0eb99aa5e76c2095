// Partial decryptions (docs/SPEC.md §14.4): a trustee posts its §10.4 message for the final list;
// the server checks it completely (Algorithm 10.5, the proof's sums on worker threads) before it
// stores anything, then in one transaction with the election locked stores the shares as an
// attachment and appends the `partial-decryption` entry. One per trustee. A refused message leaves
// the board unchanged. Once k are on the board the result is published (./tally.ts).
import { canonicalize } from '@evotare/crypto/canonical-json';
import { packDecryptionShares, partialDecryptionEntry } from '@evotare/crypto/tally/decryption-entry';
import { verifyPartialDecryptionOfList } from '@evotare/crypto/threshold/parallel';
import { storeAttachment } from '../attachments/store.ts';
import { entriesOfType } from '../board/board.ts';
import type { Deps } from '../deps.ts';
import { addressableElection } from '../elections/elections.ts';
import { type Refusal, wrongState } from '../refusal.ts';
import { err, ok, type Result } from '../result.ts';
import { type FinalList, finalList } from './final-list.ts';
import { publishResult } from './tally.ts';

/** The largest JSON body of a partial decryption of M ciphertexts: 46 characters a share, and the rest. */
export function maxPartialDecryptionBytes(ciphertexts: number): number {
  return 48 * ciphertexts + 16 * 1024;
}

/** The final list of an election in `decrypting`, or why the election takes no partial decryption. */
export async function decryptionTarget(deps: Deps, electionId: string): Promise<Result<FinalList, Refusal>> {
  const found = await addressableElection(deps, electionId);
  if (!found.ok) return found;
  const row = found.value;
  if (row.state !== 'decrypting' || row.manifest === null) return err(wrongState(row.state, ['decrypting']));
  const list = await finalList(deps.db, electionId, row.manifest);
  if (list === null) return err(wrongState(row.state, ['decrypting']));
  if (list.list.count === 0) {
    return err({ kind: 'partial-decryption-invalid', detail: 'the final list is empty: there is nothing to decrypt' });
  }
  return ok(list);
}

function senderOf(input: unknown): number | null {
  const sender = typeof input === 'object' && input !== null ? (input as { sender?: unknown }).sender : undefined;
  return typeof sender === 'number' ? sender : null;
}

export interface AcceptedPartialDecryption {
  readonly position: number;
  /** Partial decryptions on the board now, and how many the result needs. */
  readonly partialDecryptions: number;
  readonly threshold: number;
  /** The `result` entry's position, if this partial decryption completed the tally. */
  readonly result: number | null;
}

async function partialsOnBoard(deps: Deps, electionId: string) {
  return (await entriesOfType(deps.db, electionId, 'partial-decryption')).map((e) => ({
    seq: e.seq,
    payload: e.payload as { sender: number; signature: string; decryptionShares: { attachment: string } },
  }));
}

/** A trustee posts its partial decryption (the message of §10.4, shares inline). */
export async function acceptPartialDecryption(
  deps: Deps,
  electionId: string,
  target: FinalList,
  input: unknown,
): Promise<Result<AcceptedPartialDecryption, Refusal>> {
  const threshold = target.manifest.trustees.threshold;
  // A trustee that has posted already: its same message again gets its position; another is
  // refused before the expensive check.
  const sender = senderOf(input);
  const before = (await partialsOnBoard(deps, electionId)).find((p) => p.payload.sender === sender);
  const signature = typeof input === 'object' && input !== null ? (input as { signature?: unknown }).signature : null;
  if (before !== undefined && before.payload.signature !== signature) {
    return err({ kind: 'partial-decryption-exists', detail: `trustee ${sender} is at position ${before.seq}` });
  }

  const checked = await verifyPartialDecryptionOfList(
    deps.workers,
    target.ceremony,
    target.verificationKeys,
    target.list,
    target.digest,
    input,
  );
  if ('error' in checked) {
    return err({
      kind: 'partial-decryption-invalid',
      detail: checked.error.valid ? 'invalid' : checked.error.reason,
    });
  }
  const { trustee } = checked.verified;
  const message = input as Parameters<typeof packDecryptionShares>[0];
  const shares = packDecryptionShares(message);

  const committed = await deps.writer.submit(
    electionId,
    async (batch): Promise<Result<{ position: number; count: number }, Refusal>> => {
      const e = batch.election!;
      if (e.state !== 'decrypting') return err(wrongState(e.state, ['decrypting']));
      const rows = await batch.tx
        .selectFrom('board_entry')
        .select(['seq', 'payload'])
        .where('election_id', '=', electionId)
        .where('type', '=', 'partial-decryption')
        .orderBy('seq')
        .execute();
      const partials = rows.map((r) => ({ seq: r.seq, payload: JSON.parse(r.payload) as { sender?: number } }));
      const mine = partials.find((p) => p.payload.sender === trustee);
      if (mine !== undefined) {
        const { decryptionShares: _, ...stored } = mine.payload as Record<string, unknown>;
        const { decryptionShares: __, ...posted } = message as unknown as Record<string, unknown>;
        if (canonicalize(stored) === canonicalize(posted)) return ok({ position: mine.seq, count: partials.length });
        return err({ kind: 'partial-decryption-exists', detail: `trustee ${trustee} is at position ${mine.seq}` });
      }
      const ref = await storeAttachment(batch.tx, electionId, shares);
      const entry = batch.append('partial-decryption', partialDecryptionEntry(message, ref));
      return ok({ position: entry.seq, count: partials.length + 1 });
    },
  );
  if (!committed.value.ok) return committed.value;
  const { position, count } = committed.value.value;
  let result: number | null = null;
  if (count >= threshold) {
    const published = await publishResult(deps, electionId);
    if (published.ok) result = published.value.position;
    else deps.log.warn('the result could not be published yet', { electionId, refusal: published.error.kind });
  }
  return ok({ position, partialDecryptions: count, threshold, result });
}
