// `/check?election=<id>&code=<tracking code, base64url>` — the second-device check: the page the
// receipt's QR code opens. It asks the board for the ballot's receipt, its entry and proofs, and
// verifies them here (../receipt-check.ts); a receipt file saved from the booth can be checked too.
import { formatTrackingCode } from '@evotare/crypto/ballot';
import { fromBase64Url } from '@evotare/crypto/bytes';
import { ApiError } from '../api.ts';
import { type Child, h, refreshScreen, showScreen } from '../dom.ts';
import { ElectionDataError, isLoaded, type LoadedElection, loadElection } from '../election.ts';
import { local, t } from '../i18n.ts';
import { api, checkLine, notice, startPage } from '../page.ts';
import { type Message, problemMessage } from '../problems.ts';
import { checkReceipt, fetchBallotStatus, type ReceiptCheck } from '../receipt-check.ts';
import type { TextKey } from '../text.ts';

interface Checked {
  readonly election: LoadedElection;
  readonly trackingCode: Uint8Array;
  readonly check: ReceiptCheck;
  readonly counting: boolean | null;
}

let busy = false;
let result: Checked | null = null;
let failure: Message | null = null;

function render(stay = false): void {
  const content: Child[] = [h('h1', { tabindex: '-1' }, t('checkHeading')), h('p', null, t('checkIntro'))];
  if (busy) content.push(h('p', { role: 'status' }, t('loading')));
  if (failure) content.push(notice('error', failure));
  if (result) {
    const { election, trackingCode, check, counting } = result;
    content.push(
      h('p', { class: 'eyebrow' }, local(election.summary.title)),
      h(
        'div',
        { class: 'tracking' },
        h('p', { class: 'label', id: 'tracking-label' }, t('receiptTracking')),
        h('p', { class: 'code', 'aria-labelledby': 'tracking-label' }, formatTrackingCode(trackingCode)),
      ),
      check.valid ? notice('success', { key: 'checkAllGood' }) : notice('error', { key: 'checkSomeFailed' }),
      h(
        'ul',
        { class: 'checks' },
        check.steps.map((s) => checkLine(t(`step.${s.id}` as TextKey), s.ok, s.reason)),
      ),
      counting === null ? null : h('p', null, t(counting ? 'checkCounting' : 'checkNotCounting')),
    );
  } else if (!busy && !failure) {
    content.push(h('p', null, t('checkNothing')));
  }
  content.push(
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'receipt-file' }, t('checkReceiptFile')),
      h('input', {
        type: 'file',
        id: 'receipt-file',
        accept: 'application/json,.json',
        onchange: (event: Event) => {
          const file = (event.target as HTMLInputElement).files?.[0];
          if (file) void file.text().then(checkReceiptFile);
        },
      }),
    ),
    h('p', null, h('a', { href: '/' }, t('allElections'))),
  );
  if (stay) refreshScreen(content);
  else showScreen(content);
}

async function election(id: string): Promise<LoadedElection | null> {
  try {
    const loaded = await loadElection(api, id);
    if (isLoaded(loaded)) return loaded;
    failure = { key: 'errElectionNotFound' };
  } catch (e) {
    failure =
      e instanceof ElectionDataError ? { key: 'errElectionData', values: { reason: e.message } } : problemMessage(e);
  }
  return null;
}

async function run(work: () => Promise<void>): Promise<void> {
  busy = true;
  failure = null;
  result = null;
  render(true);
  try {
    await work();
  } catch (e) {
    failure = problemMessage(e);
  }
  busy = false;
  render();
}

/** From the QR code: the election and the full tracking code. */
async function checkByCode(electionId: string, code: Uint8Array): Promise<void> {
  const e = await election(electionId);
  if (!e) return;
  let status: { receipt: unknown; counting: boolean };
  try {
    status = await fetchBallotStatus(api, electionId, code);
  } catch (error) {
    failure =
      error instanceof ApiError && error.problem === 'entry-not-found'
        ? { key: 'checkNotFound' }
        : problemMessage(error);
    return;
  }
  const check = await checkReceipt(api, e, status.receipt, code);
  result = { election: e, trackingCode: code, check, counting: status.counting };
}

async function checkReceiptFile(text: string): Promise<void> {
  await run(async () => {
    let json: { electionId?: unknown; trackingCode?: unknown };
    try {
      json = JSON.parse(text);
    } catch {
      failure = { key: 'checkMalformedReceipt' };
      return;
    }
    if (typeof json?.electionId !== 'string' || typeof json.trackingCode !== 'string') {
      failure = { key: 'checkMalformedReceipt' };
      return;
    }
    const e = await election(json.electionId);
    if (!e) return;
    const check = await checkReceipt(api, e, json);
    if (!check.receipt) {
      failure = { key: 'checkMalformedReceipt' };
      return;
    }
    let counting: boolean | null = null;
    try {
      counting = (await fetchBallotStatus(api, e.manifest.electionId, check.receipt.trackingCode)).counting;
    } catch {
      counting = null;
    }
    result = { election: e, trackingCode: check.receipt.trackingCode, check, counting };
  });
}

export async function checkPage(): Promise<void> {
  startPage('titleCheck', () => render(true));
  const params = new URLSearchParams(location.search);
  const electionId = params.get('election');
  const code = params.get('code');
  if (electionId && code && /^[A-Za-z0-9_-]{43}$/.test(code)) {
    let bytes: Uint8Array | null = null;
    try {
      bytes = fromBase64Url(code, 32);
    } catch {
      bytes = null;
    }
    if (bytes) {
      const b = bytes;
      await run(() => checkByCode(electionId, b));
      return;
    }
    failure = { key: 'checkNotFound' };
  }
  render(true);
}
