// The HTTP application: one Hono sub-app per resource, mounted under /api/v1; everything under
// /api/v1/admin requires an official's token. Errors are problem+json (./http/problem.ts).
import { readFileSync } from 'node:fs';
import { boothRoutes } from '@evotare/client/serve';
import { consoleRoutes } from '@evotare/client/serve/console';
import { verifierPageRoutes } from '@evotare/client/serve/verifier-page';
import { LANGUAGES } from '@evotare/verifier/i18n';
import { Hono } from 'hono';
import { languageDetector } from 'hono/language';
import { requestId } from 'hono/request-id';
import { z } from 'zod';
import { attachmentRoutes } from './attachments/routes.ts';
import { boardRoutes } from './board/routes.ts';
import { castingRoutes } from './casting/routes.ts';
import { ceremonyAdminRoutes, ceremonyRoutes } from './ceremony/routes.ts';
import { consoleAdminRoutes } from './console/routes.ts';
import { credentialAdminRoutes, credentialRoutes } from './credentials/routes.ts';
import type { Deps } from './deps.ts';
import { electionAdminRoutes, electionRoutes } from './elections/routes.ts';
import { healthRoutes } from './health/routes.ts';
import type { AppEnv } from './http/env.ts';
import { answers, checkAnswers } from './http/middleware/answers/index.ts';
import { officialAuth } from './http/middleware/official-auth/index.ts';
import { handleErrors, notFound } from './http/middleware/problems/index.ts';
import { type BucketStore, type RateLimitOptions, rateLimit } from './http/middleware/rate-limit/index.ts';
import { requestLog } from './http/middleware/request-log/index.ts';
import { securityHeaders } from './http/middleware/security-headers/index.ts';
import { openApiDocument } from './http/openapi.ts';
import { createMetrics } from './metrics/metrics.ts';
import { mixingAdminRoutes, mixingRoutes } from './mixing/routes.ts';
import { observerAdminRoutes, observerRoutes } from './observers/routes.ts';
import { officialAdminRoutes } from './officials/routes.ts';
import { rollAdminRoutes } from './roll/routes.ts';
import { resultsPageRoutes } from './tally/results-page.ts';
import { tallyAdminRoutes, tallyRoutes } from './tally/routes.ts';

/** The server package's version (in the OpenAPI document). */
const SERVER_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface AppOptions {
  readonly rateLimits?: {
    readonly activation?: RateLimitOptions;
    readonly casting?: RateLimitOptions;
    readonly lookup?: RateLimitOptions;
  };
  /** Where the rate limits' buckets live; default: in memory (the server shares them through the database). */
  readonly rateLimitStore?: BucketStore;
  /** Check every success against its route's declared answer (the tests; ./http/middleware/answers). */
  readonly checkAnswers?: boolean;
  /** Extra sub-apps mounted under /api/v1/elections (casting, the key ceremony). */
  readonly electionRoutes?: ReadonlyArray<
    (deps: Deps, limits: { casting: ReturnType<typeof rateLimit> }) => Hono<AppEnv>
  >;
}

export const DEFAULT_RATE_LIMITS = {
  /** Activation: a person types a code a few times; a script guessing codes is slowed to a crawl. */
  activation: { burst: 10, perMinute: 10 },
  /** Casting: re-votes and retries, generously; many voters can share a consulate's address. */
  casting: { burst: 120, perMinute: 600 },
  /** Public look-ups of one ballot (its receipt, or a typed tracking code): a voter checks a few times. */
  lookup: { burst: 60, perMinute: 120 },
} as const satisfies Record<string, RateLimitOptions>;

export function createApp(deps: Deps, options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const metrics = createMetrics(deps);
  app.use(metrics.middleware);
  app.use(requestId());
  app.use(
    languageDetector({
      supportedLanguages: [...LANGUAGES],
      fallbackLanguage: 'ro',
      order: ['querystring', 'header'],
      lookupQueryString: 'lang',
      caches: false,
    }),
  );
  app.use(requestLog(deps.log));
  app.use(securityHeaders());
  if (options.checkAnswers) app.use(checkAnswers());
  app.onError(handleErrors(deps.log));
  app.notFound(notFound());

  const limit = (scope: keyof typeof DEFAULT_RATE_LIMITS) =>
    rateLimit({
      ...(options.rateLimits?.[scope] ?? DEFAULT_RATE_LIMITS[scope]),
      scope,
      ...(options.rateLimitStore ? { store: options.rateLimitStore } : {}),
    });
  const activationLimit = limit('activation');
  const castingLimit = limit('casting');
  const lookupLimit = limit('lookup');

  app.route('/', healthRoutes(deps));
  app.route('/', metrics.routes);

  const api = new Hono<AppEnv>();
  api.route('/elections', electionRoutes(deps));
  api.route('/elections', credentialRoutes(deps, activationLimit));
  api.route('/elections', boardRoutes(deps, { lookup: lookupLimit }));
  api.route('/elections', castingRoutes(deps, { casting: castingLimit, lookup: lookupLimit }));
  api.route('/elections', ceremonyRoutes(deps));
  api.route('/elections', observerRoutes(deps));
  api.route('/elections', attachmentRoutes(deps));
  api.route('/elections', mixingRoutes(deps));
  api.route('/elections', tallyRoutes(deps));

  const admin = new Hono<AppEnv>();
  admin.use(officialAuth(deps.db, { mountedAt: '/api/v1/admin' }));
  admin.route('/elections', electionAdminRoutes(deps));
  admin.route('/elections', ceremonyAdminRoutes(deps));
  admin.route('/elections', rollAdminRoutes(deps));
  admin.route('/elections', credentialAdminRoutes(deps));
  admin.route('/elections', observerAdminRoutes(deps));
  admin.route('/elections', mixingAdminRoutes(deps));
  admin.route('/elections', tallyAdminRoutes(deps));
  admin.route('/elections', consoleAdminRoutes(deps));
  admin.route('/officials', officialAdminRoutes(deps));
  api.route('/admin', admin);

  // The OpenAPI document of every /api route, from the zod schemas they validate with.
  let openApi: string | null = null;
  const document = z.looseObject({ openapi: z.literal('3.1.0'), info: z.looseObject({}), paths: z.looseObject({}) });
  api.get('/openapi.json', answers(200, document, 'this OpenAPI 3.1 document'), (c) => {
    openApi ??= JSON.stringify(openApiDocument(app, SERVER_VERSION));
    return c.body(openApi, 200, { 'content-type': 'application/json' });
  });
  app.route('/api/v1', api);
  app.route('/elections', resultsPageRoutes(deps));
  // The verifier page (client/src/verify): the standalone verifier's checks in the browser.
  app.route('/', verifierPageRoutes());
  // The officials' console (client/src/console/): a page; its data comes from the admin API.
  app.route('/', consoleRoutes());
  // The voters' booth: its pages and its bundled script (client/).
  app.route('/', boothRoutes());
  return app;
}
