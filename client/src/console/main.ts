// The officials' console (served at /console, ../../serve/console.ts): an official signs in with
// their token (kept in this tab's sessionStorage only), picks an election and sees its stage and
// what comes next, the key ceremony per trustee, turnout by hour and by country (small cells
// withheld by the server), credentials, mixing and decryption progress and the board's health,
// and takes the next step with a confirmation; a roll clerk (or an administrator) adds a voter to the
// roll and records a vote at a polling station or a withdrawn credential, also after a confirmation.
// The election's figures refresh by themselves every REFRESH_MS while the tab is visible, in place:
// the focus stays where it is, a form keeps what was typed in it, and nothing is re-announced (an
// unchanged answer changes nothing but the time of the update). It does no cryptography: it shows
// what the server's admin API says (GET /api/v1/admin/elections/:id/console) and sends the
// officials' actions; the parties and the verifier check the board themselves.
import { ApiError, createApi } from '../api.ts';
import { append, type Child, h, refreshScreen, showScreen } from '../dom.ts';
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
/** How often the election's figures are fetched again while the tab is visible. */
const REFRESH_MS = 15_000;
const IDNP = /^\d{13}$/;
const COUNTRY = /^[A-Z]{2}$/;

let token: string | null = sessionStorage.getItem(TOKEN_KEY);
let elections: ElectionListing[] | null = null;
let electionId: string | null = new URLSearchParams(location.search).get('election');
let view: ConsoleView | null = null;
let message: { kind: 'error' | 'success'; text: string } | null = null;
let loadedAt: Date | null = null;
/** The last console answer as text: an automatic refresh that brings the same changes nothing. */
let viewJson = '';
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

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
function table(caption: string, head: string[], rows: Child[][], shown = true, id?: string): HTMLElement {
  // The id lets an automatic refresh give the focus back to the same table (see patchElection).
  return h(
    'div',
    { class: 'table-scroll', role: 'region', 'aria-label': caption, tabindex: 0, id },
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
    message = { kind: 'error', text: problemText(e) };
  }
  showScreen(render());
  scheduleRefresh();
}

/** What a failed request says to the official; a refusal by role says so plainly. */
function problemText(e: unknown): string {
  if (!(e instanceof ApiError) || e.problem === 'network') return ct('networkError');
  if (e.problem === 'forbidden') return ct('forbiddenDetail', { title: e.title });
  return e.title;
}

async function load(): Promise<void> {
  await guarded(async () => {
    if (token === null) return;
    if (electionId === null) {
      elections = ((await api.get(admin(''))) as { elections: ElectionListing[] }).elections;
      view = null;
    } else {
      view = (await api.get(`${electionPath(electionId)}/console`)) as ConsoleView;
      viewJson = JSON.stringify(view);
    }
    loadedAt = new Date();
  });
}

// --- the automatic refresh ------------------------------------------------------------------------------

/** Arms the next refresh of the election's figures, unless the tab is hidden or no election is shown. */
function scheduleRefresh(): void {
  clearTimeout(refreshTimer);
  refreshTimer = undefined;
  if (document.hidden || token === null || electionId === null || view === null) return;
  refreshTimer = setTimeout(() => void refreshQuietly(), REFRESH_MS);
}

/** Fetches the console again and changes the page only where the figures changed. */
async function refreshQuietly(): Promise<void> {
  const id = electionId;
  if (document.hidden || token === null || id === null || view === null) return;
  let next: ConsoleView;
  try {
    next = (await api.get(`${electionPath(id)}/console`)) as ConsoleView;
  } catch (e) {
    // A token revoked or expired meanwhile ends the session (the sign-in screen says why); a
    // network hiccup leaves the figures as they were, with their time, until the next try.
    if (e instanceof ApiError && e.problem === 'unauthorized') await load();
    else scheduleRefresh();
    return;
  }
  if (id !== electionId || token === null) return;
  loadedAt = new Date();
  const updated = document.getElementById('updated-at');
  if (updated) updated.textContent = ct('updatedAt', { time: loadedAt.toLocaleTimeString(language()) });
  const json = JSON.stringify(next);
  if (json !== viewJson) {
    view = next;
    viewJson = json;
    patchElection(next);
  }
  scheduleRefresh();
}

/**
 * Redraws the figures of the election's screen in place (the parts in #live-top and #live-rest),
 * leaving the heading, the notice and the roll clerk's forms alone; a focused control inside the
 * figures gets the focus back by its id.
 */
function patchElection(v: ConsoleView): void {
  const top = document.getElementById('live-top');
  const rest = document.getElementById('live-rest');
  if (!top || !rest) return;
  const active = document.activeElement as HTMLElement | null;
  const focusedId = active && (top.contains(active) || rest.contains(active)) ? active.id : '';
  const title = local(v.election.title);
  top.replaceChildren();
  append(top, liveTop(v, title));
  rest.replaceChildren();
  append(rest, liveRest(v));
  const roll = document.getElementById('roll');
  if (roll && roll.dataset.key !== rollKey(v)) roll.replaceWith(rollSection(v, title));
  if (focusedId) document.getElementById(focusedId)?.focus({ preventScroll: true });
}

