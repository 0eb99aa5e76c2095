// The fault scenarios (issue 13). Each starts real server processes on 127.0.0.1, casts ballots
// the way the booth does, injects one fault, and ends with checkBoard: every receipt on the
// exported board, no duplicate, no fork or gap, the verifier's verdict. The quick ones run in CI
// (../faults.test.ts) with small numbers; `npm run faults` runs them all with larger ones.
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SignedReceiptJson } from '@evotare/crypto/credential';
import { createPostgresDatabase } from '@evotare/server/src/testing/databases.ts';
import { type BoardFigures, checkBoard } from './board-check.ts';
import { ServerProcess } from './server-process.ts';
import {
  activate,
  type CastFigures,
  castAll,
  electionOf,
  emptyFigures,
  makeBallots,
  percentile,
  SAMPLE_ELECTION,
  sampleVotersFrom,
} from './voters.ts';

export interface FaultFigures extends BoardFigures {
  readonly scenario: string;
  /** Responses 5xx other than 503 that clients saw (target 0). */
  readonly server5xx: number;
  /** 503 answers (expected during an outage). */
  readonly unavailable503: number;
  /** Seconds from the fault until a ballot was acknowledged again. */
  readonly outageSeconds: number;
  /** Log lines of the server with a stack trace or "unhandled error" (target 0). */
  readonly bugsLogged: number;
  readonly serverSurvived: boolean;
  readonly [more: string]: unknown;
}

const scratch = () => mkdtempSync(join(tmpdir(), 'evotare-faults-'));

/** A database for one scenario: PGlite in a data directory, or a fresh one on `postgres`. */
async function databaseFor(postgres: string | undefined): Promise<{ url?: string; drop(): Promise<void> }> {
  if (!postgres) return { drop: async () => {} };
  return createPostgresDatabase(postgres);
}

async function voterBallots(server: ServerProcess, count: number) {
  // The server listens before the sample election is ready; it prints the voters once it is.
  for (let t = 0; t < 1200 && !server.text.includes('is running at'); t++) await new Promise((r) => setTimeout(r, 100));
  const voters = sampleVotersFrom(server.text);
  if (voters.length === 0) throw new Error(`the sample election printed no voters: ${server.text}`);
  const ctx = await electionOf(server.url);
  const credentials = [];
  for (const v of voters) credentials.push(await activate(server.url, v));
  return { ctx, credentials, ballots: makeBallots(ctx, credentials, count) };
}

function statusFigures(f: CastFigures) {
  let server5xx = 0;
  for (const [s, n] of Object.entries(f.statuses)) if (Number(s) >= 500 && Number(s) !== 503) server5xx += n;
  return { server5xx, unavailable503: f.statuses[503] ?? 0 };
}

function outage(faultAt: number, f: CastFigures): number {
  const after = f.acknowledgedAt.filter((t) => t >= faultAt).sort((a, b) => a - b)[0];
  return after === undefined ? Number.NaN : Math.round((after - faultAt) / 100) / 10;
}

/** Waits until at least `n` receipts came back, or `stop` is aborted. */
async function receiptsReach(receipts: readonly SignedReceiptJson[], n: number, stop: AbortSignal): Promise<void> {
  while (receipts.length < n && !stop.aborted) await new Promise((r) => setTimeout(r, 20));
}

/**
 * A server (PGlite, or a fresh database on `postgres`) under a cast load of `ballots`; once a third
 * of them are acknowledged, `inject` makes the fault and returns its own figures.
 */
