// Prometheus metrics at GET /metrics (prom-client), one registry per app so that several apps in
// one process (the tests) do not share counters:
//   evotare_http_requests_total{method,route,status}, evotare_http_request_duration_seconds{method,route}
//   evotare_ballots_cast_total{outcome}                  accepted (2xx) or refused, by the casting route's answer
//   evotare_ballot_verification_queued / _verifying      ballots waiting for a worker thread / being verified
//   evotare_db_pool_{max,total,idle,waiting}             PostgreSQL's connection pool (absent on PGlite)
//   and Node's process metrics (memory, CPU, event-loop lag, GC).
// Labels carry route patterns (`/api/v1/elections/:id/ballots`), never paths or ids, so the number
// of series stays bounded and nothing about a voter is in them. Still, they show the service's
// internals (traffic by route, the verification queue, the pool), so /metrics answers only an
// official whose role may read it (observer or administrator: ../officials/roles.ts) with the token
// as a bearer token — 401 problem+json without one; Prometheus scrapes with an observer's token
// (docs/OPERATIONS.md). /healthz and /readyz stay open for load balancers.
import { Hono, type MiddlewareHandler } from 'hono';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/env.ts';
import { officialAuth } from '../http/middleware/official-auth/index.ts';
import { METRICS_PATH } from '../officials/roles.ts';

const CAST_ROUTE = '/api/v1/elections/:id/ballots';

export interface Metrics {
  readonly registry: Registry;
  /** Counts and times every request (mounted first). */
  readonly middleware: MiddlewareHandler<AppEnv>;
  /** GET /metrics, for observers and administrators. */
  readonly routes: Hono<AppEnv>;
}

/** Node's process metrics, registered once per process (they watch the event loop and the GC). */
let processRegistry: Registry | null = null;
function processMetrics(): Registry {
  if (processRegistry === null) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export function createMetrics(deps: Pick<Deps, 'db' | 'ballots' | 'pool'>): Metrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'evotare_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'evotare_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const casts = new Counter({
    name: 'evotare_ballots_cast_total',
    help: 'Ballots cast: accepted (a receipt returned) or refused',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const gauge = (name: string, help: string, read: () => number | undefined) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const value = read();
        if (value !== undefined) this.set(value);
      },
    });
  gauge(
    'evotare_ballot_verification_queued',
    'Ballots waiting for a verification worker',
    () => deps.ballots.load?.().queued,
  );
  gauge(
    'evotare_ballot_verification_verifying',
    'Ballots a worker is verifying now',
    () => deps.ballots.load?.().verifying,
  );
  if (deps.pool) {
    const pool = deps.pool;
    gauge('evotare_db_pool_max', 'Connections the pool may open', () => pool().max);
    gauge('evotare_db_pool_total', 'Connections open', () => pool().total);
    gauge('evotare_db_pool_idle', 'Connections open and idle', () => pool().idle);
    gauge('evotare_db_pool_waiting', 'Queries waiting for a connection', () => pool().waiting);
  }

  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const stop = duration.startTimer();
    try {
      await next();
    } finally {
      // An unmatched path has no pattern: one label for all of them.
      const route = c.req.routePath === '/*' ? 'unmatched' : c.req.routePath;
      stop({ method: c.req.method, route });
      requests.inc({ method: c.req.method, route, status: String(c.res.status) });
      if (c.req.method === 'POST' && c.req.routePath === CAST_ROUTE) {
        casts.inc({ outcome: c.res.status < 300 ? 'accepted' : 'refused' });
      }
    }
  };
  const routes = new Hono<AppEnv>();
  routes.get(METRICS_PATH, officialAuth(deps.db), async (c) => {
    const text = `${await processMetrics().metrics()}\n${await registry.metrics()}`;
    return c.body(text, 200, { 'content-type': registry.contentType });
  });
  return { registry, middleware, routes };
}
