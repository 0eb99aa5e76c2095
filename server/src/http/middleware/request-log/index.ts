// One structured log line per request: id, method, route pattern, status, duration, and the
// official's name on official routes. Never bodies, query strings or headers, so neither an IDNP
// nor an activation code nor a token can end up in a log.
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../../../log.ts';
import type { AppEnv } from '../../env.ts';

export function requestLog(log: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const start = performance.now();
    await next();
    log.info('request', {
      id: c.get('requestId'),
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round((performance.now() - start) * 10) / 10,
      official: c.get('official')?.name,
    });
  };
}
