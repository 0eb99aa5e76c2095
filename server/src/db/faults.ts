// What a database error means for the request that met it. Two kinds of fault are not bugs and
// must never become a 500 or crash the process (docs/OPERATIONS.md, "Reliability"):
// - the database is unreachable for a while (PostgreSQL restarting, failing over, a connection
//   cut): the request is answered 503 with Retry-After, logged as a warning;
// - the storage is full (PostgreSQL's class 53 errors, or the embedded database's own disk guard,
//   ./disk-guard.ts): the request is answered 503, logged as an error naming the cause.

/** SQLSTATE classes and codes of an unreachable or restarting server (PostgreSQL appendix A). */
const UNAVAILABLE_STATES = new Set([
  '57P01', // admin_shutdown: the server is stopping (pg_ctl stop/restart -m fast)
  '57P02', // crash_shutdown: another backend crashed (pg_ctl stop -m immediate)
  '57P03', // cannot_connect_now: the server is starting up or shutting down
  '57P05', // idle_session_timeout
  '55P03', // lock_not_available: lock_timeout expired (a lock held by a stuck instance, ./transaction.ts)
]);
const UNAVAILABLE_ERRNO = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/, // pg: the socket closed under a query
  /^timeout exceeded when trying to connect/, // pg-pool: connectionTimeoutMillis
  /^Client has encountered a connection error and is not queryable/,
  /^Connection is closed/,
];

/** The storage holding the database is full. */
export class StorageFullError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'StorageFullError';
  }
}

/** A write did not finish in time: the database is stuck (a full disk on PGlite, a hung server). */
export class DatabaseTimeoutError extends Error {
  constructor(ms: number) {
    super(`the database did not finish a write within ${ms} ms`);
    this.name = 'DatabaseTimeoutError';
  }
}

function field(e: unknown, name: 'code' | 'message'): string {
  if (typeof e !== 'object' || e === null) return '';
  const v = (e as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : '';
}

/** The error, or the one it wraps, that says why a database call failed. */
function causes(e: unknown): unknown[] {
  const out: unknown[] = [];
  for (let c = e, i = 0; c !== undefined && c !== null && i < 5; c = (c as { cause?: unknown }).cause, i++) {
    out.push(c);
    if (typeof c !== 'object') break;
  }
  return out;
}

/** The database cannot be reached just now; the same request may succeed in a few seconds. */
export function isDatabaseUnavailable(e: unknown): boolean {
  return causes(e).some((c) => {
    const code = field(c, 'code');
    if (code.startsWith('08') || UNAVAILABLE_STATES.has(code) || UNAVAILABLE_ERRNO.has(code)) return true;
    if (c instanceof DatabaseTimeoutError) return true;
    const message = field(c, 'message');
    return UNAVAILABLE_MESSAGES.some((m) => m.test(message));
  });
}

/** PostgreSQL class 53 (insufficient resources: 53100 disk_full, 53200 out_of_memory, …). */
export function storageFault(e: unknown): string | null {
  for (const c of causes(e)) {
    if (c instanceof StorageFullError) return c.message;
    const code = field(c, 'code');
    if (code === '53100') return `PostgreSQL: the disk is full (SQLSTATE 53100): ${field(c, 'message')}`;
    if (code.startsWith('53')) return `PostgreSQL: insufficient resources (SQLSTATE ${code}): ${field(c, 'message')}`;
    if (code === 'ENOSPC') return `no space left on the device: ${field(c, 'message')}`;
  }
  return null;
}

/** Seconds a client should wait before trying again after a database fault. */
export const RETRY_AFTER_SECONDS = 5;
