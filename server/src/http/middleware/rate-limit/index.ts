// Rate limits per client address, as token buckets: activation codes cannot be guessed at speed,
// and one client cannot flood casting. The buckets live in the database (./database-buckets.ts)
// when the server runs, so that N instances behind a proxy give one budget, not N; in memory
// (`memoryBuckets`) for a single app in tests. Behind a reverse proxy, set `trustProxy` so the
// address comes from X-Forwarded-For's last hop.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../env.ts';
import { problem } from '../../problem.ts';

export interface RateLimitOptions {
  /** Requests allowed in a burst. */
  readonly burst: number;
  /** Requests per minute once the burst is spent. */
  readonly perMinute: number;
  readonly trustProxy?: boolean;
  readonly now?: () => number;
  /** Where the buckets are kept; default: in this process's memory. */
  readonly store?: BucketStore;
  /** Which limit this is (its buckets are apart from another limit's in a shared store). */
  readonly scope?: string;
}

export interface Bucket {
  readonly burst: number;
  /** Tokens that come back per millisecond. */
  readonly perMs: number;
}

/** Takes a token from one client's bucket: allowed, or refused with the wait until one is back. */
export type Taken = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

export interface BucketStore {
  take(scope: string, client: string, now: number, bucket: Bucket): Promise<Taken>;
}

export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // not on a Node.js socket (app.request in tests)
  }
}

/** The wait until a bucket holding `tokens` (< 1) has one again. */
export const retryAfterMs = (tokens: number, bucket: Bucket) => (1 - tokens) / bucket.perMs;

/** Buckets in this process's memory: one instance's own budget. */
export function memoryBuckets(): BucketStore {
  const buckets = new Map<string, { tokens: number; at: number }>();
  let lastSweep = Number.NEGATIVE_INFINITY;
  return {
    async take(scope, client, t, { burst, perMs }) {
      if (t - lastSweep > 60_000 || buckets.size > 100_000) {
        // Forget buckets that have refilled: they behave like new ones.
        for (const [k, b] of buckets) if (b.tokens + (t - b.at) * perMs >= burst) buckets.delete(k);
        lastSweep = t;
      }
      const key = `${scope}\n${client}`;
      const b = buckets.get(key) ?? { tokens: burst, at: t };
      b.tokens = Math.min(burst, b.tokens + Math.max(0, t - b.at) * perMs);
      b.at = t;
      buckets.set(key, b);
      if (b.tokens < 1) return { allowed: false, retryAfterMs: retryAfterMs(b.tokens, { burst, perMs }) };
      b.tokens -= 1;
      return { allowed: true };
    },
  };
}

export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const now = options.now ?? (() => Date.now());
  const bucket: Bucket = { burst: options.burst, perMs: options.perMinute / 60_000 };
  const store = options.store ?? memoryBuckets();
  const scope = options.scope ?? 'default';
  return async (c, next) => {
    const taken = await store.take(scope, clientAddress(c, options.trustProxy ?? false), now(), bucket);
    if (!taken.allowed) {
      c.header('retry-after', String(Math.ceil(taken.retryAfterMs / 1000)));
      return problem(c, 'rate-limited');
    }
    await next();
  };
}
