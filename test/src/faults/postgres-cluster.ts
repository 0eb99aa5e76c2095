// A throwaway PostgreSQL cluster of the fault scenarios' own, so that they can restart it
// (`pg_ctl restart -m fast|immediate`) without touching the server the other suites use. It needs
// PostgreSQL's binaries (Debian's `postgresql` package, as .ci/services installs); as root it runs
// them as the `postgres` user. Default durability (fsync on): a restart -m immediate is a crash.
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The newest installed PostgreSQL's bin directory, or null. */
export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(a) - Number(b));
  return versions.length > 0 ? join(root, versions.at(-1)!, 'bin') : null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface PostgresCluster {
  /** postgres://…/postgres on 127.0.0.1. */
  readonly url: string;
  /** `pg_ctl restart -m <mode>`; with `downMs`, stop, stay down that long, then start. */
  restart(mode: 'fast' | 'immediate', downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a cluster in `options.dir` (owned by the user who runs PostgreSQL), or in a new temporary directory. */
export async function startPostgresCluster(bin: string, options: { dir?: string } = {}): Promise<PostgresCluster> {
  const root = process.getuid?.() === 0;
  const as = (cmd: string, args: string[]) =>
    root ? run('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]) : run(join(bin, cmd), args);
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'evotare-faults-pg-'));
  if (root && options.dir === undefined) chownSync(dir, ...(await postgresIds()));
  const port = await freePort();
  const data = join(dir, 'data');
  await as('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const settings = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=200`;
  const ctl = (...args: string[]) => as('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', ...args]);
  await ctl('start', '-o', settings);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: async (mode, downMs = 0) => {
      if (downMs === 0) {
        await ctl('restart', '-m', mode, '-o', settings);
        return;
      }
      await ctl('stop', '-m', mode);
      await new Promise((r) => setTimeout(r, downMs));
      await ctl('start', '-o', settings);
    },
    stop: async () => {
      await ctl('stop', '-m', 'immediate').catch(() => {});
      if (options.dir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function postgresIds(): Promise<[number, number]> {
  const { stdout } = await run('id', ['-u', 'postgres']);
  const { stdout: g } = await run('id', ['-g', 'postgres']);
  return [Number(stdout.trim()), Number(g.trim())];
}
