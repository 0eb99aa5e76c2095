// The officials' console (served at /console, ../../serve/console.ts): an official signs in with
// their token (kept in this tab's sessionStorage only), picks an election and sees its stage and
// what comes next, the key ceremony per trustee, turnout by hour and by country (small cells
// withheld by the server), credentials, mixing and decryption progress and the board's health,
// and takes the next step with a confirmation. It does no cryptography: it shows what the server's
// admin API says (GET /api/v1/admin/elections/:id/console) and sends the officials' actions;
// the parties and the verifier check the board themselves.
import { ApiError, createApi } from '../api.ts';
import { type Child, h, refreshScreen, showScreen } from '../dom.ts';
import {
  formatDateTime,
  formatNumber,
  initLanguage,
  isLanguage,
  LOCALE,
  language,
  onLanguageChange,
  setLanguage,
} from '../i18n.ts';
import { type ConsoleTextKey, ct } from './text.ts';
import type { Action, ConsoleView, ElectionListing } from './view.ts';
import { availableActions, cellText } from './view.ts';

const TOKEN_KEY = 'evotare/v1/console/token';
const TOKEN = /^evo_[A-Za-z0-9_-]{43}$/;

let token: string | null = sessionStorage.getItem(TOKEN_KEY);
let elections: ElectionListing[] | null = null;
let electionId: string | null = new URLSearchParams(location.search).get('election');
let view: ConsoleView | null = null;
let message: { kind: 'error' | 'success'; text: string } | null = null;
let loadedAt: Date | null = null;

const api = createApi({
  language,
  fetch: (input, init) => {
    const headers = new Headers(init?.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  },
});

const admin = (path: string) => `/admin/elections${path}`;
const electionPath = (id: string) => admin(`/${encodeURIComponent(id)}`);

function notice(): Child {
  if (!message) return null;
  return h(
    'div',
    { class: `notice ${message.kind}`, role: message.kind === 'error' ? 'alert' : 'status' },
    h('p', null, message.text),
  );
}

/**
 * A table that scrolls sideways on a phone, reachable by keyboard. Its caption names it for screen
 * readers; `shown: false` where the section's heading above already says the same on screen.
 */
function table(caption: string, head: string[], rows: Child[][], shown = true): HTMLElement {
  return h(
    'div',
    { class: 'table-scroll', role: 'region', 'aria-label': caption, tabindex: 0 },
    h(
      'table',
      null,
      h('caption', shown ? null : { class: 'visually-hidden' }, caption),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          head.map((x) => h('th', { scope: 'col' }, x)),
        ),
      ),
      h(
        'tbody',
        null,
        rows.map((r) =>
          h(
            'tr',
            null,
            r.map((cell, i) => (i === 0 ? h('th', { scope: 'row' }, cell) : h('td', null, cell))),
          ),
        ),
      ),
    ),
  );
}

/** The roll's country of residence in the page's language ("Italia (IT)"), as written if not a code. */
function countryName(country: string): string {
  if (!/^[A-Z]{2}$/.test(country)) return country;
  const name = new Intl.DisplayNames([LOCALE[language()]], { type: 'region', fallback: 'none' }).of(country);
  return name ? `${name} (${country})` : country;
}

const yesNo = (b: boolean | null) => (b === null ? '—' : ct(b ? 'yes' : 'no'));
const facts = (pairs: Array<[string, Child]>) =>
  h(
    'dl',
    { class: 'facts' },
    pairs.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
  );

async function guarded(work: () => Promise<void>): Promise<void> {
  try {
    message = null;
    await work();
  } catch (e) {
    if (e instanceof ApiError && e.problem === 'unauthorized') {
      token = null;
      sessionStorage.removeItem(TOKEN_KEY);
    }
    message = { kind: 'error', text: e instanceof ApiError && e.problem !== 'network' ? e.title : ct('networkError') };
  }
  showScreen(render());
}

async function load(): Promise<void> {
  await guarded(async () => {
    if (token === null) return;
    if (electionId === null) {
      elections = ((await api.get(admin(''))) as { elections: ElectionListing[] }).elections;
      view = null;
    } else {
      view = (await api.get(`${electionPath(electionId)}/console`)) as ConsoleView;
    }
    loadedAt = new Date();
  });
}

function go(id: string | null): void {
  electionId = id;
  const q = new URLSearchParams(location.search);
  if (id === null) q.delete('election');
  else q.set('election', id);
  history.replaceState(null, '', `?${q.toString()}`);
  void load();
}

// --- screens ---------------------------------------------------------------------------------------

