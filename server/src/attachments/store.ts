// Attachments of an election (docs/SPEC.md §14.1), stored in insert-only tables in chunks of
// CHUNK_SIZE bytes: the chunks first, then the header row, in the caller's transaction — the one
// that appends the entry referring to them, so an attachment exists exactly when its entry does.
import { type AttachmentRef, attachmentRef } from '@evotare/crypto/attachment';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Tx } from '../db/transaction.ts';

/** 1 MiB: a 300,000-row list is 19 chunks, its proof about 50. */
export const CHUNK_SIZE = 1 << 20;
/** Chunks per INSERT statement (bounded parameter size). */
const CHUNKS_PER_INSERT = 4;

/** Stores `bytes` as an attachment of the election (once: an attachment already there is kept). */
export async function storeAttachment(tx: Tx, electionId: string, bytes: Uint8Array): Promise<AttachmentRef> {
  const ref = attachmentRef(bytes);
  const known = await tx
    .selectFrom('attachment')
    .select('size')
    .where('election_id', '=', electionId)
    .where('id', '=', ref.id)
    .executeTakeFirst();
  if (known) return ref;
  const chunks = Math.ceil(bytes.length / CHUNK_SIZE);
  for (let first = 0; first < chunks; first += CHUNKS_PER_INSERT) {
    const rows = [];
    for (let idx = first; idx < Math.min(chunks, first + CHUNKS_PER_INSERT); idx++) {
      rows.push({
        election_id: electionId,
        id: ref.id,
        idx,
        data: bytes.subarray(idx * CHUNK_SIZE, (idx + 1) * CHUNK_SIZE),
      });
    }
    await tx.insertInto('attachment_chunk').values(rows).execute();
  }
  await tx
    .insertInto('attachment')
    .values({ election_id: electionId, id: ref.id, size: bytes.length, chunks })
    .execute();
  return ref;
}

/** The attachment's size, or null if the election has no such attachment. */
export async function attachmentSize(db: Kysely<Database>, electionId: string, id: Uint8Array): Promise<number | null> {
  const row = await db
    .selectFrom('attachment')
    .select('size')
    .where('election_id', '=', electionId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? row.size : null;
}

/** The attachment's bytes, chunk by chunk, a few chunks per query. */
export async function* attachmentChunks(
  db: Kysely<Database>,
  electionId: string,
  id: Uint8Array,
): AsyncGenerator<Uint8Array> {
  for (let from = 0; ; ) {
    const rows = await db
      .selectFrom('attachment_chunk')
      .select(['idx', 'data'])
      .where('election_id', '=', electionId)
      .where('id', '=', id)
      .where('idx', '>=', from)
      .orderBy('idx')
      .limit(CHUNKS_PER_INSERT)
      .execute();
    for (const row of rows) yield new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength);
    if (rows.length < CHUNKS_PER_INSERT) return;
    from = rows[rows.length - 1]!.idx + 1;
  }
}

/** The whole attachment in memory (for the server's own use: the current list to verify against). */
export async function readAttachment(
  db: Kysely<Database>,
  electionId: string,
  id: Uint8Array,
): Promise<Uint8Array | null> {
  const size = await attachmentSize(db, electionId, id);
  if (size === null) return null;
  const out = new Uint8Array(size);
  let at = 0;
  for await (const chunk of attachmentChunks(db, electionId, id)) {
    if (at + chunk.length > size) throw new Error('an attachment has more bytes than its size');
    out.set(chunk, at);
    at += chunk.length;
  }
  if (at !== size) throw new Error('an attachment has fewer bytes than its size');
  return out;
}
