// The verifier page (client/src/verify) in headless Chromium, as the static site anyone can host
// (index.html and the prebuilt files it names, served by a plain static file server): on the small
// tallied board of docs/vectors it reports every check with the same ID, outcome and summary as the
// CLI's verifier on the same directory (ballots, shuffles and decryptions verified on Web Workers,
// progress by group of checks); on a copy with one ballot altered it fails at the same checks as
// the CLI. The archive the CEC publishes (tar, or tar.gz) verifies as the directory does; a damaged
// one, a ZIP or another archive than the one published is said to be so, in the page's language,
// never "does not verify". Check titles follow the page's language. axe finds nothing on a phone
// or a desktop; these last run on the page as the server serves it (/verify/, hashed files, the
// server's security policy). `npm run build` writes the page into client/dist/verify, and the
// server serves it at /verify/ from there without loading esbuild.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readBundleManifest } from '@evotare/client/serve/bundle.ts';
import {
  VERIFIER_PAGE_BUNDLE,
  verifierPageAssets,
  verifierPageFiles,
  verifierPageRoutes,
} from '@evotare/client/serve/verifier-page';
import { securityHeaders } from '@evotare/server/src/http/middleware/security-headers/index.ts';
import { receiptFor, syntheticElection, writeExport } from '@evotare/verifier/_fixtures';
import { writeBoardArchive } from '@evotare/verifier/archive';
import { CHECK_TITLES } from '@evotare/verifier/cli/check-titles';
import type { Report } from '@evotare/verifier/report';
import { verifyBoardExport } from '@evotare/verifier/verify';
import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, haveChromium, launchChromium, PHONE } from './_browser.ts';