function signInScreen(): Child[] {
  const input = h('input', {
    id: 'token',
    type: 'password',
    class: 'wide',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'token-hint',
  });
  const submit = (event: Event) => {
    event.preventDefault();
    const value = input.value.trim();
    if (!TOKEN.test(value)) {
      message = { kind: 'error', text: ct('tokenMalformed') };
      showScreen(render());
      return;
    }
    token = value;
    sessionStorage.setItem(TOKEN_KEY, value);
    void load();
  };
  return [
    h('h1', null, ct('title')),
    notice(),
    h(
      'form',
      { onsubmit: submit },
      h('h2', null, ct('signInHeading')),
      h('p', { id: 'token-hint', class: 'hint' }, ct('signInHint')),
      h('div', { class: 'field' }, h('label', { for: 'token' }, ct('tokenLabel')), input),
      h('button', { type: 'submit', class: 'button' }, ct('signIn')),
    ),
  ];
}

function toolbar(): Child {
  const signOut = () => {
    token = null;
    view = null;
    elections = null;
    sessionStorage.removeItem(TOKEN_KEY);
    message = null;
    showScreen(render());
  };
  return h(
    'div',
    { class: 'actions' },
    view
      ? h(
          'p',
          { class: 'muted who' },
          ct('signedInAs', { name: view.official.name, role: roleName(view.official.role) }),
        )
      : null,
    electionId !== null
      ? h('button', { type: 'button', class: 'button secondary', onclick: () => go(null) }, ct('backToElections'))
      : null,
    h('button', { type: 'button', class: 'button secondary', onclick: () => void load() }, ct('refresh')),
    h('button', { type: 'button', class: 'button secondary', onclick: signOut }, ct('signOut')),
    loadedAt ? h('p', { class: 'muted' }, ct('updatedAt', { time: loadedAt.toLocaleTimeString(language()) })) : null,
  );
}

const roleName = (role: string) => ct(`role_${role}` as ConsoleTextKey);
const stateName = (state: string) => ct(`state_${state}` as ConsoleTextKey);
const local = (title: Record<string, string>) => title[language()] ?? title.ro ?? Object.values(title)[0] ?? '';

function electionsScreen(): Child[] {
  const list = elections ?? [];
  return [
    h('h1', null, ct('title')),
    notice(),
    toolbar(),
    h('h2', null, ct('electionsHeading')),
    list.length === 0
      ? h('p', null, ct('noElections'))
      : table(
          ct('electionsHeading'),
          [ct('colElection'), ct('colState'), ''],
          list.map((e) => [
            local(e.title),
            stateName(e.state),
            h(
              'button',
              {
                type: 'button',
                class: 'button secondary',
                'aria-label': `${ct('show')}: ${local(e.title)}`,
                onclick: () => go(e.id),
              },
              ct('show'),
            ),
          ]),
          false,
        ),
  ];
}

