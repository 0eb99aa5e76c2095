// What the browser tests and the booth benchmark share: Debian's Chromium driven by playwright-core,
// a voter who votes through the booth's pages as a person would (in Romanian), and axe-core's
// accessibility check of a page.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { TEXT } from '@evotare/client/src/text.ts';
import type { SampleVoter } from '@evotare/server/src/sample.ts';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

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
  await page.getByLabel(TEXT.actMonth.ro).fill(month);
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

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's violations on the page as it is (WCAG 2.1 A and AA, and best practices), as
 * "rule: target" lines. Injected through the DevTools protocol, which the pages' security policy
 * (no inline script) does not apply to.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<unknown> } }).axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    })) as { violations: { id: string; nodes: { target: unknown[] }[] }[] };
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
  });
  return violations;
}
