// Frozen: never edit a migration once it is on main; add a new dated one instead.
// Rate-limit buckets shared by every server instance (http/middleware/rate-limit/): one token
// bucket per limit and client address. Unlogged: a crash may forget them (a bucket then starts
// full), and they are neither written to the WAL nor sent to replicas.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's TypeScript schema
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create unlogged table rate_limit_bucket (
      scope text not null,
      client text not null,
      tokens double precision not null,
      at_ms bigint not null,
      allowed boolean not null,
      primary key (scope, client)
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the board cannot be migrated down');
}