function electionScreen(v: ConsoleView): Child[] {
  const e = v.election;
  const title = local(e.title);
  const t = v.turnout;
  let cumulative = 0;
  return [
    h('h1', null, title),
    notice(),
    toolbar(),

    h(
      'section',
      { 'aria-labelledby': 'h-state' },
      h('h2', { id: 'h-state' }, ct('stateHeading')),
      h('p', null, h('strong', null, ct('stateNow', { state: stateName(e.state) }))),
      h(
        'p',
        null,
        ct('votingWindow', {
          opens: formatDateTime(e.votingWindow.opens),
          closes: formatDateTime(e.votingWindow.closes),
        }),
      ),
      h(
        'p',
        { class: 'notice info next' },
        h('strong', null, `${ct('next')}: `),
        ct(`next_${e.next}` as ConsoleTextKey, { k: e.threshold ?? '—' }),
      ),
    ),

    actionsSection(v, title),

    h(
      'section',
      { 'aria-labelledby': 'h-ceremony' },
      h('h2', { id: 'h-ceremony' }, ct('ceremonyHeading')),
      e.ceremonyPhase
        ? h('p', null, ct('ceremonyPhase', { phase: ct(`phase_${e.ceremonyPhase}` as ConsoleTextKey) }))
        : null,
      table(
        ct('ceremonyHeading'),
        [ct('colTrustee'), ct('colDealt'), ct('colChecked'), ct('colComplaints'), ct('colQualified')],
        v.trustees.map((x) => [
          `${x.index}. ${x.name}`,
          yesNo(x.dealt),
          ct(x.sharesChecked),
          `${formatNumber(x.complaintsFiled)} / ${formatNumber(x.complaintsAgainst)}`,
          yesNo(x.qualified),
        ]),
        false,
      ),
    ),

    h(
      'section',
      { 'aria-labelledby': 'h-turnout' },
      h('h2', { id: 'h-turnout' }, ct('turnoutHeading')),
      h(
        'p',
        null,
        ct('turnoutSummary', {
          voters: formatNumber(t.voters),
          roll: formatNumber(t.rollSize),
          ballots: formatNumber(t.ballots),
        }),
      ),
      t.byHour.length === 0
        ? h('p', { class: 'muted' }, ct('noBallots'))
        : table(
            ct('byHourCaption'),
            [ct('colHour'), ct('colBallots'), ct('colFirstBallots'), ct('colCumulative')],
            t.byHour.map((row) => {
              cumulative += row.firstBallots;
              return [
                formatDateTime(row.hour),
                formatNumber(row.ballots),
                formatNumber(row.firstBallots),
                formatNumber(cumulative),
              ];
            }),
          ),
      table(
        ct('byCountryCaption'),
        [ct('colCountry'), ct('colRoll'), ct('colVoted')],
        t.byCountry.map((row) => [
          countryName(row.country),
          cellText(row.roll, t.threshold),
          cellText(row.voted, t.threshold),
        ]),
      ),
      h('p', { class: 'hint suppression' }, ct('suppressionNote', { n: t.threshold })),
    ),

    h(
      'section',
      { 'aria-labelledby': 'h-credentials' },
      h('h2', { id: 'h-credentials' }, ct('credentialsHeading')),
      facts([
        [ct('codesIssued'), formatNumber(v.credentials.codesIssued)],
        [ct('activated'), formatNumber(v.credentials.activated)],
        [ct('revoked'), formatNumber(v.credentials.revoked)],
        [ct('votedInPerson'), formatNumber(v.credentials.votedInPerson)],
      ]),
    ),

    h(
      'section',
      { 'aria-labelledby': 'h-mixing' },
      h('h2', { id: 'h-mixing' }, ct('mixingHeading')),
      table(
        ct('mixingHeading'),
        [ct('colNode'), ct('colMixed')],
        v.mixing.nodes.map((n) => [`${n.index + 1}. ${n.name}`, yesNo(n.mixed)]),
        false,
      ),
      v.mixing.deadline ? h('p', null, ct('mixingDeadline', { time: formatDateTime(v.mixing.deadline) })) : null,
      v.mixing.completed ? h('p', null, ct('mixingCompleted')) : null,
    ),

    h(
      'section',
      { 'aria-labelledby': 'h-decryption' },
      h('h2', { id: 'h-decryption' }, ct('decryptionHeading')),
      h('p', null, ct('decryptionProgress', { posted: v.decryption.posted, needed: v.decryption.needed ?? '—' })),
      table(
        ct('decryptionHeading'),
        [ct('colTrustee'), ct('colDecrypted')],
        v.trustees.map((x) => [`${x.index}. ${x.name}`, yesNo(x.decrypted)]),
        false,
      ),
      v.decryption.resultPublished ? h('p', null, ct('resultPublished')) : null,
    ),

    h(
      'section',
      { 'aria-labelledby': 'h-board' },
      h('h2', { id: 'h-board' }, ct('boardHeading')),
      facts([
        [ct('boardSize'), formatNumber(v.board.size)],
        [
          ct('lastHead'),
          v.board.treeHead
            ? ct('headValue', {
                size: formatNumber(v.board.treeHead.size),
                time: formatDateTime(v.board.treeHead.time),
              })
            : ct('none'),
        ],
        [ct('cosignatures'), formatNumber(v.board.cosignatures)],
      ]),
      v.board.observers.length === 0
        ? h('p', { class: 'muted' }, ct('noObservers'))
        : table(
            ct('cosignatures'),
            [ct('colObserver'), ct('colCosigned')],
            v.board.observers.map((o) => [o.name, o.cosignedSize === null ? ct('none') : formatNumber(o.cosignedSize)]),
          ),
    ),

    h(
      'section',
      { 'aria-labelledby': 'h-audit' },
      h('h2', { id: 'h-audit' }, ct('auditHeading')),
      table(
        ct('auditHeading'),
        [ct('colTime'), ct('colOfficial'), ct('colAction'), ct('colDetail')],
        v.actions.map((a) => [formatDateTime(a.time), a.official, a.action, h('code', null, a.detail)]),
        false,
      ),
    ),
  ];
}

// --- actions, each behind a confirmation --------------------------------------------------------------

