// The booth's first load: `npm run bench -- booth [--json] [--runs N]`.
//
//   booth_js_gzip_kb / _brotli_kb / _raw_kb  what the voting page (/vote/<election>, in Romanian)
//                                        has the browser fetch before its first screen, as `npm run
//                                        build` writes it (client/serve/assets.ts, firstLoad: the
//                                        loader, the page's module and the chunks it imports, the
//                                        texts of the page's language; booth_js_files of them);
//                                        booth_js_gzip_kb_max: the largest over every page and language
//   booth_js_total_gzip_kb / _raw_kb     every script of the booth, the parts loaded on demand too
//                                        (other languages, QR codes, key transfer, other pages)
//   booth_js_fetched_kb                  what Chromium received for the booth's scripts before the
//                                        first screen (encoded bytes, from the first render below),
//                                        booth_js_fetched_files of them, and whether they are exactly
//                                        firstLoad's files (booth_js_fetched_is_first_load)
//   booth_js_sent_as                     the encoding Chromium received them in (it asks for Brotli too)
//   build_ms                             that build (esbuild, then gzip and Brotli at their best)
//   cold_start_ms                        `evotare serve` as built by `npm run build` (server/dist/evotare.mjs,
//                                        what the image and `npm start` run) spawned on a prepared data
//                                        directory (PGlite; with DATABASE_URL, a throwaway database on
//                                        that PostgreSQL server) with client/dist prebuilt, to the first
//                                        booth page answered (median of N); cold_start_source_ms: the
//                                        same from the sources (node server/src/cli/main.ts serve);
//                                        cold_start_unbuilt_ms: the built server without client/dist,
//                                        which the server then builds before listening
//   first_response_ms                    a server that has just started listening: its first booth
//                                        page and the scripts it names, answered (before issue 10
//                                        the bundle was built here, on the first request: 4.2 s)
//   …_cpu_ms                             the CPU time behind a wall time (this machine is shared:
//                                        load_average says how much), the server's own
//   first_render_ms                      headless Chromium (Debian's) on a phone screen, 4× CPU
//                                        slowdown and DevTools' "Fast 3G" (562.5 ms latency,
//                                        1.44 Mbit/s down, 675 kbit/s up), empty cache: from
//                                        navigation to the booth's first screen drawn (<main
//                                        aria-busy="false">: the voting page's "loading" line, drawn
//                                        before it fetches the election and checks it on the
//                                        board); first_render_cached_ms on a second visit, the
//                                        scripts from the cache
//   time_to_receipt_s                    the same browser, a scripted voter: navigation, activation,
//                                        ballot marked, reviewed, cast, receipt checked on the board
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { allBoothScripts, BOOTH_BUNDLE, BOOTH_PAGES, boothAssets, firstLoad } from '@evotare/client/serve/assets.ts';
import { type Asset, buildBundle } from '@evotare/client/serve/bundle.ts';
import { LANGUAGES } from '@evotare/client/src/i18n.ts';
import { buildServer, SERVER_BUNDLE } from '@evotare/server/src/build.ts';
import { loadConfig } from '@evotare/server/src/config.ts';
import { silentLogger } from '@evotare/server/src/log.ts';
import { prepareSampleElection, SAMPLE_ELECTION_ID, type SampleVoter } from '@evotare/server/src/sample.ts';
import { startServer } from '@evotare/server/src/server.ts';
import { createPostgresDatabase } from '@evotare/server/src/testing/databases.ts';
import { haveChromium, launchChromium, PHONE, voteInBooth } from '@evotare/test/src/_browser.ts';
import type { BrowserContext, Page } from 'playwright-core';
import { report } from './_report.ts';

const sourceCli = fileURLToPath(new URL('../../server/src/cli/main.ts', import.meta.url));
const boothPath = `/vote/${SAMPLE_ELECTION_ID}`;

/** Chrome DevTools' "Fast 3G" profile. */
const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.44e6 / 8) | 0,
  uploadThroughput: (675e3 / 8) | 0,
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** CPU time (user + system, all threads) a process has used so far, in milliseconds (Linux). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in 1/100 s
}

