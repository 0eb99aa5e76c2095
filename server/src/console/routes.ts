// GET /api/v1/admin/elections/:id/console — everything the officials' console shows of one
// election (./console.ts), for any official's role (it only reads).
import { Hono } from 'hono';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/env.ts';
import { send } from '../http/request.ts';
import { consoleView } from './console.ts';

export function consoleAdminRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/:id/console', async (c) => {
    const { name, role } = c.get('official');
    return send(c, await consoleView(deps, c.req.param('id'), { name, role }));
  });
  return app;
}
