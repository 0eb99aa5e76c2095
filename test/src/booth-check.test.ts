// Checking a vote in a real browser (Debian's Chromium, playwright-core), against the server on
// 127.0.0.1 with the sample election: a voter types the short tracking code from the receipt into
// /check and sees where the ballot stands on the board, its inclusion proof verified in the
// browser — and the page says the same for a ballot that a later one replaced as for the last one
// (issue 10, item 4). A receipt's QR code opened in a second browser context checks the vote there.
// The public board page lists entries and tree heads and finds a tracking code. axe-core finds no
// violation on any of these pages.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApi } from '@evotare/client/src/api.ts';
import { auditData } from '@evotare/client/src/audit-check.ts';
import { CredentialStore } from '@evotare/client/src/credential-store.ts';
import { isLoaded, type LoadedElection, loadElection } from '@evotare/client/src/election.ts';
import { qrImageUrl } from '@evotare/client/src/qr.ts';
import { TEXT } from '@evotare/client/src/text.ts';
import { activateCredential, castBallot, credentialKeyPair } from '@evotare/client/src/voting.ts';
import { encryptBallot, formatTrackingCode } from '@evotare/crypto/ballot';
import { SAMPLE_ELECTION_ID, type SampleVoter } from '@evotare/server/src/sample.ts';
import type { RunningServer } from '@evotare/server/src/server.ts';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activationClaim, memoryStorage } from './_booth.ts';
import { axeViolations, haveChromium, openDevice, PHONE, startSampleBooth, voteInBooth } from './_browser.ts';

