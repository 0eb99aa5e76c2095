// Starts the server: database (PostgreSQL or PGlite), authority key, ballot verification workers,
// HTTP. On an empty embedded database it also creates the first official's token, in the data
// directory, for the CLI (with PostgreSQL, `evotare officials bootstrap` does, from any machine).
// Once the database is open, the authority key is derived on libuv's thread pool while the services
// and the HTTP side (the app and its routes, the booth's files) load on the main thread; the server
// listens once all of it is ready, and the ballot verification threads start after that (docs/PERFORMANCE.md, "The cold start").

import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadAuthorityKey } from './authority/authority.ts';
import type { Config } from './config.ts';
import { type DatabaseHandle, openDatabase } from './db/database.ts';
import type { Deps } from './deps.ts';
import { createLogger, type Logger } from './log.ts';

/**
 * Node's HTTP limits (docs/OPERATIONS.md, "Reliability"): a client has EVOTARE_HEADERS_TIMEOUT_MS
 * (10 s) to send its headers and EVOTARE_REQUEST_TIMEOUT_MS (30 s) for the whole request (a ballot
 * is at most 400 KB), an idle keep-alive connection is closed after 5 s, and the limits are
 * checked every 250 ms rather than Node's default 30 s, so a slow-loris client is cut off on time.
 */
function httpTimeouts(config: Config) {
  return {
    headersTimeout: config.headersTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: 5_000,
    connectionsCheckingInterval: 250,
  } as const;
}

/** How long closing waits for requests in flight, then for the database. */
const CLOSE_GRACE_MS = 10_000;

/** Waits for `p` at most `ms`, then calls `late` (whose throw becomes the result). */
async function deadline(p: Promise<void>, ms: number, late: () => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
    timer.unref();
  });
  const outcome = await Promise.race([p.then(() => 'done' as const), expired]);
  clearTimeout(timer);
  if (outcome === 'late') late();
}

export interface RunningServer {
  readonly url: string;
  readonly deps: Deps;
  readonly handle: DatabaseHandle;
  close(): Promise<void>;
}

/** The services' modules beyond the database and the authority key. */
async function loadServices() {
  const [
    { NodeCache },
    { BoardWriter },
    { BallotVerifierPool },
    { CODE_SCRYPT },
    { activationCodeProvider },
    { ServerWorkers },
  ] = await Promise.all([
    import('./board/nodes.ts'),
    import('./board/writer.ts'),
    import('./casting/verify-pool.ts'),
    import('./credentials/activation-code.ts'),
    import('./credentials/activation-code-provider.ts'),
    import('./workers.ts'),
  ]);
  return { NodeCache, BoardWriter, BallotVerifierPool, CODE_SCRYPT, activationCodeProvider, ServerWorkers };
}

/**
 * Opens everything the server needs, without listening. The database opens first; then the
 * authority key's derivation starts (≈ 0.35 s of scrypt on libuv's thread pool, the longest step
 * of a start) and the services' modules load on this thread meanwhile, with whatever `meanwhile`
 * starts (the HTTP side, for `startServer`): loaded before, they would hold the derivation back.
 */
