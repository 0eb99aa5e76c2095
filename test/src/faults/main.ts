// `npm run faults [-- --json] [-- --quick] [-- --only <name>]`: every fault scenario of issue 13
// with figures. PostgreSQL scenarios need PostgreSQL's binaries (a cluster of their own is made
// in a temporary directory); the full-disk scenario needs root, to mount a small tmpfs. A scenario
// that cannot run here says why instead of figures.
import { execFile } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { promisify } from 'node:util';
import { fullDisk } from './full-disk.ts';
import { postgresBin, startPostgresCluster } from './postgres-cluster.ts';
import { hostileClients, killAndRestart, postgresRestart, threeInstances } from './scenarios.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const n = (full: number, small: number) => (quick ? small : full);

const results: Array<Record<string, unknown>> = [];
const report = (r: Record<string, unknown>) => {
  results.push(r);
  if (!json) console.log(JSON.stringify(r, null, 2));
};
const run = async (name: string, scenario: () => Promise<Record<string, unknown>>) => {
  if (only !== undefined && !name.includes(only)) return;
  process.stderr.write(`${name}…\n`);
  const t = performance.now();
  try {
    report({ name, ...(await scenario()), seconds: Math.round((performance.now() - t) / 100) / 10 });
  } catch (e) {
    report({ name, error: e instanceof Error ? e.message : String(e) });
  }
};

const bin = postgresBin();
const postgresWanted = only === undefined || /kill|postgresql|instances/.test(only);
const cluster = bin && postgresWanted ? await startPostgresCluster(bin) : null;
const noPostgres = async () => ({ skipped: 'PostgreSQL binaries not found under /usr/lib/postgresql' });
try {
  await run('kill-pglite', () => killAndRestart({ ballots: n(300, 24) }));
  await run('kill-postgresql', () =>
    cluster ? killAndRestart({ ballots: n(300, 24), postgres: cluster.url }) : noPostgres(),
  );
  for (const mode of ['fast', 'immediate'] as const) {
    await run(`postgresql-restart-${mode}`, () =>
      cluster
        ? postgresRestart({ ballots: n(300, 24), postgres: cluster.url, mode, restart: () => cluster.restart(mode) })
        : noPostgres(),
    );
  }
  await run('three-instances', () =>
    cluster ? threeInstances({ ballots: n(300, 24), postgres: cluster.url }) : noPostgres(),
  );
  await run('full-disk-pglite', () => fullDisk({ tmpfsMB: 96, minFreeMB: 24, leaveMB: 27 }));
  // No margin: PGlite itself meets the full disk (as one write larger than the margin would).
  await run('full-disk-pglite-no-margin', () => fullDisk({ tmpfsMB: 96, minFreeMB: 0, leaveMB: 3 }));
  await run('full-disk-postgresql', () =>
    bin ? fullDisk({ tmpfsMB: 160, leaveMB: 4, postgresBin: bin }) : noPostgres(),
  );
  await run('hostile-clients', () =>
    hostileClients({ voterBallots: n(40, 6), attackers: 4, slowLoris: n(200, 20), headersTimeoutMs: 10_000 }),
  );
} finally {
  await cluster?.stop();
}

const { stdout: kernel } = await promisify(execFile)('uname', ['-sr']).catch(() => ({ stdout: '' }));
const machine = {
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  memoryGB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  kernel: kernel.trim(),
  postgres: bin,
};
if (json) console.log(JSON.stringify({ machine, scenarios: results }, null, 2));
else console.log(JSON.stringify({ machine }, null, 2));