document.addEventListener('visibilitychange', () => {
  // Hidden: nothing is fetched. Visible again: the figures at once, then every REFRESH_MS.
  if (document.hidden) {
    clearTimeout(refreshTimer);
    refreshTimer = undefined;
  } else if (view !== null && electionId !== null) {
    void refreshQuietly();
  }
});

function go(id: string | null): void {
  electionId = id;
  view = null;
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
    scheduleRefresh();
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
    loadedAt
      ? h('p', { class: 'muted', id: 'updated-at' }, ct('updatedAt', { time: loadedAt.toLocaleTimeString(language()) }))
      : null,
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
  const title = local(v.election.title);
  return [
    h('h1', null, title),
    notice(),
    toolbar(),
    h('p', { class: 'hint' }, ct('autoRefresh', { seconds: REFRESH_MS / 1000 })),
    h('div', { id: 'live-top' }, liveTop(v, title)),
    rollSection(v, title),
    h('div', { id: 'live-rest' }, liveRest(v)),
  ];
}

/** The stage, the next step and the administrator's actions. */
function liveTop(v: ConsoleView, title: string): Child[] {
  const e = v.election;
  return [
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
  ];
}

/** The key ceremony, turnout, credentials, mixing, decryption, the board and the audit log. */
function liveRest(v: ConsoleView): Child[] {
  const e = v.election;
  const t = v.turnout;
  let cumulative = 0;
  return [
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
        't-ceremony',
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
            true,
            't-by-hour',
          ),
      table(
        ct('byCountryCaption'),
        [ct('colCountry'), ct('colRoll'), ct('colVoted')],
        t.byCountry.map((row) => [
          countryName(row.country),
          cellText(row.roll, t.threshold),
          cellText(row.voted, t.threshold),
        ]),
        true,
        't-by-country',
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
        't-mixing',
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
        't-decryption',
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
            true,
            't-observers',
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
        't-audit',
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
                { type: 'button', class: 'button', id: `action-${a}`, onclick: () => confirmAction(v, a, title) },
                ct(`action_${a}` as ConsoleTextKey),
              ),
            ),
          ),
  );
}

function confirmAction(v: ConsoleView, action: Action, title: string): void {
  // Ending the mixing, and closing voting before the window's end (SPEC §13.10), take a reason.
  const needsReason =
    action === 'end-mixing' || (action === 'close-voting' && Date.now() < Date.parse(v.election.votingWindow.closes));
  const phase = v.election.ceremonyPhase ? ct(`phase_${v.election.ceremonyPhase}` as ConsoleTextKey) : '';
  confirmDialog(ct(`confirm_${action}` as ConsoleTextKey, { title, phase }), needsReason, (why) => {
    void perform(v.election.id, action, why);
  });
}

/** A modal confirmation: `then` runs on "Yes, confirm" (with the reason, if one is asked for). */
function confirmDialog(text: string, needsReason: boolean, then: (reason: string) => void): void {
  const reason = needsReason ? h('textarea', { id: 'reason', rows: 3, maxlength: 500, required: true }) : null;
  const error = h('p', { class: 'field-error', role: 'alert' });
  const dialog: HTMLDialogElement = h(
    'dialog',
    { 'aria-labelledby': 'confirm-heading', 'aria-describedby': 'confirm-text', class: 'confirm' },
    h('h2', { id: 'confirm-heading' }, ct('confirmHeading')),
    h('p', { id: 'confirm-text' }, text),
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
            then(why);
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

// --- the roll clerk's actions: a voter added to the roll, a vote at a polling station --------------------

/** States in which the roll and the credentials may change (the server checks again). */
const ROLL_STATES: ReadonlySet<string> = new Set(['draft', 'key-ceremony', 'open']);

/** What the roll section depends on: it is redrawn by a refresh only when this changes. */
const rollKey = (v: ConsoleView) => `${v.official.role}|${ROLL_STATES.has(v.election.state)}`;

function rollSection(v: ConsoleView, title: string): HTMLElement {
  const may = v.official.role === 'roll-clerk' || v.official.role === 'administrator';
  return h(
    'section',
    { 'aria-labelledby': 'h-roll', id: 'roll', 'data-key': rollKey(v) },
    h('h2', { id: 'h-roll' }, ct('rollHeading')),
    !may
      ? h('p', { class: 'notice info roll-only' }, ct('rollClerkOnly', { role: roleName(v.official.role) }))
      : !ROLL_STATES.has(v.election.state)
        ? h('p', { class: 'muted' }, ct('rollClosed'))
        : [addVoterForm(v.election.id, title), revokeForm(v.election.id, title)],
  );
}

/** A labelled text field in a form of the roll section. */
function field(id: string, label: string, attributes: Record<string, string | number | boolean> = {}): HTMLElement {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h('input', { id, type: 'text', class: 'wide', autocomplete: 'off', ...attributes }),
  );
}

const typed = (id: string) => (document.getElementById(id) as HTMLInputElement | null)?.value.trim() ?? '';

function addVoterForm(id: string, title: string): HTMLElement {
  const error = h('p', { class: 'field-error', id: 'add-voter-error', role: 'alert' });
  const submit = (event: Event) => {
    event.preventDefault();
    const record = {
      idnp: typed('roll-idnp'),
      name: typed('roll-name'),
      birth_date: typed('roll-birth'),
      country: typed('roll-country').toUpperCase(),
      address: typed('roll-address'),
    };
    if (!IDNP.test(record.idnp) || record.name === '' || record.birth_date === '' || !COUNTRY.test(record.country)) {
      error.textContent = ct('fieldsMissing');
      return;
    }
    error.textContent = '';
    const text = ct('confirm_addVoter', {
      name: record.name,
      idnp: record.idnp,
      birth: record.birth_date,
      country: countryName(record.country),
      title,
    });
    confirmDialog(text, false, () => void addVoter(id, record));
  };
  return h(
    'form',
    { onsubmit: submit, 'aria-labelledby': 'h-add-voter' },
    h('h3', { id: 'h-add-voter' }, ct('addVoterHeading')),
    field('roll-idnp', ct('idnpLabel'), { inputmode: 'numeric', maxlength: 13, spellcheck: false }),
    field('roll-name', ct('nameLabel'), { maxlength: 200 }),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'roll-birth' }, ct('birthLabel')),
      h('input', { id: 'roll-birth', type: 'date', autocomplete: 'off' }),
    ),
    field('roll-country', ct('countryLabel'), { maxlength: 2, autocapitalize: 'characters', spellcheck: false }),
    field('roll-address', ct('addressLabel'), { maxlength: 2000 }),
    error,
    h('button', { type: 'submit', class: 'button', id: 'add-voter' }, ct('addVoter')),
  );
}

