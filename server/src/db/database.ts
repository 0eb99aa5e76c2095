// Opens the database: PostgreSQL through `pg` when a URL is given, otherwise PGlite (PostgreSQL
// compiled to WebAssembly) in a data directory guarded by a lock file. The same migrations serve
// both. PGlite never calls fsync: it is for one-command trials; a pilot runs on PostgreSQL. Each
// driver is imported when it is used: a server on PostgreSQL does not load PGlite, nor one on
// PGlite `pg`.
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import type { Logger } from '../log.ts';
import { DiskGuard, type StorageStatus } from './disk-guard.ts';
import { storageFault } from './faults.ts';
import { type LockFile, lockDataDirectory } from './lock-file.ts';
import { migrations } from './migrations/index.ts';
import { checkRuntimeRole, currentRole, grantRuntimeRole, ownsBoard, pendingMigrations } from './roles.ts';
import type { Database } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgresql';

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly kind: DatabaseKind;
  /** PGlite in a data directory: the free space there (./disk-guard.ts). */
  storage?(): StorageStatus;
  /** PostgreSQL: the connection pool's clients now (for /metrics). */
  pool?(): PoolStatus;
  close(): Promise<void>;
}

export interface PoolStatus {
  readonly max: number;
  readonly total: number;
  readonly idle: number;
  /** Queries waiting for a connection. */
  readonly waiting: number;
}

export type DatabaseOptions =
  | {
      readonly url: string;
      /** Connections in the pool (EVOTARE_DB_POOL_SIZE; default 20). */
      readonly poolSize?: number;
      /**
       * The owner role's URL (MIGRATION_DATABASE_URL): the migrations run through it, and the
       * role of `url` is granted its runtime privileges (./roles.ts). Without it, `url` migrates
       * when a migration is pending, which only an owner can.
       */
      readonly migrationUrl?: string;
      readonly log?: Logger;
    }
  | {
      readonly dataDir: string;
      /** Writes are refused while the data directory's filesystem has less free (default 64 MB). */
      readonly minFreeBytes?: number;
      readonly log?: Logger;
    }
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
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 20,
      // A request waits at most this long for a connection, then gets a 503 (./faults.ts).
      connectionTimeoutMillis: 5000,
      keepAlive: true,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8 ? int8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // A connection that PostgreSQL drops (restart, failover, a cut network) emits 'error'; with no
    // listener, Node would end the process. The pool listens on idle clients; every client also
    // gets a listener of its own when it connects, so one checked out by a request is covered. The
    // request's query fails, is retried where that is safe, or is answered 503 (./faults.ts), and
    // the pool replaces the broken client.
    const lost = (e: Error) =>
      options.log?.warn('database connection lost', {
        error: `${e.name}: ${e.message}`,
        sqlState: (e as { code?: string }).code,
      });
    pool.on('connect', (client) => client.on('error', lost));
    pool.on('error', () => {}); // an idle client's error, already logged by its own listener
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const max = options.poolSize ?? 20;
    handle = {
      db,
      kind: 'postgresql',
      pool: () => ({ max, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      close: () => db.destroy(),
    };
  } else {
    let lock: LockFile | null = null;
    let dataDir: string | undefined;
    let guard: DiskGuard | undefined;
    if ('dataDir' in options) {
      lock = lockDataDirectory(options.dataDir);
      dataDir = join(options.dataDir, 'pgdata');
      guard = new DiskGuard(options.dataDir, {
        minFreeBytes: options.minFreeBytes ?? 64 * 2 ** 20,
        ...(options.log ? { log: options.log } : {}),
      });
    }
    try {
      const { PGlite } = await import('@electric-sql/pglite');
      const pglite = await PGlite.create({ ...(dataDir ? { dataDir } : {}), parsers: { [INT8]: int8 } });
      if (guard) watchStorageFaults(pglite, guard);
      const db = new Kysely<Database>({
        dialect: new PGliteDialect({ pglite }),
        plugins: guard ? [guard.plugin()] : [],
      });
      handle = {
        db,
        kind: 'pglite',
        ...(guard ? { storage: () => guard.status() } : {}),
        close: async () => {
          // A PGlite that met a full disk would spin in close() as in any query: leave it; the
          // process is ending, and what it committed is in its WAL.
          if (guard?.status().halted === undefined) await db.destroy();
          lock?.release();
        },
      };
    } catch (e) {
      lock?.release();
      throw e;
    }
  }
  try {
    if ('url' in options && options.migrationUrl !== undefined) {
      await migrateAsOwner(options.migrationUrl, await currentRole(handle.db));
    }
    if ((await pendingMigrations(handle.db)).length > 0) await migrateToLatest(handle.db);
    if (
      'url' in options &&
      options.migrationUrl === undefined &&
      (await ownsBoard(handle.db, await currentRole(handle.db)))
    ) {
      options.log?.warn(
        "the server's database role owns the board tables and could drop their append-only triggers: run migrations as a separate owner role (docs/OPERATIONS.md, PostgreSQL roles)",
      );
    }
  } catch (e) {
    await handle.close();
    throw e;
  }
  return handle;
}

/**
 * Runs the migrations as the owner role (`ownerUrl`, one connection), then grants `runtimeRole`
 * its privileges when one is named (./roles.ts). Returns the names of the migrations it ran.
 * `evotare db migrate` and a server started with MIGRATION_DATABASE_URL call it.
 */
export async function migrateAsOwner(ownerUrl: string, runtimeRole: string | null): Promise<string[]> {
  const { default: pg } = await import('pg');
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: ownerUrl, max: 1 }) }),
  });
  try {
    if (runtimeRole !== null) await checkRuntimeRole(db, runtimeRole);
    const pending = await pendingMigrations(db);
    await migrateToLatest(db);
    if (runtimeRole !== null) await grantRuntimeRole(db, runtimeRole);
    return pending;
  } finally {
    await db.destroy();
  }
}

/** Halts `guard` when PGlite reports a full disk, in a query or inside a transaction. */
function watchStorageFaults(pglite: PGlite, guard: DiskGuard): void {
  const watch =
    <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      try {
        return await f(...a);
      } catch (e) {
        const fault = storageFault(e);
        if (fault !== null) guard.halt(fault);
        throw e;
      }
    };
  const query = pglite.query.bind(pglite);
  const transaction = pglite.transaction.bind(pglite);
  pglite.query = watch(query) as typeof pglite.query;
  pglite.transaction = ((callback: Parameters<typeof transaction>[0]) =>
    transaction((tx) => {
      tx.query = watch(tx.query.bind(tx)) as typeof tx.query;
      return callback(tx);
    })) as typeof pglite.transaction;
}

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    // 42501 insufficient_privilege: a runtime role (./roles.ts) cannot migrate, by design.
    const hint =
      (error as { code?: string }).code === '42501'
        ? ' (this role may not change the schema: run `evotare db migrate` with MIGRATION_DATABASE_URL, the owner role, first)'
        : '';
    throw new Error(`database migration ${failed ?? ''} failed: ${(error as Error).message ?? error}${hint}`, {
      cause: error,
    });
  }
}