export async function openServices(
  config: Config,
  log: Logger,
  meanwhile: () => void = () => {},
): Promise<{ deps: Deps; handle: DatabaseHandle }> {
  const handle = config.databaseUrl
    ? await openDatabase({
        url: config.databaseUrl,
        poolSize: config.poolSize,
        ...(config.migrationDatabaseUrl ? { migrationUrl: config.migrationDatabaseUrl } : {}),
        log,
      })
    : await openDatabase({ dataDir: config.dataDir, minFreeBytes: config.minFreeBytes, log });
  try {
    const started = Promise.withResolvers<void>();
    const key = loadAuthorityKey(handle.db, config.authorityPassphrase, { derivationStarted: started.resolve });
    // Modules load in long synchronous steps: started first, the derivation would wait for them.
    // A key that fails before its derivation starts ends the wait too (Promise.all below throws it).
    const settled = key.then(
      () => {},
      () => {},
    );
    await Promise.race([started.promise, settled]);
    meanwhile();
    const [
      { NodeCache, BoardWriter, BallotVerifierPool, CODE_SCRYPT, activationCodeProvider, ServerWorkers },
      authority,
    ] = await Promise.all([loadServices(), key]);
    const nodes = new NodeCache();
    const codeScrypt = { ...CODE_SCRYPT, N: 2 ** config.activationCodeCost };
    const deps: Deps = {
      db: handle.db,
      databaseKind: handle.kind,
      ...(handle.storage ? { storage: handle.storage } : {}),
      ...(handle.pool ? { pool: handle.pool } : {}),
      authority,
      nodes,
      writer: new BoardWriter(handle.db, authority, { nodes, log }),
      identity: activationCodeProvider(handle.db, codeScrypt),
      codeScrypt,
      ballots: new BallotVerifierPool(config.verifyThreads ? { threads: config.verifyThreads } : {}),
      log,
      workers: new ServerWorkers(),
      allowThresholdOne: config.allowThresholdOne,
    };
    return { deps, handle };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/** The file where the first official's token is written on a fresh installation. */
export function officialTokenFile(config: Config): string {
  return join(config.dataDir, 'official-token');
}

/** What serving HTTP needs beyond the services, with the booth's files read (or built). */
async function loadHttp() {
  const [app, node, assets, verifierPage, schedule, buckets, officials] = await Promise.all([
    import('./app.ts'),
    import('@hono/node-server'),
    import('@evotare/client/serve/assets.ts'),
    import('@evotare/client/serve/verifier-page'),
    import('./elections/schedule.ts'),
    import('./http/middleware/rate-limit/database-buckets.ts'),
    import('./officials/officials.ts'),
  ]);
  // The booth's bundle and the verifier page's are read (or, with no prebuilt client/dist, built)
  // now, never on a request.
  const [booth, verifier] = await Promise.all([assets.boothAssets(), verifierPage.verifierPageAssets()]);
  return { ...app, ...node, ...schedule, ...buckets, ...officials, booth, verifier };
}
type Http = Awaited<ReturnType<typeof loadHttp>>;

export async function startServer(
  config: Config,
  log: Logger = createLogger(undefined, config.logLevel),
): Promise<RunningServer> {
  let http: ReturnType<typeof loadHttp> | undefined;
  const { deps, handle } = await openServices(config, log, () => {
    http = loadHttp();
    http.catch(() => {}); // awaited below, unless opening the services failed first
  });
  try {
    return await listen(config, log, deps, handle, await http!);
  } catch (e) {
    await deps.ballots.close();
    await deps.workers.close();
    await handle.close();
    throw e;
  }
}

async function listen(
  config: Config,
  log: Logger,
  deps: Deps,
  handle: DatabaseHandle,
  {
    createApp,
    DEFAULT_RATE_LIMITS,
    serve,
    VotingSchedule,
    databaseBuckets,
    bootstrapOfficial,
    hasOfficials,
    booth,
    verifier,
  }: Http,
): Promise<RunningServer> {
  if (!(await hasOfficials(deps.db))) {
    if (config.bootstrapOfficial) {
      const first = await bootstrapOfficial(deps.db, 'cec-admin');
      if (first.ok) {
        mkdirSync(config.dataDir, { recursive: true });
        writeFileSync(officialTokenFile(config), `${first.value.token}\n`, { mode: 0o600 });
        log.info('first official created', { official: 'cec-admin', file: officialTokenFile(config) });
      }
    } else {
      log.warn('no official yet: make the first administrator with `evotare officials bootstrap`', {});
    }
  }
  const limit = (n: number | undefined, fallback: { burst: number; perMinute: number }) => ({
    ...(n === undefined ? fallback : { burst: n, perMinute: n }),
    trustProxy: config.trustProxy,
  });
  const app = createApp(deps, {
    rateLimits: {
      activation: limit(config.rateLimits.activation, DEFAULT_RATE_LIMITS.activation),
      casting: limit(config.rateLimits.casting, DEFAULT_RATE_LIMITS.casting),
      lookup: limit(config.rateLimits.lookup, DEFAULT_RATE_LIMITS.lookup),
    },
    // Shared by every instance on the database: N instances give one budget per client, not N.
    rateLimitStore: databaseBuckets(deps.db, log),
  });
  if (booth.built) log.info('booth bundle built', { script: booth.js.file, style: booth.css.file });
  if (booth.stale) log.warn('booth bundle older than its sources, and client/dist is not writable: run npm run build');
  if (verifier.built) log.info('verifier page bundle built', { script: verifier.js.file });
  if (verifier.stale)
    log.warn('verifier page older than its sources, and client/dist is not writable: run npm run build');
  const timeouts = httpTimeouts(config);
  const server: Server = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host, serverOptions: timeouts }, () =>
      resolve(s as Server),
    );
  });
  server.maxConnections = config.maxConnections;
  const schedule = new VotingSchedule(deps, { tickMs: config.scheduleTickMs });
  schedule.start();
  server.keepAliveTimeout = timeouts.keepAliveTimeout;
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  log.info('listening', { url, database: handle.kind, dataDir: handle.kind === 'pglite' ? config.dataDir : undefined });
  deps.ballots.start?.();
  let closing: Promise<void> | null = null;
  return {
    url,
    deps,
    handle,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await deadline(closed, CLOSE_GRACE_MS, () => server.closeAllConnections());
        await schedule.stop();
        await deps.ballots.close();
        await deps.workers.close();
        // A stuck database (a full disk) must not keep the process from ending.
        await deadline(handle.close(), CLOSE_GRACE_MS, () => {
          throw new Error(`the database did not close within ${CLOSE_GRACE_MS} ms`);
        });
      })();
      return closing;
    },
  };
}
