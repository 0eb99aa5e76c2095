// The last line of the HTTP layer: unknown routes and thrown errors become problem+json. An
// exception is a bug: it is logged with its stack, and the client gets a 500 without one. Three
// kinds of exception are not bugs (docs/OPERATIONS.md, "Reliability"): the database unreachable
// for a while (503 with Retry-After, a warning), the storage full (503 with Retry-After, an error
// naming the cause), and a client that went away mid-request (a debug line; nobody reads the answer).
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS, storageFault } from '../../../db/faults.ts';
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
    const where = { requestId: c.get('requestId'), method: c.req.method, route: c.req.routePath };
    if (c.req.raw.signal.aborted || isClientAbort(e)) {
      log.log('debug', 'request aborted by the client', where);
      return problem(c, 'invalid-request', { detail: 'the request was aborted' });
    }
    const full = storageFault(e);
    if (full !== null) {
      log.error('storage full: a write was refused', { ...where, cause: full });
      c.header('retry-after', String(RETRY_AFTER_SECONDS * 6));
      return problem(c, 'storage-full');
    }
    if (isDatabaseUnavailable(e)) {
      log.warn('database unavailable', { ...where, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
      c.header('retry-after', String(RETRY_AFTER_SECONDS));
      return problem(c, 'service-unavailable');
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

/** The client closed the connection while its body was being read. */
function isClientAbort(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return (
    (e instanceof Error && e.name === 'AbortError') || code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ABORT_ERR'
  );
}
