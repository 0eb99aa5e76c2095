// The officials' audit log: who did what, when. Never secrets or IDNPs in `detail`.
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.ts';

export async function recordOfficialAction(
  db: Kysely<Database>,
  official: string,
  action: string,
  electionId: string | null,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ official, action, election_id: electionId, detail: JSON.stringify(detail) })
    .execute();
}