function actionsSection(v: ConsoleView, title: string): HTMLElement {
  const actions = availableActions(v);
  return h(
    'section',
    { 'aria-labelledby': 'h-actions' },
    h('h2', { id: 'h-actions' }, ct('actionsHeading')),
    v.official.role !== 'administrator'
      ? h('p', { class: 'muted' }, ct('readOnly'))
      : actions.length === 0
        ? h('p', { class: 'muted' }, ct('noAction'))
        : h(
            'div',
            { class: 'actions' },
            actions.map((a) =>
              h(
                'button',
                { type: 'button', class: 'button', onclick: () => confirmAction(v, a, title) },
                ct(`action_${a}` as ConsoleTextKey),
              ),
            ),
          ),
  );
}

function confirmAction(v: ConsoleView, action: Action, title: string): void {
  const reason =
    action === 'end-mixing' ? h('textarea', { id: 'reason', rows: 3, maxlength: 500, required: true }) : null;
  const error = h('p', { class: 'field-error', role: 'alert' });
  const phase = v.election.ceremonyPhase ? ct(`phase_${v.election.ceremonyPhase}` as ConsoleTextKey) : '';
  const dialog: HTMLDialogElement = h(
    'dialog',
    { 'aria-labelledby': 'confirm-heading', 'aria-describedby': 'confirm-text', class: 'confirm' },
    h('h2', { id: 'confirm-heading' }, ct('confirmHeading')),
    h('p', { id: 'confirm-text' }, ct(`confirm_${action}` as ConsoleTextKey, { title, phase })),
    reason ? h('div', { class: 'field' }, h('label', { for: 'reason' }, ct('reasonLabel')), reason) : null,
    error,
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          onclick: () => {
            const why = reason?.value.trim() ?? '';
            if (reason && why === '') {
              error.textContent = ct('reasonMissing');
              reason.focus();
              return;
            }
            dialog.close();
            dialog.remove();
            void perform(v.election.id, action, why);
          },
        },
        ct('confirm'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button secondary',
          onclick: () => {
            dialog.close();
            dialog.remove();
          },
        },
        ct('cancel'),
      ),
    ),
  );
  dialog.addEventListener('cancel', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}

async function perform(id: string, action: Action, reason: string): Promise<void> {
  const path = electionPath(id);
  await guarded(async () => {
    switch (action) {
      case 'start-ceremony':
        await api.post(`${path}/key-ceremony`, {});
        break;
      case 'close-phase':
        await api.post(`${path}/key-ceremony/close-phase`, {});
        break;
      case 'open-voting':
        await api.post(`${path}/open`, {});
        break;
      case 'close-voting':
        await api.post(`${path}/close`, {});
        break;
      case 'end-mixing':
        await api.post(`${path}/mixing/end`, { reason });
        break;
      case 'publish-result':
        await api.post(`${path}/result`, {});
        break;
      default: {
        const never: never = action;
        throw new Error(`unknown action ${String(never)}`);
      }
    }
    view = (await api.get(`${path}/console`)) as ConsoleView;
    loadedAt = new Date();
  });
  if (!message) {
    message = { kind: 'success', text: ct('actionDone', { action: ct(`action_${action}` as ConsoleTextKey) }) };
    showScreen(render());
  }
}

// --- the page -------------------------------------------------------------------------------------------

function render(): Child[] {
  if (token === null) return signInScreen();
  if (electionId !== null && view !== null) return electionScreen(view);
  if (electionId === null && elections !== null) return electionsScreen();
  return [h('h1', null, ct('title')), notice(), h('p', { role: 'status' }, ct('loading'))];
}

function relabel(): void {
  document.title = `${ct('title')} — CEC`;
  for (const el of document.querySelectorAll<HTMLElement>('[data-text]'))
    el.textContent = ct(el.dataset.text as ConsoleTextKey);
  for (const el of document.querySelectorAll<HTMLElement>('[data-label]'))
    el.setAttribute('aria-label', ct(el.dataset.label as ConsoleTextKey));
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav.languages a[hreflang]')) {
    if (a.hreflang === language()) a.setAttribute('aria-current', 'true');
    else a.removeAttribute('aria-current');
  }
}

initLanguage(document);
for (const a of document.querySelectorAll<HTMLAnchorElement>('nav.languages a[hreflang]')) {
  a.addEventListener('click', (event) => {
    if (!isLanguage(a.hreflang)) return;
    event.preventDefault();
    if (a.hreflang !== language()) setLanguage(document, a.hreflang);
  });
}
onLanguageChange(() => {
  relabel();
  refreshScreen(render());
});
relabel();
showScreen(render());
void load();