function revokeForm(id: string, title: string): HTMLElement {
  const error = h('p', { class: 'field-error', id: 'revoke-error', role: 'alert' });
  const reasons = ['voted-in-person', 'withdrawn'] as const;
  const submit = (event: Event) => {
    event.preventDefault();
    const idnp = typed('revoke-idnp');
    const reason =
      reasons.find((r) => (document.getElementById(`revoke-${r}`) as HTMLInputElement | null)?.checked) ??
      'voted-in-person';
    if (!IDNP.test(idnp)) {
      error.textContent = ct('idnpMissing');
      return;
    }
    error.textContent = '';
    confirmDialog(ct(`confirm_revoke_${reason}`, { idnp, title }), false, () => void revoke(id, idnp, reason));
  };
  return h(
    'form',
    { onsubmit: submit, 'aria-labelledby': 'h-revoke' },
    h('h3', { id: 'h-revoke' }, ct('revokeHeading')),
    field('revoke-idnp', ct('idnpLabel'), { inputmode: 'numeric', maxlength: 13, spellcheck: false }),
    h(
      'fieldset',
      { class: 'field' },
      h('legend', null, ct('reasonKind')),
      reasons.map((r, i) =>
        h(
          'div',
          { class: 'choice' },
          h('input', { type: 'radio', name: 'revoke-reason', id: `revoke-${r}`, value: r, checked: i === 0 }),
          h('label', { for: `revoke-${r}` }, ct(`revoke_${r}`)),
        ),
      ),
    ),
    error,
    h('button', { type: 'submit', class: 'button', id: 'revoke' }, ct('revoke')),
  );
}

/** Sends a roll clerk's request, then shows the election again with `done`'s message. */
async function rollAction(id: string, send: () => Promise<{ kind: 'error' | 'success'; text: string }>) {
  let outcome: { kind: 'error' | 'success'; text: string } | null = null;
  await guarded(async () => {
    outcome = await send();
    view = (await api.get(`${electionPath(id)}/console`)) as ConsoleView;
    viewJson = JSON.stringify(view);
    loadedAt = new Date();
  });
  if (!message && outcome) {
    message = outcome;
    showScreen(render());
  }
}

function addVoter(id: string, record: Record<string, string>): Promise<void> {
  const { address, ...rest } = record;
  return rollAction(id, async () => {
    const report = (await api.post(`${electionPath(id)}/roll`, {
      records: [{ line: 1, ...rest, ...(address ? { address } : {}) }],
    })) as { added: number; errors: Array<{ message: string }>; rollSize: number };
    return report.added === 1
      ? { kind: 'success', text: ct('voterAdded', { size: formatNumber(report.rollSize) }) }
      : { kind: 'error', text: ct('voterRefused', { reason: report.errors[0]?.message ?? '' }) };
  });
}

function revoke(id: string, idnp: string, reason: 'voted-in-person' | 'withdrawn'): Promise<void> {
  return rollAction(id, async () => {
    const r = (await api.post(`${electionPath(id)}/revocations`, { idnp, reason })) as {
      revoked: boolean;
      position: number | null;
    };
    return {
      kind: 'success',
      text: r.revoked ? ct('revokedDone', { position: r.position ?? '—' }) : ct('revokedNone'),
    };
  });
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
        await api.post(`${path}/close`, reason === '' ? {} : { reason });
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
    viewJson = JSON.stringify(view);
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
