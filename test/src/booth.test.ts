// The voters' booth in a real browser: headless Chromium (Debian's, driven by playwright-core) on a
// phone-sized screen in Italy, against the server on 127.0.0.1 with the sample election `npm start`
// prepares. A voter opens the elections page, mistypes the code (the Romanian error), activates,
// marks a ballot, switches language without losing it, audits one encryption (the audit shows the
// choices made; its data holds no signature and the server refuses to cast it), votes again and casts; the receipt is checked on the board in the booth, and again
// on a second device from the receipt's address, which is then switched to English. The activation
// letter's link fills in the code. The ballot and the receipt show the election fingerprint the
// booth computed from the board; an election API that states another key makes the booth refuse.
// The pages run with the server's strict security policy, and no error may reach the console.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEXT } from '@evotare/client/src/text.ts';
import { activationUrl } from '@evotare/server/src/credentials/letters.ts';
import { SAMPLE_ELECTION_ID, type SampleVoter } from '@evotare/server/src/sample.ts';
import type { RunningServer } from '@evotare/server/src/server.ts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, haveChromium, openDevice, startSampleBooth } from './_browser.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

describe.skipIf(!haveChromium)('the booth in a browser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-booth-'));
  let server: RunningServer;
  let browser: Browser;
  let voters: SampleVoter[];
  const problems: string[] = [];

  /** A fresh device: its own storage, a phone's screen, in Italy. The refused activation shows up as a
   * failed request (403); any other console error is a fault. */
  const device = () => openDevice(browser, PHONE, problems, /status of 403/);

  beforeAll(async () => {
    ({ server, voters, browser } = await startSampleBooth(dir));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('activates, audits one ballot, casts another, and the receipt verifies on a second device', {
    timeout: 60_000,
  }, async () => {
    const voter = voters[0]!;
    const [year, month, day] = voter.birthDate.split('-') as [string, string, string];
    const { context, page } = await device();

    // The elections page, in Romanian.
    await page.goto(`${server.url}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('ro');
    await page.getByRole('link', { name: 'Votați' }).click();

    // Activation: a mistyped code is refused, in Romanian; the right one activates.
    await page.getByRole('heading', { name: TEXT.actHeading.ro }).waitFor();
    expect(await axeViolations(page), 'activation').toEqual([]);
    await page.getByLabel(TEXT.actIdnp.ro).fill(voter.idnp);
    await page.getByLabel(TEXT.actDay.ro).fill(day);
    await page.getByLabel(TEXT.actMonth.ro).selectOption(String(Number(month)));
    await page.getByLabel(TEXT.actYear.ro).fill(year);
    await page.getByLabel(TEXT.actCode.ro).fill('AAAAA-AAAAA-AAAAA-AAAAA');
    await page.getByRole('button', { name: TEXT.actSubmit.ro }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      TEXT.errActivationTries.ro.replace('{tries}', '4'),
    );
    await page.getByLabel(TEXT.actCode.ro).fill(voter.code.toLowerCase());
    await page.getByRole('button', { name: TEXT.actSubmit.ro }).click();

    // The ballot; the device says it now holds the credential, and it does (public key only sent).
    await page.getByRole('heading', { name: TEXT.ballotHeading.ro }).waitFor();
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(TEXT.actDone.ro);
    const stored = await page.evaluate(() => {
      const [publicKey] = JSON.parse(localStorage.getItem('evotare/v1/voters/demo-2024-10-20')!) as string[];
      return localStorage.getItem(`evotare/v1/credential/demo-2024-10-20/${publicKey}`);
    });
    expect(JSON.parse(stored!)).toMatchObject({ status: 'active' });
    expect(JSON.parse(stored!).secretKey).toMatch(/^[\w-]{43}$/);

    // The election fingerprint the booth computed from the board, with the sentence to compare it.
    const published = (await (await fetch(`${server.url}/api/v1/elections/${SAMPLE_ELECTION_ID}`)).json()) as {
      fingerprint: { short: string };
    };
    expect(published.fingerprint.short).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    expect(await page.locator('#fingerprint').isVisible()).toBe(true);
    expect(await page.locator('#fingerprint').textContent()).toBe(published.fingerprint.short);
    await expect(page.locator('.fingerprint').textContent()).resolves.toContain(TEXT.fingerprintCompare.ro);

    // Continuing with nothing marked: an error summary takes the focus.
    await page.getByRole('button', { name: TEXT.ballotNext.ro }).click();
    await page.locator('.notice.summary').waitFor();
    expect(await axeViolations(page), 'ballot with errors').toEqual([]);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('summary'))).toBe(true);

    // Marks a ballot, switches to Russian and back: the marks stay.
    const sandu = 'Maia Sandu (Partidul Acțiune și Solidaritate)';
    await page.getByLabel(sandu).check();
    await page.getByLabel('DA', { exact: true }).check();
    await page.getByRole('link', { name: 'Русский' }).click();
    await page.getByRole('heading', { name: TEXT.ballotHeading.ru }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    expect(await page.getByLabel('Майя Санду (Партия «Действие и солидарность»)').isChecked()).toBe(true);
    await page.getByRole('link', { name: 'Română' }).click();
    await page.getByRole('button', { name: TEXT.ballotNext.ro }).click();

    // Review: the ballot is encrypted; its tracking code is shown before the choice to audit or cast.
    await page.getByRole('heading', { name: TEXT.reviewHeading.ro }).waitFor();
    const audited = await page.locator('.tracking .code').textContent();
    expect(audited).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await page.getByText(TEXT.reviewAuditHeading.ro).click();
    await page.getByRole('button', { name: TEXT.reviewAudit.ro }).click();

    // The audit shows the choices this ballot encrypts, checked with its randomness.
    await page.getByRole('heading', { name: TEXT.auditHeading.ro }).waitFor();
    await expect(page.locator('.notice.success').textContent()).resolves.toContain(TEXT.auditValid.ro);
    expect(await axeViolations(page), 'audit').toEqual([]);
    expect(await page.locator('dl.choices dd').allTextContents()).toEqual([sandu, 'DA']);
    expect(await page.locator('.tracking .code').textContent()).toBe(audited);
    const auditJson = JSON.parse(await page.getByLabel(TEXT.auditData.ro, { exact: true }).inputValue());
    expect(auditJson.audit.choices).toEqual([1, 0]);
    // The audit data holds no signature: nobody can cast that ballot, the server refuses it.
    expect(Object.keys(auditJson.ballot).sort()).toEqual(['contests', 'credential', 'election']);
    const refused = await fetch(`${server.url}/api/v1/elections/${SAMPLE_ELECTION_ID}/ballots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(auditJson.ballot),
    });
    expect(await refused.json()).toMatchObject({ status: 422, detail: expect.stringMatching(/^V08\.01 .*not signed/) });

    // Back to voting: the same marks, changed to blank in the referendum, encrypted afresh and cast.
    await page.getByRole('button', { name: TEXT.auditAgain.ro }).click();
    await page.getByRole('heading', { name: TEXT.ballotHeading.ro }).waitFor();
    expect(await page.getByLabel(sandu).isChecked()).toBe(true);
    await page.locator('#contest-1').getByLabel(TEXT.ballotBlank.ro).check();
    await page.getByRole('button', { name: TEXT.ballotNext.ro }).click();
    await page.getByRole('heading', { name: TEXT.reviewHeading.ro }).waitFor();
    const cast = await page.locator('.tracking .code').textContent();
    expect(cast).not.toBe(audited);
    expect(await page.locator('dl.choices dd').allTextContents()).toEqual([sandu, TEXT.ballotBlank.ro]);
    await page.getByRole('button', { name: TEXT.reviewCast.ro }).click();

    // The receipt: its tracking code, the checks on the board, a QR code for a second device.
    await page.getByRole('heading', { name: TEXT.receiptHeading.ro }).waitFor();
    expect(await page.locator('.tracking .code').textContent()).toBe(cast);
    await page.locator('ul.checks li').nth(6).waitFor();
    expect(await page.locator('ul.checks li.check.ok').count()).toBe(7);
    expect(await page.locator('ul.checks li.check.failed').count()).toBe(0);
    expect(await page.locator('#fingerprint').isVisible()).toBe(true);
    expect(await page.locator('#fingerprint').textContent()).toBe(published.fingerprint.short);
    await expect(page.getByRole('img', { name: TEXT.receiptQrAlt.ro }).getAttribute('src')).resolves.toMatch(
      /^data:image\/svg\+xml/,
    );
    const checkUrl = (await page.locator('section.qr a').getAttribute('href'))!;
    expect(checkUrl).toMatch(new RegExp(`^${server.url}/check\\?election=${SAMPLE_ELECTION_ID}&code=[\\w-]{43}$`));

    // The audited ballot was never cast; the cast one is on the board, with its receipt.
    const api = `${server.url}/api/v1/elections/${SAMPLE_ELECTION_ID}`;
    const code = new URL(checkUrl).searchParams.get('code')!;
    const status = (await (await fetch(`${api}/ballots/${code}`)).json()) as { receipt: { trackingCode: string } };
    expect(status.receipt.trackingCode).toBe(code);
    const board = (await (await fetch(`${api}/board?limit=1000`)).json()) as { entries: { type: string }[] };
    expect(board.entries.filter((e) => e.type === 'ballot')).toHaveLength(1);

    // A second device opens the receipt's address and verifies it in its own browser.
    const second = await device();
    await second.page.goto(checkUrl);
    await second.page.getByText(TEXT.checkAllGood.ro).waitFor();
    expect(await axeViolations(second.page), 'check on a second device').toEqual([]);
    expect(await second.page.locator('ul.checks li.check.ok').count()).toBe(7);
    await expect(second.page.locator('.tracking .code').textContent()).resolves.toBe(cast);
    await second.page.getByRole('link', { name: 'English' }).click();
    await second.page.getByRole('heading', { name: TEXT.checkHeading.en }).waitFor();
    await second.page.getByText(TEXT.checkAllGood.en).waitFor();
    await second.page.reload();
    await second.page.getByText(TEXT.checkAllGood.en).waitFor();
    expect(await second.page.getAttribute('html', 'lang')).toBe('en');

    await second.context.close();
    await context.close();
    expect(problems).toEqual([]);
  });

  it('fills in the code from the activation letter’s link, and leaves it out of the history', {
    timeout: 30_000,
  }, async () => {
    const voter = voters[1]!;
    const { context, page } = await device();
    await page.goto(activationUrl(server.url, SAMPLE_ELECTION_ID, voter.code));
    await page.getByRole('heading', { name: TEXT.actHeading.ro }).waitFor();
    expect(await page.getByLabel(TEXT.actCode.ro).inputValue()).toBe(voter.code);
    expect(new URL(page.url()).pathname).toBe(`/vote/${SAMPLE_ELECTION_ID}`);
    expect(page.url()).not.toContain(voter.code);
    await context.close();
    expect(problems).toEqual([]);
  });

  it('refuses to encrypt when the election API’s key is not the board’s, and says whom to tell', {
    timeout: 30_000,
  }, async () => {
    const { context, page } = await device();
    // A server that states another election key than the board's (as a proxy rewriting the answer).
    await page.route(`${server.url}/api/v1/elections/${SAMPLE_ELECTION_ID}`, async (route) => {
      const response = await route.fetch();
      const x = (await response.json()) as { electionKey: string };
      x.electionKey = `${x.electionKey.slice(0, 42)}${x.electionKey.at(42) === 'A' ? 'E' : 'A'}`;
      await route.fulfill({ response, json: x });
    });
    await page.goto(`${server.url}/vote/${SAMPLE_ELECTION_ID}`);
    const alert = page.locator('.notice.error');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('the election key is not the board’s');
    expect(await alert.textContent()).toContain('anunțați Comisia Electorală Centrală');
    expect(await page.locator('form').count()).toBe(0);
    expect(await page.locator('#fingerprint').count()).toBe(0);
    await context.close();
    expect(problems).toEqual([]);
  });
});
