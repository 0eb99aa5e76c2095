// The last line of the HTTP layer: unknown routes and thrown errors become problem+json. An
// exception is a bug: it is logged with its stack, and the client gets a 500 without one.
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from '../../../log.ts';
import type { AppEnv } from '../../env.ts';
import { problem } from '../../problem.ts';

export function notFound(): NotFoundHandler<AppEnv> {
  return (c) => problem(c as Context<AppEnv>, 'not-found');
}

export function handleErrors(log: Logger): ErrorHandler<AppEnv> {
  return (e, c) => {
    if (e instanceof HTTPException && e.status < 500) {
      if (e.status === 413) return problem(c, 'payload-too-large');
      if (e.status === 401) return problem(c, 'unauthorized');
      return problem(c, 'invalid-request', { detail: e.message || undefined });
    }
    log.error('unhandled error', {
      requestId: c.get('requestId'),
      method: c.req.method,
      route: c.req.routePath,
      error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
      stack: e instanceof Error ? e.stack : undefined,
    });
    return problem(c, 'internal-error');
  };
}
