// What decryption works on (docs/SPEC.md §14.4): the final list named by `mixing-completed` (its
// rows from the attachment of the last accepted mix output, or of the mix input if nobody mixed an
// empty list), the trustees' verification keys from the `election-key` entry, and the turnout of
// the `mix-input` entry. All of it was checked when it went on the board.
import { decodeAttachmentRef } from '@evotare/crypto/attachment';
import { fromBase64Url } from '@evotare/crypto/bytes';
import { type CeremonyContext, requireCeremonyContext } from '@evotare/crypto/dkg/trustee-keys';
import { GroupElement } from '@evotare/crypto/group';
import type { Manifest } from '@evotare/crypto/manifest';
import { type RowList, rowList } from '@evotare/crypto/shuffle/rows';
import type { Turnout } from '@evotare/crypto/tally/mix-input';
import type { Kysely } from 'kysely';
import { entriesOfType } from '../board/board.ts';
import type { Database } from '../db/schema.ts';
import { loadList } from '../mixing/current-list.ts';
import { chainPosition, readMixingEntries } from '../mixing/mixing.ts';

export interface FinalList {
  readonly manifest: Manifest;
  readonly manifestHash: Uint8Array;
  readonly ceremony: CeremonyContext;
  readonly verificationKeys: readonly GroupElement[];
  /** The rows the trustees decrypt (N = 0: none). */
  readonly list: RowList;
  /** L of the final list. */
  readonly digest: Uint8Array;
  readonly turnout: Turnout;
}

const contexts = new Map<string, { manifest: Manifest; ceremony: CeremonyContext }>();

/** The final list of an election whose mixing is complete, or null before that. */
export async function finalList(
  db: Kysely<Database>,
  electionId: string,
  manifestText: string,
): Promise<FinalList | null> {
  const entries = await readMixingEntries(db, electionId);
  const position = chainPosition(entries);
  if (entries.completed === null || entries.mixInput === null || position === null) return null;
  const digest = fromBase64Url(entries.completed.payload.list, 32);
  if (position.list !== entries.completed.payload.list) {
    throw new Error(`the board of ${electionId}: mixing-completed names another list than the last one`);
  }
  let cached = contexts.get(manifestText);
  if (cached === undefined) {
    const manifest = JSON.parse(manifestText) as Manifest;
    cached = { manifest, ceremony: requireCeremonyContext(manifest) };
    contexts.set(manifestText, cached);
  }
  const [key] = await entriesOfType(db, electionId, 'election-key');
  if (key === undefined) throw new Error(`the board of ${electionId} has no election-key entry`);
  const verificationKeys = (key.payload as { verificationKeys: string[] }).verificationKeys.map((vk) =>
    GroupElement.decode(fromBase64Url(vk, 32)),
  );
  const list =
    position.data === null
      ? rowList(new Uint8Array(0), position.width)
      : (await loadList(db, electionId, digest, decodeAttachmentRef(position.data).id, position.width)).list;
  return {
    manifest: cached.manifest,
    manifestHash: cached.ceremony.manifestHash,
    ceremony: cached.ceremony,
    verificationKeys,
    list,
    digest,
    turnout: entries.mixInput.payload.turnout,
  };
}
