// Lost connections in the middle of a transaction (PostgreSQL only: PGlite has no connection).
// The backend is terminated from another connection, as `pg_ctl restart -m fast` does to all.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase } from '../testing/databases.ts';
import { type DatabaseHandle, openDatabase } from './database.ts';
import { isDatabaseUnavailable } from './faults.ts';
import { serializable } from './transaction.ts';

const admin = process.env.EVOTARE_TEST_DATABASE_URL;

describe.runIf(admin)('transactions on PostgreSQL whose connection is lost', () => {
  let h: DatabaseHandle;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const created = await createPostgresDatabase(admin!);
    drop = created.drop;
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
});
