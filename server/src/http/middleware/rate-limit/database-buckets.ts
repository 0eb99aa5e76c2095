// Rate-limit buckets in the database (table rate_limit_bucket, migration 2026-12-03-05), shared by
// every server instance on it: one statement takes a token or refuses, atomically (the row lock
// of INSERT … ON CONFLICT DO UPDATE serialises two instances on the same client). Time is each
// instance's clock in ms (NTP-synchronised servers: a skew of a few ms changes nothing); a clock
// behind the bucket's last use refills nothing. The same statements run on PostgreSQL and PGlite,
// built with Kysely so that PGlite's disk guard (db/disk-guard.ts) sees them as writes.
//
// When the database refuses (unreachable, or PGlite's disk margin reached), the instance limits
// alone, in memory, rather than failing requests that would otherwise succeed (a ballot's status is
// a read), and says so in the log at most once a minute.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Logger } from '../../../log.ts';
import { type BucketStore, memoryBuckets, retryAfterMs } from './index.ts';

/** How often an instance deletes the buckets that have refilled (they behave like new ones). */
const SWEEP_EVERY_MS = 60_000;
const WARN_EVERY_MS = 60_000;

export function databaseBuckets(db: Kysely<Database>, log?: Logger): BucketStore {
  const lastSweep = new Map<string, number>();
  const fallback = memoryBuckets();
  let warnedAt = Number.NEGATIVE_INFINITY;
  return {
    async take(scope, client, now, bucket) {
      const burst = sql<number>`${bucket.burst}::float8`;
      const t = sql<number>`${now}::int8`;
      const perMs = sql<number>`${bucket.perMs}::float8`;
      const refilled = sql<number>`least(${burst}, rate_limit_bucket.tokens + greatest(0, ${t} - rate_limit_bucket.at_ms) * ${perMs})`;
      try {
        const row = await db
          .insertInto('rate_limit_bucket')
          .values({ scope, client, tokens: sql<number>`${burst} - 1`, at_ms: t, allowed: true })
          .onConflict((oc) =>
            oc.columns(['scope', 'client']).doUpdateSet({
              tokens: sql<number>`case when ${refilled} >= 1 then ${refilled} - 1 else ${refilled} end`,
              at_ms: sql<number>`greatest(rate_limit_bucket.at_ms, ${t})`,
              allowed: sql<boolean>`${refilled} >= 1`,
            }),
          )
          .returning(['tokens', 'allowed'])
          .executeTakeFirstOrThrow();
        if (now - (lastSweep.get(scope) ?? 0) > SWEEP_EVERY_MS) {
          lastSweep.set(scope, now);
          await db
            .deleteFrom('rate_limit_bucket')
            .where('scope', '=', scope)
            .where(sql<boolean>`tokens + greatest(0, ${t} - at_ms) * ${perMs} >= ${burst}`)
            .execute();
        }
        return row.allowed ? { allowed: true } : { allowed: false, retryAfterMs: retryAfterMs(row.tokens, bucket) };
      } catch (e) {
        if (now - warnedAt > WARN_EVERY_MS) {
          warnedAt = now;
          log?.warn('rate limits kept in memory: the database refused the shared buckets', {
            error: `${(e as Error).name}: ${(e as Error).message}`,
          });
        }
        return fallback.take(scope, client, now, bucket);
      }
    },
  };
}
