// Frozen: never edit a migration once it is on main; add a new dated one instead.
// The key ceremony's phase on the election, and the view of the ballots that count: the last
// ballot of each credential that was not revoked.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's TypeScript schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('election')
    .addColumn('ceremony_phase', 'text', (c) =>
      c.check(sql`ceremony_phase in ('dealing', 'complaints', 'resolution', 'done')`),
    )
    .execute();
  await sql`
    create view counting_ballot as
    select distinct on (b.election_id, b.credential_key) b.election_id, b.credential_key, b.tracking_code, b.seq
    from ballot b
    where not exists (
      select 1 from revocation r where r.election_id = b.election_id and r.public_key = b.credential_key
    )
    order by b.election_id, b.credential_key, b.seq desc`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the board cannot be migrated down');
}
