// What the booth's browser tests share: Debian's Chromium (skipped where it is not installed), and
// a server on 127.0.0.1 with the sample election `npm start` prepares, its voters and one browser.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadConfig } from '@evotare/server/src/config.ts';
import { silentLogger } from '@evotare/server/src/log.ts';
import { prepareSampleElection, type SampleVoter } from '@evotare/server/src/sample.ts';
import { type RunningServer, startServer } from '@evotare/server/src/server.ts';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`the browser test is skipped: no ${CHROMIUM} (Debian package chromium)`);

export interface SampleBooth {
  readonly server: RunningServer;
  readonly voters: SampleVoter[];
  readonly browser: Browser;
}

/** Debian's headless Chromium with the flags that keep it quiet and quick on a CI machine. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** The server with the sample election in `dir`, and a headless Chromium. */
export async function startSampleBooth(dir: string): Promise<SampleBooth> {
  const env = { EVOTARE_DATA_DIR: join(dir, 'data'), HOST: '127.0.0.1', PORT: '0', EVOTARE_LOG_LEVEL: 'error' };
  const server = await startServer(loadConfig(env), silentLogger);
  const voters = (await prepareSampleElection(server.deps, join(dir, 'data')))!;
  const browser = await launchChromium();
  return { server, voters, browser };
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's violations on the page as it is now, one line each (rule: elements). axe is loaded
 * through the debugger, outside the page's security policy, which stays as strict as for voters.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run: (c: Document) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
    };
    const r = await w.axe.run(document);
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/**
 * A fresh device in Italy (its own storage) with `screen`'s size; page errors and console errors
 * are added to `problems`, except console lines matching `expected` (refusals the test provokes).
 */
export async function openDevice(
  browser: Browser,
  screen: BrowserContextOptions,
  problems: string[],
  expected: RegExp,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...screen, locale: 'it-IT', timezoneId: 'Europe/Rome' });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !expected.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return { context, page };
}