/**
 * Milliseconds from spawning `evotare serve` to its first answer to the booth page, and the CPU
 * time the server used until then (what the wall time would be on an idle core: this machine is
 * shared).
 */
async function coldStart(cli: string, env: Record<string, string>): Promise<{ wallMs: number; cpuMs: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'serve'], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      const r = await fetch(`http://127.0.0.1:${port}${boothPath}`).catch(() => null);
      if (r?.ok) {
        await r.arrayBuffer();
        return { wallMs: performance.now() - started, cpuMs: processCpuMs(child.pid!) };
      }
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      if (performance.now() - started > 60_000) throw new Error('the server did not answer within a minute');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** The size of `assets` together, in KB to a tenth, as built (`body`) or compressed. */
const kb = (assets: readonly Asset[], form: 'body' | 'gzip' | 'brotli') =>
  Math.round((assets.reduce((n, a) => n + a[form].length, 0) / 1024) * 10) / 10;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A phone-sized context with the CPU slowed 4× and the network at Fast 3G. */
async function slowPhone(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', FAST_3G);
  return page;
}

/** Milliseconds from navigation to the first screen the booth's script drew. */
async function firstRender(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator('main[aria-busy="false"]').waitFor({ timeout: 120_000 });
  return page.evaluate(() => performance.now());
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean' }, runs: { type: 'string', default: '3' } },
  });
  const runs = Math.max(1, Number(values.runs));
  if (!haveChromium) throw new Error('the booth benchmark needs Debian’s chromium at /usr/bin/chromium');

  const buildStarted = performance.now();
  await buildBundle(BOOTH_BUNDLE);
  const buildMs = performance.now() - buildStarted;
  const assets = await boothAssets();
  const first = firstLoad(assets, 'vote', 'ro');
  const firstMax = Math.max(...BOOTH_PAGES.flatMap((p) => LANGUAGES.map((l) => kb(firstLoad(assets, p, l), 'gzip'))));
  const all = allBoothScripts(assets);

  const dir = mkdtempSync(join(tmpdir(), 'evotare-bench-booth-'));
  const dataDir = join(dir, 'data');
  const postgres = process.env.DATABASE_URL ? await createPostgresDatabase(process.env.DATABASE_URL) : null;
  const env: Record<string, string> = {
    EVOTARE_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    EVOTARE_LOG_LEVEL: 'error',
    ...(postgres ? { DATABASE_URL: postgres.url, EVOTARE_AUTHORITY_PASSPHRASE: 'bench authority passphrase' } : {}),
  };
  try {
    // The browser's figures, against a server with the sample election.
    const server = await startServer(loadConfig(env), silentLogger);
    const firstStarted = performance.now();
    const firstCpu = process.cpuUsage();
    const page0 = await (await fetch(`${server.url}${boothPath}`)).text();
    const scripts = [...page0.matchAll(/(?:src|href)="(\/booth\/[\w-]+\.js)"/g)].map((m) => m[1]!);
    if (scripts.length === 0) throw new Error('the booth page names no script');
    await Promise.all(
      scripts.map(async (s) =>
        (await fetch(`${server.url}${s}`, { headers: { 'accept-encoding': 'gzip' } })).arrayBuffer(),
      ),
    );
    const firstResponseMs = performance.now() - firstStarted;
    const used = process.cpuUsage(firstCpu);
    const firstResponseCpuMs = (used.user + used.system) / 1000;
    let voters: SampleVoter[];
    let renderMs: number;
    let cachedMs: number;
    let receiptS: number;
    let encoding = 'identity';
    const fetched = new Map<string, number>();
    const browser = await launchChromium();
    try {
      voters = (await prepareSampleElection(server.deps, dataDir))!;
      const context = await browser.newContext({ ...PHONE, locale: 'ro-MD' });
      const page = await slowPhone(context);
      const sizes: Promise<void>[] = [];
      page.on('response', (r) => {
        const file = /\/booth\/([\w-]+\.js)$/.exec(r.url())?.[1];
        if (file === undefined) return;
        encoding = r.headers()['content-encoding'] ?? 'identity';
        sizes.push(
          r
            .request()
            .sizes()
            .then((s) => void fetched.set(file, s.responseBodySize)),
        );
      });
      renderMs = await firstRender(page, `${server.url}${boothPath}`);
      await Promise.all(sizes);
      page.removeAllListeners('response');
      cachedMs = await firstRender(page, `${server.url}${boothPath}`);
      await context.close();
      const voting = await browser.newContext({ ...PHONE, locale: 'ro-MD' });
      const voterPage = await slowPhone(voting);
      const started = performance.now();
      await voteInBooth(voterPage, `${server.url}${boothPath}`, voters[0]!);
      receiptS = (performance.now() - started) / 1000;
      await voting.close();
    } finally {
      await browser.close();
      await server.close();
    }

    // Cold starts of the real program on the prepared data directory: built, and from the sources.
    await buildServer();
    const starts: { wallMs: number; cpuMs: number }[] = [];
    for (let i = 0; i < runs; i++) starts.push(await coldStart(SERVER_BUNDLE, env));
    const sourceStarts: { wallMs: number; cpuMs: number }[] = [];
    for (let i = 0; i < runs; i++) sourceStarts.push(await coldStart(sourceCli, env));
    const dist = join(BOOTH_BUNDLE.root, BOOTH_BUNDLE.outdir);
    const aside = `${dist}.bench-${process.pid}`;
    let unbuilt: { wallMs: number; cpuMs: number } | null = null;
    if (existsSync(dist)) {
      renameSync(dist, aside);
      try {
        unbuilt = await coldStart(SERVER_BUNDLE, env);
      } finally {
        rmSync(dist, { recursive: true, force: true });
        renameSync(aside, dist);
      }
    }

    report(
      'The booth’s first load (4× CPU slowdown, Fast 3G, phone screen)',
      {
        booth_js_gzip_kb: kb(first, 'gzip'),
        booth_js_brotli_kb: kb(first, 'brotli'),
        booth_js_raw_kb: kb(first, 'body'),
        booth_js_files: first.length,
        booth_js_gzip_kb_max: firstMax,
        booth_js_total_gzip_kb: kb(all, 'gzip'),
        booth_js_total_raw_kb: kb(all, 'body'),
        booth_js_fetched_kb: Math.round(([...fetched.values()].reduce((a, b) => a + b, 0) / 1024) * 10) / 10,
        booth_js_fetched_files: fetched.size,
        booth_js_fetched_is_first_load:
          fetched.size === first.length && first.every((a) => fetched.has(a.file)) ? 'yes' : 'no',
        booth_js_sent_as: encoding,
        build_ms: Math.round(buildMs),
        first_response_ms: Math.round(firstResponseMs),
        first_response_cpu_ms: Math.round(firstResponseCpuMs),
        cold_start_ms: Math.round(median(starts.map((s) => s.wallMs))),
        cold_start_cpu_ms: Math.round(median(starts.map((s) => s.cpuMs))),
        cold_start_source_ms: Math.round(median(sourceStarts.map((s) => s.wallMs))),
        cold_start_source_cpu_ms: Math.round(median(sourceStarts.map((s) => s.cpuMs))),
        cold_start_unbuilt_ms: unbuilt === null ? null : Math.round(unbuilt.wallMs),
        cold_start_unbuilt_cpu_ms: unbuilt === null ? null : Math.round(unbuilt.cpuMs),
        database: postgres ? 'postgresql' : 'pglite',
        load_average: Math.round(loadavg()[0]! * 10) / 10,
        first_render_ms: Math.round(renderMs),
        first_render_cached_ms: Math.round(cachedMs),
        time_to_receipt_s: Math.round(receiptS * 10) / 10,
      },
      values.json === true,
    );
  } finally {
    await postgres?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
