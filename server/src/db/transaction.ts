// Serializable transactions with retry. Every transaction that appends to the board runs here.
// The isolation level is set in SQL as the transaction's first statement: Kysely's PGlite driver
// ignores `setIsolationLevel`. PostgreSQL may abort a serializable transaction that conflicts
// with another (SQLSTATE 40001) or pick it as a deadlock victim (40P01); both are retried.
import { setTimeout as sleep } from 'node:timers/promises';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

export type Tx = Transaction<Database>;

const RETRYABLE = new Set(['40001', '40P01']);

export function isRetryableConflict(e: unknown): boolean {
  return typeof e === 'object' && e !== null && RETRYABLE.has((e as { code?: string }).code ?? '');
}

export async function serializable<T>(
  db: Kysely<Database>,
  work: (tx: Tx) => Promise<T>,
  { attempts = 10, retryOn }: { attempts?: number; retryOn?: (e: unknown) => boolean } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (tx) => {
        await sql`set transaction isolation level serializable`.execute(tx);
        return await work(tx);
      });
    } catch (e) {
      if (!(isRetryableConflict(e) || retryOn?.(e)) || attempt >= attempts) throw e;
      await sleep(Math.random() * 5 * attempt);
    }
  }
}

/** SQLSTATE of a database error, if it is one. */
export function sqlState(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null ? (e as { code?: string }).code : undefined;
}
