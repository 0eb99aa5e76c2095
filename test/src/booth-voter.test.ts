// The booth as voters abroad meet it, in a real browser (Debian's Chromium, one for the file) on a
// phone of 360×740 and on a desktop, against the server with the sample election: two voters on one
// phone (a letter never opens the other's ballot; both votes count), a voting key moved to a second
// browser and used there, the tries left before a code locks and the help shown once it locks, a
// hung server (a visible message within the timeout; trying again records one ballot), a cast whose
// answer is lost (looked up by tracking code before anything is sent again), and casting with the
// keyboard alone (focus on each step's heading, the title naming the step, Back and Forward between
// steps). axe-core finds no violation on any screen; at 200 % text on 360 px nothing scrolls sideways.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEXT } from '@evotare/client/src/text.ts';
import { activationUrl } from '@evotare/server/src/credentials/letters.ts';
import { SAMPLE_ELECTION_ID, type SampleVoter } from '@evotare/server/src/sample.ts';
import type { RunningServer } from '@evotare/server/src/server.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, haveChromium, openDevice, startSampleBooth } from './_browser.ts';

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const DESKTOP = { viewport: { width: 1280, height: 800 } };
type Lang = 'ro' | 'en' | 'ru';
const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, k: string) => values[k]!);

describe.skipIf(!haveChromium)('the voters’ booth: shared devices, moving a key, failures, keyboard', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-booth-voter-'));
  let server: RunningServer;
  let browser: Browser;
  let voters: SampleVoter[];
  const problems: string[] = [];
  const api = (path: string) => `${server.url}/api/v1/elections/${SAMPLE_ELECTION_ID}${path}`;

  /** Refusals (403, 423) and the requests the tests cut show up as failed requests. */
  const device = (screen: typeof PHONE | typeof DESKTOP = PHONE) =>
    openDevice(browser, screen, problems, /status of 4\d\d|Failed to load resource|net::ERR/);

  /** axe-core on the current screen: no violation. */
  async function axe(page: Page, state: string): Promise<void> {
    expect(await axeViolations(page), state).toEqual([]);
  }

  /** At 200 % text the page still fits its width (WCAG 1.4.4, 1.4.10): nothing scrolls sideways. */
  async function reflows(page: Page, state: string): Promise<void> {
    const overflow = await page.evaluate(async () => {
      const root = document.documentElement;
      root.style.fontSize = '200%';
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      const wide = [...document.querySelectorAll<HTMLElement>('body *')]
        .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
        .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className}`)
        .slice(0, 5);
      const result = { scroll: root.scrollWidth, width: root.clientWidth, wide };
      root.style.fontSize = '';
      return result;
    });
    expect(overflow.scroll <= overflow.width ? [] : overflow.wide, state).toEqual([]);
  }

  /** A screen checked: its heading, the title naming it, axe, and (on a phone) reflow. */
  async function step(page: Page, heading: string, state: string, phone = true): Promise<void> {
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    expect(await page.title(), state).toContain(heading);
    await axe(page, state);
    if (phone) await reflows(page, state);
  }

  async function activate(page: Page, v: SampleVoter, lang: Lang, code = v.code): Promise<void> {
    const [year, month, day] = v.birthDate.split('-') as [string, string, string];
    await page.getByLabel(TEXT.actIdnp[lang]).fill(v.idnp);
    await page.getByLabel(TEXT.actDay[lang], { exact: true }).fill(day);
    await page.getByLabel(TEXT.actMonth[lang], { exact: true }).selectOption(String(Number(month)));
    await page.getByLabel(TEXT.actYear[lang], { exact: true }).fill(year);
    await page.getByLabel(TEXT.actCode[lang]).fill(code);
    await page.locator('#activate').click();
  }

  /** Marks the first candidate and YES, continues, and casts; returns the tracking code shown. */
  async function voteAndCast(page: Page, lang: Lang): Promise<string> {
    await page.locator('#choice-0-0').check();
    await page.locator('#choice-1-0').check();
    await page.locator('#next').click();
    await page.getByRole('heading', { level: 1, name: TEXT.reviewHeading[lang] }).waitFor();
    const code = (await page.locator('.tracking .code').textContent())!;
    await page.locator('#cast').click();
    return code;
  }

  async function receiptChecked(page: Page, lang: Lang): Promise<string> {
    await page.getByRole('heading', { level: 1, name: TEXT.receiptHeading[lang] }).waitFor();
    await page.locator('#main').getByText(TEXT.receiptChecksPassed[lang]).first().waitFor();
    expect(await page.locator('ul.checks li.check.failed').count()).toBe(0);
    return new URL((await page.locator('section.qr a').getAttribute('href'))!).searchParams.get('code')!;
  }

  /**
   * Whether the ballot with this tracking code counts: the public answer for a tracking code no
   * longer says it (issue 10, item 4), so it is read off the board — the ballot is on it and no
   * later ballot carries the same credential key.
   */
  async function status(trackingCode: string): Promise<{ counting: boolean }> {
    const answer = (await (await fetch(api(`/ballots/${trackingCode}`))).json()) as { receipt: { position: number } };
    const board = (await (await fetch(api('/board?limit=1000'))).json()) as {
      entries: { seq: number; type: string; payload: { credential?: string } }[];
    };
    const mine = board.entries.find((e) => e.seq === answer.receipt.position);
    expect(mine?.type).toBe('ballot');
    const later = board.entries.filter(
      (e) =>
        e.type === 'ballot' && e.seq > answer.receipt.position && e.payload.credential === mine!.payload.credential,
    );
    return { counting: later.length === 0 };
  }

  async function ballotsOnBoard(): Promise<number> {
    const board = (await (await fetch(api('/board?limit=1000'))).json()) as { entries: { type: string }[] };
    return board.entries.filter((e) => e.type === 'ballot').length;
  }

  beforeAll(async () => {
    ({ server, voters, browser } = await startSampleBooth(dir));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps two voters on one phone apart: a letter never opens the other’s ballot, both votes count', {
    timeout: 60_000,
  }, async () => {
    const [ana, ion] = [voters[0]!, voters[1]!];
    const { context, page } = await device();

    // Ana activates from her letter's link and casts.
    await page.goto(activationUrl(server.url, SAMPLE_ELECTION_ID, ana.code));
    await step(page, TEXT.actHeading.ro, 'activation (ro)');
    await activate(page, ana, 'ro');
    await step(page, TEXT.ballotHeading.ro, 'ballot (ro)');
    const anaHolder = fill(TEXT.holderLabel.ro, { birth: '10 ianuarie 1960', idnp: ana.idnp.slice(-4) });
    await expect(page.locator('.voting-as').textContent()).resolves.toBe(fill(TEXT.votingAs.ro, { holder: anaHolder }));
    await expect(page.locator('section.shared').textContent()).resolves.toContain(TEXT.sharedWarning.ro);
    await voteAndCast(page, 'ro');
    const anaCode = await receiptChecked(page, 'ro');
    await step(page, TEXT.receiptHeading.ro, 'receipt (ro)');
    await expect(page.locator('.notice.done').textContent()).resolves.toContain(TEXT.receiptDone.ro);

    // Ion opens his own letter in the same browser: his code, the activation form, not Ana's ballot.
    await page.goto(activationUrl(server.url, SAMPLE_ELECTION_ID, ion.code));
    await step(page, TEXT.actHeading.ro, 'activation with another voter’s key here');
    expect(await page.getByLabel(TEXT.actCode.ro).inputValue()).toBe(ion.code);
    await expect(page.locator('.notice.info').first().textContent()).resolves.toContain(TEXT.actOthersHere.ro);
    await activate(page, ion, 'ro');
    await page.getByRole('heading', { level: 1, name: TEXT.ballotHeading.ro }).waitFor();
    await expect(page.locator('.voting-as').textContent()).resolves.toContain(ion.idnp.slice(-4));
    await voteAndCast(page, 'ro');
    const ionCode = await receiptChecked(page, 'ro');

    // Both ballots count: two credentials, two votes.
    expect(ionCode).not.toBe(anaCode);
    expect((await status(anaCode)).counting).toBe(true);
    expect((await status(ionCode)).counting).toBe(true);

    // Opening the booth again asks who is voting; "this is not me" leads there too.
    await page.goto(`${server.url}/vote/${SAMPLE_ELECTION_ID}?lang=ru`);
    await step(page, TEXT.whoHeading.ru, 'who is voting (ru)');
    await page.getByRole('button', { name: new RegExp(ana.idnp.slice(-4)) }).click();
    await step(page, TEXT.ballotHeading.ru, 'ballot (ru)');
    await expect(page.locator('.voting-as').textContent()).resolves.toContain(ana.idnp.slice(-4));
    await page.locator('#not-me').click();
    await page.getByRole('heading', { level: 1, name: TEXT.whoHeading.ru }).waitFor();

    // Ion forgets his key on this phone: it is gone from the browser's storage, Ana's stays.
    await page.getByRole('button', { name: new RegExp(ion.idnp.slice(-4)) }).click();
    await page.locator('#forget').click();
    await step(page, TEXT.forgetHeading.ru, 'forget (ru)');
    await page.locator('#forget-confirm').click();
    await page.getByRole('heading', { level: 1, name: TEXT.whoHeading.ru }).waitFor();
    const keys = await page.evaluate(() => JSON.parse(localStorage.getItem('evotare/v1/voters/demo-2024-10-20')!));
    expect(keys).toHaveLength(1);
    const stored = await page.evaluate(() => JSON.stringify(localStorage));
    expect(stored).toContain(ana.idnp.slice(-4));
    expect(stored).not.toContain(`"idnpEnd":"${ion.idnp.slice(-4)}"`);
    await context.close();
    expect(problems).toEqual([]);
  });

  it('moves a voting key to a second browser with its transfer code, and votes there', {
    timeout: 60_000,
  }, async () => {
    const v = voters[2]!;
    const first = await device(DESKTOP);
    await first.page.goto(`${server.url}/vote/${SAMPLE_ELECTION_ID}?lang=en`);
    await first.page.getByRole('heading', { level: 1, name: TEXT.actHeading.en }).waitFor();
    await activate(first.page, v, 'en');
    await first.page.getByRole('heading', { level: 1, name: TEXT.ballotHeading.en }).waitFor();
    await first.page.locator('#move-out').click();
    await step(first.page, TEXT.moveOutHeading.en, 'move out (en)', false);
    await first.page.getByRole('img', { name: TEXT.moveOutQrAlt.en }).waitFor();
    const link = await first.page.locator('#transfer-text').inputValue();
    const code = (await first.page.locator('#transfer-code').textContent())!;
    expect(link).toMatch(new RegExp(`^${server.url}/vote/${SAMPLE_ELECTION_ID}#transfer=[\\w-]{107}$`));
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(link).not.toContain(code.replace(/-/g, ''));

    // The second browser opens the link (as a phone's camera would): the text is filled in, the
    // fragment is not left in the history; a wrong code opens nothing.
    const second = await device(PHONE);
    await second.page.goto(link.replace(`/vote/${SAMPLE_ELECTION_ID}`, `/vote/${SAMPLE_ELECTION_ID}?lang=en`));
    await step(second.page, TEXT.moveInHeading.en, 'move in (en)');
    expect(second.page.url()).not.toContain('transfer=');
    expect(await second.page.locator('#move-text').inputValue()).toBe(link.split('#transfer=')[1]);
    await second.page
      .locator('#move-code')
      .fill(code.endsWith('A') ? `${code.slice(0, -1)}B` : `${code.slice(0, -1)}A`);
    await second.page.locator('#move-in').click();
    await second.page.locator('#main').getByText(TEXT.moveErrCode.en).waitFor();
    await axe(second.page, 'move in, wrong code');
    await second.page.locator('#move-code').fill(code.toLowerCase());
    await second.page.locator('#move-in').click();
    await step(second.page, TEXT.ballotHeading.en, 'ballot on the second device (en)');
    await second.page.locator('#main').getByText(TEXT.moveInDone.en).waitFor();
    await expect(second.page.locator('.voting-as').textContent()).resolves.toContain(v.idnp.slice(-4));
    await voteAndCast(second.page, 'en');
    const tracking = await receiptChecked(second.page, 'en');
    expect((await status(tracking)).counting).toBe(true);
    await first.context.close();
    await second.context.close();
    expect(problems).toEqual([]);
  });

  it('says how many tries are left before the code locks, and whom to ask once it is locked', {
    timeout: 60_000,
  }, async () => {
    const v = voters[3]!;
    const { context, page } = await device();
    await page.goto(`${server.url}/vote/${SAMPLE_ELECTION_ID}?lang=ru`);
    await page.getByRole('heading', { level: 1, name: TEXT.actHeading.ru }).waitFor();
    const wrong = v.code.endsWith('0') ? `${v.code.slice(0, -1)}1` : `${v.code.slice(0, -1)}0`;
    for (const tries of [4, 3, 2, 1]) {
      await activate(page, v, 'ru', wrong);
      const text = tries === 1 ? TEXT.errActivationLastTry.ru : TEXT.errActivationTries.ru;
      // The message sits right below the button pressed, and the focus stays on that button.
      await page
        .locator('form #activate + .notice.error')
        .getByText(fill(text, { tries: String(tries) }))
        .waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('activate');
    }
    await axe(page, 'one try left (ru)');
    await activate(page, v, 'ru', wrong);
    const locked = page.locator('form .notice.error');
    await locked.getByText(TEXT.errActivationLocked.ru).waitFor();
    // The help for a voter in Italy (the browser's region): the consulate, then the CEC's line.
    await expect(locked.textContent()).resolves.toContain('+39 06 0000 0000');
    await expect(locked.textContent()).resolves.toContain('+373 22 000 000');
    await axe(page, 'locked (ru)');
    await reflows(page, 'locked (ru)');
    await context.close();
    expect(problems).toEqual([]);
  });

  it('shows a hung server within the timeout, looks the ballot up, and sending again records it once', {
    timeout: 60_000,
  }, async () => {
    const v = voters[4]!;
    const { context, page } = await device();
    await page.clock.install();
    await page.goto(`${server.url}/vote/${SAMPLE_ELECTION_ID}`);
    await page.getByRole('heading', { level: 1, name: TEXT.actHeading.ro }).waitFor();

    // The activation hangs: after the timeout the message is next to the button; trying again works.
    const hung: Array<() => Promise<void>> = [];
    await page.route('**/credentials', (route) => {
      hung.push(() => route.abort());
    });
    await activate(page, v, 'ro');
    await page.locator('form .busy').getByText(TEXT.actWorking.ro).waitFor();
    await page.clock.fastForward(31_000);
    await page.locator('form #activate + .notice.error').getByText(TEXT.errTimeout.ro).waitFor();
    await page.unroute('**/credentials');
    await page.locator('#activate').click();
    await page.getByRole('heading', { level: 1, name: TEXT.ballotHeading.ro }).waitFor();

    // The cast hangs (it never reaches the server): after the timeout the booth says the vote may
    // have been recorded, looks it up by tracking code, finds nothing, and only then offers to resend.
    const before = await ballotsOnBoard();
    await page.route('**/ballots', (route) => {
      if (route.request().method() === 'POST') hung.push(() => route.abort());
      else void route.continue();
    });
    await voteAndCast(page, 'ro');
    await page.locator('#main .busy').getByText(TEXT.reviewCasting.ro).waitFor();
    await page.clock.fastForward(31_000);
    await step(page, TEXT.castLostHeading.ro, 'cast answer lost, not recorded');
    await page.locator('#main').getByText(TEXT.castLostAbsent.ro).waitFor();
    await page.unroute('**/ballots');
    await page.locator('#resend').click();
    const tracking = await receiptChecked(page, 'ro');
    expect(await ballotsOnBoard()).toBe(before + 1);
    expect((await status(tracking)).counting).toBe(true);

    // A second cast whose answer is lost after the server recorded it: the lookup finds it, and the
    // receipt says so; nothing is sent twice.
    await page.locator('#vote-again').click();
    await page.getByRole('heading', { level: 1, name: TEXT.ballotHeading.ro }).waitFor();
    await page.route('**/ballots', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await voteAndCast(page, 'ro');
    await receiptChecked(page, 'ro');
    await page.locator('#main').getByText(TEXT.castRecovered.ro).waitFor();
    expect(await ballotsOnBoard()).toBe(before + 2);
    await page.unroute('**/ballots');
    for (const abort of hung) await abort().catch(() => {});
    await context.close();
    expect(problems).toEqual([]);
  });

  it('casts with the keyboard alone: each step’s heading has the focus and names the page; Back and Forward move between steps', {
    timeout: 60_000,
  }, async () => {
    const v = voters[5]!;
    const [year, month, day] = v.birthDate.split('-') as [string, string, string];
    const { context, page } = await device(DESKTOP);
    await page.goto(`${server.url}/vote/${SAMPLE_ELECTION_ID}?lang=en`);
    await page.getByRole('heading', { level: 1, name: TEXT.actHeading.en }).waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
    /** Presses Tab until the element with `id` has the focus. */
    const tabTo = async (id: string) => {
      for (let i = 0; i < 80 && (await focused()) !== id; i++) await page.keyboard.press('Tab');
      expect(await focused()).toBe(id);
    };
    const atStep = async (heading: string) => {
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await expect.poll(focused).toBe('step-heading');
      expect(await page.title()).toBe(`${heading} — ${TEXT.titleVote.en} — CEC`);
    };
    await tabTo('idnp');
    await page.keyboard.type(v.idnp);
    await tabTo('birth-day');
    await page.keyboard.type(day);
    await tabTo('birth-month');
    for (let m = 0; m < Number(month); m++) await page.keyboard.press('ArrowDown');
    await tabTo('birth-year');
    await page.keyboard.type(year);
    await tabTo('code');
    await page.keyboard.type(v.code);
    await page.keyboard.press('Enter');
    await atStep(TEXT.ballotHeading.en);
    await tabTo('choice-0-0');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('choice-1-0');
    await page.keyboard.press('Space');
    await tabTo('next');
    await page.keyboard.press('Enter');
    await atStep(TEXT.reviewHeading.en);
    await axe(page, 'review (en)');
    // Back returns to the ballot with the marks kept; Forward cannot return to a ballot whose
    // encryption was dropped, and shows the ballot again.
    await page.goBack();
    await atStep(TEXT.ballotHeading.en);
    expect(await page.locator('#choice-0-0').isChecked()).toBe(true);
    await tabTo('next');
    await page.keyboard.press('Enter');
    await atStep(TEXT.reviewHeading.en);
    await tabTo('cast');
    await page.keyboard.press('Enter');
    await atStep(TEXT.receiptHeading.en);
    await page.locator('#main').getByText(TEXT.receiptChecksPassed.en).first().waitFor();
    // The receipt was redrawn (QR code, checks): the focus is still on its heading, and the result
    // was announced in the live region.
    expect(await focused()).toBe('step-heading');
    await expect.poll(() => page.locator('#announcer').textContent()).toBe(TEXT.receiptChecksPassed.en);
    await axe(page, 'receipt (en)');
    // Printed, the receipt keeps the tracking code, the QR code, the fingerprint and the deadline,
    // and leaves the buttons out.
    await page.emulateMedia({ media: 'print' });
    for (const part of ['.tracking', 'section.qr img', '#fingerprint', '.deadline', '.notice.done']) {
      expect(await page.locator(part).isVisible(), part).toBe(true);
    }
    expect(await page.locator('#vote-again').isVisible()).toBe(false);
    expect(await page.locator('#print').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await page.goBack();
    await atStep(TEXT.ballotHeading.en);
    await page.goForward();
    await atStep(TEXT.receiptHeading.en);
    await context.close();
    expect(problems).toEqual([]);
  });
});
