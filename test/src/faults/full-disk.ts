// A full disk under the database: a small tmpfs (mounted here, so it needs root; without, the
// scenario says so), nearly filled with a ballast file, then ballots cast until the server refuses
// them. It must answer 503 storage-full, log an error naming the cause, keep /healthz answering
// (and /readyz, which says "storage full" on PGlite), end on SIGTERM, and — once space is freed
// (and, on PGlite, the server restarted) — hold every ballot it acknowledged.
// - PGlite: the data directory on the tmpfs; the server's own margin (EVOTARE_MIN_FREE_MB) trips.
// - PostgreSQL: a cluster of its own on the tmpfs; PostgreSQL's errors (class 53) are mapped.
import { execFile } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SignedReceiptJson } from '@evotare/crypto/credential';
import type { SigningKeyPair } from '@evotare/crypto/signature';
import { createPostgresDatabase } from '@evotare/server/src/testing/databases.ts';
import { checkBoard } from './board-check.ts';
import { type PostgresCluster, postgresIds, startPostgresCluster } from './postgres-cluster.ts';
import { ServerProcess } from './server-process.ts';
import { activate, electionOf, makeBallots, SAMPLE_ELECTION, sampleVotersFrom } from './voters.ts';

const run = promisify(execFile);

export async function fullDisk(options: {
  tmpfsMB: number;
  /** Free space left beside the ballast (MB). */
  leaveMB: number;
  /** PGlite's margin, EVOTARE_MIN_FREE_MB. */
  minFreeMB?: number;
  /** PostgreSQL's bin directory: run on a PostgreSQL cluster on the tmpfs instead of PGlite. */
  postgresBin?: string;
}): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-faults-disk-'));
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${options.tmpfsMB}m,mode=0777`, 'tmpfs', dir]);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    return { skipped: `cannot mount a tmpfs here (needs root): ${(e as Error).message.split('\n')[0]}` };
  }
  const serverDir = mkdtempSync(join(tmpdir(), 'evotare-faults-'));
  let server: ServerProcess | undefined;
  let cluster: PostgresCluster | undefined;
  try {
    let databaseUrl: string | undefined;
    if (options.postgresBin) {
      const clusterDir = join(dir, 'pg');
      mkdirSync(clusterDir);
      if (process.getuid?.() === 0) chownSync(clusterDir, ...(await postgresIds()));
      cluster = await startPostgresCluster(options.postgresBin, { dir: clusterDir });
      databaseUrl = (await createPostgresDatabase(cluster.url)).url;
    }
    const dataDir = databaseUrl ? serverDir : join(dir, 'data');
    server = await ServerProcess.start({
      dataDir,
      ...(databaseUrl ? { databaseUrl } : {}),
      env: { EVOTARE_MIN_FREE_MB: String(options.minFreeMB ?? 64) },
    });
    const s = server;
    for (let t = 0; t < 1200 && !s.text.includes('is running at'); t++) await new Promise((r) => setTimeout(r, 100));
    const ctx = await electionOf(s.url);
    const credentials: SigningKeyPair[] = [];
    for (const v of sampleVotersFrom(s.text)) credentials.push(await activate(s.url, v));

    const fs = statfsSync(dir);
    const ballast = join(dir, 'ballast');
    writeFileSync(ballast, Buffer.alloc(Math.max(0, fs.bavail * fs.bsize - options.leaveMB * 2 ** 20)));

    const receipts: SignedReceiptJson[] = [];
    let refusal: { status: number; type?: string; retryAfter: string | null; afterBallots: number } | null = null;
    const cast = async (i: number) => {
      const b = makeBallots(ctx, [credentials[i % credentials.length]!], 1)[0]!;
      const r = await fetch(`${s.url}/api/v1/elections/${SAMPLE_ELECTION}/ballots`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(b),
      });
      if (r.status === 201) receipts.push((await r.json()) as SignedReceiptJson);
      return r;
    };
    for (let i = 0; i < 20_000 && refusal === null; i++) {
      const r = await cast(i);
      if (r.status === 201) continue;
      refusal = {
        status: r.status,
        type: ((await r.json()) as { type?: string }).type,
        retryAfter: r.headers.get('retry-after'),
        afterBallots: receipts.length,
      };
    }
    const t0 = performance.now();
    const healthz = (await fetch(`${s.url}/healthz`)).status;
    const healthzMs = Math.round(performance.now() - t0);
    const readyz = await fetch(`${s.url}/readyz`);
    const readyzBody = await readyz.json();
    const errorLogged = s.logs.find((l) => l.level === 'error' && String(l.msg).startsWith('storage full'));

    const figures: Record<string, unknown> = {};
    rmSync(ballast);
    if (databaseUrl) {
      // PostgreSQL recovers by itself once there is room: the same server takes ballots again.
      await new Promise((r) => setTimeout(r, 1000));
      figures.castAfterSpaceFreed = (await cast(0)).status;
    }
    const t1 = performance.now();
    figures.sigtermExit = await s.kill('SIGTERM');
    figures.sigtermSeconds = Math.round((performance.now() - t1) / 100) / 10;
    figures.bugsLogged = s.bugs().length;
    await s.restart();
    const board = await checkBoard(s.url, receipts);
    return {
      scenario: databaseUrl
        ? `full disk on PostgreSQL (tmpfs of ${options.tmpfsMB} MB)`
        : `full disk on PGlite (tmpfs of ${options.tmpfsMB} MB, EVOTARE_MIN_FREE_MB=${options.minFreeMB ?? 64})`,
      ...board,
      refusal,
      healthz,
      healthzMs,
      readyz: { status: readyz.status, body: readyzBody },
      errorLogged: errorLogged ? { msg: errorLogged.msg, cause: errorLogged.cause } : null,
      ...figures,
    };
  } finally {
    await server?.kill('SIGKILL');
    await cluster?.stop();
    await run('umount', [dir]).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
    rmSync(serverDir, { recursive: true, force: true });
  }
}
