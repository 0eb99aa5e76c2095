// §13.1 the roll's commitment on the board: hiding (a secret 32-byte salt per election, which the
// CEC can show an auditor together with the roll) and binding to every row.
//   RollCommitment = Digest("evotare/v1/roll", salt, UTF8(JCS(row_1)), …, UTF8(JCS(row_n)))
// with rows { idnp, name, birthDate, country } sorted by IDNP.
import { createHash } from 'node:crypto';
import { u32be, utf8 } from '@evotare/crypto/bytes';
import { canonicalBytes } from '@evotare/crypto/canonical-json';
import { TAG } from '@evotare/crypto/tags';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface RollRow {
  readonly idnp: string;
  readonly name: string;
  readonly birthDate: string;
  readonly country: string;
}

/** Digest of §3.3 computed field by field, so a roll of millions is hashed without one huge array. */
export function rollCommitment(salt: Uint8Array, rowsSortedByIdnp: Iterable<RollRow>): Uint8Array {
  const h = createHash('sha512');
  const field = (b: Uint8Array) => {
    h.update(u32be(b.length));
    h.update(b);
  };
  field(utf8(TAG.roll));
  field(salt);
  for (const r of rowsSortedByIdnp) {
    field(canonicalBytes({ idnp: r.idnp, name: r.name, birthDate: r.birthDate, country: r.country }));
  }
  return new Uint8Array(h.digest().subarray(0, 32));
}

/** Reads the roll in IDNP order and commits to it. */
export async function currentRollCommitment(
  db: Kysely<Database>,
  electionId: string,
  salt: Uint8Array,
): Promise<{ size: number; commitment: Uint8Array }> {
  const rows = await db
    .selectFrom('voter')
    .select(['idnp', 'name', 'birth_date', 'country'])
    .where('election_id', '=', electionId)
    .orderBy('idnp')
    .execute();
  const commitment = rollCommitment(
    salt,
    rows.map((r) => ({ idnp: r.idnp, name: r.name, birthDate: r.birth_date, country: r.country })),
  );
  return { size: rows.length, commitment };
}
