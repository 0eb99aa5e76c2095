// The list a mix node must shuffle next, kept in memory by digest: the server verifies every upload
// against it, and reading 19 MB back from the database for each upload would be wasted. One list
// per election: the mix input first, then each accepted output.
import { equalBytes } from '@evotare/crypto/bytes';
import { rowList } from '@evotare/crypto/shuffle/rows';
import type { CurrentList } from '@evotare/crypto/tally/mix-chain';
import type { Kysely } from 'kysely';
import { readAttachment } from '../attachments/store.ts';
import type { Database } from '../db/schema.ts';

const lists = new WeakMap<Kysely<Database>, Map<string, CurrentList>>();

export function rememberList(db: Kysely<Database>, electionId: string, list: CurrentList): void {
  let byElection = lists.get(db);
  if (!byElection) {
    byElection = new Map();
    lists.set(db, byElection);
  }
  byElection.set(electionId, { list: list.list, digest: list.digest });
}

/** The list with this digest, from memory or from its attachment. */
export async function loadList(
  db: Kysely<Database>,
  electionId: string,
  digest: Uint8Array,
  attachment: Uint8Array,
  width: number,
): Promise<CurrentList> {
  const known = lists.get(db)?.get(electionId);
  if (known && equalBytes(known.digest, digest)) return known;
  const bytes = await readAttachment(db, electionId, attachment);
  if (bytes === null) throw new Error(`the list attachment of ${electionId} is missing`);
  const list = { list: rowList(bytes, width), digest };
  rememberList(db, electionId, list);
  return list;
}
