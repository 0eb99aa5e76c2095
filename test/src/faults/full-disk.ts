// The embedded database on a full disk: the data directory on a small tmpfs (mounted here, so it
// needs root; without, the scenario says so), nearly filled with a ballast file, then ballots cast
// until the server refuses them. It must answer 503 storage-full, log an error naming the
// directory, keep /healthz and /readyz answering, end on SIGTERM, and — once space is freed and it
// is restarted — hold every ballot it acknowledged.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SignedReceiptJson } from '@evotare/crypto/credential';
import { checkBoard } from './board-check.ts';
import { ServerProcess } from './server-process.ts';
import { activate, electionOf, makeBallots, SAMPLE_ELECTION, sampleVotersFrom } from './voters.ts';

const run = promisify(execFile);

export async function fullDisk(options: { tmpfsMB: number; minFreeMB: number }): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-faults-disk-'));
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${options.tmpfsMB}m`, 'tmpfs', dir]);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    return { skipped: `cannot mount a tmpfs here (needs root): ${(e as Error).message.split('\n')[0]}` };
  }
  let server: ServerProcess | undefined;
  try {
    const dataDir = join(dir, 'data');
    server = await ServerProcess.start({ dataDir, env: { EVOTARE_MIN_FREE_MB: String(options.minFreeMB) } });
    const s = server;
    for (let t = 0; t < 1200 && !s.text.includes('is running at'); t++) await new Promise((r) => setTimeout(r, 100));
    const ctx = await electionOf(s.url);
    const credentials = [];
    for (const v of sampleVotersFrom(s.text)) credentials.push(await activate(s.url, v));

    // Leave a little more than the margin free.
    const fs = statfsSync(dir);
    const free = fs.bavail * fs.bsize;
    const ballast = join(dir, 'ballast');
    writeFileSync(ballast, Buffer.alloc(Math.max(0, free - (options.minFreeMB + 3) * 2 ** 20)));

    const receipts: SignedReceiptJson[] = [];
    let refusal: { status: number; type?: string; retryAfter: string | null; afterBallots: number } | null = null;
    for (let i = 0; i < 20_000 && refusal === null; i++) {
      const b = makeBallots(ctx, [credentials[i % credentials.length]!], 1)[0]!;
      const r = await fetch(`${s.url}/api/v1/elections/${SAMPLE_ELECTION}/ballots`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(b),
      });
      if (r.status === 201) {
        receipts.push((await r.json()) as SignedReceiptJson);
        continue;
      }
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
    const errorLogged = s.logs.some((l) => l.level === 'error' && String(l.msg).startsWith('storage full'));
    const t1 = performance.now();
    const sigterm = await s.kill('SIGTERM');
    const sigtermSeconds = Math.round((performance.now() - t1) / 100) / 10;
    const bugs = s.bugs().length;

    rmSync(ballast);
    await s.restart();
    const board = await checkBoard(s.url, receipts);
    return {
      scenario: `full disk on PGlite (tmpfs of ${options.tmpfsMB} MB, EVOTARE_MIN_FREE_MB=${options.minFreeMB})`,
      ...board,
      refusal,
      healthz,
      healthzMs,
      readyz: { status: readyz.status, body: readyzBody },
      errorLogged,
      sigtermExit: sigterm,
      sigtermSeconds,
      bugsLogged: bugs,
    };
  } finally {
    await server?.kill('SIGKILL');
    await run('umount', [dir]).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}
