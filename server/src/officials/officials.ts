// Officials of the CEC who run elections. Each has a name and a bearer token, shown once.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { sqlState } from '../db/transaction.ts';
import { newOfficialToken, tokenHash } from '../http/middleware/official-auth/index.ts';
import type { Refusal } from '../refusal.ts';
import { err, ok, type Result } from '../result.ts';

export async function addOfficial(
  db: Kysely<Database>,
  name: string,
): Promise<Result<{ name: string; token: string }, Refusal>> {
  const token = newOfficialToken();
  try {
    await db
      .insertInto('official')
      .values({ name, token_hash: tokenHash(token), revoked_at: null })
      .execute();
  } catch (e) {
    if (sqlState(e) === '23505') return err({ kind: 'official-exists' });
    throw e;
  }
  return ok({ name, token });
}

export async function hasOfficials(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('official').select('id').limit(1).executeTakeFirst()) !== undefined;
}
