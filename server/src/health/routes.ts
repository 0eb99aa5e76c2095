// GET /healthz: the process answers (no database involved, so it answers whatever the database
// does). GET /readyz: the server can serve voters — its database answers within two seconds and,
// on the embedded database, the disk has room for writes (../db/disk-guard.ts). A load balancer
// sends traffic to ready instances only.

import { Hono } from 'hono';
import { sql } from 'kysely';
import { withTimeout } from '../db/transaction.ts';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/env.ts';

const READY_TIMEOUT_MS = 2000;

export function healthRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const storage = deps.storage?.();
    if (storage?.full) return c.json({ status: 'not ready', reason: 'storage full' }, 503);
    try {
      await withTimeout(sql`select 1`.execute(deps.db), READY_TIMEOUT_MS);
      return c.json({ status: 'ready', database: deps.databaseKind });
    } catch {
      return c.json({ status: 'not ready', reason: 'database unreachable' }, 503);
    }
  });
  return app;
}
