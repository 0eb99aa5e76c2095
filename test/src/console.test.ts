// The officials' console in a real browser (Debian's headless Chromium, driven by playwright-core),
// on a phone and on a desktop, under the server's strict security policy: an official signs in
// with a token, sees an open election's stage and next step, the key ceremony per trustee,
// turnout by hour and by country of residence with the small cells withheld ("<10", and one more
// so that it cannot be worked out from the total), and closes voting after a confirmation; an
// observer's console shows everything and offers no action; a malformed and a revoked token are
// refused. A roll clerk adds a voter and records a vote at a polling station, each after a
// confirmation, and the figures refresh by themselves in place — the focus and what was typed stay,
// an unchanged answer touches nothing but the time, a hidden tab fetches nothing — under the page's
// own clock (playwright's, so that 15 s pass at once). axe-core finds no accessibility violation on
// any screen, in both sizes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CONSOLE_TEXT } from '@evotare/client/src/console/text.ts';
import { electionContext, encryptAndSignBallot } from '@evotare/crypto/ballot';
import { fromBase64Url } from '@evotare/crypto/bytes';
import { GroupElement } from '@evotare/crypto/group';
import { type Manifest, ManifestSchema } from '@evotare/crypto/manifest';
import { openDatabase } from '@evotare/server/src/db/database.ts';
import { addOfficial } from '@evotare/server/src/officials/officials.ts';
import { idnpControlDigit } from '@evotare/server/src/roll/idnp.ts';
import {
  exampleDefinition,
  makeParties,
  runCeremonyOverHttp,
  startTestServer,
  type TestServer,
} from '@evotare/server/src/testing/harness.ts';
import { listenForTests } from '@evotare/server/src/testing/listen.ts';
import { activateVoters } from '@evotare/server/src/testing/voters.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, haveChromium, launchChromium } from './_browser.ts';

if (!haveChromium) console.warn(`the console's browser test is skipped: no ${CHROMIUM} (Debian package chromium)`);

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const DESKTOP = { viewport: { width: 1366, height: 900 } };
const T = CONSOLE_TEXT;

