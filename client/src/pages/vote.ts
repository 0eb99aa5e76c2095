// `/vote/<election>` — the booth: activation, the ballot, review (the ballot encrypted on this
// device, its tracking code shown before the voter decides), then either casting (receipt, checks,
// QR code for a second device) or a Benaloh audit (the choices and randomness revealed; that ballot
// is discarded and the next one encrypted afresh). One screen at a time in <main>; the state lives
// here, so a language switch re-draws the current screen without losing anything.
import { type EncryptedBallot, encryptBallot, formatTrackingCode } from '@evotare/crypto/ballot';
import { fromBase64Url } from '@evotare/crypto/bytes';
import type { SignedReceiptJson } from '@evotare/crypto/credential';
import { formatFingerprint } from '@evotare/crypto/fingerprint';
import { type ActivationField, type FieldError, readActivationForm } from '../activation.ts';
import { type AuditData, type AuditOutcome, auditData, runAudit } from '../audit-check.ts';
import { choiceLabel, completeSelection, contestChoices, missingContests } from '../choices.ts';
import { type Child, download, fieldValue, h, refreshScreen, showScreen } from '../dom.ts';
import { ElectionDataError, isLoaded, type LoadedElection, loadElection } from '../election.ts';
import { formatDateTime, local, t } from '../i18n.ts';
import { codeFromFragment } from '../letter.ts';
import { api, checkLine, notice, startPage, store } from '../page.ts';
import { type Message, problemMessage } from '../problems.ts';
import { qrImageUrl } from '../qr.ts';
import { checkReceipt, type ReceiptCheck } from '../receipt-check.ts';
import type { TextKey } from '../text.ts';
import { activateCredential, castBallot, credentialKeyPair } from '../voting.ts';

type Screen =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly message: Message }
  | { readonly kind: 'closed' }
  | { readonly kind: 'not-open' }
  | { readonly kind: 'activate' }
  | { readonly kind: 'ballot' }
  | { readonly kind: 'review' }
  | { readonly kind: 'audit'; readonly data: AuditData; readonly outcome: AuditOutcome }
  | {
      readonly kind: 'receipt';
      readonly receipt: SignedReceiptJson;
      readonly checkUrl: string;
      qr: string | null;
      check: ReceiptCheck | null;
    };

type VotingElection = LoadedElection & { ctx: NonNullable<LoadedElection['ctx']> };

const electionId = document.body.dataset.election ?? '';
let election: LoadedElection | null = null;
let screen: Screen = { kind: 'loading' };
let busy = false;

const form = { idnp: '', day: '', month: '', year: '', code: '' };
let formErrors: FieldError[] = [];
let failure: Message | null = null;
let justActivated = false;

let selection: Array<number | undefined> = [];
let ballotErrors: number[] = [];
/** The encrypted ballot on review; dropped (randomness and all) once cast, audited or changed. */
let encrypted: EncryptedBallot | null = null;
let copied = false;

function voting(): VotingElection {
  return election as VotingElection;
}

function checkUrl(trackingCode: string): string {
  return `${location.origin}/check?election=${encodeURIComponent(electionId)}&code=${trackingCode}`;
}

// --- rendering -------------------------------------------------------------------------------------

/** A screen: the election's title above the step's h1, which receives the focus. */
function stepScreen(heading: string, content: Child[], options: { focus?: HTMLElement | null; stay?: boolean }): void {
  const title = election ? h('p', { class: 'eyebrow' }, local(election.summary.title)) : null;
  const h1 = h('h1', { tabindex: '-1' }, heading);
  const children = [title, h1, ...content, busy ? h('p', { class: 'busy', role: 'status' }, busyText()) : null];
  if (options.stay) refreshScreen(children);
  else showScreen(children, options.focus ?? h1);
}

function busyText(): string {
  if (screen.kind === 'activate') return t('actWorking');
  if (screen.kind === 'ballot') return t('reviewEncrypting');
  if (screen.kind === 'review') return t('reviewCasting');
  return t('loading');
}

