// `/board?election=<id>[&from=N][&heads=M][&code=…]` — the public bulletin board, read-only, for
// anyone: the latest tree head (its CEC signature checked here), the entries page by page (each page
// checked to chain from the entry before it, Algorithm 12.1 through crypto/), the ballots' tracking
// codes, the signed tree heads page by page, and a search by tracking code that leads to the check
// of its inclusion proof (/check). The election fingerprint is the one this browser computed.
import {
  type BallotJson,
  BallotSchema,
  ballotTrackingCode,
  formatTrackingCode,
  readTrackingCode,
} from '@evotare/crypto/ballot';
import { type BoardEntry, decodeBoardEntry, verifyBoardChain } from '@evotare/crypto/board/entry';
import { decodeSignedTreeHead, type SignedTreeHead, verifyTreeHead } from '@evotare/crypto/board/tree-head';
import { toBase64Url } from '@evotare/crypto/bytes';
import * as z from 'zod';
import { electionPath } from '../api.ts';
import { type Child, h, refreshScreen, showScreen } from '../dom.ts';
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
import { findTrackingCodes } from '../receipt-check.ts';
import type { TextKey } from '../text.ts';

/** Entries and tree heads per page. */
export const BOARD_PAGE = 50;

const EntriesPage = z.object({ size: z.number().int().nonnegative(), entries: z.array(z.unknown()) });
const HeadsPage = z.object({ treeHeads: z.array(z.unknown()) });

interface BoardView {
  readonly election: LoadedElection;
  readonly latest: SignedTreeHead;
  readonly latestSigned: boolean;
  readonly from: number;
  readonly entries: readonly BoardEntry[];
  /** The page's entries chain from the entry before the page and hash to their stated hashes. */
  readonly chained: boolean;
  readonly headsFrom: number;
  readonly heads: readonly SignedTreeHead[];
  readonly headsSigned: boolean;
}

interface Found {
  readonly position: number;
  readonly trackingCode: Uint8Array;
}

let electionId = '';
let elections: ElectionSummary[] | null = null;
let view: BoardView | null = null;
let failure: Message | null = null;
let busy = false;
let findText = '';
let found: Found[] | null = null;
let findFailure: Message | null = null;

const pageStart = (position: number) => Math.floor(position / BOARD_PAGE) * BOARD_PAGE;

function boardHref(from: number, headsFrom: number): string {
  const q = new URLSearchParams({ election: electionId, from: String(from), heads: String(headsFrom) });
  return `?${q}`;
}

function ballotCode(election: LoadedElection, entry: BoardEntry): string {
  if (entry.type !== 'ballot' || election.ctx === null) return '';
  const ballot = BallotSchema.safeParse(entry.payload);
  return ballot.success ? formatTrackingCode(ballotTrackingCode(election.ctx, ballot.data as BallotJson)) : '';
}

function pager(label: TextKey, previous: string | null, next: string | null): HTMLElement {
  return h(
    'nav',
    { class: 'pager', 'aria-label': t(label) },
    previous ? h('a', { href: previous }, t('boardPrevious')) : null,
    next ? h('a', { href: next }, t('boardNext')) : null,
  );
}

/** A table of the board, scrollable sideways on a narrow screen, named by the heading `headingId`. */
function table(headingId: string, caption: string, columns: readonly TextKey[], rows: Child[]): HTMLElement {
  return h(
    'div',
    { class: 'table-scroll', role: 'region', 'aria-labelledby': headingId, tabindex: '0' },
    h(
      'table',
      { class: 'board' },
      h('caption', null, caption),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          columns.map((c) => h('th', { scope: 'col' }, t(c))),
        ),
      ),
      h('tbody', null, rows),
    ),
  );
}