const BOARD = fileURLToPath(new URL('../../docs/vectors/board-tallied', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DESKTOP = { viewport: { width: 1366, height: 900 } };

/** What must agree between the page and the CLI, check by check. */
const verdicts = (r: Report) => r.results.map((x) => ({ id: x.id, outcome: x.outcome, summary: x.summary ?? '' }));

describe.skipIf(!haveChromium)('the verifier page in a browser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-verifier-page-'));
  let site: Server;
  let url: string;
  /** The page as the server serves it: /verify/, its security policy, compressed files. */
  let server: ServerType;
  let served: string;
  let browser: Browser;

  beforeAll(async () => {
    const files = await verifierPageFiles();
    site = createServer((req, res) => {
      const name = new URL(req.url!, 'http://x').pathname.slice(1) || 'index.html';
      const file = files.get(name);
      if (file === undefined) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': file.contentType }).end(file.body);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(site.address() as AddressInfo).port}/?lang=en`;
    const app = new Hono();
    app.use(securityHeaders());
    app.route('/', verifierPageRoutes());
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    served = `http://127.0.0.1:${(server.address() as AddressInfo).port}/verify/?lang=en`;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await new Promise((resolve) => server?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Opens the page, picks `board` — a directory, or with `archive` an archive file (and the SHA-256
   * said to be published) — and a receipt, verifies; the page's report, verdict and final state.
   */
  async function verifyInPage(
    board: string,
    o: {
      receipt?: string;
      archive?: boolean;
      sha256?: string;
      lang?: string;
      screen?: object;
      axe?: boolean;
      /** From the server's /verify/ rather than the static site. */
      served?: boolean;
    } = {},
  ): Promise<{ report: Report; verdict: string; state: string; page: Page }> {
    const context = await browser.newContext(o.screen ?? DESKTOP);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      const at = o.served ? served : url;
      await page.goto(o.lang === undefined ? at : at.replace('lang=en', `lang=${o.lang}`));
      if (o.axe) expect(await axeViolations(page)).toEqual([]);
      await page.locator(o.archive ? '#archive' : '#export').setInputFiles(board);
      if (o.sha256 !== undefined) await page.locator('#archive-sha256').fill(o.sha256);
      if (o.receipt !== undefined) {
        await page.locator('#receipt').setInputFiles(o.receipt);
        await page.waitForFunction(() => (document.querySelector('#receipt') as HTMLInputElement).files?.length === 1);
      }
      await page.locator(o.archive ? '#verify-archive' : '#verify-files').click();
      await page.waitForSelector('body[data-state="done"], body[data-state="error"], body[data-state="unreadable"]', {
        timeout: 60_000,
      });
      expect(errors).toEqual([]);
      if (o.axe) expect(await axeViolations(page)).toEqual([]);
      const state = (await page.locator('body').getAttribute('data-state'))!;
      const report = (await page.evaluate(() => (window as { evotareReport?: unknown }).evotareReport)) as Report;
      if (report !== undefined) {
        // Progress by group of checks, each done; the ballots were verified on Web Workers.
        const groups = page.locator('#progress li');
        expect(
          await groups.evaluateAll((li) => li.map((l) => [l.getAttribute('data-group'), l.dataset.state])),
        ).toEqual([
          ['board', 'done'],
          ['ballots', 'done'],
          ['shuffles', 'done'],
          ['decryptions', 'done'],
        ]);
        if (o.lang === undefined) {
          expect(await page.locator('#progress li[data-group="ballots"]').innerText()).toMatch(
            /^Ballots \(V13\.06\): ([1-9]\d*) verified of \1 read$/,
          );
        }
      }
      return { report, verdict: await page.locator('#verdict').innerText(), state, page };
    } finally {
      if (!o.lang) await context.close();
    }
  }

  it('passes every check of the tallied board with the CLI’s IDs, outcomes and counts', async () => {
    const cli = (await verifyBoardExport(BOARD)).report;
    const { report, verdict } = await verifyInPage(BOARD);
    expect(verdicts(cli).every((r) => r.outcome === 'passed')).toBe(true);
    expect(verdicts(report)).toEqual(verdicts(cli));
    expect(report.fingerprint).toBe(cli.fingerprint);
    expect(report.electionId).toBe(cli.electionId);
    expect(verdict).toMatch(/^THE BOARD VERIFIES: all \d+ checks passed/);
  });

  it('fails a board with one ballot altered at the same checks as the CLI', async () => {
    const tampered = join(dir, 'tampered');
    cpSync(BOARD, tampered, { recursive: true });
    const file = join(tampered, 'entries', readdirSync(join(tampered, 'entries'))[0]!);
    const lines = readFileSync(file, 'utf8').split('\n');
    const i = lines.findIndex((l) => l.includes('"type":"ballot"'));
    // The ballot's signature, one character changed: the entry's hash no longer matches either.
    lines[i] = lines[i]!.replace(/"signature":"(.)/, (_m, c: string) => `"signature":"${c === 'A' ? 'B' : 'A'}`);
    writeFileSync(file, lines.join('\n'));
    const cli = (await verifyBoardExport(tampered)).report;
    const failedIn = (r: Report) => r.results.filter((x) => x.outcome === 'failed').map((x) => x.id);
    expect(failedIn(cli)).toContain('V12.06');
    const { report, verdict } = await verifyInPage(tampered);
    expect(failedIn(report)).toEqual(failedIn(cli));
    expect(verdicts(report)).toEqual(verdicts(cli));
    expect(verdict).toMatch(/^THE BOARD DOES NOT VERIFY/);
  });

  it('checks a voter’s receipt (V13.10) as the CLI does, and refuses one for another entry', async () => {
    const election = syntheticElection(3);
    const board = join(dir, 'with-receipt');
    const written = writeExport(board, election, election.items);
    const seq = written.entries.findIndex((e) => e.type === 'ballot');
    const good = join(dir, 'receipt.json');
    writeFileSync(good, JSON.stringify(receiptFor(election, written, seq)));
    const wrong = join(dir, 'wrong-receipt.json');
    writeFileSync(wrong, JSON.stringify({ ...(receiptFor(election, written, seq) as object), position: seq - 1 }));
    for (const [file, outcome] of [
      [good, 'passed'],
      [wrong, 'failed'],
    ] as const) {
      const cli = (await verifyBoardExport(board, { receipt: JSON.parse(readFileSync(file, 'utf8')) })).report;
      const { report } = await verifyInPage(board, { receipt: file });
      expect(verdicts(report)).toEqual(verdicts(cli));
      expect(report.results.find((r) => r.id === 'V13.10')?.outcome).toBe(outcome);
    }
  });

  it('verifies the archive the CEC publishes, tar or tar.gz, as the directory, with its SHA-256 (at /verify/, under the server’s security policy)', async () => {
    const tar = join(dir, 'board.tar');
    const sha256 = await writeBoardArchive(BOARD, tar);
    const cli = (await verifyBoardExport(BOARD)).report;
    const { report, verdict } = await verifyInPage(tar, { archive: true, sha256, served: true });
    expect(verdicts(report)).toEqual(verdicts(cli));
    expect((report as Report & { archive?: unknown }).archive).toEqual({ file: 'board.tar', sha256 });
    expect(verdict).toMatch(/^THE BOARD VERIFIES/);
    const gz = join(dir, 'board.tar.gz');
    writeFileSync(gz, gzipSync(readFileSync(tar)));
    expect(verdicts((await verifyInPage(gz, { archive: true, served: true })).report)).toEqual(verdicts(cli));
  });

  it('says a damaged archive, a ZIP or another archive than the published one cannot be read, in the page’s language', async () => {
    const tar = join(dir, 'published.tar');
    const sha256 = await writeBoardArchive(BOARD, tar);
    const cut = join(dir, 'cut.tar');
    cpSync(tar, cut);
    truncateSync(cut, Math.floor(readFileSync(tar).length / 2));
    let r = await verifyInPage(cut, { archive: true });
    expect(r.state).toBe('unreadable');
    expect(r.report).toBeUndefined();
    expect(r.verdict).toBe('COULD NOT READ cut.tar: the archive is damaged or cut short (Tar archive is truncated.)');
    r = await verifyInPage(cut, { archive: true, lang: 'ro' });
    expect(r.verdict).toMatch(/^NU S-A PUTUT CITI cut\.tar: arhiva este deteriorată sau trunchiată/);
    await r.page.context().close();
    const zip = join(dir, 'board.zip');
    writeFileSync(zip, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(600)]));
    r = await verifyInPage(zip, { archive: true });
    expect(r.verdict).toMatch(/^COULD NOT READ board\.zip: it is a ZIP archive/);
    r = await verifyInPage(tar, { archive: true, sha256: sha256.replace(/^./, (c) => (c === '0' ? '1' : '0')) });
    expect(r.verdict).toMatch(/^THE ARCHIVE IS NOT THE ONE PUBLISHED: the SHA-256 of the archive published\.tar is /);
    expect(r.report).toBeUndefined();
    // A mistyped SHA-256 is said to be one, before the archive is read.
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('#archive').setInputFiles(tar);
    await page.locator('#archive-sha256').fill('abc');
    await page.locator('#verify-archive').click();
    await expect(page.locator('#out [role="alert"]').innerText()).resolves.toMatch(
      /^A SHA-256 has 64 hexadecimal digits/,
    );
    // A receipt that is not JSON (a photo of it, say) is said to be none; nothing is thrown at the page.
    const photo = join(dir, 'receipt.jpg');
    writeFileSync(photo, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]));
    const thrown: Error[] = [];
    page.on('pageerror', (e) => thrown.push(e));
    await page.locator('#receipt').setInputFiles(photo);
    await expect
      .poll(() => page.locator('#out [role="alert"]').innerText())
      .toBe(
        'The file receipt.jpg is not a receipt: a receipt is the JSON file the voting booth saved. Choose it again.',
      );
    expect(thrown).toEqual([]);
    await context.close();
  });

  it('shows the checks’ titles in the page’s language, with no accessibility violation on a phone or a desktop', async () => {
    for (const [lang, screen] of [
      ['ro', PHONE],
      ['ru', DESKTOP],
    ] as const) {
      const { page, verdict } = await verifyInPage(BOARD, { lang, screen, axe: true, served: true });
      try {
        const title = await page.locator('tr[data-check="V12.06"] td').nth(1).innerText();
        expect(title.startsWith(CHECK_TITLES['V12.06']![lang])).toBe(true);
        expect(verdict).toMatch(lang === 'ro' ? /^AVIZIERUL SE VERIFICĂ/ : /^ДОСКА ПРОХОДИТ ПРОВЕРКУ/);
        // No horizontal scroll on a phone: the table scrolls inside its own box if it must.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      } finally {
        await page.context().close();
      }
    }
  });

  it('is built by `npm run build` into client/dist/verify and served at /verify/ without loading esbuild', async () => {
    const build = spawnSync(process.execPath, ['client/serve/build.ts'], { cwd: ROOT, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    const manifest = (await readBundleManifest(VERIFIER_PAGE_BUNDLE))!;
    for (const name of ['verify', 'verify-worker', 'verify-style']) {
      expect(build.stdout).toContain(`client/dist/verify/${manifest.assets[name]!.file}`);
    }
    // A process that serves the page from the prebuilt files, every module it loads recorded.
    const trace = join(dir, 'modules.txt');
    const hook = `data:text/javascript,${encodeURIComponent(`
import { registerHooks } from 'node:module';
import { appendFileSync } from 'node:fs';
registerHooks({ load(url, context, next) { appendFileSync(${JSON.stringify(trace)}, url + '\\n'); return next(url, context); } });`)}`;
    const serve = `
const { verifierPageRoutes } = await import('@evotare/client/serve/verifier-page');
const app = verifierPageRoutes();
const page = await (await app.request('/verify/')).text();
const script = /src="\\.\\/(verify-[A-Z0-9]+\\.js)"/.exec(page)[1];
const js = await app.request('/verify/' + script, { headers: { 'accept-encoding': 'br' } });
console.log(JSON.stringify({ script, status: js.status, cache: js.headers.get('cache-control'), encoding: js.headers.get('content-encoding') }));`;
    const child = spawnSync(process.execPath, ['--import', hook, '--input-type=module', '-e', serve], {
      cwd: join(ROOT, 'server'),
      encoding: 'utf8',
    });
    expect(child.status, child.stderr).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual({
      script: manifest.assets.verify!.file,
      status: 200,
      cache: 'public, max-age=31536000, immutable',
      encoding: 'br',
    });
    const modules = readFileSync(trace, 'utf8').split('\n');
    expect(modules.some((m) => m.includes('/client/serve/verifier-page.ts'))).toBe(true);
    expect(modules.filter((m) => m.includes('/node_modules/esbuild/'))).toEqual([]);
  });

  it('is served by the server at /verify/ (Romanian first), with its hashed files and their digests', async () => {
    const assets = await verifierPageAssets();
    const app = verifierPageRoutes();
    expect((await app.request('/verify')).status).toBe(301);
    const index = await (await app.request('/verify/')).text();
    expect(index).toContain('<html lang="ro">');
    expect(index).toContain(`<script type="module" src="./${assets.js.file}" integrity="${assets.js.integrity}">`);
    expect(index).toContain(`data-worker="./${assets.worker.file}"`);
    const worker = await app.request(`/verify/${assets.worker.file}`);
    expect(worker.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(worker.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await app.request('/verify/nothing.js')).status).toBe(404);
  });
});
