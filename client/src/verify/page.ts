// The verifier page (docs/SPEC.md §15): the standalone verifier's own code (@evotare/verifier/verify,
// one implementation) run in the browser on a board export the user picks or drops — its directory,
// or its archive (§12.8, ./archive.ts) — or on the board read through the server's public API;
// ballots, shuffle proofs and decryptions verified on Web Workers, one per core (./web-pool.ts),
// with progress by group of checks (./progress.ts). It shows every check with its ID and outcome as
// the CLI reports it, its title in the page's language (the CLI's --lang titles), the election
// fingerprint, the archive's SHA-256, and V13.10 for a voter's receipt. A board that cannot be read
// is said to be so, never that it does not verify (as the CLI's exit status 3). The report is also
// left on `window.evotareReport` and in `#report-json` for scripts (the browser test compares it
// with the CLI).
import type { BoardSource } from '@evotare/verifier/board-source';
import { checkTitle } from '@evotare/verifier/cli/check-titles';
import { apiClient } from '@evotare/verifier/remote/client';
import { RemoteBoard } from '@evotare/verifier/remote-board';
import type { Report } from '@evotare/verifier/report';
import { verifyBoard } from '@evotare/verifier/verify';
import { ArchiveError, openBoardArchive } from './archive.ts';
import { exportFilesDropped, exportFilesOf, FilesBoard } from './files-board.ts';
import { CountedBoard, PROGRESS_GROUPS, Progress, ProgressPool } from './progress.ts';
import { LANGUAGES, type Language, type PageTextKey, translate } from './text.ts';
import { WebWorkerPool } from './web-pool.ts';

declare global {
  interface Window {
    evotareReport?: Report;
  }
}

// The worker's file has a content-hashed name, which the page names (client/serve/verifier-page.ts).
const WORKER_URL = new URL(document.body.dataset.worker ?? './verify-worker.js', location.href);
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

let files: File[] = [];
let archive: File | undefined;
let receipt: unknown;

/** What the page verifies: a board, and the archive it came from (with its SHA-256) if it did. */
interface Chosen {
  readonly source: BoardSource;
  readonly archive?: { readonly name: string; readonly sha256: string };
}

/**
 * Opens an archive chosen or dropped, saying in `progress` how much of it was read; what the page
 * verifies, or why the archive cannot be read in the page's language.
 */
async function chosenArchive(file: File, progress: HTMLElement): Promise<Chosen | string> {
  const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);
  try {
    const opened = await openBoardArchive(file, (read) => {
      progress.textContent = t('readingArchive', { name: file.name, read: mb(read), size: mb(file.size) });
    });
    return {
      source: new FilesBoard(opened.files, file.name),
      archive: { name: file.name, sha256: opened.sha256 },
    };
  } catch (e) {
    if (!(e instanceof ArchiveError)) throw e;
    const p = e.problem;
    const reason =
      p.kind === 'zip'
        ? t('archiveZip')
        : p.kind === 'not-tar'
          ? t('archiveNotTar')
          : p.kind === 'no-board'
            ? t('archiveNoBoard')
            : t('archiveUnreadable', { reason: p.reason });
    return t('couldNotRead', { board: file.name, problems: reason });
  }
}

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
  const archiveInput = el('input', {
    type: 'file',
    id: 'archive',
    accept: '.tar,.tgz,.gz,application/x-tar,application/gzip',
  });
  archiveInput.addEventListener('change', () => {
    archive = archiveInput.files?.[0];
  });
  // A directory or an archive dropped anywhere on the page is verified at once.
  document.body.ondragover = (event) => event.preventDefault();
  document.body.ondrop = async (event) => {
    event.preventDefault();
    if (event.dataTransfer === null) return;
    const dropped = await exportFilesDropped(event.dataTransfer.items);
    const file = event.dataTransfer.files[0];
    if (dropped.files.size > 0) void run({ source: new FilesBoard(dropped.files, dropped.name) }, out, expect());
    else if (file !== undefined) void runArchive(file);
    else out.replaceChildren(el('p', { class: 'error', role: 'alert' }, t('noFiles')));
  };
  const runArchive = async (file: File) => {
    const published = archiveSha256.value.trim().toLowerCase();
    if (published !== '' && !/^[0-9a-f]{64}$/.test(published)) {
      out.replaceChildren(el('p', { class: 'error', role: 'alert' }, t('archiveSha256Form')));
      return;
    }
    const progress = el('p', { id: 'archive-progress' });
    out.replaceChildren(progress);
    document.body.dataset.state = 'reading';
    const chosen = await chosenArchive(file, progress);
    if (typeof chosen === 'string') unreadable(out, chosen);
    else void run(chosen, out, expect(), published || undefined);
  };
  const receiptInput = el('input', { type: 'file', id: 'receipt', accept: 'application/json,.json' });
  receiptInput.addEventListener('change', async () => {
    const f = receiptInput.files?.[0];
    receipt = undefined;
    if (f === undefined) return;
    try {
      receipt = JSON.parse(await f.text());
    } catch {
      // Not JSON (a photo of the receipt, a PDF, a truncated copy): said, never thrown at the page.
      out.replaceChildren(el('p', { class: 'error', role: 'alert' }, t('receiptNotJson', { name: f.name })));
    }
  });
  const fingerprint = el('input', { type: 'text', id: 'fingerprint', autocomplete: 'off', spellcheck: 'false' });
  const server = el('input', {
    type: 'url',
    id: 'server',
    value: location.protocol.startsWith('http') ? location.origin : '',
  });
  const election = el('input', { type: 'text', id: 'election', value: query.get('election') ?? '' });
  const archiveSha256 = el('input', {
    type: 'text',
    id: 'archive-sha256',
    autocomplete: 'off',
    spellcheck: 'false',
    inputmode: 'latin',
  });
  const verifyFiles = el('button', { type: 'button', id: 'verify-files' }, t('verifyFiles'));
  const verifyArchive = el('button', { type: 'button', id: 'verify-archive' }, t('verifyArchive'));
  const verifyServer = el('button', { type: 'button', id: 'verify-server' }, t('verifyServer'));
  const out = el('section', { id: 'out', 'aria-live': 'polite' });
  const label = (text: string, input: HTMLElement) => el('label', {}, text, el('br'), input);
  main.append(
    switcher,
    el('h1', {}, t('title')),
    el('p', {}, t('intro')),
    el('fieldset', {}, el('legend', {}, t('fromFiles')), label(t('directory'), dirInput), verifyFiles),
    el(
      'fieldset',
      {},
      el('legend', {}, t('fromArchive')),
      label(t('archive'), archiveInput),
      label(t('archiveSha256'), archiveSha256),
      verifyArchive,
    ),
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
      out.replaceChildren(el('p', { class: 'error', role: 'alert' }, t('noFiles')));
      return;
    }
    const name = files[0]!.webkitRelativePath.split('/')[0] || 'export';
    void run({ source: new FilesBoard(exportFilesOf(files), name) }, out, expect());
  });
  verifyArchive.addEventListener('click', () => {
    if (archive === undefined) out.replaceChildren(el('p', { class: 'error', role: 'alert' }, t('noArchive')));
    else void runArchive(archive);
  });
  verifyServer.addEventListener('click', () => {
    const api = apiClient(server.value, null, lang);
    void run({ source: new RemoteBoard(api, election.value.trim()) }, out, expect());
  });
}