async function underLoad(
  scenario: string,
  options: { ballots: number; postgres?: string | undefined },
  inject: (s: ServerProcess, faultAt: number) => Promise<Record<string, unknown>>,
): Promise<FaultFigures> {
  const dir = scratch();
  const db = await databaseFor(options.postgres);
  let server: ServerProcess | undefined;
  try {
    server = await ServerProcess.start({ dataDir: dir, ...(db.url ? { databaseUrl: db.url } : {}) });
    const { ballots } = await voterBallots(server, options.ballots);
    const s = server;
    const figures = emptyFigures();
    // A server that dies (rather than being killed by `inject`) ends the scenario at once, with its
    // exit status and stderr, instead of leaving the voters casting at a closed port.
    const load = castAll(s.url, ballots, { concurrency: 4, retryMs: 50, figures, stop: s.crashed });
    await s.unlessCrashed(receiptsReach(figures.receipts, Math.max(1, Math.floor(ballots.length / 3)), s.crashed));
    const faultAt = Date.now();
    const own = await s.unlessCrashed(inject(s, faultAt));
    await s.unlessCrashed(load);
    const board = await s.unlessCrashed(checkBoard(s.url, figures.receipts));
    return {
      scenario,
      ...board,
      ...statusFigures(figures),
      outageSeconds: outage(faultAt, figures),
      ...own,
      bugsLogged: s.bugs().length,
      serverSurvived: s.alive,
    };
  } finally {
    await server?.kill('SIGKILL');
    await db.drop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

/** SIGKILL of the server under load, then an immediate restart on the same data (PGlite or PostgreSQL). */
export function killAndRestart(options: { ballots: number; postgres?: string }): Promise<FaultFigures> {
  const on = options.postgres ? 'PostgreSQL' : 'PGlite';
  return underLoad(`SIGKILL and immediate restart on ${on}`, options, async (s) => {
    await s.kill('SIGKILL');
    const start = performance.now();
    await s.restart();
    return { restartSeconds: Math.round((performance.now() - start) / 100) / 10 };
  });
}

/** PostgreSQL restarted (`pg_ctl restart -m fast|immediate`) under a cast load. */
export function postgresRestart(options: {
  ballots: number;
  postgres: string;
  restart: () => Promise<void>;
  mode: string;
}): Promise<FaultFigures> {
  return underLoad(`PostgreSQL restart -m ${options.mode} under load`, options, async (s, faultAt) => {
    await options.restart();
    for (let t = 0; t < 600 && !s.crashed.aborted; t++) {
      if ((await fetch(`${s.url}/readyz`, { signal: AbortSignal.timeout(5_000) }).catch(() => null))?.status === 200) {
        return { readySecondsAfterFault: Math.round((Date.now() - faultAt) / 100) / 10 };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return { readySecondsAfterFault: null };
  });
}

/** Three server instances on one PostgreSQL database; the same ballot sent to all three at once. */
export async function threeInstances(options: { ballots: number; postgres: string }): Promise<FaultFigures> {
  const dirs = [scratch(), scratch(), scratch()];
  const db = await createPostgresDatabase(options.postgres);
  const servers: ServerProcess[] = [];
  try {
    for (const d of dirs) servers.push(await ServerProcess.start({ dataDir: d, databaseUrl: db.url }));
    const { ballots } = await voterBallots(servers[0]!, options.ballots);
    const figures: CastFigures[] = [];
    // Every ballot goes to all three instances at once: one entry, three identical receipts.
    await Promise.all(servers.map(async (s) => figures.push(await castAll(s.url, ballots, { concurrency: 4 }))));
    const receipts = figures.flatMap((f) => f.receipts);
    const byCode = new Map<string, string>();
    let differing = 0;
    for (const r of receipts) {
      const seen = byCode.get(r.trackingCode);
      if (seen !== undefined && seen !== JSON.stringify(r)) differing++;
      byCode.set(r.trackingCode, JSON.stringify(r));
    }
    const board = await checkBoard(servers[0]!.url, receipts);
    const retried = servers.reduce((n, s) => n + s.logs.filter((l) => l.msg === 'board transaction retried').length, 0);
    const heads = (await (
      await fetch(`${servers[0]!.url}/api/v1/elections/${SAMPLE_ELECTION}/board/tree-head`)
    ).json()) as { size: number };
    const merged: CastFigures = {
      receipts,
      statuses: {},
      latencies: figures.flatMap((f) => f.latencies),
      acknowledgedAt: [],
    };
    for (const f of figures)
      for (const [k, v] of Object.entries(f.statuses))
        merged.statuses[Number(k)] = (merged.statuses[Number(k)] ?? 0) + v;
    const batches = await committedBatches(servers[0]!.url);
    return {
      scenario: 'three instances on one PostgreSQL, every ballot sent to all three',
      ...board,
      ...statusFigures(merged),
      outageSeconds: 0,
      differingReceipts: differing,
      abortedAttempts: retried,
      committedBatches: batches,
      abortedPerBatchPercent: Math.round((10_000 * retried) / Math.max(1, batches)) / 100,
      boardSizeSeen: heads.size,
      bugsLogged: servers.reduce((n, s) => n + s.bugs().length, 0),
      serverSurvived: servers.every((s) => s.alive),
    };
  } finally {
    for (const s of servers) await s.kill('SIGKILL');
    await db.drop().catch(() => {});
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

/** Tree heads on the board: one per committed batch that appended. */
async function committedBatches(url: string): Promise<number> {
  const r = await fetch(`${url}/api/v1/elections/${SAMPLE_ELECTION}/board/tree-heads`);
  const body = (await r.json()) as { treeHeads?: unknown[] } | unknown[];
  return Array.isArray(body) ? body.length : (body.treeHeads?.length ?? 0);
}

// --- hostile clients -----------------------------------------------------------------------------

/** A body nested `depth` levels deep: `[[[…`, about `depth` bytes. */
const nested = (depth: number) => '['.repeat(depth);

async function sendNested(url: string, depth: number): Promise<number> {
  const r = await fetch(`${url}/api/v1/elections/${SAMPLE_ELECTION}/ballots`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: nested(depth),
  }).catch(() => null);
  await r?.body?.cancel();
  return r?.status ?? 0;
}

/** Opens `n` connections that send a header line now and then and never finish the request. */
function slowLoris(url: string, n: number): { sockets: Socket[]; closedByServer: () => number; stop(): void } {
  const { hostname, port } = new URL(url);
  const sockets: Socket[] = [];
  let closed = 0;
  const timers: NodeJS.Timeout[] = [];
  for (let i = 0; i < n; i++) {
    const s = connect(Number(port), hostname);
    s.on('error', () => {});
    s.on('close', () => closed++);
    s.write(`POST /api/v1/elections/${SAMPLE_ELECTION}/ballots HTTP/1.1\r\nHost: ${hostname}\r\n`);
    timers.push(setInterval(() => s.writable && s.write(`X-Slow-${i}: ${Date.now()}\r\n`), 500));
    sockets.push(s);
  }
  return {
    sockets,
    closedByServer: () => closed,
    stop() {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
    },
  };
}

/** An upload cut off in the middle: the server logs it at debug level, not as an error. */
async function abortedUpload(url: string): Promise<void> {
  await new Promise<void>((resolve) => {
    const req = request(`${url}/api/v1/elections/${SAMPLE_ELECTION}/ballots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '100000' },
    });
    req.on('error', () => resolve());
    req.write('{"election":"');
    setTimeout(() => {
      req.destroy();
      resolve();
    }, 100);
  });
}

async function voterLatencies(
  url: string,
  ballots: readonly unknown[],
  receipts: SignedReceiptJson[],
): Promise<number[]> {
  const out: number[] = [];
  for (const b of ballots) {
    const t = performance.now();
    const r = await fetch(`${url}/api/v1/elections/${SAMPLE_ELECTION}/ballots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(b),
    });
    if (r.status !== 201) throw new Error(`the voter's ballot got ${r.status}: ${await r.text()}`);
    receipts.push((await r.json()) as SignedReceiptJson);
    out.push(performance.now() - t);
  }
  return out;
}

export interface HostileFigures extends FaultFigures {
  readonly quietP50: number;
  readonly quietP99: number;
  readonly attacks: Record<string, { p50: number; p99: number; attackerRequests: number; note?: string }>;
}

/**
 * A voter casting ballots one after another, alone and then next to each attacker: senders of
 * deeply nested JSON, flooders of ballot-status lookups, slow-loris connections; plus an aborted
 * upload. The voter's p50/p99 under attack are set beside the quiet ones (target: p99 ≤ 3× quiet).
 */
export async function hostileClients(options: {
  voterBallots: number;
  attackers: number;
  slowLoris: number;
  headersTimeoutMs: number;
}): Promise<HostileFigures> {
  const dir = scratch();
  let server: ServerProcess | undefined;
  try {
    server = await ServerProcess.start({
      dataDir: dir,
      env: { EVOTARE_HEADERS_TIMEOUT_MS: String(options.headersTimeoutMs) },
    });
    const s = server;
    const phases = 4;
    const { ballots } = await voterBallots(s, options.voterBallots * phases);
    const slice = (i: number) => ballots.slice(i * options.voterBallots, (i + 1) * options.voterBallots);
    const receipts: SignedReceiptJson[] = [];
    const quiet = await voterLatencies(s.url, slice(0), receipts);

    const attack = async (phase: number, attacker: () => Promise<unknown>) => {
      let stop = false;
      let count = 0;
      const loops = Array.from({ length: options.attackers }, async () => {
        while (!stop) {
          await attacker();
          count++;
        }
      });
      const latencies = await voterLatencies(s.url, slice(phase), receipts);
      stop = true;
      await Promise.all(loops);
      return { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), attackerRequests: count };
    };
    const attacks: HostileFigures['attacks'] = {};
    const nestedStatuses = new Set<number>();
    attacks.nestedJson = await attack(1, async () => nestedStatuses.add(await sendNested(s.url, 400_000)));
    attacks.nestedJson.note = `answers: ${[...nestedStatuses].join(', ')}`;
    // A tracking code that exists: the lookup does real work.
    const lookupCode = receipts[0]!.trackingCode;
    const lookupStatuses = new Set<number>();
    attacks.statusLookups = await attack(2, async () => {
      const r = await fetch(`${s.url}/api/v1/elections/${SAMPLE_ELECTION}/ballots/${lookupCode}`).catch(() => null);
      lookupStatuses.add(r?.status ?? 0);
      await r?.body?.cancel();
    });
    attacks.statusLookups.note = `answers: ${[...lookupStatuses].join(', ')}`;

    const loris = slowLoris(s.url, options.slowLoris);
    const lorisLatencies = await voterLatencies(s.url, slice(3), receipts);
    await new Promise((r) => setTimeout(r, options.headersTimeoutMs + 1500));
    const closed = loris.closedByServer();
    loris.stop();
    attacks.slowLoris = {
      p50: round(percentile(lorisLatencies, 50)),
      p99: round(percentile(lorisLatencies, 99)),
      attackerRequests: options.slowLoris,
      note: `${closed} of ${options.slowLoris} closed by the server within ${options.headersTimeoutMs + 1500} ms`,
    };

    await abortedUpload(s.url);
    await new Promise((r) => setTimeout(r, 300));
    const abortedLogged = s.logs.filter((l) => l.msg === 'request aborted by the client' && l.level === 'debug').length;

    const board = await checkBoard(s.url, receipts);
    return {
      scenario: 'hostile clients next to a voter',
      ...board,
      server5xx: 0,
      unavailable503: 0,
      outageSeconds: 0,
      bugsLogged: s.bugs().length,
      serverSurvived: s.alive,
      quietP50: round(percentile(quiet, 50)),
      quietP99: round(percentile(quiet, 99)),
      attacks,
      slowLorisClosed: closed,
      abortedUploadLoggedAtDebug: abortedLogged,
    };
  } finally {
    await server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 10) / 10;
