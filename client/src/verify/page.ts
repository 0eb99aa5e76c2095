// The verifier page (docs/SPEC.md §15): the standalone verifier's own code (@evotare/verifier/verify,
// one implementation) run in the browser on a board export the user picks, or on the board read
// through the server's public API; ballots, shuffle proofs and decryptions verified on Web Workers,
// one per core (./web-pool.ts). It shows every check with its ID and outcome as the CLI reports it,
// the election fingerprint, and V13.10 for a voter's receipt. The report is also left on
// `window.evotareReport` and in `#report-json` for scripts (the browser test compares it with the CLI).
import type { BoardSource, Line } from '@evotare/verifier/board-source';
import { apiClient } from '@evotare/verifier/remote/client';
import { RemoteBoard } from '@evotare/verifier/remote-board';
import type { Report } from '@evotare/verifier/report';
import { verifyBoard } from '@evotare/verifier/verify';
import { exportFilesDropped, exportFilesOf, FilesBoard } from './files-board.ts';
import { LANGUAGES, type Language, type PageTextKey, translate } from './text.ts';
import { WebWorkerPool } from './web-pool.ts';

declare global {
  interface Window {
    evotareReport?: Report;
  }
}

const WORKER_URL = new URL('./verify-worker.js', import.meta.url);
const query = new URLSearchParams(location.search);
let lang: Language = (LANGUAGES as readonly string[]).includes(query.get('lang') ?? '')
  ? (query.get('lang') as Language)
  : 'ro';
const t = (key: PageTextKey, values?: Record<string, string | number>) => translate(lang, key, values);

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** Counts the entries the verifier reads, for the progress line. */
class CountedBoard implements BoardSource {
  readonly #inner: BoardSource;
  entries = 0;
  constructor(inner: BoardSource) {
    this.#inner = inner;
  }
  get name() {
    return this.#inner.name;
  }
  layoutProblems() {
    return this.#inner.layoutProblems();
  }
  treeHeadText() {
    return this.#inner.treeHeadText();
  }
  async *entryLines(): AsyncGenerator<Line> {
    for await (const line of this.#inner.entryLines()) {
      this.entries++;
      yield line;
    }
  }
  treeHeadLines() {
    return this.#inner.treeHeadLines();
  }
  attachment(id: string, bytes: number) {
    return this.#inner.attachment(id, bytes);
  }
}

let files: File[] = [];
let receipt: unknown;

function render(): void {
  document.documentElement.lang = lang;
  document.title = `${t('title')} — CEC`;
  const main = document.getElementById('main')!;
  main.replaceChildren();
  const switcher = el('nav', { class: 'languages' });
  for (const l of LANGUAGES) {
    const b = el(
      'button',
      { type: 'button', lang: l, 'data-lang': l },
      { ro: 'Română', en: 'English', ru: 'Русский' }[l],
    );
    if (l === lang) b.setAttribute('aria-current', 'true');
    b.addEventListener('click', () => {
      lang = l;
      render();
    });
    switcher.append(b);
  }
  const dirInput = el('input', { type: 'file', id: 'export', webkitdirectory: '', multiple: '' });
  dirInput.addEventListener('change', () => {
    files = [...(dirInput.files ?? [])];
  });
  // A directory dropped anywhere on the page is verified at once.
  document.body.ondragover = (event) => event.preventDefault();
  document.body.ondrop = async (event) => {
    event.preventDefault();
    if (event.dataTransfer === null) return;
    const dropped = await exportFilesDropped(event.dataTransfer.items);
    if (dropped.files.size === 0) out.replaceChildren(el('p', { class: 'error' }, t('noFiles')));
    else void run(new FilesBoard(dropped.files, dropped.name), out, expect());
  };
  const receiptInput = el('input', { type: 'file', id: 'receipt', accept: 'application/json,.json' });
  receiptInput.addEventListener('change', async () => {
    const f = receiptInput.files?.[0];
    receipt = f === undefined ? undefined : JSON.parse(await f.text());
  });
  const fingerprint = el('input', { type: 'text', id: 'fingerprint', autocomplete: 'off', spellcheck: 'false' });
  const server = el('input', {
    type: 'url',
    id: 'server',
    value: location.protocol.startsWith('http') ? location.origin : '',
  });
  const election = el('input', { type: 'text', id: 'election', value: query.get('election') ?? '' });
  const verifyFiles = el('button', { type: 'button', id: 'verify-files' }, t('verifyFiles'));
  const verifyServer = el('button', { type: 'button', id: 'verify-server' }, t('verifyServer'));
  const out = el('section', { id: 'out', 'aria-live': 'polite' });
  const label = (text: string, input: HTMLElement) => el('label', {}, text, el('br'), input);
  main.append(
    switcher,
    el('h1', {}, t('title')),
    el('p', {}, t('intro')),
    el('fieldset', {}, el('legend', {}, t('fromFiles')), dirInput, ' ', verifyFiles),
    el(
      'fieldset',
      {},
      el('legend', {}, t('fromServer')),
      label(t('server'), server),
      label(t('election'), election),
      verifyServer,
    ),
    el('p', {}, label(t('receipt'), receiptInput)),
    el('p', {}, label(t('fingerprint'), fingerprint)),
    out,
  );
  const expect = () => fingerprint.value.trim() || undefined;
  verifyFiles.addEventListener('click', () => {
    if (files.length === 0) {
      out.replaceChildren(el('p', { class: 'error' }, t('noFiles')));
      return;
    }
    const name = files[0]!.webkitRelativePath.split('/')[0] || 'export';
    void run(new FilesBoard(exportFilesOf(files), name), out, expect());
  });
  verifyServer.addEventListener('click', () => {
    const api = apiClient(server.value, null, lang);
    void run(new RemoteBoard(api, election.value.trim()), out, expect());
  });
}

