// Lost connections in the middle of a transaction (PostgreSQL only: PGlite has no connection).
// The backend is terminated from another connection, as `pg_ctl restart -m fast` does to all.
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase } from '../testing/databases.ts';
import { type DatabaseHandle, openDatabase } from './database.ts';
import { DatabaseTimeoutError, isDatabaseUnavailable } from './faults.ts';
import { serializable } from './transaction.ts';

const admin = process.env.EVOTARE_TEST_DATABASE_URL;

describe.runIf(admin)('transactions on PostgreSQL whose connection is lost', () => {
  let h: DatabaseHandle;
  let drop: () => Promise<void>;
  let url: string;
  beforeAll(async () => {
    const created = await createPostgresDatabase(admin!);
    drop = created.drop;
    url = created.url;
    h = await openDatabase({ url: created.url, poolSize: 4 });
    await sql`create table t (n int)`.execute(h.db);
  });
  afterAll(async () => {
    await h?.close();
    await drop?.();
  });

  const terminateMe = (tx: Parameters<Parameters<typeof serializable>[1]>[0]) =>
    sql`select pg_terminate_backend(pg_backend_pid())`.execute(tx);

  it('retries an attempt that lost its connection before COMMIT, and commits once; the process lives on', async () => {
    let attempts = 0;
    const value = await serializable(h.db, async (tx) => {
      attempts++;
      // biome-ignore lint/suspicious/noExplicitAny: a scratch table outside the schema
      await (tx as any).insertInto('t').values({ n: attempts }).execute();
      if (attempts === 1) await terminateMe(tx);
      return attempts;
    });
    expect(value).toBe(2);
    const rows = await sql<{ n: number }>`select n from t`.execute(h.db);
    expect(rows.rows).toEqual([{ n: 2 }]);
  });

  it('gives up after its attempts with an error that the HTTP layer answers 503', async () => {
    let attempts = 0;
    const failed = await serializable(
      h.db,
      async (tx) => {
        attempts++;
        await terminateMe(tx);
      },
      { attempts: 3 },
    ).catch((e: unknown) => e);
    expect(attempts).toBe(3);
    expect(isDatabaseUnavailable(failed)).toBe(true);
    expect((await sql<{ one: number }>`select 1 as one`.execute(h.db)).rows).toEqual([{ one: 1 }]);
  });

  it('takes the advisory lock before the snapshot: a waiter sees what the holder committed', async () => {
    let release!: () => void;
    const holding = new Promise<void>((r) => {
      release = r;
    });
    let entered!: () => void;
    const inside = new Promise<void>((r) => {
      entered = r;
    });
    const first = serializable(
      h.db,
      async (tx) => {
        entered();
        await holding;
        // biome-ignore lint/suspicious/noExplicitAny: a scratch table outside the schema
        await (tx as any).insertInto('t').values({ n: 100 }).execute();
      },
      { lockKey: 'k' },
    );
    await inside;
    const second = serializable(
      h.db,
      async (tx) => (await sql<{ n: number }>`select count(*)::int as n from t where n = 100`.execute(tx)).rows[0]!.n,
      { lockKey: 'k' },
    );
    await new Promise((r) => setTimeout(r, 100));
    release();
    await first;
    expect(await second).toBe(1);
  });

  it('a lock held by a stuck instance: the attempt gives up after its timeout and its connection does not wait on for ever', async () => {
    // Another instance that took the writer lock and froze (its session open, the lock held).
    const stuck = new pg.Client({ connectionString: url });
    await stuck.connect();
    try {
      await stuck.query(`select pg_advisory_lock(hashtextextended('frozen', 0))`);
      const failed = await serializable(h.db, async () => 1, { lockKey: 'frozen', timeoutMs: 300 }).catch((e) => e);
      expect(failed).toBeInstanceOf(DatabaseTimeoutError);
      // The abandoned attempt's wait ends too (lock_timeout): every connection of the pool is free
      // again, and nobody waits on the lock.
      const waiting = async () =>
        (
          await sql<{
            n: number;
          }>`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`.execute(h.db)
        ).rows[0]!.n;
      await expect.poll(waiting, { timeout: 5000, interval: 50 }).toBe(0);
      const pool = h.pool!();
      await expect.poll(() => h.pool!().idle, { timeout: 5000, interval: 50 }).toBe(pool.total);
      // The same connections take other work, with no lock_timeout left on them.
      const settings = await Promise.all(
        Array.from({ length: 4 }, () =>
          h.db
            .connection()
            .execute(
              async (c) =>
                (await sql<{ t: string }>`select current_setting('lock_timeout') as t`.execute(c)).rows[0]!.t,
            ),
        ),
      );
      expect(settings).toEqual(['0', '0', '0', '0']);
    } finally {
      await stuck.end();
    }
  });
});