function entriesView(v: BoardView): Child[] {
  const highlighted = new Set((found ?? []).map((f) => f.position));
  const to = v.from + v.entries.length;
  return [
    h('h2', { id: 'entries-heading' }, t('boardEntries')),
    h('ul', { class: 'checks' }, checkLine(t('boardChain'), v.chained)),
    table(
      'entries-heading',
      t('boardEntriesRange', {
        from: formatNumber(v.from),
        to: formatNumber(Math.max(v.from, to - 1)),
        size: formatNumber(v.latest.size),
      }),
      ['boardColPosition', 'boardColType', 'boardColTime', 'boardColCode'],
      v.entries.map((e) =>
        h(
          'tr',
          highlighted.has(e.seq)
            ? { class: 'found', 'aria-current': 'true', id: `entry-${e.seq}` }
            : { id: `entry-${e.seq}` },
          h('td', null, String(e.seq)),
          h('td', null, h('code', null, e.type)),
          h('td', null, e.time),
          h('td', { class: 'mono' }, ballotCode(v.election, e)),
        ),
      ),
    ),
    pager(
      'boardEntryPages',
      v.from > 0 ? boardHref(Math.max(0, v.from - BOARD_PAGE), v.headsFrom) : null,
      to < v.latest.size ? boardHref(to, v.headsFrom) : null,
    ),
  ];
}

function headsView(v: BoardView): Child[] {
  const last = v.headsFrom + v.heads.length - 1;
  return [
    h('h2', { id: 'heads-heading' }, t('boardHeads')),
    h('ul', { class: 'checks' }, checkLine(t('boardHeadSigned'), v.headsSigned)),
    table(
      'heads-heading',
      t('boardHeadsRange', { from: formatNumber(v.headsFrom), to: formatNumber(Math.max(v.headsFrom, last)) }),
      ['boardColSize', 'boardColTime', 'boardColRoot'],
      v.heads.map((head) =>
        h(
          'tr',
          null,
          h('td', null, formatNumber(head.size)),
          h('td', null, head.time),
          h('td', { class: 'mono' }, `${toBase64Url(head.root).slice(0, 16)}…`),
        ),
      ),
    ),
    pager(
      'boardHeadPages',
      v.headsFrom > 0 ? boardHref(v.from, Math.max(0, v.headsFrom - BOARD_PAGE)) : null,
      v.heads.length === BOARD_PAGE ? boardHref(v.from, v.headsFrom + BOARD_PAGE) : null,
    ),
  ];
}

function findView(): Child[] {
  return [
    h('h2', null, t('boardFind')),
    h(
      'form',
      {
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          void find();
        },
      },
      trackingCodeField('find-code', findText, (value) => {
        findText = value;
      }),
      h('button', { type: 'submit', class: 'button', disabled: busy }, t('boardFindSubmit')),
    ),
    h(
      'div',
      { id: 'find-result' },
      findFailure ? notice('error', findFailure) : null,
      (found ?? []).map((f) =>
        notice(
          'success',
          t('boardFound', { code: formatTrackingCode(f.trackingCode), position: formatNumber(f.position) }),
          h(
            'p',
            null,
            h(
              'a',
              {
                href: `/check?${new URLSearchParams({ election: electionId, code: toBase64Url(f.trackingCode) })}`,
              },
              t('boardFoundCheck'),
            ),
          ),
        ),
      ),
    ),
  ];
}

function render(stay = true): void {
  const content: Child[] = [h('h1', { tabindex: '-1' }, t('titleBoard'))];
  if (!electionId) {
    content.push(h('p', null, t('boardChooseElection')));
    if (elections === null && !failure) content.push(h('p', { role: 'status' }, t('loading')));
    if (elections)
      content.push(
        h(
          'ul',
          null,
          elections.map((e) =>
            h('li', null, h('a', { href: `?${new URLSearchParams({ election: e.id })}` }, local(e.title))),
          ),
        ),
      );
  } else {
    content.push(h('p', null, t('boardIntro')));
    if (view) {
      content.push(
        h('p', { class: 'eyebrow' }, local(view.election.summary.title)),
        fingerprintBlock(view.election.fingerprint),
        h(
          'p',
          null,
          t('boardLatestHead', { size: formatNumber(view.latest.size), time: formatDateTime(view.latest.time) }),
        ),
        h('ul', { class: 'checks' }, checkLine(t('boardHeadSigned'), view.latestSigned)),
        findView(),
        entriesView(view),
        headsView(view),
      );
    } else if (!failure) {
      content.push(h('p', { role: 'status' }, t('loading')));
    }
  }
  if (failure) content.push(notice('error', failure));
  content.push(
    h(
      'p',
      { class: 'links' },
      h('a', { href: '/check' }, t('checkVoteLink')),
      ' · ',
      h('a', { href: '/' }, t('allElections')),
    ),
  );
  if (stay) refreshScreen(content);
  else showScreen(content);
}