async function run(source: BoardSource, out: HTMLElement, expectFingerprint: string | undefined): Promise<void> {
  const board = new CountedBoard(source);
  const pool = new WebWorkerPool(WORKER_URL);
  const progress = el('p', { id: 'progress' });
  out.replaceChildren(progress);
  document.body.dataset.state = 'running';
  const show = () => {
    progress.textContent = t('reading', {
      entries: board.entries,
      threads: pool.size,
      done: pool.done,
      started: pool.started,
    });
  };
  const timer = setInterval(show, 250);
  const started = performance.now();
  try {
    const { report } = await verifyBoard(board, {
      pool,
      ...(receipt === undefined ? {} : { receipt }),
      ...(expectFingerprint === undefined ? {} : { expectFingerprint }),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    show();
    showReport(out, report, seconds);
    window.evotareReport = report;
    document.body.dataset.seconds = seconds;
    document.body.dataset.state = 'done';
  } catch (e) {
    out.append(el('p', { class: 'error' }, t('error', { message: e instanceof Error ? e.message : String(e) })));
    document.body.dataset.state = 'error';
  } finally {
    clearInterval(timer);
    pool.close();
  }
}

function showReport(out: HTMLElement, report: Report, seconds: string): void {
  const count = (o: string) => report.results.filter((r) => r.outcome === o).length;
  const failed = count('failed');
  const notRun = count('not-run');
  const verdict =
    failed > 0
      ? t('verdictFailed', { failed, notRun, seconds })
      : notRun > 0
        ? t('verdictIncomplete', { notRun, seconds })
        : t('verdictPassed', { count: report.results.length, seconds });
  out.append(el('p', { class: failed > 0 ? 'verdict error' : 'verdict', id: 'verdict' }, verdict));
  const facts = el('dl', {});
  if (report.electionId !== undefined) facts.append(el('dt', {}, t('electionId')), el('dd', {}, report.electionId));
  if (report.fingerprint !== undefined) {
    facts.append(
      el('dt', {}, t('fingerprintIs')),
      el('dd', {}, el('strong', { id: 'election-fingerprint' }, report.fingerprint), ` — ${t('compareFingerprint')}`),
    );
  }
  out.append(facts);
  const rows = report.results.map((r) => {
    const problems = el('ul', {});
    for (const p of r.problems.slice(0, 20)) problems.append(el('li', {}, p));
    if (r.problems.length > 20) problems.append(el('li', {}, `… ${r.problems.length - 20}`));
    return el(
      'tr',
      { 'data-check': r.id, 'data-outcome': r.outcome, class: r.outcome },
      el('th', { scope: 'row' }, r.id),
      el('td', {}, t(r.outcome)),
      el('td', {}, r.title, r.summary ? ` — ${r.summary}` : '', problems),
    );
  });
  out.append(
    el(
      'table',
      { id: 'checks' },
      el('thead', {}, el('tr', {}, el('th', {}, t('check')), el('th', {}, t('outcome')), el('th', {}, t('what')))),
      el('tbody', {}, ...rows),
    ),
    el('pre', { id: 'report-json', hidden: '' }, JSON.stringify(report)),
  );
}

render();
