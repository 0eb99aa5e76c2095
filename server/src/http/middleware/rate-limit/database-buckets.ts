// Rate-limit buckets in the database (table rate_limit_bucket, migration 2026-12-03-05), shared by
// every server instance on it: one statement takes a token or refuses, atomically (the row lock
// of INSERT … ON CONFLICT DO UPDATE serialises two instances on the same client). Time is each
// instance's clock in ms (NTP-synchronised servers: a skew of a few ms changes nothing); a clock
// behind the bucket's last use refills nothing. The same SQL runs on PostgreSQL and PGlite.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { type BucketStore, retryAfterMs } from './index.ts';

/** How often an instance deletes the buckets that have refilled (they behave like new ones). */
const SWEEP_EVERY_MS = 60_000;

export function databaseBuckets(db: Kysely<Database>): BucketStore {
  const lastSweep = new Map<string, number>();
  return {
    async take(scope, client, now, bucket) {
      const burst = sql`${bucket.burst}::float8`;
      const t = sql`${now}::int8`;
      const perMs = sql`${bucket.perMs}::float8`;
      const refilled = sql`least(${burst}, b.tokens + greatest(0, ${t} - b.at_ms) * ${perMs})`;
      const { rows } = await sql<{ tokens: number; allowed: boolean }>`
        insert into rate_limit_bucket as b (scope, client, tokens, at_ms, allowed)
        values (${scope}, ${client}, ${burst} - 1, ${t}, true)
        on conflict (scope, client) do update set
          tokens = case when ${refilled} >= 1 then ${refilled} - 1 else ${refilled} end,
          at_ms = greatest(b.at_ms, ${t}),
          allowed = ${refilled} >= 1
        returning tokens, allowed`.execute(db);
      if (now - (lastSweep.get(scope) ?? 0) > SWEEP_EVERY_MS) {
        lastSweep.set(scope, now);
        await sql`
          delete from rate_limit_bucket b
          where b.scope = ${scope} and b.tokens + greatest(0, ${t} - b.at_ms) * ${perMs} >= ${burst}`.execute(db);
      }
      const row = rows[0]!;
      return row.allowed ? { allowed: true } : { allowed: false, retryAfterMs: retryAfterMs(row.tokens, bucket) };
    },
  };
}