describe.skipIf(!haveChromium)('the officials’ console in a browser', () => {
  const id = 'console-2026';
  let s: TestServer;
  let http: { url: string; close(): Promise<void> };
  let browser: Browser;
  let observerToken = '';
  const problems: string[] = [];

  beforeAll(async () => {
    // Activation codes at a trial cost: 75 voters activate in a second or two.
    s = await startTestServer(await openDatabase({ inMemory: true }), { codeScrypt: { N: 2 ** 10, r: 8, p: 1 } });
    const opens = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const definition = {
      ...exampleDefinition(id),
      votingWindow: { opens: iso(opens), closes: iso(new Date(opens.getTime() + 2 * 86_400_000)) },
    };
    await s.request('POST', '/api/v1/admin/elections', { body: definition });
    const { parties, trustees } = makeParties(definition);
    await s.request('PUT', `/api/v1/admin/elections/${id}/parties`, { body: parties });
    await s.request('POST', `/api/v1/admin/elections/${id}/key-ceremony`, { body: {} });
    // 75 voters over six countries (IT, DE, GB 13 each; FR, RO, US 12): rollCsv's i % 6.
    const voters = await activateVoters(s, id, 75);
    const electionKey = await runCeremonyOverHttp(s, id, trustees);
    await s.request('POST', `/api/v1/admin/elections/${id}/open`, { body: {} });
    const manifest = ManifestSchema.parse(
      ((await (await s.request('GET', `/api/v1/elections/${id}`, { token: null })).json()) as { manifest: Manifest })
        .manifest,
    );
    const ctx = electionContext(manifest, GroupElement.decode(fromBase64Url(electionKey)));
    // Every voter in Italy and Germany votes (13 + 13), and three in Great Britain.
    const voting = voters.filter((_, i) => i % 6 === 0 || i % 6 === 1 || (i % 6 === 2 && i < 18));
    for (const v of voting) {
      const r = await s.request('POST', `/api/v1/elections/${id}/ballots`, {
        token: null,
        body: encryptAndSignBallot(ctx, v.credential, [1, 0]),
      });
      expect(r.status).toBe(201);
    }
    const observer = await addOfficial(s.deps.db, { name: 'Observer Ana', role: 'observer' });
    if (!observer.ok) throw new Error('no observer');
    observerToken = observer.value.token;
    http = await listenForTests(s);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await http?.close();
    await s?.close();
  });

  async function open(
    size: typeof PHONE | typeof DESKTOP,
    path = '/console',
    before?: (page: Page) => Promise<void>,
  ): Promise<Page> {
    const context = await browser.newContext({ ...size, locale: 'ro-RO' });
    const page = await context.newPage();
    await before?.(page);
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      // A refused token shows up as a failed request (401); anything else is a fault.
      if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    await page.goto(`${http.url}${path}`);
    return page;
  }

  /** axe-core's violations on the page as it is now (WCAG 2.1 A and AA). */
  async function axeViolations(page: Page): Promise<string[]> {
    await page.evaluate(AXE);
    const found = await page.evaluate(async () => {
      const axe = (
        globalThis as unknown as {
          axe: { run(o: object): Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> };
        }
      ).axe;
      const r = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return r.violations.map((v) => `${v.id} (${v.nodes.length})`);
    });
    return found;
  }

  async function signIn(page: Page, token: string): Promise<void> {
    await page.getByLabel(T.tokenLabel.ro).fill(token);
    await page.getByRole('button', { name: T.signIn.ro }).click();
  }

  it('signs in, shows the election, withholds small cells by country, and closes voting after a confirmation', {
    timeout: 40_000,
  }, async () => {
    for (const size of [PHONE, DESKTOP]) {
      const page = await open(size);
      expect(await page.getAttribute('html', 'lang')).toBe('ro');
      await page.getByRole('heading', { name: T.signInHeading.ro }).waitFor();
      expect(await axeViolations(page)).toEqual([]);

      // A malformed token is refused in the page, before anything is sent.
      await signIn(page, 'not-a-token');
      await expect(page.getByRole('alert').textContent()).resolves.toContain(T.tokenMalformed.ro);

      await signIn(page, s.token);
      await page.getByRole('heading', { name: T.electionsHeading.ro, level: 2 }).waitFor();
      await page.getByRole('button', { name: new RegExp(`^${T.show.ro}:`) }).click();
      await page.getByRole('heading', { name: T.stateHeading.ro }).waitFor();
      await expect(page.locator('.next').textContent()).resolves.toContain(T['next_close-voting'].ro);

      // The key ceremony per trustee: all three dealt, accepted, in the key.
      const ceremony = page.getByRole('table', { name: T.ceremonyHeading.ro });
      expect(await ceremony.locator('tbody tr').count()).toBe(3);
      expect(await ceremony.locator('tbody tr').first().locator('td').allTextContents()).toEqual([
        'da',
        'acceptate',
        '0 / 0',
        'da',
      ]);

      // Turnout: 29 voters of 75; by hour, all in this hour; by country, GB's 3 is "<10", and one
      // more voted cell is withheld so that 3 cannot be worked out from the public total of 29.
      await expect(page.locator('#h-turnout + p').textContent()).resolves.toMatch(/29 .* 75/);
      const byCountry = page.getByRole('table', { name: T.byCountryCaption.ro });
      const rows = await byCountry
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
      // Each country in the page's language with its code: "Italia (IT)".
      expect(rows.map((r) => r[0])).toContain('Italia (IT)');
      const voted = Object.fromEntries(rows.map((r) => [/\((\w\w)\)$/.exec(r[0]!)![1], r[2]]));
      expect(Object.fromEntries(rows.map((r) => [/\((\w\w)\)$/.exec(r[0]!)![1], r[1]]))).toEqual({
        DE: '13',
        FR: '12',
        GB: '13',
        IT: '13',
        RO: '12',
        US: '12',
      });
      expect(voted.GB).toBe('<10');
      expect(Object.values(voted).filter((x) => x === T.complementCell.ro)).toHaveLength(1);
      expect(Object.values(voted)).not.toContain('3');
      expect(Object.values(voted).filter((x) => x === '13')).toHaveLength(1);
      await expect(page.locator('.suppression').textContent()).resolves.toContain('<10');
      const byHour = page.getByRole('table', { name: T.byHourCaption.ro });
      expect(await byHour.locator('tbody tr td').allTextContents()).toEqual(['29', '29', '29']);
      expect(await axeViolations(page)).toEqual([]);

      // The language switch changes the page in place.
      await page.getByRole('link', { name: 'English' }).click();
      await page.getByRole('heading', { name: T.stateHeading.en }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await page.getByRole('link', { name: 'Română' }).click();
      await page.getByRole('heading', { name: T.stateHeading.ro }).waitFor();

      if (size === DESKTOP) {
        // Closing voting asks first; cancelling changes nothing; confirming closes it.
        await page.getByRole('button', { name: T['action_close-voting'].ro }).click();
        const dialog = page.getByRole('dialog', { name: T.confirmHeading.ro });
        await dialog.waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await dialog.getByRole('button', { name: T.cancel.ro }).click();
        expect(await page.getByRole('dialog').count()).toBe(0);
        await page.getByRole('button', { name: T['action_close-voting'].ro }).click();
        // Before the window's end: only with a reason, published on the board (SPEC §13.10).
        await page.getByRole('dialog').getByRole('button', { name: T.confirm.ro }).click();
        await expect(page.getByRole('dialog').getByRole('alert').textContent()).resolves.toBe(T.reasonMissing.ro);
        await page.getByRole('dialog').getByLabel(T.reasonLabel.ro).fill('Test: voting ends early.');
        await page.getByRole('dialog').getByRole('button', { name: T.confirm.ro }).click();
        await page.locator('.notice.success').waitFor();
        await expect(page.locator('.next').textContent()).resolves.toContain(T.next_mix.ro);
        const log = page.getByRole('table', { name: T.auditHeading.ro });
        await expect(log.locator('tbody tr').first().textContent()).resolves.toContain('election.close');
      }
      await page.context().close();
    }
    expect(problems).toEqual([]);
  });

  it('gives an observer the same view with no action, and refuses a revoked token', { timeout: 30_000 }, async () => {
    const page = await open(PHONE, `/console?election=${id}`);
    await signIn(page, observerToken);
    await page.getByRole('heading', { name: T.stateHeading.ro }).waitFor();
    await expect(page.locator('.who').textContent()).resolves.toContain(T.role_observer.ro);
    await expect(page.locator('#h-actions + p').textContent()).resolves.toBe(T.readOnly.ro);
    expect(await page.locator('section[aria-labelledby="h-actions"] button').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    const revoked = await s.request('POST', '/api/v1/admin/officials/Observer%20Ana/revoke', { body: {} });
    expect(revoked.status).toBe(200);
    await page.getByRole('button', { name: T.refresh.ro }).click();
    await page.getByRole('heading', { name: T.signInHeading.ro }).waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'Este necesară autentificarea unui funcționar electoral',
    );
    expect(problems).toEqual([]);
    await page.context().close();
  });
  it('lets a roll clerk add a voter and record a vote at a polling station, and refreshes the figures in place', {
    timeout: 60_000,
  }, async () => {
    // An election of its own, still a draft: the roll and the credentials may change.
    const draft = 'console-clerk-2026';
    expect((await s.request('POST', '/api/v1/admin/elections', { body: exampleDefinition(draft) })).status).toBe(201);
    const idnp = (first12: string) => `${first12}${idnpControlDigit(first12)}`;
    const addByApi = async (first12: string, country: string) => {
      const r = await s.request('POST', `/api/v1/admin/elections/${draft}/roll`, {
        body: { records: [{ line: 1, idnp: idnp(first12), name: 'Ion Rusu', birth_date: '1975-01-02', country }] },
      });
      expect(r.status).toBe(200);
    };
    const clerk = await addOfficial(s.deps.db, { name: 'Clerk Ion', role: 'roll-clerk' });
    if (!clerk.ok) throw new Error('no roll clerk');
    const consoleRequests: string[] = [];
    const page = await open(DESKTOP, `/console?election=${draft}`, async (p) => {
      await p.clock.install();
      p.on('request', (r) => {
        if (r.url().endsWith(`/api/v1/admin/elections/${draft}/console`)) consoleRequests.push(r.url());
      });
    });
    await signIn(page, clerk.value.token);
    await page.getByRole('heading', { name: T.rollHeading.ro }).waitFor();
    const summary = page.locator('#h-turnout + p');
    await expect(summary.textContent()).resolves.toMatch(/^0 .* 0 /);
    expect(await axeViolations(page)).toEqual([]);

    // A voter added to the roll: the confirmation names them; confirming adds them.
    const maria = idnp('200000000001');
    await page.getByLabel(T.idnpLabel.ro).first().fill(maria);
    await page.getByLabel(T.nameLabel.ro).fill('Maria Popescu');
    await page.getByLabel(T.birthLabel.ro).fill('1980-05-17');
    await page.getByLabel(T.countryLabel.ro).fill('it');
    await page.getByRole('button', { name: T.addVoter.ro }).click();
    const dialog = page.getByRole('dialog', { name: T.confirmHeading.ro });
    await expect(dialog.textContent()).resolves.toContain(`Maria Popescu (IDNP ${maria}`);
    await expect(dialog.textContent()).resolves.toContain('Italia (IT)');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: T.confirm.ro }).click();
    await expect.poll(() => page.locator('.notice.success').textContent()).toBe(T.voterAdded.ro.replace('{size}', '1'));
    await expect(summary.textContent()).resolves.toMatch(/^0 .* 1 /);

    // The same voter voted at a polling station: recorded after a confirmation (no credential yet).
    await page.locator('#revoke-idnp').fill(maria);
    await page.getByRole('button', { name: T.revoke.ro }).click();
    await expect(dialog.textContent()).resolves.toContain(maria);
    await dialog.getByRole('button', { name: T.confirm.ro }).click();
    await expect.poll(() => page.locator('.notice.success').textContent()).toBe(T.revokedNone.ro);
    const inPerson = page.locator('dt', { hasText: T.votedInPerson.ro }).locator('+ dd');
    await expect.poll(() => inPerson.textContent()).toBe('1');
    const audit = await page.getByRole('table', { name: T.auditHeading.ro }).locator('tbody').textContent();
    expect(audit).toContain('credentials.revoke');
    expect(audit).toContain('roll.import');
    expect(await axeViolations(page)).toEqual([]);

    // A refresh with news: the figures change in place; the focus, the typed text and the notice stay.
    await page.locator('#revoke-idnp').fill('2000');
    await page.locator('#revoke-idnp').focus();
    const notice = await page.locator('.notice.success').elementHandle();
    const before = consoleRequests.length;
    await addByApi('200000000002', 'DE');
    await page.clock.runFor(15_000);
    await expect.poll(() => summary.textContent()).toMatch(/^0 .* 2 /);
    expect(consoleRequests.length).toBe(before + 1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('revoke-idnp');
    expect(await page.inputValue('#revoke-idnp')).toBe('2000');
    expect(await notice!.evaluate((el) => el.isConnected)).toBe(true);

    // Focus on a table that is redrawn comes back to the new table.
    await page.locator('#t-by-country').focus();
    await addByApi('200000000003', 'FR');
    await page.clock.runFor(15_000);
    await expect.poll(() => summary.textContent()).toMatch(/^0 .* 3 /);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('t-by-country');

    // A refresh without news changes nothing but the time of the update (nothing to re-announce).
    await page.evaluate(() => {
      const changed: string[] = [];
      (window as unknown as { changed: string[] }).changed = changed;
      new MutationObserver((records) => {
        for (const r of records) {
          const el = r.target instanceof Element ? r.target : r.target.parentElement;
          changed.push(el?.closest('[id]')?.id ?? '?');
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const requestsBefore = consoleRequests.length;
    await page.clock.runFor(15_000);
    await expect.poll(() => consoleRequests.length).toBe(requestsBefore + 1);
    await page.waitForTimeout(200);
    const changed = await page.evaluate(() => (window as unknown as { changed: string[] }).changed);
    expect(new Set(changed)).toEqual(new Set(['updated-at']));

    // A hidden tab fetches nothing; shown again, it fetches at once.
    const setHidden = (hidden: boolean) =>
      page.evaluate((h) => {
        Object.defineProperty(document, 'hidden', { value: h, configurable: true });
        Object.defineProperty(document, 'visibilityState', { value: h ? 'hidden' : 'visible', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await setHidden(true);
    const hiddenFrom = consoleRequests.length;
    await addByApi('200000000004', 'FR');
    await page.clock.runFor(60_000);
    await page.waitForTimeout(200);
    expect(consoleRequests.length).toBe(hiddenFrom);
    await expect(summary.textContent()).resolves.toMatch(/^0 .* 3 /);
    await setHidden(false);
    await expect.poll(() => summary.textContent()).toMatch(/^0 .* 4 /);
    expect(consoleRequests.length).toBe(hiddenFrom + 1);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();

    // An observer sees the roll section say who may act, and no form; the server refuses it (403).
    const observer = await addOfficial(s.deps.db, { name: 'Observer Dan', role: 'observer' });
    if (!observer.ok) throw new Error('no observer');
    const watching = await open(PHONE, `/console?election=${draft}`);
    await signIn(watching, observer.value.token);
    await watching.getByRole('heading', { name: T.rollHeading.ro }).waitFor();
    await expect(watching.locator('.roll-only').textContent()).resolves.toBe(
      T.rollClerkOnly.ro.replace('{role}', T.role_observer.ro),
    );
    expect(await watching.locator('#roll form').count()).toBe(0);
    expect(await axeViolations(watching)).toEqual([]);
    const refused = await s.request('POST', `/api/v1/admin/elections/${draft}/revocations`, {
      token: observer.value.token,
      body: { idnp: maria, reason: 'withdrawn' },
    });
    expect(refused.status).toBe(403);
    await watching.context().close();
    expect(problems).toEqual([]);
  });
});