describe.skipIf(!haveChromium)('checking a vote in a browser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-booth-check-'));
  let server: RunningServer;
  let browser: Browser;
  let voters: SampleVoter[];
  let fingerprint: string;
  /** One voter's two ballots, cast over the API: the first replaced by the second. */
  let replaced: Uint8Array;
  let last: Uint8Array;
  /** The same voter's audited ballot (never cast), as the booth gives it to check elsewhere. */
  let audited: string;
  const problems: string[] = [];

  /** A fresh device; a tracking code that is not on the board is a 404 the page expects. */
  const device = (screen: BrowserContextOptions = {}) => openDevice(browser, screen, problems, /status of 404/);

  beforeAll(async () => {
    ({ server, voters, browser } = await startSampleBooth(dir));
    const api = createApi({ base: server.url, language: () => 'ro' });
    const loaded = await loadElection(api, SAMPLE_ELECTION_ID);
    if (!isLoaded(loaded) || loaded.ctx === null) throw new Error('the sample election is not open');
    const election = loaded as LoadedElection & { ctx: NonNullable<LoadedElection['ctx']> };
    const store = new CredentialStore(memoryStorage());
    const activated = await activateCredential(api, store, election, activationClaim(voters[0]!));
    if (!activated.ok) throw new Error('not activated');
    const key = credentialKeyPair(store, SAMPLE_ELECTION_ID, activated.publicKey)!;
    const first = encryptBallot(election.ctx, key.publicKey, [1, 0]);
    const second = encryptBallot(election.ctx, key.publicKey, [2, 1]);
    for (const b of [first, second]) if (!(await castBallot(api, store, election, b)).ok) throw new Error('not cast');
    audited = JSON.stringify(auditData(encryptBallot(election.ctx, key.publicKey, [3, 0])));
    replaced = first.trackingCode;
    last = second.trackingCode;
    const published = (await (await fetch(`${server.url}/api/v1/elections/${SAMPLE_ELECTION_ID}`)).json()) as {
      fingerprint: { short: string };
    };
    fingerprint = published.fingerprint.short;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('checks a vote by its typed short code, and says the same of a replaced ballot as of the last one', {
    timeout: 40_000,
  }, async () => {
    const { context, page } = await device(PHONE);
    await page.goto(`${server.url}/check`);
    await page.getByRole('heading', { name: TEXT.checkHeading.ro }).waitFor();
    expect(await page.locator('#check-election').inputValue()).toBe(SAMPLE_ELECTION_ID);

    // Typed as a person might: lower case, spaces for dashes, O for 0 and l for 1.
    const typed = formatTrackingCode(last).toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    await page.locator('#check-code').fill(typed);
    await page.getByRole('button', { name: TEXT.checkSubmit.ro, exact: true }).click();
    await page.getByText(TEXT.checkAllGood.ro).waitFor();
    expect(await page.locator('ul.checks li.check.ok').count()).toBe(7);
    expect(await page.locator('.tracking .code').textContent()).toBe(formatTrackingCode(last));
    expect(await page.locator('#fingerprint').textContent()).toBe(fingerprint);
    const where = (await page.locator('.where').textContent()) ?? '';
    expect(where).toMatch(/poziția \d+ în registrul public/);
    await expect(page.getByText(TEXT.checkShortCode.ro).count()).resolves.toBe(1);
    expect(new URL(page.url()).searchParams.get('code')).toBe(formatTrackingCode(last));
    expect(await axeViolations(page)).toEqual([]);
    const shownForLast = (await page.locator('#check-result').innerText())
      .replace(formatTrackingCode(last), 'CODE')
      .replace(/\d[\d\s.,:]*/g, '#');

    // The replaced ballot: on the board, verified, and not a word that it no longer counts.
    await page.locator('#check-code').fill(formatTrackingCode(replaced));
    await page.getByRole('button', { name: TEXT.checkSubmit.ro, exact: true }).click();
    await page.locator('.tracking .code', { hasText: formatTrackingCode(replaced) }).waitFor();
    await page.getByText(TEXT.checkAllGood.ro).waitFor();
    const shownForReplaced = (await page.locator('#check-result').innerText())
      .replace(formatTrackingCode(replaced), 'CODE')
      .replace(/\d[\d\s.,:]*/g, '#');
    expect(shownForReplaced).toBe(shownForLast);

    // Not a code, and a code of no ballot.
    await page.locator('#check-code').fill('YRPC-327C');
    await page.getByRole('button', { name: TEXT.checkSubmit.ro, exact: true }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain(TEXT.checkCodeUnreadable.ro);
    await page.locator('#check-code').fill('0000-0000-0000-0000');
    await page.getByRole('button', { name: TEXT.checkSubmit.ro, exact: true }).click();
    await page.getByText(TEXT.checkNotFound.ro).waitFor();

    // In Russian, from an address with the code in it.
    await page.goto(`${server.url}/check?election=${SAMPLE_ELECTION_ID}&code=${formatTrackingCode(last)}&lang=ru`);
    await page.getByText(TEXT.checkAllGood.ru).waitFor();
    await expect(page.getByText(TEXT.checkReveals.ru).count()).resolves.toBe(1);
    await context.close();
    expect(problems).toEqual([]);
  });

  it('opens a receipt’s QR code in a second browser context, which checks the vote there', {
    timeout: 40_000,
  }, async () => {
    const phone = await device(PHONE);
    const { trackingCode, checkUrl } = await voteInBooth(
      phone.page,
      `${server.url}/vote/${SAMPLE_ELECTION_ID}`,
      voters[1]!,
    );
    // The QR code on the receipt is the check address, drawn by the same generator.
    const qr = await phone.page.getByRole('img', { name: TEXT.receiptQrAlt.ro }).getAttribute('src');
    expect(qr).toBe(await qrImageUrl(checkUrl));

    const desktop = await device({ viewport: { width: 1280, height: 800 } });
    // The audit page shows the election fingerprint too.
    await desktop.page.goto(`${server.url}/audit`);
    await desktop.page.getByLabel(TEXT.auditData.ro, { exact: true }).fill(audited);
    await desktop.page.getByRole('button', { name: TEXT.auditPageRun.ro, exact: true }).click();
    await desktop.page.locator('#audit-result #fingerprint').waitFor();
    expect(await desktop.page.locator('#fingerprint').textContent()).toBe(fingerprint);
    expect(await axeViolations(desktop.page)).toEqual([]);

    await desktop.page.goto(checkUrl);
    await desktop.page.getByText(TEXT.checkAllGood.ro).waitFor();
    expect(await desktop.page.locator('ul.checks li.check.ok').count()).toBe(7);
    expect(await desktop.page.locator('.tracking .code').textContent()).toBe(trackingCode);
    expect(await desktop.page.getByText(TEXT.checkShortCode.ro).count()).toBe(0); // the full code
    expect(await axeViolations(desktop.page)).toEqual([]);
    await desktop.context.close();
    await phone.context.close();
    expect(problems).toEqual([]);
  });

  it('shows the public board, read-only, and finds a tracking code on it', { timeout: 40_000 }, async () => {
    const { context, page } = await device(PHONE);
    await page.goto(`${server.url}/board?lang=en`);
    await page.getByRole('heading', { name: TEXT.titleBoard.en }).waitFor();
    await page.locator('main ul a').first().click();
    await page.locator('table.board').first().waitFor();
    expect(await page.locator('ul.checks li.check.failed').count()).toBe(0);
    expect(await page.locator('ul.checks li.check.ok').count()).toBe(3);
    expect(await page.locator('#fingerprint').textContent()).toBe(fingerprint);
    const types = await page.locator('table.board').first().locator('tbody td:nth-child(2)').allTextContents();
    expect(types[0]).toBe('manifest');
    expect(types.filter((t) => t === 'ballot').length).toBeGreaterThanOrEqual(2);
    expect(await page.locator('table.board').nth(1).locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('form input, form button').count()).toBe(2); // the search, nothing to change
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel(TEXT.checkCodeLabel.en).fill(formatTrackingCode(replaced).toLowerCase());
    await page.getByRole('button', { name: TEXT.boardFindSubmit.en }).click();
    const found = page.locator('#find-result .notice.success');
    await found.waitFor();
    expect(await found.textContent()).toContain(formatTrackingCode(replaced));
    expect(await page.locator('tr.found td').first().textContent()).toMatch(/^\d+$/);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: TEXT.boardFoundCheck.en }).click();
    await page.getByText(TEXT.checkAllGood.en).waitFor();
    expect(await page.locator('.tracking .code').textContent()).toBe(formatTrackingCode(replaced));
    await context.close();
    expect(problems).toEqual([]);
  });
});
