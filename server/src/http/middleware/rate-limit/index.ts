// Rate limits per client address (token buckets held in memory, per server instance): activation
// codes cannot be guessed at speed, and one client cannot flood casting. Behind a reverse proxy,
// set `trustProxy` so the address comes from X-Forwarded-For's last hop.
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

export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const now = options.now ?? (() => Date.now());
  const perMs = options.perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  let lastSweep = now();
  return async (c, next) => {
    const t = now();
    if (t - lastSweep > 60_000 || buckets.size > 100_000) {
      // Forget buckets that have refilled: they behave like new ones.
      for (const [k, b] of buckets) if (b.tokens + (t - b.at) * perMs >= options.burst) buckets.delete(k);
      lastSweep = t;
    }
    const key = clientAddress(c, options.trustProxy ?? false);
    const b = buckets.get(key) ?? { tokens: options.burst, at: t };
    b.tokens = Math.min(options.burst, b.tokens + (t - b.at) * perMs);
    b.at = t;
    if (b.tokens < 1) {
      buckets.set(key, b);
      c.header('retry-after', String(Math.ceil((1 - b.tokens) / perMs / 1000)));
      return problem(c, 'rate-limited');
    }
    b.tokens -= 1;
    buckets.set(key, b);
    await next();
  };
}
