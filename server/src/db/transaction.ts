// Serializable transactions with retry. Every transaction that appends to the board runs here.
// The isolation level is set in SQL as the transaction's first statement: Kysely's PGlite driver
// ignores `setIsolationLevel`. PostgreSQL may abort a serializable transaction that conflicts
// with another (SQLSTATE 40001) or pick it as a deadlock victim (40P01); both are retried.
//
// A lost connection (PostgreSQL restarting, ./faults.ts) is retried too, with a growing pause,
// when it is certain that the attempt did not commit — it failed before COMMIT was sent, and a
// PostgreSQL transaction whose connection drops is rolled back — or when the caller says that the
// work is idempotent (running it again after a commit changes nothing: a ballot already on the
// board is found by its tracking code). A failure during COMMIT of other work is not retried: it
// may have committed, and the client is told 503 and asks again.
//
// `lockKey`: a session-level advisory lock on that key is taken on the connection *before* the
// transaction begins, and released after it ends. The snapshot of a SERIALIZABLE transaction is
// taken by its first query; taken after the wait, it sees everything the previous holder of the
// lock committed, so a writer that had to wait for another server instance does not read a stale
// board tail and fail on the primary key (docs/OPERATIONS.md, "Several instances").
// With `timeoutMs`, the connection's lock waits (the advisory lock, row locks) are bounded by
// PostgreSQL's lock_timeout too: an attempt abandoned after `timeoutMs` (its caller told 503) must
// not leave its pooled connection waiting for ever on a lock that a stuck instance holds — enough
// of those and the pool has no connection left for anyone.
import { setTimeout as sleep } from 'node:timers/promises';
import { type Kysely, sql, type Transaction } from 'kysely';
import { DatabaseTimeoutError, isDatabaseUnavailable } from './faults.ts';
import type { Database } from './schema.ts';

export type Tx = Transaction<Database>;

const RETRYABLE = new Set(['40001', '40P01']);

export function isRetryableConflict(e: unknown): boolean {
  return typeof e === 'object' && e !== null && RETRYABLE.has((e as { code?: string }).code ?? '');
}

export interface SerializableOptions {
  /** Attempts in all, for conflicts and for lost connections. */
  readonly attempts?: number;
  readonly retryOn?: (e: unknown) => boolean;
  /** Advisory lock taken before the transaction's snapshot (see above). */
  readonly lockKey?: string;
  /** Running `work` again after it committed is harmless. */
  readonly idempotent?: boolean;
  /** An attempt that takes longer fails with DatabaseTimeoutError and is not retried. */
  readonly timeoutMs?: number;
  /** Called for each failed attempt that is retried. */
  readonly onRetry?: (e: unknown) => void;
}

/** Pause before retrying after a lost connection: 0.1, 0.2, 0.4 … s, at most 2 s. */
const reconnectPause = (attempt: number) => Math.min(2000, 100 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
/** No new attempt after a lost connection once this much time has passed since the first. */
const RECONNECT_FOR_MS = 10_000;

export async function serializable<T>(
  db: Kysely<Database>,
  work: (tx: Tx) => Promise<T>,
  { attempts = 10, retryOn, lockKey, idempotent = false, timeoutMs, onRetry }: SerializableOptions = {},
): Promise<T> {
  const started = performance.now();
  for (let attempt = 1; ; attempt++) {
    let committing = false;
    const transaction = (conn: Kysely<Database>) =>
      conn.transaction().execute(async (tx) => {
        await sql`set transaction isolation level serializable`.execute(tx);
        const value = await work(tx);
        committing = true;
        return value;
      });
    const run =
      lockKey === undefined
        ? () => transaction(db)
        : () =>
            db.connection().execute(async (conn) => {
              if (timeoutMs !== undefined)
                await sql`select set_config('lock_timeout', ${`${timeoutMs}ms`}, false)`.execute(conn);
              try {
                await sql`select pg_advisory_lock(hashtextextended(${lockKey}, 0))`.execute(conn);
                try {
                  return await transaction(conn);
                } finally {
                  // Fails only if the connection is gone, and the lock went with it.
                  await sql`select pg_advisory_unlock(hashtextextended(${lockKey}, 0))`.execute(conn).catch(() => {});
                }
              } finally {
                if (timeoutMs !== undefined) await sql`reset lock_timeout`.execute(conn).catch(() => {});
              }
            });
    try {
      return await (timeoutMs === undefined ? run() : withTimeout(run(), timeoutMs));
    } catch (e) {
      if (e instanceof DatabaseTimeoutError || attempt >= attempts) throw e;
      if (isRetryableConflict(e) || retryOn?.(e)) {
        onRetry?.(e);
        await sleep(Math.random() * 5 * attempt);
      } else if (
        isDatabaseUnavailable(e) &&
        (!committing || idempotent) &&
        performance.now() - started < RECONNECT_FOR_MS
      ) {
        onRetry?.(e);
        await sleep(reconnectPause(attempt));
      } else {
        throw e;
      }
    }
  }
}

/** `p`, or DatabaseTimeoutError after `ms` (the work itself goes on; its outcome is ignored). */
export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseTimeoutError(ms)), ms);
  });
  p.catch(() => {}); // its failure after the timeout is not an unhandled rejection
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** SQLSTATE of a database error, if it is one. */
export function sqlState(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null ? (e as { code?: string }).code : undefined;
}