function errorSummary(items: { href: string; text: string; focus: () => void }[]): HTMLElement {
  return h(
    'div',
    { class: 'notice error summary', role: 'alert', tabindex: '-1' },
    h('h2', null, t('errorsHeading')),
    h(
      'ul',
      null,
      items.map((item) =>
        h(
          'li',
          null,
          h(
            'a',
            {
              href: item.href,
              onclick: (event: Event) => {
                event.preventDefault();
                item.focus();
              },
            },
            item.text,
          ),
        ),
      ),
    ),
  );
}

const FIELD_ID: Record<ActivationField, string> = { idnp: 'idnp', day: 'birth-day', code: 'code' };

function activationScreen(stay: boolean): void {
  const errorOf = (field: ActivationField) => formErrors.find((e) => e.field === field);
  const input = (
    id: string,
    key: keyof typeof form,
    extra: Record<string, string | boolean | undefined>,
    error?: FieldError,
  ) =>
    h('input', {
      id,
      name: key,
      value: form[key],
      'aria-invalid': error ? 'true' : undefined,
      oninput: (event: Event) => {
        form[key] = fieldValue(event);
      },
      ...extra,
    });
  const fieldError = (error: FieldError | undefined, id: string) =>
    error
      ? h(
          'p',
          { class: 'field-error', id },
          h('span', { class: 'visually-hidden' }, `${t('failed')}: `),
          t(error.message),
        )
      : null;
  const idnpError = errorOf('idnp');
  const dateError = errorOf('day');
  const codeError = errorOf('code');
  const summary =
    formErrors.length > 0
      ? errorSummary(
          formErrors.map((e) => ({
            href: `#${FIELD_ID[e.field]}`,
            text: t(e.message),
            focus: () => document.getElementById(FIELD_ID[e.field])?.focus(),
          })),
        )
      : null;
  const content: Child[] = [
    summary,
    failure ? notice('error', failure) : null,
    h('p', null, t('actIntro')),
    h(
      'form',
      {
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          void activate();
        },
      },
      h(
        'div',
        { class: `field${idnpError ? ' invalid' : ''}` },
        h('label', { for: 'idnp' }, t('actIdnp')),
        h('p', { class: 'hint', id: 'idnp-hint' }, t('actIdnpHint')),
        fieldError(idnpError, 'idnp-error'),
        input(
          'idnp',
          'idnp',
          {
            inputmode: 'numeric',
            autocomplete: 'off',
            maxlength: '16',
            class: 'wide',
            'aria-describedby': idnpError ? 'idnp-hint idnp-error' : 'idnp-hint',
          },
          idnpError,
        ),
      ),
      h(
        'fieldset',
        {
          class: `field${dateError ? ' invalid' : ''}`,
          'aria-describedby': dateError ? 'birth-hint birth-error' : 'birth-hint',
        },
        h('legend', null, t('actBirthDate')),
        h('p', { class: 'hint', id: 'birth-hint' }, t('actBirthHint')),
        fieldError(dateError, 'birth-error'),
        h(
          'div',
          { class: 'date' },
          h(
            'div',
            null,
            h('label', { for: 'birth-day' }, t('actDay')),
            input(
              'birth-day',
              'day',
              { inputmode: 'numeric', maxlength: '2', autocomplete: 'bday-day', class: 'n2' },
              dateError,
            ),
          ),
          h(
            'div',
            null,
            h('label', { for: 'birth-month' }, t('actMonth')),
            input(
              'birth-month',
              'month',
              { inputmode: 'numeric', maxlength: '2', autocomplete: 'bday-month', class: 'n2' },
              dateError,
            ),
          ),
          h(
            'div',
            null,
            h('label', { for: 'birth-year' }, t('actYear')),
            input(
              'birth-year',
              'year',
              { inputmode: 'numeric', maxlength: '4', autocomplete: 'bday-year', class: 'n4' },
              dateError,
            ),
          ),
        ),
      ),
      h(
        'div',
        { class: `field${codeError ? ' invalid' : ''}` },
        h('label', { for: 'code' }, t('actCode')),
        h('p', { class: 'hint', id: 'code-hint' }, t('actCodeHint')),
        fieldError(codeError, 'code-error'),
        input(
          'code',
          'code',
          {
            autocomplete: 'off',
            autocapitalize: 'characters',
            spellcheck: 'false',
            maxlength: '40',
            class: 'wide code-input',
            'aria-describedby': codeError ? 'code-hint code-error' : 'code-hint',
          },
          codeError,
        ),
      ),
      h('button', { type: 'submit', class: 'button', disabled: busy }, t('actSubmit')),
    ),
  ];
  stepScreen(t('actHeading'), content, { stay, focus: summary });
}

