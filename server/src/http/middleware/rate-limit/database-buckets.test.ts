import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../../db/database.ts';
import { createLogger } from '../../../log.ts';
import { testDatabases } from '../../../testing/databases.ts';
import { databaseBuckets } from './database-buckets.ts';
import type { Bucket } from './index.ts';

describe.each(testDatabases)('rate-limit buckets in the database on $name', ({ open }) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await open();
  });
  afterAll(() => h?.close());
  const bucket: Bucket = { burst: 3, perMs: 1 / 1000 }; // one token a second

  it('two stores on one database (two instances) share one budget per client and scope', async () => {
    const [a, b] = [databaseBuckets(h.db), databaseBuckets(h.db)];
    const t = 1_000_000;
    expect(await a.take('activation', '1.1.1.1', t, bucket)).toEqual({ allowed: true });
    expect(await b.take('activation', '1.1.1.1', t, bucket)).toEqual({ allowed: true });
    expect(await a.take('activation', '1.1.1.1', t, bucket)).toEqual({ allowed: true });
    // The fourth try, on either instance, is refused, with the wait until a token is back.
    expect(await b.take('activation', '1.1.1.1', t, bucket)).toEqual({ allowed: false, retryAfterMs: 1000 });
    expect(await a.take('activation', '1.1.1.1', t + 500, bucket)).toEqual({ allowed: false, retryAfterMs: 500 });
    // Another client and another scope have budgets of their own.
    expect(await a.take('activation', '2.2.2.2', t, bucket)).toEqual({ allowed: true });
    expect(await b.take('casting', '1.1.1.1', t, bucket)).toEqual({ allowed: true });
    // A refused try costs nothing: one second after the burst, one token is back.
    expect(await b.take('activation', '1.1.1.1', t + 1000, bucket)).toEqual({ allowed: true });
    expect((await a.take('activation', '1.1.1.1', t + 1000, bucket)).allowed).toBe(false);
    // An instance whose clock is behind refills nothing.
    expect((await b.take('activation', '1.1.1.1', t - 60_000, bucket)).allowed).toBe(false);
  });

  it('concurrent tries from many connections take exactly the burst', async () => {
    const stores = Array.from({ length: 4 }, () => databaseBuckets(h.db));
    const t = 2_000_000;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => stores[i % 4]!.take('activation', '3.3.3.3', t, { ...bucket, burst: 7 })),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(7);
  });

  it('forgets buckets that have refilled', async () => {
    const s = databaseBuckets(h.db);
    await s.take('lookup', '4.4.4.4', 3_000_000, bucket);
    const before = await h.db.selectFrom('rate_limit_bucket').where('client', '=', '4.4.4.4').selectAll().execute();
    expect(before).toHaveLength(1);
    // A new store sweeps on its first take; 4.4.4.4's bucket is full again ten seconds later.
    await databaseBuckets(h.db).take('lookup', '5.5.5.5', 3_010_000, bucket);
    const after = await h.db.selectFrom('rate_limit_bucket').where('client', '=', '4.4.4.4').selectAll().execute();
    expect(after).toHaveLength(0);
  });
});

describe('rate-limit buckets when the database refuses', () => {
  it('limit in memory, and say so once a minute', async () => {
    const h = await openDatabase({ inMemory: true });
    await h.close();
    const lines: string[] = [];
    const store = databaseBuckets(
      h.db,
      createLogger((l) => lines.push(l), 'info'),
    );
    const bucket: Bucket = { burst: 2, perMs: 1 / 1000 };
    expect(await store.take('lookup', '1.1.1.1', 0, bucket)).toEqual({ allowed: true });
    expect(await store.take('lookup', '1.1.1.1', 1, bucket)).toEqual({ allowed: true });
    expect((await store.take('lookup', '1.1.1.1', 2, bucket)).allowed).toBe(false);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', msg: expect.stringMatching(/kept in memory/) });
    await store.take('lookup', '1.1.1.1', 61_000, bucket);
    expect(lines).toHaveLength(2);
  });
});
