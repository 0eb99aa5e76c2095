// Starts the server: database (PostgreSQL or PGlite), authority key, ballot verification workers,
// HTTP. On an empty embedded database it also creates the first official's token, in the data
// directory, for the CLI (with PostgreSQL, `evotare officials bootstrap` does, from any machine).

import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { boothAssets } from '@evotare/client/serve/assets.ts';
import { serve } from '@hono/node-server';
import { createApp, DEFAULT_RATE_LIMITS } from './app.ts';
import { loadAuthorityKey } from './authority/authority.ts';
import { NodeCache } from './board/nodes.ts';
import { BoardWriter } from './board/writer.ts';
import { BallotVerifierPool } from './casting/verify-pool.ts';
import type { Config } from './config.ts';
import { CODE_SCRYPT } from './credentials/activation-code.ts';
import { activationCodeProvider } from './credentials/activation-code-provider.ts';
import { type DatabaseHandle, openDatabase } from './db/database.ts';
import type { Deps } from './deps.ts';
import { databaseBuckets } from './http/middleware/rate-limit/database-buckets.ts';
import { createLogger, type Logger } from './log.ts';
import { bootstrapOfficial, hasOfficials } from './officials/officials.ts';
import { ServerWorkers } from './workers.ts';

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

/** Opens everything the server needs, without listening (the CLI's local commands use this too). */
export async function openServices(config: Config, log: Logger): Promise<{ deps: Deps; handle: DatabaseHandle }> {
  const handle = config.databaseUrl
    ? await openDatabase({
        url: config.databaseUrl,
        poolSize: config.poolSize,
        ...(config.migrationDatabaseUrl ? { migrationUrl: config.migrationDatabaseUrl } : {}),
        log,
      })
    : await openDatabase({ dataDir: config.dataDir, minFreeBytes: config.minFreeBytes, log });
  try {
    const authority = await loadAuthorityKey(handle.db, config.authorityPassphrase);
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

export async function startServer(
  config: Config,
  log: Logger = createLogger(undefined, config.logLevel),
): Promise<RunningServer> {
  const { deps, handle } = await openServices(config, log);
  try {
    return await listen(config, log, deps, handle);
  } catch (e) {
    await deps.ballots.close();
    await deps.workers.close();
    await handle.close();
    throw e;
  }
}

async function listen(config: Config, log: Logger, deps: Deps, handle: DatabaseHandle): Promise<RunningServer> {
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
  // The booth's bundle is read (or, with no prebuilt client/dist, built) now, never on a request.
  const booth = await boothAssets();
  if (booth.built) log.info('booth bundle built', { script: booth.js.file, style: booth.css.file });
  if (booth.stale) log.warn('booth bundle older than its sources, and client/dist is not writable: run npm run build');
  const timeouts = httpTimeouts(config);
  const server: Server = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host, serverOptions: timeouts }, () =>
      resolve(s as Server),
    );
  });
  server.maxConnections = config.maxConnections;
  server.keepAliveTimeout = timeouts.keepAliveTimeout;
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  log.info('listening', { url, database: handle.kind, dataDir: handle.kind === 'pglite' ? config.dataDir : undefined });
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
