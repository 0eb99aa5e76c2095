// The verifier page (client/src/verify) in headless Chromium, built as the static bundle anyone can
// host and served by a plain static file server: on the small tallied board of docs/vectors it
// reports every check with the same ID, outcome and summary as the CLI's verifier on the same
// directory (ballots, shuffles and decryptions verified on Web Workers); on a copy with one ballot
// altered it fails at the same checks as the CLI. The server serves the same page at /verify/.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildVerifierPage, verifierPageRoutes } from '@evotare/client/serve/verifier-page';
import { receiptFor, syntheticElection, writeExport } from '@evotare/verifier/_fixtures';
import type { Report } from '@evotare/verifier/report';
import { verifyBoardExport } from '@evotare/verifier/verify';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const BOARD = fileURLToPath(new URL('../../docs/vectors/board-tallied', import.meta.url));

/** What must agree between the page and the CLI, check by check. */
const verdicts = (r: Report) => r.results.map((x) => ({ id: x.id, outcome: x.outcome, summary: x.summary ?? '' }));

describe.skipIf(!haveChromium)('the verifier page in a browser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-verifier-page-'));
  let site: Server;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    const files = await buildVerifierPage();
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
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  /** Opens the page, picks `board` in the directory input (and a receipt), verifies; the page's report. */
  async function verifyInPage(board: string, receipt?: string): Promise<{ report: Report; verdict: string }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(url);
      await page.locator('#export').setInputFiles(board);
      if (receipt !== undefined) {
        await page.locator('#receipt').setInputFiles(receipt);
        await page.waitForFunction(() => (document.querySelector('#receipt') as HTMLInputElement).files?.length === 1);
      }
      await page.locator('#verify-files').click();
      await page.waitForSelector('body[data-state="done"], body[data-state="error"]', { timeout: 60_000 });
      expect(errors).toEqual([]);
      const report = (await page.evaluate(() => (window as { evotareReport?: unknown }).evotareReport)) as Report;
      // The ballots were verified on Web Workers, one per core the browser reports.
      expect(await page.locator('#progress').innerText()).toMatch(/batches verified on \d+ threads: ([1-9]\d*) of \1$/);
      return { report, verdict: await page.locator('#verdict').innerText() };
    } finally {
      await page.close();
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
      const { report } = await verifyInPage(board, file);
      expect(verdicts(report)).toEqual(verdicts(cli));
      expect(report.results.find((r) => r.id === 'V13.10')?.outcome).toBe(outcome);
    }
  });

  it('is served by the server at /verify/ (Romanian first), with its worker', async () => {
    const app = verifierPageRoutes();
    expect((await app.request('/verify')).status).toBe(301);
    const index = await app.request('/verify/');
    expect(await index.text()).toContain('<script type="module" src="./verify.js">');
    const worker = await app.request('/verify/verify-worker.js');
    expect(worker.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await app.request('/verify/nothing.js')).status).toBe(404);
  });
});