function revoteDetails(): HTMLElement {
  return h('details', { class: 'info' }, h('summary', null, t('revoteTitle')), h('p', null, t('revoteWhoCanSee')));
}

function ballotScreen(stay: boolean): void {
  const e = voting();
  const receipts = store.receipts(electionId);
  const last = receipts.at(-1);
  const summary =
    ballotErrors.length > 0
      ? errorSummary(
          ballotErrors.map((i) => ({
            href: `#contest-${i}`,
            text: t('ballotMissing', { contest: local(e.manifest.contests[i]!.title) }),
            focus: () => document.querySelector<HTMLInputElement>(`#contest-${i} input`)?.focus(),
          })),
        )
      : null;
  const contests = e.manifest.contests.map((contest, i) => {
    const missing = ballotErrors.includes(i);
    return h(
      'fieldset',
      {
        id: `contest-${i}`,
        class: `contest${missing ? ' invalid' : ''}`,
        'aria-describedby': missing ? `contest-${i}-error` : undefined,
      },
      h('legend', null, h('h2', null, local(contest.title))),
      missing
        ? h(
            'p',
            { class: 'field-error', id: `contest-${i}-error` },
            t('ballotMissing', { contest: local(contest.title) }),
          )
        : null,
      contestChoices(contest).map((choice) =>
        h(
          'div',
          { class: `choice${choice.optionId === '' ? ' blank' : ''}` },
          h('input', {
            type: 'radio',
            id: `choice-${i}-${choice.index}`,
            name: `contest-${i}`,
            value: String(choice.index),
            checked: selection[i] === choice.index,
            onchange: () => {
              selection[i] = choice.index;
            },
          }),
          h('label', { for: `choice-${i}-${choice.index}` }, local(choice.label)),
        ),
      ),
    );
  });
  const content: Child[] = [
    summary,
    failure ? notice('error', failure) : null,
    justActivated ? notice('success', { key: 'actDone' }) : h('p', { class: 'muted' }, t('actHeldNote')),
    last
      ? notice(
          'info',
          { key: 'ballotVotedBefore' },
          h('p', null, h('a', { href: checkUrl(last.trackingCode) }, t('voteLastReceipt'))),
        )
      : null,
    h('p', null, t('ballotIntro')),
    fingerprintBlock(),
    revoteDetails(),
    h(
      'form',
      {
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          void review();
        },
      },
      contests,
      h('button', { type: 'submit', class: 'button', disabled: busy }, t('ballotNext')),
    ),
  ];
  stepScreen(t('ballotHeading'), content, { stay, focus: summary });
}

function choicesList(choices: readonly number[]): HTMLElement {
  const e = voting();
  return h(
    'dl',
    { class: 'choices' },
    e.manifest.contests.map((contest, i) => {
      const label = choiceLabel(contest, choices[i]!);
      return [h('dt', null, local(contest.title)), h('dd', null, label ? local(label) : '?')];
    }),
  );
}

function trackingCodeBlock(label: TextKey, code: Uint8Array, hint?: TextKey): HTMLElement {
  return h(
    'div',
    { class: 'tracking' },
    h('p', { class: 'label', id: 'tracking-label' }, t(label)),
    h('p', { class: 'code', 'aria-labelledby': 'tracking-label' }, formatTrackingCode(code)),
    hint ? h('p', { class: 'hint' }, t(hint)) : null,
  );
}

/**
 * The election fingerprint this booth computed from the board it checked (docs/SPEC.md §7.4): the
 * voter compares it with the one on the letter and on the CEC's website.
 */
