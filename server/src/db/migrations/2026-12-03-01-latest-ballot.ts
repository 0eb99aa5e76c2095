// Frozen: never edit a migration once it is on main; add a new dated one instead.
// The last ballot of each credential, kept as ballots arrive (in the transaction that appends the
// ballot), so that a voter's "does my ballot count?" is one primary-key lookup instead of the
// counting_ballot view, which PostgreSQL computes over every ballot of every election. It is an
// index of the board, not part of it: it can be rebuilt from the ballot table at any time.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's TypeScript schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('latest_ballot')
    .addColumn('election_id', 'text', (c) => c.notNull().references('election.id'))
    .addColumn('credential_key', 'bytea', (c) => c.notNull())
    .addColumn('tracking_code', 'bytea', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('latest_ballot_pk', ['election_id', 'credential_key'])
    .execute();
  await sql`
    insert into latest_ballot (election_id, credential_key, tracking_code, seq)
    select distinct on (election_id, credential_key) election_id, credential_key, tracking_code, seq
    from ballot
    order by election_id, credential_key, seq desc`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the board cannot be migrated down');
}
