// `npm run bench -- verify-browser [--voters N] [--board DIR] [--archive] [--json]`: seconds to
// verify one board in headless Chromium with the verifier page (client/src/verify, Web Workers on
// every core the browser reports) next to the CLI (`evotare-verify DIR`, worker threads on every
// core) on the same board. The board is a synthetic tallied election of N voters
// (verifier/src/_fixtures.ts: credentials, ballots, one re-vote, one paper vote, two shuffles, a
// threshold decryption, a head after every entry) written once as an export to DIR (kept, and
// reused when it is there). With --archive both read its archive form (DIR.tar, §12.8) instead:
// the page streams it in (./client/src/verify/archive.ts), the CLI unpacks it to a temporary directory.
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { verifierPageFiles } from '@evotare/client/serve/verifier-page';
import { syntheticElection, tallySyntheticElection, writeExport } from '@evotare/verifier/_fixtures';
import { writeBoardArchive } from '@evotare/verifier/archive';
import { chromium } from 'playwright-core';
import { report } from './_report.ts';

const CHROMIUM = '/usr/bin/chromium';
const CLI = fileURLToPath(new URL('../../verifier/src/main.ts', import.meta.url));

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function run(args: string[]): Promise<void> {
  const json = args.includes('--json');
  const voters = Number(option(args, '--voters') ?? 1000);
  const board = option(args, '--board') ?? join(tmpdir(), `evotare-bench-board-${voters}`);
  const log = (s: string) => {
    if (!json) console.log(s);
  };

  let generateSeconds: number | null = null;
  if (!existsSync(join(board, 'tree-head.json'))) {
    log(`writing a tallied board of ${voters} voters to ${board} …`);
    const started = performance.now();
    const election = syntheticElection(voters);
    await tallySyntheticElection(election);
    writeExport(board, election, election.items);
    generateSeconds = (performance.now() - started) / 1000;
  }

  const archive = args.includes('--archive') ? `${board}.tar` : undefined;
  if (archive !== undefined && !existsSync(archive)) await writeBoardArchive(board, archive);
  const input = archive ?? board;

  // The CLI, as a user runs it.
  const cliStarted = performance.now();
  const cli = await promisify(execFile)(process.execPath, [CLI, input, '--json'], { maxBuffer: 1 << 28 }).catch(
    (e) => e as { stdout: string; code: number },
  );
  const cliSeconds = (performance.now() - cliStarted) / 1000;
  const cliReport = JSON.parse(cli.stdout) as { passed: number; failed: number; notRun: number };

  // The page, served as its static bundle, the board picked as a directory.
  const files = await verifierPageFiles();
  const site = createServer((req, res) => {
    const file = files.get(new URL(req.url!, 'http://x').pathname.slice(1) || 'index.html');
    if (file === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': file.contentType }).end(file.body);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  let browserSeconds: number;
  let pageSeconds: number;
  let browserReport: { passed: number; failed: number; notRun: number };
  let threads: number;
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/?lang=en`);
    threads = await page.evaluate(() => navigator.hardwareConcurrency);
    await page.locator(archive === undefined ? '#export' : '#archive').setInputFiles(input);
    const started = performance.now();
    await page.locator(archive === undefined ? '#verify-files' : '#verify-archive').click();
    await page.waitForSelector('body[data-state="done"], body[data-state="error"], body[data-state="unreadable"]', {
      timeout: 0,
    });
    browserSeconds = (performance.now() - started) / 1000;
    pageSeconds = Number(await page.evaluate(() => document.body.dataset.seconds));
    browserReport = (await page.evaluate(() => (window as { evotareReport?: unknown }).evotareReport)) as never;
  } finally {
    await browser.close();
    site.close();
  }

  report(
    `the verifier on a tallied board of ${voters} voters: CLI and browser (headless Chromium)`,
    {
      voters,
      board: input,
      ...(archive === undefined ? {} : { archive_bytes: statSync(archive).size }),
      generate_seconds: generateSeconds,
      cli_seconds: cliSeconds,
      cli_outcome: `${cliReport.passed} passed, ${cliReport.failed} failed, ${cliReport.notRun} not run`,
      browser_seconds: browserSeconds,
      browser_verify_seconds: pageSeconds,
      browser_threads: threads,
      browser_outcome: `${browserReport.passed} passed, ${browserReport.failed} failed, ${browserReport.notRun} not run`,
      browser_over_cli: browserSeconds / cliSeconds,
    },
    json,
  );
}
