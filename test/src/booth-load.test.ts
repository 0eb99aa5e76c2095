// The booth's first load and the parts it loads later, in a real browser (Debian's Chromium) on a
// phone, against the server with the sample election: before the first screen Chromium fetches
// exactly the scripts the page preloads (client/serve/assets.ts, firstLoad: the loader, the page's
// module and its chunks, the texts of the page's language), never another language's texts, the QR
// code generator or the key transfer's code; those come when the voter needs them. A script that
// does not arrive (a dropped connection) gives a message in the voter's language with a button that
// tries again, never a blank page: at the first load, at a language switch (the marked ballot is
// kept), for a QR code and for moving a key to another device.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BoothAssets, boothAssets, firstLoad } from '@evotare/client/serve/assets.ts';
import { TEXT } from '@evotare/client/src/text.ts';
import { SAMPLE_ELECTION_ID, type SampleVoter } from '@evotare/server/src/sample.ts';
import type { RunningServer } from '@evotare/server/src/server.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, haveChromium, openDevice, PHONE, startSampleBooth } from './_browser.ts';

describe.skipIf(!haveChromium)('the booth’s scripts: the first load, the parts loaded later, and failures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-booth-load-'));
  let server: RunningServer;
  let browser: Browser;
  let voters: SampleVoter[];
  let assets: BoothAssets;
  const problems: string[] = [];
  const booth = `/vote/${SAMPLE_ELECTION_ID}`;

  /** The requests the tests cut show up as failed loads (and the loader says why it gave up). */
  const device = () =>
    openDevice(
      browser,
      PHONE,
      problems,
      /Failed to load resource|net::ERR|Failed to fetch dynamically imported module/,
    );

  /** The booth's scripts the page asks for, by file name, in order. */
  function scriptsFetched(page: Page): string[] {
    const files: string[] = [];
    page.on('request', (r) => {
      const m = /\/booth\/([\w-]+\.js)(\?|$)/.exec(r.url());
      if (m) files.push(m[1]!);
    });
    return files;
  }

  /** Requests for the booth's file `file` fail (as when the connection drops), until undone. */
  async function cut(page: Page, file: string): Promise<() => Promise<void>> {
    const matches = (url: URL) => url.pathname === `/booth/${file}`;
    await page.route(matches, (route) => route.abort('internetdisconnected'));
    return () => page.unroute(matches);
  }

  async function activate(page: Page, v: SampleVoter): Promise<void> {
    const [year, month, day] = v.birthDate.split('-') as [string, string, string];
    await page.getByLabel(TEXT.actIdnp.ro).fill(v.idnp);
    await page.getByLabel(TEXT.actDay.ro, { exact: true }).fill(day);
    await page.getByLabel(TEXT.actMonth.ro, { exact: true }).selectOption(String(Number(month)));
    await page.getByLabel(TEXT.actYear.ro, { exact: true }).fill(year);
    await page.getByLabel(TEXT.actCode.ro).fill(v.code);
    await page.locator('#activate').click();
    await page.getByRole('heading', { level: 1, name: TEXT.ballotHeading.ro }).waitFor();
  }

  /** A new phone on the ballot of voter `v`, activated in Romanian. */
  async function onBallot(v: SampleVoter) {
    const opened = await device();
    await opened.page.goto(`${server.url}${booth}`);
    await opened.page.getByRole('heading', { level: 1, name: TEXT.actHeading.ro }).waitFor();
    await activate(opened.page, v);
    return opened;
  }

  beforeAll(async () => {
    ({ server, voters, browser } = await startSampleBooth(dir));
    assets = await boothAssets();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fetches before the first screen what the page preloads, and the QR code and key transfer only when used', {
    timeout: 60_000,
  }, async () => {
    const { context, page } = await device();
    const fetched = scriptsFetched(page);
    await page.goto(`${server.url}${booth}`);
    await page.getByRole('heading', { level: 1, name: TEXT.actHeading.ro }).waitFor();
    const first = firstLoad(assets, 'vote', 'ro').map((a) => a.file);
    expect([...fetched].sort()).toEqual([...first].sort()); // each once
    const before = fetched.length;
    for (const later of ['text-en', 'text-ru', 'qr', 'transfer'])
      expect(first).not.toContain(assets.parts[later]!.file);

    await activate(page, voters[0]!);
    await page.locator('#move-out').click();
    await page.getByRole('img', { name: TEXT.moveOutQrAlt.ro }).waitFor();
    // The two parts, and nothing besides them: the chunks they import came with the first load.
    expect(fetched.slice(before).sort()).toEqual([assets.parts.qr!.file, assets.parts.transfer!.file].sort());
    await context.close();
    expect(problems).toEqual([]);
  });

  it('says so in the page’s language when a script of the first load does not arrive, and loads the page on “try again”', {
    timeout: 60_000,
  }, async () => {
    const { context, page } = await device();
    const restore = await cut(page, assets.parts['page-vote']!.file);
    await page.goto(`${server.url}${booth}?lang=ru`);
    const alert = page.locator('#main [role="alert"]');
    await alert.getByText(TEXT.loadFailed.ru).waitFor();
    expect(await page.locator('#main').getAttribute('aria-busy')).toBe('false');
    expect(await axeViolations(page)).toEqual([]);
    await restore();
    await page.getByRole('button', { name: TEXT.tryAgain.ru }).click();
    await page.getByRole('heading', { level: 1, name: TEXT.actHeading.ru }).waitFor();
    await context.close();
    expect(problems).toEqual([]);
  });

  it('keeps the screen and the marked ballot when another language’s texts do not arrive, and switches on “try again”', {
    timeout: 60_000,
  }, async () => {
    const { context, page } = await onBallot(voters[1]!);
    await page.locator('#choice-0-1').check();
    const restore = await cut(page, assets.parts['text-en']!.file);
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('alert').getByText(TEXT.languageLoadFailed.ro).waitFor();
    await page.getByRole('heading', { level: 1, name: TEXT.ballotHeading.ro }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ro');
    expect(await axeViolations(page)).toEqual([]);
    await restore();
    await page.getByRole('button', { name: TEXT.tryAgain.ro }).click();
    await page.getByRole('heading', { level: 1, name: TEXT.ballotHeading.en }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('#choice-0-1').isChecked()).toBe(true);
    expect(await page.getByRole('alert').count()).toBe(0);
    await context.close();
    expect(problems).toEqual([]);
  });

  it('says so when the key transfer or the QR code generator does not arrive, and works on the next try', {
    timeout: 60_000,
  }, async () => {
    const { context, page } = await onBallot(voters[2]!);
    const restoreTransfer = await cut(page, assets.parts.transfer!.file);
    const restoreQr = await cut(page, assets.parts.qr!.file);
    await page.locator('#move-out').click();
    await page.getByRole('alert').getByText(TEXT.partLoadFailed.ro).waitFor();
    await page.getByRole('heading', { level: 1, name: TEXT.ballotHeading.ro }).waitFor();
    await restoreTransfer();
    await page.locator('#move-out').click();
    // The key is sealed and shown; only the QR code is missing, with a button to draw it.
    await page.getByRole('heading', { level: 1, name: TEXT.moveOutHeading.ro }).waitFor();
    await page.getByRole('alert').getByText(TEXT.partLoadFailed.ro).waitFor();
    expect(await page.locator('#transfer-code').textContent()).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await axeViolations(page)).toEqual([]);
    await restoreQr();
    await page.getByRole('button', { name: TEXT.tryAgain.ro }).click();
    await page.getByRole('img', { name: TEXT.moveOutQrAlt.ro }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await context.close();
    expect(problems).toEqual([]);
  });
});
