// `/check` — the check of a cast ballot on the public board, on any device: the voter types the
// short tracking code from the receipt (`YRPC-327C-…`, in any case, with or without dashes) or
// pastes the full one or the receipt's address; the receipt's QR code opens this page with
// `?election=<id>&code=<full code>`; a receipt file saved from the booth can be checked too. The
// board is asked for the ballot's receipt, its entry and proofs, which this browser verifies
// (../receipt-check.ts). The page shows where the ballot stands on the board and never whether it
// is the last ballot of its credential (docs/THREAT-MODEL.md §3.10).
import { formatTrackingCode, readTrackingCode } from '@evotare/crypto/ballot';
import { toBase64Url } from '@evotare/crypto/bytes';
import { type Child, fieldValue, h, refreshScreen, showScreen } from '../dom.ts';
import {
  ElectionDataError,
  type ElectionSummary,
  isLoaded,
  type LoadedElection,
  listElections,
  loadElection,
} from '../election.ts';
import { formatDateTime, formatNumber, local, t } from '../i18n.ts';
import { api, checkLine, fingerprintBlock, notice, startPage, trackingCodeField } from '../page.ts';
import { type Message, problemMessage } from '../problems.ts';
import { checkReceipt, fetchReceipt, findTrackingCodes, type ReceiptCheck } from '../receipt-check.ts';
import type { TextKey } from '../text.ts';

interface Checked {
  readonly trackingCode: Uint8Array;
  readonly check: ReceiptCheck;
  /** Found from the short code (its first 10 bytes), not the full one. */
  readonly short: boolean;
}

let elections: ElectionSummary[] = [];
let electionId = '';
let codeText = '';
let busy = false;
let failure: Message | null = null;
let loaded: LoadedElection | null = null;
let results: Checked[] = [];

function resultView(election: LoadedElection, r: Checked): Child[] {
  const { check } = r;
  const where =
    check.valid && check.receipt && check.latest
      ? h(
          'p',
          { class: 'where' },
          t('checkWhere', {
            position: formatNumber(check.receipt.position),
            size: formatNumber(check.latest.size),
            time: formatDateTime(check.latest.time),
          }),
        )
      : null;
  return [
    h('p', { class: 'eyebrow' }, local(election.summary.title)),
    h(
      'div',
      { class: 'tracking' },
      h('p', { class: 'label', id: 'tracking-label' }, t('receiptTracking')),
      h('p', { class: 'code', 'aria-labelledby': 'tracking-label' }, formatTrackingCode(r.trackingCode)),
    ),
    check.valid ? notice('success', { key: 'checkAllGood' }) : notice('error', { key: 'checkSomeFailed' }),
    where,
    r.short ? h('p', { class: 'hint' }, t('checkShortCode')) : null,
    h(
      'ul',
      { class: 'checks' },
      check.steps.map((s) => checkLine(t(`step.${s.id}` as TextKey), s.ok, s.reason)),
    ),
    h('p', null, t('checkReveals')),
  ];
}

function form(): HTMLElement {
  return h(
    'form',
    {
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        void checkTyped();
      },
    },
    elections.length > 0
      ? h(
          'div',
          { class: 'field' },
          h('label', { for: 'check-election' }, t('checkElectionLabel')),
          h(
            'select',
            {
              id: 'check-election',
              onchange: (event: Event) => {
                electionId = fieldValue(event);
              },
            },
            elections.map((e) => h('option', { value: e.id, selected: e.id === electionId }, local(e.title))),
          ),
        )
      : null,
    trackingCodeField('check-code', codeText, (value) => {
      codeText = value;
    }),
    h('button', { type: 'submit', class: 'button', disabled: busy }, t('checkSubmit')),
  );
}

