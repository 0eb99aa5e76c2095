// GET /healthz: the process answers. GET /readyz: it can reach its database.

import { Hono } from 'hono';
import { sql } from 'kysely';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/env.ts';

export function healthRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await sql`select 1`.execute(deps.db);
      return c.json({ status: 'ready', database: deps.databaseKind });
    } catch {
      return c.json({ status: 'not ready' }, 503);
    }
  });
  return app;
}