function fingerprintBlock(): HTMLElement | null {
  const f = election?.fingerprint;
  if (!f) return null;
  return h(
    'div',
    { class: 'fingerprint' },
    h('p', { class: 'label', id: 'fingerprint-label' }, t('fingerprintLabel')),
    h('p', { class: 'code', id: 'fingerprint', 'aria-labelledby': 'fingerprint-label' }, formatFingerprint(f)),
    h('p', { class: 'hint' }, t('fingerprintCompare')),
  );
}

function reviewScreen(stay: boolean): void {
  const ballot = encrypted!;
  const content: Child[] = [
    failure ? notice('error', failure) : null,
    choicesList(ballot.audit.choices),
    trackingCodeBlock('reviewTracking', ballot.trackingCode, 'reviewTrackingHint'),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'button', class: 'button', id: 'cast', disabled: busy, onclick: () => void cast() },
        t('reviewCast'),
      ),
      h(
        'button',
        { type: 'button', class: 'button secondary', disabled: busy, onclick: changeChoices },
        t('reviewChange'),
      ),
    ),
    h(
      'section',
      { class: 'audit-offer', 'aria-labelledby': 'audit-offer-heading' },
      h('h2', { id: 'audit-offer-heading' }, t('reviewAuditHeading')),
      h('p', null, t('reviewAuditHint')),
      h(
        'button',
        { type: 'button', class: 'button secondary', id: 'audit', disabled: busy, onclick: audit },
        t('reviewAudit'),
      ),
    ),
  ];
  stepScreen(t('reviewHeading'), content, { stay });
}

function auditScreen(s: Extract<Screen, { kind: 'audit' }>, stay: boolean): void {
  const e = voting();
  const json = JSON.stringify(s.data, null, 2);
  const code = s.outcome.trackingCode;
  const content: Child[] = [
    h('p', null, t('auditExplain')),
    s.outcome.valid
      ? [notice('success', { key: 'auditValid' }), choicesList(s.outcome.choices)]
      : notice('error', { key: 'auditInvalid', values: { reason: s.outcome.reason } }),
    code ? trackingCodeBlock('reviewTracking', code) : null,
    h(
      'details',
      { class: 'info' },
      h('summary', null, t('auditRandomness')),
      h(
        'dl',
        { class: 'randomness' },
        e.manifest.contests.map((contest, i) => [
          h('dt', null, local(contest.title)),
          h('dd', { class: 'mono' }, s.data.audit.randomness[i] ?? ''),
        ]),
      ),
    ),
    h('p', null, t('auditOtherDevice', { url: `${location.origin}/audit` })),
    h('label', { for: 'audit-data' }, t('auditData')),
    h('textarea', { id: 'audit-data', readonly: true, rows: '6', class: 'mono', spellcheck: 'false' }, json),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'button secondary',
          onclick: async () => {
            try {
              await navigator.clipboard.writeText(json);
              copied = true;
            } catch {
              (document.getElementById('audit-data') as HTMLTextAreaElement | null)?.select();
            }
            render(true);
          },
        },
        t('auditCopy'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button secondary',
          onclick: () => download(`audit-${code ? formatTrackingCode(code) : 'ballot'}.json`, `${json}\n`),
        },
        t('auditDownload'),
      ),
    ),
    copied ? h('p', { role: 'status' }, t('auditCopied')) : h('p', { role: 'status' }),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          onclick: () => {
            copied = false;
            failure = null;
            go({ kind: 'ballot' });
          },
        },
        t('auditAgain'),
      ),
    ),
  ];
  stepScreen(t('auditHeading'), content, { stay });
}

