// Opens the database: PostgreSQL through `pg` when a URL is given, otherwise PGlite (PostgreSQL
// compiled to WebAssembly) in a data directory guarded by a lock file. The same migrations serve
// both. PGlite never calls fsync: it is for one-command trials; a pilot runs on PostgreSQL.
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { type LockFile, lockDataDirectory } from './lock-file.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgresql';

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly kind: DatabaseKind;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { readonly url: string; readonly poolSize?: number }
  | { readonly dataDir: string }
  /** PGlite in memory, for tests. */
  | { readonly inMemory: true };

const INT8 = 20;
const int8 = (text: string) => {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`integer out of range: ${text}`);
  return n;
};

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  let handle: DatabaseHandle;
  if ('url' in options) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 20,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8 ? int8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // An idle connection that the server drops (restart, failover) must not crash the process:
    // the pool replaces it, and the next query on a dead connection fails and is retried.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    handle = { db, kind: 'postgresql', close: () => db.destroy() };
  } else {
    let lock: LockFile | null = null;
    let dataDir: string | undefined;
    if ('dataDir' in options) {
      lock = lockDataDirectory(options.dataDir);
      dataDir = join(options.dataDir, 'pgdata');
    }
    try {
      const pglite = await PGlite.create({ ...(dataDir ? { dataDir } : {}), parsers: { [INT8]: int8 } });
      const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
      handle = {
        db,
        kind: 'pglite',
        close: async () => {
          await db.destroy();
          lock?.release();
        },
      };
    } catch (e) {
      lock?.release();
      throw e;
    }
  }
  try {
    await migrateToLatest(handle.db);
  } catch (e) {
    await handle.close();
    throw e;
  }
  return handle;
}

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`database migration ${failed ?? ''} failed: ${(error as Error).message ?? error}`, {
      cause: error,
    });
  }
}
