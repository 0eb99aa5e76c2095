// The election fingerprint of the server's own board (docs/SPEC.md §7.4, Algorithm 7.4): h of the
// manifest in entry 0, the CEC key that manifest names, and Y of the `election-key` entry. The
// election API and the officials' status show it as a convenience; no party takes it from there —
// the booth and `evotare codes issue` compute it from the board they check (Algorithm 7.6), and the
// CEC publishes the one it computed so out of band.
import { fromBase64Url } from '@evotare/crypto/bytes';
import { electionFingerprint, formatFingerprint, formatFingerprintLong } from '@evotare/crypto/fingerprint';
import { type Manifest, manifestHash, manifestKey } from '@evotare/crypto/manifest';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { entriesOfType, readEntry } from './board.ts';

export interface FingerprintForms {
  /** Five groups of four: what letters print and people compare. */
  readonly short: string;
  /** All 52 characters, thirteen groups of four. */
  readonly long: string;
}

/** The fingerprint of the board as stored, or null before the key ceremony has ended. */
export async function boardFingerprint(db: Kysely<Database>, electionId: string): Promise<FingerprintForms | null> {
  const [key] = await entriesOfType(db, electionId, 'election-key');
  if (key === undefined) return null;
  const manifest = (await readEntry(db, electionId, 0))!.payload as Manifest;
  const f = electionFingerprint(
    manifestHash(manifest),
    manifestKey(manifest.authority.signingKey),
    fromBase64Url((key.payload as { electionKey: string }).electionKey, 32),
  );
  return { short: formatFingerprint(f), long: formatFingerprintLong(f) };
}
