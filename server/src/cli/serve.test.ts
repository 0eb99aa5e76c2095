// `evotare serve` loads what serving needs and nothing else (docs/PERFORMANCE.md, "The cold
// start"): not the letters (pdfkit, qrcode), the CSV export, the progress bars, the demo or the
// parties' programs, and on PostgreSQL not PGlite. A loader hook in the server's process records
// every module it loads. Then the built server (server/src/build.ts, what the image and `npm start`
// run) starts on the same data and answers the booth.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { boothAssets } from '@evotare/client/serve/assets.ts';
import { verifierPageAssets } from '@evotare/client/serve/verifier-page';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../build.ts';
import { createPostgresDatabase } from '../testing/databases.ts';

const cli = fileURLToPath(new URL('./main.ts', import.meta.url));
const builtDir = fileURLToPath(new URL(`../../dist/test-${process.pid}/`, import.meta.url));
let built: Promise<void> | null = null;

/** Appends the URL of every module the process (and its worker threads) loads to $EVOTARE_MODULE_TRACE. */
const TRACE = `data:text/javascript,${encodeURIComponent(`
import { registerHooks } from 'node:module';
import { appendFileSync } from 'node:fs';
registerHooks({ load(url, context, next) { appendFileSync(process.env.EVOTARE_MODULE_TRACE, url + '\\n'); return next(url, context); } });
`)}`;

/** Modules `serve` must not load, whatever the database. */
const NOT_SERVING = [
  /\/node_modules\/pdfkit\//,
  /\/node_modules\/qrcode\//,
  /\/node_modules\/csv-stringify\//,
  /\/node_modules\/cli-progress\//,
  /\/server\/src\/demo\//,
  /\/server\/src\/credentials\/letters\.ts$/,
  /\/server\/src\/cli\/(codes-issue|roll-import|officials|db-commands)\.ts$/,
  /\/(trustee|mixnode|observer)\/src\//,
  /\/node_modules\/esbuild\//, // client/dist is prebuilt (boothAssets, verifierPageAssets below): nothing to build
];

/** Runs `serve` until it answers the booth's first page (at the address its banner gives) and the verifier page's script; returns the status. */
async function serveOnce(program: string, env: Record<string, string>, nodeOptions: string[] = []): Promise<number> {
  const child: ChildProcess = spawn(process.execPath, [...nodeOptions, program, 'serve'], {
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: '0', EVOTARE_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (const started = Date.now(); Date.now() - started < 60_000; ) {
      // The banner, once it listens: "… http://127.0.0.1:PORT …".
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(stderr)?.[0];
      const r = url ? await fetch(`${url}/`) : null;
      if (r) {
        await r.arrayBuffer();
        // and the verifier page, from client/dist/verify as the booth's from client/dist
        const verify = await fetch(`${url}/verify/`);
        const script = /src="\.\/(verify-[A-Z0-9]+\.js)"/.exec(await verify.text())?.[1];
        const js = script === undefined ? verify : await fetch(`${url}/verify/${script}`);
        await js.arrayBuffer();
        return js.status === 200 ? r.status : js.status;
      }
      if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`serve did not answer within a minute: ${stderr}`);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const databases = [
  { name: 'pglite', postgres: false },
  ...(process.env.EVOTARE_TEST_DATABASE_URL ? [{ name: 'postgresql', postgres: true }] : []),
];

describe.each(databases)('evotare serve on $name', { timeout: 120_000 }, ({ postgres }) => {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-serve-'));
  let database: { url: string; drop(): Promise<void> } | null = null;
  let env: Record<string, string> = {};

  beforeAll(async () => {
    database = postgres ? await createPostgresDatabase(process.env.EVOTARE_TEST_DATABASE_URL!) : null;
    env = {
      EVOTARE_DATA_DIR: join(dir, 'data'),
      EVOTARE_MODULE_TRACE: join(dir, 'modules.txt'),
      ...(database ? { DATABASE_URL: database.url, EVOTARE_AUTHORITY_PASSPHRASE: 'a passphrase for the tests' } : {}),
    };
    // client/dist (the booth, the console, the verifier page) prebuilt, as an image or `npm run build` has it
    await Promise.all([boothAssets(), verifierPageAssets()]);
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads what serving needs and nothing else', async () => {
    expect(await serveOnce(cli, env, ['--import', TRACE])).toBe(200);
    const modules = readFileSync(env.EVOTARE_MODULE_TRACE!, 'utf8').split('\n').filter(Boolean);
    expect(modules).toContain(new URL('../app.ts', import.meta.url).href); // the trace saw the server
    const unwanted = [...NOT_SERVING, ...(postgres ? [/\/node_modules\/@electric-sql\/pglite\//] : [])];
    expect(modules.filter((m) => unwanted.some((p) => p.test(m)))).toEqual([]);
  });

  it('built into server/dist (npm run build), starts and answers the booth', async () => {
    built ??= buildServer(builtDir); // once: both databases use the same build
    await built;
    expect(await serveOnce(join(builtDir, 'evotare.mjs'), env)).toBe(200);
  });
});

afterAll(() => rmSync(builtDir, { recursive: true, force: true }));