function receiptScreen(s: Extract<Screen, { kind: 'receipt' }>, stay: boolean): void {
  const r = s.receipt;
  const code = fromBase64Url(r.trackingCode, 32);
  const checks: Child = s.check
    ? [
        h(
          'ul',
          { class: 'checks' },
          s.check.steps.map((step) => checkLine(t(`step.${step.id}` as TextKey), step.ok, step.reason)),
        ),
        s.check.valid ? null : notice('error', { key: 'receiptBad', values: { reason: firstFailure(s.check) } }),
      ]
    : h('p', { role: 'status' }, t('receiptChecking'));
  const content: Child[] = [
    trackingCodeBlock('receiptTracking', code, 'receiptKeep'),
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, t('receiptPosition')),
      h('dd', null, String(r.position)),
      h('dt', null, t('receiptTime')),
      h('dd', null, formatDateTime(r.treeHead.time)),
    ),
    checks,
    fingerprintBlock(),
    h(
      'section',
      { class: 'qr', 'aria-labelledby': 'qr-heading' },
      h('h2', { id: 'qr-heading' }, t('checkVoteLink')),
      s.qr ? h('img', { src: s.qr, alt: t('receiptQrAlt'), width: '220', height: '220' }) : null,
      h('p', null, t('receiptQr')),
      h('p', { class: 'url' }, t('receiptCheckAddress'), ' ', h('a', { href: s.checkUrl }, s.checkUrl)),
    ),
    h(
      'div',
      { class: 'actions no-print' },
      h(
        'button',
        {
          type: 'button',
          class: 'button secondary',
          onclick: () => download(`receipt-${formatTrackingCode(code)}.json`, `${JSON.stringify(r, null, 2)}\n`),
        },
        t('receiptDownload'),
      ),
      h('button', { type: 'button', class: 'button secondary', onclick: () => window.print() }, t('receiptPrint')),
    ),
    h(
      'section',
      { class: 'no-print' },
      h('p', null, t('receiptRevote')),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          onclick: () => {
            selection = [];
            justActivated = false;
            go({ kind: 'ballot' });
          },
        },
        t('receiptAgain'),
      ),
    ),
  ];
  stepScreen(t('receiptHeading'), content, { stay });
}

function firstFailure(check: ReceiptCheck): string {
  const failed = check.steps.find((s) => !s.ok);
  return failed ? `${failed.id}: ${failed.reason ?? ''}` : 'incomplete';
}

function stateScreen(stay: boolean): void {
  const e = election;
  const receipts = store.receipts(electionId);
  const last = receipts.at(-1);
  const content: Child[] = [];
  if (screen.kind === 'not-open' && e) {
    content.push(h('p', null, t('voteNotOpen', { opens: formatDateTime(e.summary.votingWindow.opens) })));
    content.push(justActivated ? notice('success', { key: 'actDone' }) : h('p', null, t('voteNotOpenHeld')));
  } else if (screen.kind === 'closed' && e) {
    content.push(h('p', null, t('voteClosed')));
    if (e.summary.state === 'tallied') {
      content.push(h('p', null, h('a', { href: `/elections/${electionId}/results` }, t('electionsResults'))));
    }
  }
  if (last) content.push(h('p', null, h('a', { href: checkUrl(last.trackingCode) }, t('voteLastReceipt'))));
  content.push(h('p', null, h('a', { href: '/' }, t('allElections'))));
  const heading = e ? t(`state.${e.summary.state}` as TextKey) : t('titleVote');
  stepScreen(heading.charAt(0).toUpperCase() + heading.slice(1), content, { stay });
}

function render(stay = false): void {
  switch (screen.kind) {
    case 'loading':
      stepScreen(t('titleVote'), [h('p', { role: 'status' }, t('loading'))], { stay });
      return;
    case 'failed':
      stepScreen(
        t('titleVote'),
        [notice('error', screen.message), h('p', null, h('a', { href: '/' }, t('allElections')))],
        { stay },
      );
      return;
    case 'closed':
    case 'not-open':
      stateScreen(stay);
      return;
    case 'activate':
      activationScreen(stay);
      return;
    case 'ballot':
      ballotScreen(stay);
      return;
    case 'review':
      reviewScreen(stay);
      return;
    case 'audit':
      auditScreen(screen, stay);
      return;
    case 'receipt':
      receiptScreen(screen, stay);
      return;
    default: {
      const never: never = screen;
      throw new Error(`unknown screen ${JSON.stringify(never)}`);
    }
  }
}

function go(next: Screen): void {
  screen = next;
  render();
}

// --- the voter's actions ---------------------------------------------------------------------------

