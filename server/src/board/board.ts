// Reading the bulletin board: entries, signed tree heads, and proofs computed from the stored
// tree nodes (docs/SPEC.md §12). Appending is ./writer.ts's job.
import type { BoardEntry, BoardEntryType } from '@evotare/crypto/board/entry';
import {
  consistencyProofRanges,
  inclusionProofRanges,
  type LeafRange,
  rangeHash,
  rangeNodes,
} from '@evotare/crypto/board/merkle';
import type { SignedTreeHead } from '@evotare/crypto/board/tree-head';
import type { JsonValue } from '@evotare/crypto/canonical-json';
import type { Kysely, Selectable } from 'kysely';
import type { BoardEntryTable, Database, TreeHeadTable } from '../db/schema.ts';
import type { Refusal } from '../refusal.ts';
import { err, ok, type Result } from '../result.ts';
import { type NodeCache, nodeLookup } from './nodes.ts';

export function entryFromRow(row: Selectable<BoardEntryTable>): BoardEntry {
  return {
    seq: row.seq,
    type: row.type as BoardEntryType,
    time: row.time,
    payload: JSON.parse(row.payload) as JsonValue,
    previous: new Uint8Array(row.previous),
    hash: new Uint8Array(row.hash),
  };
}

function headFromRow(row: Selectable<TreeHeadTable>): SignedTreeHead {
  return {
    electionId: row.election_id,
    size: row.size,
    root: new Uint8Array(row.root),
    time: row.time,
    signature: new Uint8Array(row.signature),
  };
}

export async function boardSize(db: Kysely<Database>, electionId: string): Promise<number> {
  const row = await db
    .selectFrom('board_entry')
    .select('seq')
    .where('election_id', '=', electionId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? row.seq + 1 : 0;
}

/** Entries [from, from + limit), as stored (payload text exactly as hashed). */
export async function readEntryRows(
  db: Kysely<Database>,
  electionId: string,
  from: number,
  limit: number,
): Promise<Selectable<BoardEntryTable>[]> {
  return db
    .selectFrom('board_entry')
    .selectAll()
    .where('election_id', '=', electionId)
    .where('seq', '>=', from)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export async function readEntry(db: Kysely<Database>, electionId: string, seq: number): Promise<BoardEntry | null> {
  const row = await db
    .selectFrom('board_entry')
    .selectAll()
    .where('election_id', '=', electionId)
    .where('seq', '=', seq)
    .executeTakeFirst();
  return row ? entryFromRow(row) : null;
}

export async function entriesOfType(
  db: Kysely<Database>,
  electionId: string,
  type: BoardEntryType,
): Promise<BoardEntry[]> {
  const rows = await db
    .selectFrom('board_entry')
    .selectAll()
    .where('election_id', '=', electionId)
    .where('type', '=', type)
    .orderBy('seq')
    .execute();
  return rows.map(entryFromRow);
}

export async function latestTreeHead(db: Kysely<Database>, electionId: string): Promise<SignedTreeHead | null> {
  const row = await db
    .selectFrom('tree_head')
    .selectAll()
    .where('election_id', '=', electionId)
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? headFromRow(row) : null;
}

export async function treeHeadOfSize(
  db: Kysely<Database>,
  electionId: string,
  size: number,
): Promise<SignedTreeHead | null> {
  const row = await db
    .selectFrom('tree_head')
    .selectAll()
    .where('election_id', '=', electionId)
    .where('size', '=', size)
    .executeTakeFirst();
  return row ? headFromRow(row) : null;
}

/**
 * The first tree head that contains position `seq`: the head signed by the transaction that
 * appended it (every appending transaction signs one), hence the one in that entry's receipt.
 */
export async function firstTreeHeadContaining(
  db: Kysely<Database>,
  electionId: string,
  seq: number,
): Promise<SignedTreeHead | null> {
  const row = await db
    .selectFrom('tree_head')
    .selectAll()
    .where('election_id', '=', electionId)
    .where('size', '>', seq)
    .orderBy('size')
    .limit(1)
    .executeTakeFirst();
  return row ? headFromRow(row) : null;
}

export async function treeHeads(
  db: Kysely<Database>,
  electionId: string,
  from: number,
  limit: number,
): Promise<SignedTreeHead[]> {
  const rows = await db
    .selectFrom('tree_head')
    .selectAll()
    .where('election_id', '=', electionId)
    .where('size', '>=', from)
    .orderBy('size')
    .limit(limit)
    .execute();
  return rows.map(headFromRow);
}

async function rangeHashes(
  db: Kysely<Database>,
  cache: NodeCache,
  electionId: string,
  ranges: LeafRange[],
): Promise<Uint8Array[]> {
  const nodes = ranges.flatMap(rangeNodes);
  const hashes = await cache.read(db, electionId, nodes);
  const lookup = nodeLookup(nodes, hashes);
  return ranges.map((r) => rangeHash(r, lookup));
}

/** §12.4 the inclusion proof of entry `seq` in the tree of `size` entries, which must have a signed head. */
export async function inclusionProof(
  db: Kysely<Database>,
  cache: NodeCache,
  electionId: string,
  seq: number,
  size: number,
): Promise<Result<{ treeHead: SignedTreeHead; proof: Uint8Array[] }, Refusal>> {
  const treeHead = await treeHeadOfSize(db, electionId, size);
  if (treeHead === null) return err({ kind: 'tree-size-invalid', detail: `no signed tree head of size ${size}` });
  if (!(Number.isSafeInteger(seq) && seq >= 0 && seq < size)) return err({ kind: 'entry-not-found' });
  return ok({ treeHead, proof: await rangeHashes(db, cache, electionId, inclusionProofRanges(seq, size)) });
}

/** §12.5 the consistency proof between two signed tree heads' sizes. */
export async function consistencyProof(
  db: Kysely<Database>,
  cache: NodeCache,
  electionId: string,
  first: number,
  second: number,
): Promise<Result<{ first: SignedTreeHead; second: SignedTreeHead; proof: Uint8Array[] }, Refusal>> {
  if (!(first >= 1 && first <= second)) return err({ kind: 'tree-size-invalid', detail: 'need 1 ≤ first ≤ second' });
  const [a, b] = await Promise.all([treeHeadOfSize(db, electionId, first), treeHeadOfSize(db, electionId, second)]);
  if (a === null || b === null) return err({ kind: 'tree-size-invalid', detail: 'both sizes need a signed tree head' });
  return ok({
    first: a,
    second: b,
    proof: await rangeHashes(db, cache, electionId, consistencyProofRanges(first, second)),
  });
}
