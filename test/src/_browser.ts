// What the booth's browser tests (and the booth benchmark) share: Debian's Chromium (skipped where it
// is not installed), a server on 127.0.0.1 with the sample election `npm start` prepares, its voters
// and one browser, and a voter who votes through the booth's pages as a person would (in Romanian).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { TEXT } from '@evotare/client/src/text.ts';
import { loadConfig } from '@evotare/server/src/config.ts';
import { silentLogger } from '@evotare/server/src/log.ts';
import { prepareSampleElection, type SampleVoter } from '@evotare/server/src/sample.ts';
import { type RunningServer, startServer } from '@evotare/server/src/server.ts';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`the browser test is skipped: no ${CHROMIUM} (Debian package chromium)`);

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

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

/** The sample election's candidate and referendum answer a scripted voter marks. */
export const SAMPLE_MARKS = ['Maia Sandu (Partidul Acțiune și Solidaritate)', 'DA'] as const;

/**
 * Votes as `voter` in the booth at `url` (`/vote/<election>`): activation with the letter's code,
 * the ballot marked, reviewed and cast, the receipt checked on the board. Returns the tracking code
 * the receipt shows and the address its QR code holds.
 */
export async function voteInBooth(
  page: Page,
  url: string,
  voter: SampleVoter,
): Promise<{ trackingCode: string; checkUrl: string }> {
  const [year, month, day] = voter.birthDate.split('-') as [string, string, string];
  await page.goto(url);
  await page.getByRole('heading', { name: TEXT.actHeading.ro }).waitFor();
  await page.getByLabel(TEXT.actIdnp.ro).fill(voter.idnp);
  await page.getByLabel(TEXT.actDay.ro).fill(day);
  await page.getByLabel(TEXT.actMonth.ro).selectOption(String(Number(month)));
  await page.getByLabel(TEXT.actYear.ro).fill(year);
  await page.getByLabel(TEXT.actCode.ro).fill(voter.code);
  await page.getByRole('button', { name: TEXT.actSubmit.ro }).click();
  await page.getByRole('heading', { name: TEXT.ballotHeading.ro }).waitFor();
  for (const mark of SAMPLE_MARKS) await page.getByLabel(mark, { exact: true }).check();
  await page.getByRole('button', { name: TEXT.ballotNext.ro }).click();
  await page.getByRole('heading', { name: TEXT.reviewHeading.ro }).waitFor();
  await page.getByRole('button', { name: TEXT.reviewCast.ro }).click();
  await page.getByRole('heading', { name: TEXT.receiptHeading.ro }).waitFor();
  await page.locator('ul.checks li').nth(6).waitFor({ timeout: 60_000 });
  const trackingCode = (await page.locator('.tracking .code').first().textContent()) ?? '';
  const checkUrl = (await page.locator('section.qr a').getAttribute('href')) ?? '';
  return { trackingCode, checkUrl };
}