async function activate(): Promise<void> {
  if (busy || !election) return;
  const read = readActivationForm(form);
  failure = null;
  if (!read.ok) {
    formErrors = read.errors;
    render();
    return;
  }
  formErrors = [];
  if (!store.usable()) {
    failure = { key: 'actErrStorage' };
    render();
    return;
  }
  busy = true;
  render(true);
  const outcome = await activateCredential(api, store, election, read.claim);
  busy = false;
  if (!outcome.ok) {
    failure = outcome.message;
    render();
    return;
  }
  justActivated = true;
  Object.assign(form, { idnp: '', day: '', month: '', year: '', code: '' });
  go(election.summary.state === 'open' ? { kind: 'ballot' } : { kind: 'not-open' });
}

/**
 * Encrypts the marked ballot (on this device, crypto/ Algorithm 8.1, with the credential's public
 * key: nothing is signed yet) and shows it for review.
 */
async function review(): Promise<void> {
  if (busy) return;
  const e = voting();
  ballotErrors = missingContests(e.manifest, selection);
  failure = null;
  if (ballotErrors.length > 0) {
    render();
    return;
  }
  const key = credentialKeyPair(store, electionId);
  if (key === null) {
    failure = { key: 'errCredentialUnknown' };
    go({ kind: 'activate' });
    return;
  }
  busy = true;
  render(true);
  await new Promise((resolve) => setTimeout(resolve, 20)); // let the status show before the work
  try {
    encrypted = encryptBallot(e.ctx, key.publicKey, completeSelection(e.manifest, selection)!);
  } finally {
    busy = false;
  }
  go({ kind: 'review' });
}

function changeChoices(): void {
  encrypted = null; // never cast, never revealed: simply forgotten
  failure = null;
  go({ kind: 'ballot' });
}

/** Benaloh audit: reveal this ballot's randomness; it was never signed, so nobody can cast it. */
function audit(): void {
  if (!encrypted || busy) return;
  const data = auditData(encrypted);
  encrypted = null;
  failure = null;
  copied = false;
  go({ kind: 'audit', data, outcome: runAudit(voting(), data) });
}

/** Casts the ballot on review: the only place a ballot is signed (castBallot, ../voting.ts). */
async function cast(): Promise<void> {
  if (!encrypted || busy) return;
  busy = true;
  failure = null;
  render(true);
  const outcome = await castBallot(api, store, voting(), encrypted);
  busy = false;
  if (!outcome.ok) {
    failure = outcome.message;
    if (outcome.credentialLost) {
      encrypted = null;
      go({ kind: 'activate' });
    } else {
      render();
    }
    return;
  }
  const trackingCode = encrypted.trackingCode;
  encrypted = null; // the randomness goes with it: a cast ballot is never opened
  justActivated = false;
  const s: Extract<Screen, { kind: 'receipt' }> = {
    kind: 'receipt',
    receipt: outcome.receipt,
    checkUrl: checkUrl(outcome.receipt.trackingCode),
    qr: null,
    check: null,
  };
  go(s);
  s.qr = await qrImageUrl(s.checkUrl);
  if (screen === s) render(true);
  s.check = await checkReceipt(api, voting(), outcome.receipt, trackingCode);
  if (screen === s) render(true);
}

// --- start -----------------------------------------------------------------------------------------

export async function votePage(): Promise<void> {
  // A letter's code arrives in the fragment (never sent to the server); it is not left in history.
  const fromLetter = codeFromFragment(location.hash);
  if (fromLetter !== null) {
    form.code = fromLetter;
    history.replaceState(null, '', location.pathname + location.search);
  }
  startPage('titleVote', () => render(true));
  render();
  try {
    const loaded = await loadElection(api, electionId);
    if (!isLoaded(loaded)) {
      go({ kind: 'failed', message: { key: 'errElectionNotFound' } });
      return;
    }
    election = loaded;
  } catch (e) {
    if (e instanceof ElectionDataError) {
      go({ kind: 'failed', message: { key: 'errElectionData', values: { reason: e.message } } });
    } else {
      go({ kind: 'failed', message: problemMessage(e) });
    }
    return;
  }
  const state = election.summary.state;
  const held = credentialKeyPair(store, electionId) !== null;
  if (state === 'open' && election.ctx !== null) go(held ? { kind: 'ballot' } : { kind: 'activate' });
  else if (state === 'key-ceremony' || state === 'open') go(held ? { kind: 'not-open' } : { kind: 'activate' });
  else go({ kind: 'closed' });
}
