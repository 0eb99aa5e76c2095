import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log.ts';
import { DiskGuard } from './disk-guard.ts';
import { StorageFullError, storageFault } from './faults.ts';

const dir = mkdtempSync(join(tmpdir(), 'evotare-disk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noExplicitAny: a scratch table, not the schema
async function scratch(guard: DiskGuard): Promise<Kysely<any>> {
  // biome-ignore lint/suspicious/noExplicitAny: as above
  const db = new Kysely<any>({ dialect: new PGliteDialect({ pglite: new PGlite() }), plugins: [guard.plugin()] });
  await sql`create table t (x int)`.execute(db);
  return db;
}

describe('the disk guard of the embedded database', () => {
  it('refuses writes while the filesystem has less free space than the margin, and logs it once', async () => {
    const lines: string[] = [];
    let margin = Number.MAX_SAFE_INTEGER;
    const guard = new DiskGuard(dir, {
      minFreeBytes: margin,
      log: createLogger((l) => lines.push(l)),
      checkEveryMs: 0,
    });
    const db = await scratch(guard);
    try {
      const insert = db.insertInto('t').values({ x: 1 }).execute();
      await expect(insert).rejects.toThrow(StorageFullError);
      await expect(insert).rejects.toThrow(/MB free, less than the .* MB kept free/);
      await expect(db.updateTable('t').set({ x: 2 }).execute()).rejects.toThrow(StorageFullError);
      expect(await db.selectFrom('t').selectAll().execute()).toEqual([]); // reads still work
      expect(guard.status().full).toBe(true);
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'error', msg: 'storage full: writes are refused', dir });
      expect(storageFault(await insert.catch((e) => e))).toMatch(/MB free/);
      margin = 0;
      const relaxed = new DiskGuard(dir, { minFreeBytes: margin, checkEveryMs: 0 });
      const db2 = await scratch(relaxed);
      await db2.insertInto('t').values({ x: 1 }).execute();
      await db2.destroy();
    } finally {
      await db.destroy();
    }
  });

  it('refuses every query once the database met a full disk anyway (PGlite would spin)', async () => {
    const guard = new DiskGuard(dir, { minFreeBytes: 0, checkEveryMs: 0 });
    const db = await scratch(guard);
    try {
      await db.insertInto('t').values({ x: 1 }).execute();
      guard.halt('could not write to file "pg_wal/xlogtemp.42": No space left on device');
      await expect(db.selectFrom('t').selectAll().execute()).rejects.toThrow(/stopped after: could not write/);
      expect(guard.status()).toMatchObject({ full: true, halted: expect.stringContaining('pg_wal') });
    } finally {
      await db.destroy();
    }
  });
});