function render(stay = false): void {
  const content: Child[] = [h('h1', { tabindex: '-1' }, t('checkHeading')), h('p', null, t('checkIntro')), form()];
  if (busy) content.push(h('p', { role: 'status' }, t('loading')));
  if (failure) content.push(notice('error', failure));
  content.push(
    h(
      'div',
      { id: 'check-result' },
      loaded && results.length > 0
        ? [fingerprintBlock(loaded.fingerprint), results.map((r) => resultView(loaded!, r))]
        : null,
    ),
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
    h(
      'p',
      { class: 'links' },
      electionId
        ? [h('a', { href: `/board?election=${encodeURIComponent(electionId)}` }, t('boardLink')), ' · ']
        : null,
      h('a', { href: '/' }, t('allElections')),
    ),
  );
  if (stay) refreshScreen(content);
  else showScreen(content);
}

async function election(id: string): Promise<LoadedElection | null> {
  try {
    const e = await loadElection(api, id);
    if (isLoaded(e)) return e;
    failure = { key: 'errElectionNotFound' };
  } catch (e) {
    failure =
      e instanceof ElectionDataError ? { key: 'errElectionData', values: { reason: e.message } } : problemMessage(e);
  }
  return null;
}

async function run(work: () => Promise<void>): Promise<void> {
  if (busy) return;
  busy = true;
  failure = null;
  loaded = null;
  results = [];
  render(true);
  try {
    await work();
  } catch (e) {
    failure = problemMessage(e);
  }
  busy = false;
  render(true);
  const region = document.getElementById('check-result');
  const target = failure ? document.querySelector<HTMLElement>('.notice.error') : region;
  if (target && (results.length > 0 || failure)) {
    target.setAttribute('tabindex', '-1');
    target.focus();
  }
}

/** What was typed or pasted: a short or full code, or the receipt's address (which names the election too). */
function readInput(text: string): { electionId: string; code: ReturnType<typeof readTrackingCode> } {
  const trimmed = text.trim();
  if (/[?&]code=/.test(trimmed)) {
    try {
      const url = new URL(trimmed, location.origin);
      return {
        electionId: url.searchParams.get('election') ?? electionId,
        code: readTrackingCode(url.searchParams.get('code') ?? ''),
      };
    } catch {
      // not an address: read as a code below
    }
  }
  return { electionId, code: readTrackingCode(trimmed) };
}

async function checkTyped(): Promise<void> {
  const input = readInput(codeText);
  if (input.code === null) {
    failure = { key: 'checkCodeUnreadable' };
    results = [];
    render(true);
    document.querySelector<HTMLElement>('#check-code')?.focus();
    return;
  }
  if (!input.electionId) {
    failure = { key: 'checkChooseElection' };
    render(true);
    return;
  }
  electionId = input.electionId;
  const code = input.code;
  const shown = code.kind === 'full' ? toBase64Url(code.code) : formatTrackingCode(code.prefix);
  history.replaceState(null, '', `?${new URLSearchParams({ election: electionId, code: shown })}`);
  await run(async () => {
    const e = await election(electionId);
    if (!e) return;
    const found =
      code.kind === 'full' ? [{ trackingCode: code.code }] : await findTrackingCodes(api, electionId, code.prefix);
    if (found.length === 0) {
      failure = { key: 'checkNotFound' };
      return;
    }
    const checked: Checked[] = [];
    for (const f of found) {
      let receipt: unknown;
      try {
        receipt = await fetchReceipt(api, electionId, f.trackingCode);
      } catch (error) {
        failure = problemMessage(error);
        return;
      }
      const check = await checkReceipt(api, e, receipt, f.trackingCode);
      checked.push({ trackingCode: f.trackingCode, check, short: code.kind === 'short' });
    }
    loaded = e;
    results = checked;
  });
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
    electionId = e.manifest.electionId;
    loaded = e;
    results = [{ trackingCode: check.receipt.trackingCode, check, short: false }];
  });
}

export async function checkPage(): Promise<void> {
  await startPage('titleCheck', () => render(true));
  const params = new URLSearchParams(location.search);
  electionId = params.get('election') ?? '';
  codeText = params.get('code') ?? '';
  render(true);
  try {
    elections = await listElections(api);
  } catch {
    elections = [];
  }
  if (!electionId) electionId = (elections.find((e) => e.state === 'open') ?? elections[0])?.id ?? '';
  if (codeText && electionId) await checkTyped();
  else render(true);
}