function decodeHead(json: unknown): SignedTreeHead {
  const d = decodeSignedTreeHead(json);
  if ('error' in d) throw new ElectionDataError(d.error.valid ? 'malformed tree head' : d.error.reason);
  return d.value;
}

function decodeEntry(json: unknown): BoardEntry {
  const d = decodeBoardEntry(json);
  if ('error' in d) throw new ElectionDataError(d.error.valid ? 'malformed entry' : d.error.reason);
  return d.entry;
}

async function readBoard(election: LoadedElection, from: number, headsFrom: number): Promise<BoardView> {
  const base = `${electionPath(electionId)}/board`;
  const latest = decodeHead(await api.get(`${base}/tree-head`));
  const start = Math.min(from, pageStart(Math.max(0, latest.size - 1)));
  const page = EntriesPage.parse(await api.get(`${base}?from=${start}&limit=${BOARD_PAGE}`));
  const entries = page.entries.slice(0, Math.max(0, latest.size - start)).map(decodeEntry);
  const before = start > 0 ? decodeEntry(await api.get(`${base}/entries/${start - 1}`)) : null;
  const chained =
    entries.every((e, i) => e.seq === start + i) &&
    verifyBoardChain(entries, before && { seq: before.seq, hash: before.hash, time: before.time }).valid;
  const heads = HeadsPage.parse(
    await api.get(`${base}/tree-heads?from=${headsFrom}&limit=${BOARD_PAGE}`),
  ).treeHeads.map(decodeHead);
  const signed = (head: SignedTreeHead) =>
    head.electionId === electionId && verifyTreeHead(head, election.authorityKey).valid;
  return {
    election,
    latest,
    latestSigned: signed(latest),
    from: start,
    entries,
    chained,
    headsFrom,
    heads,
    headsSigned: heads.every(signed),
  };
}

async function load(from: number, headsFrom: number): Promise<void> {
  try {
    const e = view?.election ?? (await loadElection(api, electionId));
    if (!isLoaded(e)) {
      failure = { key: 'errElectionNotFound' };
      return;
    }
    view = await readBoard(e, from, headsFrom);
  } catch (e) {
    failure =
      e instanceof ElectionDataError ? { key: 'errElectionData', values: { reason: e.message } } : problemMessage(e);
  }
}

async function find(): Promise<void> {
  if (busy || !view) return;
  findFailure = null;
  found = null;
  const code = readTrackingCode(findText);
  if (code === null) {
    findFailure = { key: 'checkCodeUnreadable' };
    render();
    document.getElementById('find-code')?.focus();
    return;
  }
  busy = true;
  render();
  try {
    const matches = await findTrackingCodes(api, electionId, code.kind === 'full' ? code.code : code.prefix);
    if (matches.length === 0) findFailure = { key: 'checkNotFound' };
    else {
      found = matches;
      const from = pageStart(matches[0]!.position);
      if (from !== view.from) await load(from, view.headsFrom);
      history.replaceState(
        null,
        '',
        `${boardHref(view.from, view.headsFrom)}&code=${encodeURIComponent(findText.trim())}`,
      );
    }
  } catch (e) {
    findFailure = problemMessage(e);
  }
  busy = false;
  render();
  const result = document.getElementById('find-result');
  result?.setAttribute('tabindex', '-1');
  result?.focus();
}

const queryInt = (value: string | null) => {
  const n = Number(value ?? '0');
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
};

export async function boardPage(): Promise<void> {
  await startPage('titleBoard', () => render());
  const params = new URLSearchParams(location.search);
  electionId = params.get('election') ?? '';
  findText = params.get('code') ?? '';
  render();
  if (!electionId) {
    try {
      elections = await listElections(api);
    } catch (e) {
      failure = problemMessage(e);
    }
    render();
    return;
  }
  await load(queryInt(params.get('from')), pageStart(queryInt(params.get('heads'))));
  render();
  if (findText && view) await find();
}