/** Says that the board could not be read — never that it does not verify. */
function unreadable(out: HTMLElement, message: string): void {
  const [first, ...rest] = message.split('\n');
  out.replaceChildren(
    el('p', { class: 'verdict error', id: 'verdict', role: 'alert' }, first!),
    ...rest.map((line) => el('p', {}, line)),
  );
  document.body.dataset.state = 'unreadable';
}

async function run(
  chosen: Chosen,
  out: HTMLElement,
  expectFingerprint: string | undefined,
  expectArchiveSha256?: string,
): Promise<void> {
  if (
    chosen.archive !== undefined &&
    expectArchiveSha256 !== undefined &&
    chosen.archive.sha256 !== expectArchiveSha256
  ) {
    out.replaceChildren(
      el(
        'p',
        { class: 'verdict error', id: 'verdict', role: 'alert' },
        t('archiveDigestMismatch', {
          file: chosen.archive.name,
          seen: chosen.archive.sha256,
          expected: expectArchiveSha256,
        }),
      ),
    );
    document.body.dataset.state = 'done';
    return;
  }
  const problems = await chosen.source.layoutProblems();
  if (problems.length > 0) {
    unreadable(out, t('couldNotRead', { board: chosen.source.name, problems: problems.join('; ') }));
    return;
  }
  const progress = new Progress();
  const board = new CountedBoard(chosen.source, progress);
  const workers = new WebWorkerPool(WORKER_URL);
  const pool = new ProgressPool(workers, progress);
  const list = el('ul', { id: 'progress' });
  out.replaceChildren(list);
  document.body.dataset.state = 'running';
  const show = () => {
    const g = progress.groups;
    const lines = {
      board: t('progressBoard', { entries: g.board.read, threads: workers.size }),
      ballots: t('progressBallots', { verified: g.ballots.items, read: g.ballots.read }),
      shuffles: t('progressShuffles', { read: g.shuffles.read, done: g.shuffles.done, started: g.shuffles.started }),
      decryptions: t('progressDecryptions', {
        read: g.decryptions.read,
        done: g.decryptions.done,
        started: g.decryptions.started,
      }),
    };
    list.replaceChildren(
      ...PROGRESS_GROUPS.map((group) => {
        const p = g[group];
        const done = document.body.dataset.state !== 'running' || (p.started > 0 && p.done === p.started);
        return el('li', { 'data-group': group, 'data-state': done ? 'done' : 'running' }, lines[group]);
      }),
    );
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
    const full =
      chosen.archive === undefined
        ? report
        : { ...report, archive: { file: chosen.archive.name, sha256: chosen.archive.sha256 } };
    document.body.dataset.state = 'done';
    show();
    showReport(out, full, seconds);
    window.evotareReport = full;
    document.body.dataset.seconds = seconds;
  } catch (e) {
    out.append(
      el('p', { class: 'error', role: 'alert' }, t('error', { message: e instanceof Error ? e.message : String(e) })),
    );
    document.body.dataset.state = 'error';
  } finally {
    clearInterval(timer);
    workers.close();
  }
}

function showReport(
  out: HTMLElement,
  report: Report & { archive?: { file: string; sha256: string } },
  seconds: string,
): void {
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
  if (report.archive !== undefined) {
    facts.append(
      el('dt', {}, t('archiveSha256Is')),
      el('dd', {}, el('code', { id: 'archive-digest' }, report.archive.sha256), ` — ${t('compareArchive')}`),
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
      el('td', {}, checkTitle(r.id, r.title, lang), r.summary ? ` — ${r.summary}` : '', problems),
    );
  });
  out.append(
    el(
      'div',
      { class: 'table-scroll' },
      el(
        'table',
        { id: 'checks' },
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', { scope: 'col' }, t('check')),
            el('th', { scope: 'col' }, t('outcome')),
            el('th', { scope: 'col' }, t('what')),
          ),
        ),
        el('tbody', {}, ...rows),
      ),
    ),
    el('pre', { id: 'report-json', hidden: '' }, JSON.stringify(report)),
  );
}

render();
