// `/vote/<election>` — the booth: whose voting key is used (several voters may share a device),
// activation, moving a key between devices (SPEC §13.9), the ballot, review (the ballot encrypted
// on this device, its tracking code shown before the voter decides), then either casting (receipt,
// checks, QR code for a second device) or a Benaloh audit (the choices and randomness revealed;
// that ballot is discarded and the next one encrypted afresh). One screen at a time in <main>,
// each a step of the browser's history (Back and Forward move between steps), its heading focused
// and named in the page's title; the state lives here, so a language switch re-draws the current
// screen without losing anything.
import { type EncryptedBallot, encryptBallot, formatTrackingCode } from '@evotare/crypto/ballot';
import { fromBase64Url } from '@evotare/crypto/bytes';
import type { SignedReceiptJson } from '@evotare/crypto/credential';
import { type FieldError, readActivationForm } from '../activation.ts';
import { activationErrorSummary, activationFields, errorSummary } from '../activation-form.ts';
import { type AuditData, type AuditOutcome, auditData, runAudit } from '../audit-check.ts';
import { choiceLabel, completeSelection, contestChoices, missingContests } from '../choices.ts';
import type { Holder } from '../credential-store.ts';
import { announce, type Child, download, fieldValue, h, refreshScreen, showScreen } from '../dom.ts';
import { ElectionDataError, isLoaded, type LoadedElection, loadElection } from '../election.ts';
import { helpBlock } from '../help.ts';
import { formatDate, formatDateTime, local, t } from '../i18n.ts';
import { codeFromFragment, transferFromFragment } from '../letter.ts';
import { api, checkLine, fingerprintBlock, notice, startPage, store } from '../page.ts';
import { loadPart } from '../parts.ts';
import { type Message, problemMessage } from '../problems.ts';
import { checkReceipt, type ReceiptCheck } from '../receipt-check.ts';
import type { TextKey } from '../text.ts';
import { activateCredential, castBallot, credentialKeyPair, keepTransferred, lookUpCast } from '../voting.ts';

/** A QR code drawn once its part of the booth (../qr.ts) has loaded; `qrFailed` if it could not. */
interface WithQr {
  qr: string | null;
  qrFailed: boolean;
}

type ReceiptScreen = {
  readonly kind: 'receipt';
  readonly receipt: SignedReceiptJson;
  readonly checkUrl: string;
  /** The cast's answer was lost and the lookup by tracking code found the ballot. */
  readonly recovered: boolean;
  check: ReceiptCheck | null;
} & WithQr;

type MoveOutScreen = {
  readonly kind: 'move-out';
  readonly link: string;
  readonly code: string;
} & WithQr;

type Screen =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly message: Message }
  | { readonly kind: 'closed' }
  | { readonly kind: 'not-open' }
  | { readonly kind: 'who' }
  | { readonly kind: 'activate' }
  | { readonly kind: 'move-in' }
  | MoveOutScreen
  | { readonly kind: 'forget' }
  | { readonly kind: 'forgotten' }
  | { readonly kind: 'ballot' }
  | { readonly kind: 'review' }
  | { readonly kind: 'cast-lost'; readonly state: 'checking' | 'absent' | 'unknown' }
  | { readonly kind: 'audit'; readonly data: AuditData; readonly outcome: AuditOutcome }
  | ReceiptScreen;

type VotingElection = LoadedElection & { ctx: NonNullable<LoadedElection['ctx']> };

const electionId = document.body.dataset.election ?? '';
let election: LoadedElection | null = null;
let screen: Screen = { kind: 'loading' };
let busy = false;

/** The public key of the credential in use: whose ballot this is. */
let current: string | null = null;

const fields = { idnp: '', day: '', month: '', year: '', code: '' };
let formErrors: FieldError[] = [];
let failure: Message | null = null;
/** A success to show once on the next screen (activated, key moved here, key forgotten). */
let news: TextKey | null = null;

const moveForm = { text: '', code: '' };

let selection: Array<number | undefined> = [];
let ballotErrors: number[] = [];
/** The encrypted ballot on review; dropped (randomness and all) once cast, audited or changed. */
let encrypted: EncryptedBallot | null = null;
let copied = false;
/** Moving the key out: its part of the booth (../transfer.ts) loading, or failed to load. */
let moveOutLoading: 'loading' | 'failed' | null = null;

function voting(): VotingElection {
  return election as VotingElection;
}

function checkUrl(trackingCode: string): string {
  return `${location.origin}/check?election=${encodeURIComponent(electionId)}&code=${trackingCode}`;
}

function holderText(holder: Holder | undefined): string {
  return holder ? t('holderLabel', { birth: formatDate(holder.birthDate), idnp: holder.idnpEnd }) : t('holderUnknown');
}

function currentHolder(): Holder | undefined {
  return current === null ? undefined : (store.credential(electionId, current)?.holder ?? undefined);
}

// --- rendering -------------------------------------------------------------------------------------

/**
 * A screen: the election's title above the step's h1, which receives the focus and names the page
 * (the title says the step, then the booth).
 */
function stepScreen(heading: string, content: Child[], options: { focus?: HTMLElement | null; stay?: boolean }): void {
  const title = election ? h('p', { class: 'eyebrow' }, local(election.summary.title)) : null;
  const h1 = h('h1', { tabindex: '-1', id: 'step-heading' }, heading);
  document.title = `${heading} — ${t('titleVote')} — CEC`;
  const children = [title, h1, ...content];
  if (options.stay) refreshScreen(children);
  else showScreen(children, options.focus ?? h1);
}

function busyText(): string {
  switch (screen.kind) {
    case 'activate':
      return t('actWorking');
    case 'ballot':
      return t('reviewEncrypting');
    case 'review':
      return t('reviewCasting');
    case 'move-in':
      return t('moveInWorking');
    case 'cast-lost':
      return t('castLostChecking');
    default:
      return t('loading');
  }
}

/** The help contacts of the manifest, for the voter's country and the page's language. */
function help(): HTMLElement | null {
  return helpBlock(election?.manifest, () => render(true));
}

/**
 * What happens after the button just pressed, right below it: the work in progress (announced), or
 * the failure with whom to ask for help.
 */
function actionStatus(): Child {
  if (busy) return h('p', { class: 'busy status-line', role: 'status' }, busyText());
  if (failure) return notice('error', failure, help());
  return null;
}

/** A button that stays focusable while busy (aria-disabled, not disabled: the focus is not lost). */
function button(id: string, label: string, onclick: () => void, kind: 'primary' | 'secondary' = 'primary') {
  return h(
    'button',
    {
      type: 'button',
      id,
      class: kind === 'primary' ? 'button' : 'button secondary',
      'aria-disabled': busy ? 'true' : undefined,
      onclick: () => {
        if (!busy) onclick();
      },
    },
    label,
  );
}

/**
 * Copies `text` to the clipboard (then `copied`), or, where the browser does not allow it, selects
 * it in the text area `areaId` for the voter to copy.
 */
function copyButton(id: string, label: string, text: string, areaId: string, copied: () => void) {
  return button(
    id,
    label,
    async () => {
      try {
        await navigator.clipboard.writeText(text);
        copied();
      } catch {
        (document.getElementById(areaId) as HTMLTextAreaElement | null)?.select();
      }
    },
    'secondary',
  );
}

/** A form that does `action` when submitted (the browser's own checks left out: ours are clearer). */
function form(action: () => void, ...children: Child[]): HTMLFormElement {
  return h(
    'form',
    {
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        action();
      },
    },
    ...children,
  );
}

function submitButton(id: string, label: string) {
  return h('button', { type: 'submit', id, class: 'button', 'aria-disabled': busy ? 'true' : undefined }, label);
}

function activationScreen(stay: boolean): void {
  const summary = activationErrorSummary(formErrors);
  const others = store.active(electionId);
  const content: Child[] = [
    summary,
    others.length > 0
      ? notice(
          'info',
          { key: 'actOthersHere' },
          h(
            'p',
            null,
            button('to-who', t('whoHeading'), () => go({ kind: 'who' }), 'secondary'),
          ),
        )
      : null,
    h('p', null, t('actIntro')),
    form(
      () => void activate(),
      activationFields(fields, formErrors),
      submitButton('activate', t('actSubmit')),
      actionStatus(),
    ),
    h(
      'p',
      null,
      button('to-move-in', t('whoMoveIn'), () => go({ kind: 'move-in' }), 'secondary'),
    ),
    failure ? null : help(),
  ];
  stepScreen(t('actHeading'), content, { stay, focus: summary });
}

/** The choice of whose key votes, when the device holds several (or after "this is not me"). */
function whoScreen(stay: boolean): void {
  const held = store.active(electionId);
  const content: Child[] = [
    news ? notice('success', { key: news }) : null,
    held.length > 0 ? h('p', null, t('whoIntro')) : null,
    h(
      'ul',
      { class: 'who' },
      held.map((c, i) =>
        h(
          'li',
          null,
          button(`who-${i}`, t('whoPick', { holder: holderText(c.holder) }), () => {
            current = c.publicKey;
            selection = [];
            news = null;
            go({ kind: 'ballot' });
          }),
        ),
      ),
      h(
        'li',
        null,
        button(
          'who-new',
          t('whoSomeoneElse'),
          () => {
            current = null;
            go({ kind: 'activate' });
          },
          'secondary',
        ),
      ),
      h(
        'li',
        null,
        button('who-move', t('whoMoveIn'), () => go({ kind: 'move-in' }), 'secondary'),
      ),
    ),
    help(),
  ];
  stepScreen(t('whoHeading'), content, { stay });
}

function revoteDetails(): HTMLElement {
  return h('details', { class: 'info' }, h('summary', null, t('revoteTitle')), h('p', null, t('revoteWhoCanSee')));
}

/** Whose key votes here, "this is not me", and the warning for a device others use. */
function holderBar(): HTMLElement {
  return h(
    'section',
    { class: 'notice warning shared', 'aria-labelledby': 'shared-heading' },
    h('p', { class: 'voting-as' }, h('strong', null, t('votingAs', { holder: holderText(currentHolder()) }))),
    button('not-me', t('notMe'), () => go({ kind: 'who' }), 'secondary'),
    h('h2', { id: 'shared-heading' }, t('sharedHeading')),
    h('p', null, t('sharedWarning')),
  );
}

/** Moving the key to another device, and forgetting it here. */
function deviceActions(): Child {
  return [
    h(
      'div',
      { class: 'actions device' },
      button('move-out', t('moveOutButton'), () => void moveOut(), 'secondary'),
      button('forget', t('forgetButton'), () => go({ kind: 'forget' }), 'secondary'),
    ),
    moveOutLoading === 'loading' ? h('p', { class: 'busy status-line', role: 'status' }, t('loading')) : null,
    moveOutLoading === 'failed' ? notice('error', { key: 'partLoadFailed' }) : null,
  ];
}

/** The QR code of screen `s`, or, if its part of the booth did not load, why, with a button to try again. */
function qrImage(s: WithQr, text: string, image: { alt: string; size: string; class?: string }): Child {
  if (s.qrFailed) {
    const again = () => {
      s.qrFailed = false;
      render(true);
      void drawQr(s, text);
    };
    return notice(
      'error',
      { key: 'partLoadFailed' },
      h('p', null, button('qr-again', t('tryAgain'), again, 'secondary')),
    );
  }
  if (s.qr === null) return null;
  return h('img', { src: s.qr, alt: image.alt, width: image.size, height: image.size, class: image.class });
}

function ballotScreen(stay: boolean): void {
  const e = voting();
  const receipts = current === null ? [] : store.receipts(electionId, current);
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
          h('label', { for: `choice-${i}-${choice.index}` }, choice.label),
        ),
      ),
    );
  });
  const content: Child[] = [
    summary,
    news ? notice('success', { key: news }) : null,
    holderBar(),
    last
      ? notice(
          'info',
          { key: 'ballotVotedBefore' },
          h('p', null, h('a', { href: checkUrl(last.trackingCode) }, t('voteLastReceipt'))),
        )
      : null,
    h('p', null, t('ballotIntro')),
    // The fingerprint this booth computed from the board it checked (SPEC §7.4), to compare with the letter's.
    fingerprintBlock(election?.fingerprint ?? null),
    revoteDetails(),
    form(() => void review(), contests, submitButton('next', t('ballotNext')), actionStatus()),
    deviceActions(),
    failure ? null : help(),
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
      return [h('dt', null, local(contest.title)), h('dd', null, label ?? '?')];
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

function reviewScreen(stay: boolean): void {
  const ballot = encrypted!;
  const content: Child[] = [
    choicesList(ballot.audit.choices),
    trackingCodeBlock('reviewTracking', ballot.trackingCode, 'reviewTrackingHint'),
    h(
      'div',
      { class: 'actions' },
      button('cast', t('reviewCast'), () => void cast()),
      button('change', t('reviewChange'), changeChoices, 'secondary'),
    ),
    actionStatus(),
    // The audit is offered, folded away: less prominent than changing the choices.
    h(
      'details',
      { class: 'info audit-offer' },
      h('summary', null, t('reviewAuditHeading')),
      h('p', null, t('reviewAuditHint')),
      button('audit', t('reviewAudit'), audit, 'secondary'),
    ),
  ];
  stepScreen(t('reviewHeading'), content, { stay });
}

/** After a cast whose answer was lost: the lookup by tracking code, then (only if absent) resend. */
function castLostScreen(s: Extract<Screen, { kind: 'cast-lost' }>, stay: boolean): void {
  const ballot = encrypted!;
  const content: Child[] = [
    h('p', null, t('castLost')),
    trackingCodeBlock('reviewTracking', ballot.trackingCode),
    s.state === 'absent' ? notice('info', { key: 'castLostAbsent' }) : null,
    s.state === 'unknown'
      ? notice(
          'error',
          { key: 'castLostUnknown' },
          failure ? h('p', null, t(failure.key, failure.values)) : null,
          help(),
        )
      : null,
    h(
      'div',
      { class: 'actions' },
      s.state === 'absent' ? button('resend', t('castResend'), () => void cast()) : null,
      s.state === 'unknown' ? button('recheck', t('castLostCheck'), () => void checkLostCast()) : null,
    ),
    busy ? h('p', { class: 'busy status-line', role: 'status' }, busyText()) : null,
    s.state === 'absent' && failure ? notice('error', failure, help()) : null,
  ];
  stepScreen(t('castLostHeading'), content, { stay });
}

function auditScreen(s: Extract<Screen, { kind: 'audit' }>, stay: boolean): void {
  const e = voting();
  const json = JSON.stringify(s.data, null, 2);
  const code = s.outcome.trackingCode;
  const content: Child[] = [
    h('p', null, t('auditExplain')),
    s.outcome.valid
      ? [notice('success', { key: 'auditValid' }), choicesList(s.outcome.choices)]
      : notice('error', { key: 'auditInvalid', values: { reason: s.outcome.reason } }, help()),
    code ? trackingCodeBlock('reviewTracking', code, 'auditNewCode') : null,
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
      copyButton('audit-copy', t('auditCopy'), json, 'audit-data', () => {
        copied = true;
        announce(t('auditCopied'));
        render(true);
      }),
      button(
        'audit-download',
        t('auditDownload'),
        () => download(`audit-${code ? formatTrackingCode(code) : 'ballot'}.json`, `${json}\n`),
        'secondary',
      ),
    ),
    copied ? h('p', null, t('auditCopied')) : null,
    h(
      'div',
      { class: 'actions' },
      button('audit-again', t('auditAgain'), () => {
        copied = false;
        failure = null;
        go({ kind: 'ballot' });
      }),
    ),
  ];
  stepScreen(t('auditHeading'), content, { stay });
}

function receiptScreen(s: ReceiptScreen, stay: boolean): void {
  const r = s.receipt;
  const code = fromBase64Url(r.trackingCode, 32);
  const e = voting();
  const failedStep = s.check?.steps.find((step) => !step.ok);
  const checks: Child = s.check
    ? [
        h(
          'ul',
          { class: 'checks' },
          s.check.steps.map((step) => checkLine(t(`step.${step.id}` as TextKey), step.ok)),
        ),
        failedStep
          ? notice(
              'error',
              { key: 'receiptBad', values: { reason: t(`step.${failedStep.id}` as TextKey) } },
              h(
                'details',
                null,
                h('summary', null, t('receiptTechnical')),
                h('p', { class: 'mono' }, `${failedStep.id}: ${failedStep.reason ?? ''}`),
              ),
              help(),
            )
          : notice('success', { key: 'receiptChecksPassed' }),
      ]
    : h('p', null, t('receiptChecking'));
  const content: Child[] = [
    h(
      'div',
      { class: 'notice success done', role: 'status' },
      h('p', { class: 'done-line' }, h('strong', null, t('receiptDone'))),
      s.recovered ? h('p', null, t('castRecovered')) : null,
    ),
    trackingCodeBlock('receiptTracking', code, 'receiptKeep'),
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, t('receiptElection')),
      h('dd', null, local(e.summary.title)),
      h('dt', null, t('receiptTime')),
      h('dd', null, formatDateTime(r.treeHead.time)),
      h('dt', null, t('receiptPosition')),
      h('dd', null, String(r.position)),
    ),
    h('p', { class: 'deadline' }, t('receiptDeadline', { closes: formatDateTime(e.summary.votingWindow.closes) })),
    checks,
    fingerprintBlock(election?.fingerprint ?? null),
    h(
      'section',
      { class: 'qr', 'aria-labelledby': 'qr-heading' },
      h('h2', { id: 'qr-heading' }, t('checkVoteLink')),
      qrImage(s, s.checkUrl, { alt: t('receiptQrAlt'), size: '220' }),
      h('p', null, t('receiptQr')),
      h('p', { class: 'url' }, t('receiptCheckAddress'), ' ', h('a', { href: s.checkUrl }, s.checkUrl)),
    ),
    h(
      'div',
      { class: 'actions no-print' },
      button('print', t('receiptPrint'), () => window.print(), 'secondary'),
      button(
        'download',
        t('receiptDownload'),
        () => download(`receipt-${formatTrackingCode(code)}.json`, `${JSON.stringify(r, null, 2)}\n`),
        'secondary',
      ),
    ),
    h(
      'section',
      { class: 'no-print' },
      h('p', null, t('receiptRevote')),
      button('vote-again', t('receiptAgain'), () => {
        selection = [];
        news = null;
        go({ kind: 'ballot' });
      }),
    ),
    h(
      'section',
      { class: 'no-print notice warning', 'aria-labelledby': 'receipt-shared' },
      h('h2', { id: 'receipt-shared' }, t('sharedHeading')),
      h('p', null, t('sharedWarning')),
      button('forget', t('forgetButton'), () => go({ kind: 'forget' }), 'secondary'),
    ),
    help(),
  ];
  stepScreen(t('receiptHeading'), content, { stay });
}

function moveOutScreen(s: MoveOutScreen, stay: boolean): void {
  const content: Child[] = [
    h('p', null, t('moveOutIntro')),
    qrImage(s, s.link, { alt: t('moveOutQrAlt'), size: '260', class: 'qr-move' }),
    h(
      'div',
      { class: 'tracking transfer-code' },
      h('p', { class: 'label', id: 'transfer-code-label' }, t('moveOutCode')),
      h('p', { class: 'code', id: 'transfer-code', 'aria-labelledby': 'transfer-code-label' }, s.code),
    ),
    h('label', { for: 'transfer-text' }, t('moveOutText')),
    h('textarea', { id: 'transfer-text', readonly: true, rows: '4', class: 'mono', spellcheck: 'false' }, s.link),
    h(
      'div',
      { class: 'actions' },
      copyButton('transfer-copy', t('moveOutCopy'), s.link, 'transfer-text', () => announce(t('moveOutCopied'))),
    ),
    h('p', null, t('moveOutAfter')),
    h(
      'div',
      { class: 'actions' },
      button('move-out-back', t('moveOutBack'), () => go({ kind: 'ballot' })),
      button('forget', t('forgetButton'), () => go({ kind: 'forget' }), 'secondary'),
    ),
  ];
  stepScreen(t('moveOutHeading'), content, { stay });
}

function moveInScreen(stay: boolean): void {
  const content: Child[] = [
    h('p', null, t('moveInIntro')),
    form(
      () => void moveIn(),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'move-text' }, t('moveInText')),
        h(
          'textarea',
          {
            id: 'move-text',
            rows: '4',
            class: 'mono',
            spellcheck: 'false',
            oninput: (event: Event) => {
              moveForm.text = fieldValue(event);
            },
          },
          moveForm.text,
        ),
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'move-code' }, t('moveInCode')),
        h('input', {
          id: 'move-code',
          value: moveForm.code,
          autocomplete: 'off',
          autocapitalize: 'characters',
          spellcheck: 'false',
          maxlength: '20',
          class: 'wide code-input',
          oninput: (event: Event) => {
            moveForm.code = fieldValue(event);
          },
        }),
      ),
      submitButton('move-in', t('moveInSubmit')),
      actionStatus(),
    ),
    failure ? null : help(),
  ];
  stepScreen(t('moveInHeading'), content, { stay });
}

function forgetScreen(stay: boolean): void {
  const content: Child[] = [
    h('p', null, t('forgetExplain', { holder: holderText(currentHolder()) })),
    h(
      'div',
      { class: 'actions' },
      button('forget-confirm', t('forgetConfirm'), forget),
      button('forget-cancel', t('cancel'), () => history.back(), 'secondary'),
    ),
  ];
  stepScreen(t('forgetHeading'), content, { stay });
}

function stateScreen(stay: boolean): void {
  const e = election;
  const receipts = current === null ? [] : store.receipts(electionId, current);
  const last = receipts.at(-1);
  const content: Child[] = [];
  if (screen.kind === 'not-open' && e) {
    content.push(h('p', null, t('voteNotOpen', { opens: formatDateTime(e.summary.votingWindow.opens) })));
    content.push(news === 'actDone' ? notice('success', { key: 'actDone' }) : h('p', null, t('voteNotOpenHeld')));
  } else if (screen.kind === 'closed' && e) {
    content.push(h('p', null, t('voteClosed')));
    if (e.summary.state === 'tallied') {
      content.push(h('p', null, h('a', { href: `/elections/${electionId}/results` }, t('electionsResults'))));
    }
  } else if (screen.kind === 'forgotten') {
    content.push(notice('success', { key: 'forgotten' }));
  }
  if (last) content.push(h('p', null, h('a', { href: checkUrl(last.trackingCode) }, t('voteLastReceipt'))));
  content.push(h('p', null, h('a', { href: '/' }, t('allElections'))));
  content.push(help());
  let heading: string;
  if (screen.kind === 'forgotten') heading = t('forgottenHeading');
  else {
    const state = e ? t(`state.${e.summary.state}` as TextKey) : t('titleVote');
    heading = state.charAt(0).toUpperCase() + state.slice(1);
  }
  stepScreen(heading, content, { stay });
}

function render(stay = false): void {
  switch (screen.kind) {
    case 'loading':
      stepScreen(t('titleVote'), [h('p', { role: 'status' }, t('loading'))], { stay });
      return;
    case 'failed':
      stepScreen(
        t('titleVote'),
        [notice('error', screen.message, help()), h('p', null, h('a', { href: '/' }, t('allElections')))],
        { stay },
      );
      return;
    case 'closed':
    case 'not-open':
    case 'forgotten':
      stateScreen(stay);
      return;
    case 'who':
      whoScreen(stay);
      return;
    case 'activate':
      activationScreen(stay);
      return;
    case 'move-in':
      moveInScreen(stay);
      return;
    case 'move-out':
      moveOutScreen(screen, stay);
      return;
    case 'forget':
      forgetScreen(stay);
      return;
    case 'ballot':
      ballotScreen(stay);
      return;
    case 'review':
      reviewScreen(stay);
      return;
    case 'cast-lost':
      castLostScreen(screen, stay);
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

// --- steps and the browser's history -------------------------------------------------------------

/** The screens of this page's history entries, by their index in history.state. */
const visited = new Map<number, Screen>();
let step = 0;

/** Shows `next` as a new step of the history (or in place of the current one). */
function go(next: Screen, options: { replace?: boolean } = {}): void {
  screen = next;
  moveOutLoading = null;
  if (options.replace || screen.kind === 'loading') {
    visited.set(step, next);
    history.replaceState({ booth: step }, '');
  } else {
    step += 1;
    visited.set(step, next);
    history.pushState({ booth: step }, '');
  }
  render();
}

/** Whether the credential in use can still vote from here (it may have been forgotten since). */
function holding(): boolean {
  return current !== null && credentialKeyPair(store, electionId, current) !== null;
}

/**
 * Back or Forward: the step's screen again, unless it no longer makes sense — a ballot on review
 * was cast, changed or audited (its randomness is gone), or the key in use was forgotten.
 */
function restore(saved: Screen): Screen {
  const needsKey = ['ballot', 'review', 'cast-lost', 'move-out', 'forget', 'receipt', 'audit'];
  if (needsKey.includes(saved.kind) && !holding()) return startScreen();
  if ((saved.kind === 'review' || saved.kind === 'cast-lost') && encrypted === null) return { kind: 'ballot' };
  return saved;
}

function onHistory(event: PopStateEvent): void {
  const index = (event.state as { booth?: unknown } | null)?.booth;
  if (typeof index !== 'number') return;
  const saved = visited.get(index);
  if (saved === undefined || busy) return;
  step = index;
  failure = null;
  formErrors = [];
  ballotErrors = [];
  screen = restore(saved);
  if (screen.kind !== 'review' && screen.kind !== 'cast-lost') encrypted = null;
  visited.set(step, screen);
  render();
}

/** Where the booth starts for this election on this device (no letter, no transfer). */
function startScreen(): Screen {
  const e = election!;
  const held = store.active(electionId);
  if (current !== null && !held.some((c) => c.publicKey === current)) current = null;
  if (current === null && held.length === 1) current = held[0]!.publicKey;
  if (e.summary.state === 'open' && e.ctx !== null) {
    if (current !== null) return { kind: 'ballot' };
    return held.length > 1 ? { kind: 'who' } : { kind: 'activate' };
  }
  if (e.summary.state === 'key-ceremony' || e.summary.state === 'open') {
    return held.length > 0 ? { kind: 'not-open' } : { kind: 'activate' };
  }
  return { kind: 'closed' };
}

// --- the voter's actions ---------------------------------------------------------------------------

/**
 * Starts work that keeps a key on this device: refused (with the reason below the button) where the
 * browser keeps nothing; otherwise busy, with the status shown and announced.
 */
function startKeeping(): boolean {
  if (!store.usable()) {
    failure = { key: 'actErrStorage' };
    render(true);
    return false;
  }
  busy = true;
  render(true);
  announce(busyText());
  return true;
}

async function activate(): Promise<void> {
  if (busy || !election) return;
  const read = readActivationForm(fields);
  failure = null;
  if (!read.ok) {
    formErrors = read.errors;
    render();
    return;
  }
  formErrors = [];
  if (!startKeeping()) return;
  const outcome = await activateCredential(api, store, election, read.claim);
  busy = false;
  if (!outcome.ok) {
    failure = outcome.message;
    render(true);
    return;
  }
  current = outcome.publicKey;
  selection = [];
  news = 'actDone';
  Object.assign(fields, { idnp: '', day: '', month: '', year: '', code: '' });
  go(election.summary.state === 'open' && election.ctx !== null ? { kind: 'ballot' } : { kind: 'not-open' });
}

/**
 * Encrypts the marked ballot (on this device, crypto/ Algorithm 8.1, with the public key of the
 * credential in use: nothing is signed yet) and shows it for review.
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
  const key = current === null ? null : credentialKeyPair(store, electionId, current);
  if (key === null) {
    failure = { key: 'errCredentialUnknown' };
    go(startScreen());
    return;
  }
  busy = true;
  render(true);
  announce(busyText());
  await new Promise((resolve) => setTimeout(resolve, 20)); // let the status show before the work
  try {
    encrypted = encryptBallot(e.ctx, key.publicKey, completeSelection(e.manifest, selection)!);
  } finally {
    busy = false;
  }
  news = null;
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
  announce(t('reviewCasting'));
  const outcome = await castBallot(api, store, voting(), encrypted);
  busy = false;
  if (!outcome.ok) {
    failure = outcome.message;
    if (outcome.answerLost) {
      // The ballot may be on the board: look it up by its tracking code before offering to resend.
      go({ kind: 'cast-lost', state: 'checking' });
      await checkLostCast();
    } else if (outcome.credentialLost) {
      encrypted = null;
      go(startScreen());
    } else {
      render(true);
    }
    return;
  }
  showReceipt(outcome.receipt, false);
}

/** The lookup by tracking code after a lost answer (GET …/ballots/{trackingCode}, §13.7). */
async function checkLostCast(): Promise<void> {
  if (!encrypted || busy) return;
  busy = true;
  const here = screen;
  if (here.kind === 'cast-lost') render(true);
  announce(t('castLostChecking'));
  const found = await lookUpCast(api, store, voting(), encrypted);
  busy = false;
  if (found.state === 'recorded') {
    failure = null;
    showReceipt(found.receipt, true);
    return;
  }
  failure = found.state === 'unknown' ? found.message : null;
  screen = { kind: 'cast-lost', state: found.state };
  visited.set(step, screen);
  render(true);
  announce(t(found.state === 'absent' ? 'castLostAbsent' : 'castLostUnknown'));
}

function showReceipt(receipt: SignedReceiptJson, recovered: boolean): void {
  const trackingCode = encrypted!.trackingCode;
  encrypted = null; // the randomness goes with it: a cast ballot is never opened
  news = null;
  const s: ReceiptScreen = {
    kind: 'receipt',
    receipt,
    checkUrl: checkUrl(receipt.trackingCode),
    recovered,
    qr: null,
    qrFailed: false,
    check: null,
  };
  go(s, { replace: screen.kind === 'cast-lost' });
  announce(t('receiptDone'));
  void drawQr(s, s.checkUrl);
  void (async () => {
    s.check = await checkReceipt(api, voting(), receipt, trackingCode);
    if (screen === s) render(true);
    const failed = s.check.steps.find((x) => !x.ok);
    announce(failed ? t('receiptBad', { reason: t(`step.${failed.id}` as TextKey) }) : t('receiptChecksPassed'));
  })();
}

/** Draws the QR code of `text` on screen `s` once the generator has loaded (../qr.ts, a part of its own). */
async function drawQr(s: WithQr, text: string): Promise<void> {
  try {
    const { qrImageUrl } = await loadPart('qr');
    s.qr = await qrImageUrl(text);
  } catch {
    s.qrFailed = true;
  }
  if (screen === s) render(true);
}

/**
 * §13.9: seals the key in use for another device and shows it as a QR code, a text and a code. The
 * code that does it (../transfer.ts) is loaded first, the first time.
 */
async function moveOut(): Promise<void> {
  if (current === null || moveOutLoading === 'loading') return;
  const from = screen;
  failure = null;
  moveOutLoading = 'loading';
  render(true);
  const transfer = await loadPart('transfer').catch(() => null);
  if (screen !== from) {
    moveOutLoading = null; // the voter went elsewhere meanwhile
    return;
  }
  moveOutLoading = transfer === null ? 'failed' : null;
  if (transfer === null) {
    render(true);
    announce(t('partLoadFailed'));
    return;
  }
  const sealed = transfer.exportCredential(store, electionId, current);
  if (sealed === null) {
    failure = { key: 'moveOutNoHolder' };
    render(true);
    return;
  }
  const s: MoveOutScreen = {
    kind: 'move-out',
    link: `${location.origin}/vote/${encodeURIComponent(electionId)}#transfer=${sealed.text}`,
    code: sealed.code,
    qr: null,
    qrFailed: false,
  };
  go(s);
  void drawQr(s, s.link);
}

/** §13.9: opens a key sealed on another device with the code shown there. */
async function moveIn(): Promise<void> {
  if (busy) return;
  failure = null;
  if (!startKeeping()) return;
  await new Promise((resolve) => setTimeout(resolve, 20)); // let the status show before the scrypt
  const text = transferFromFragment(moveForm.text.trim().replace(/^[^#]*/, '')) ?? moveForm.text.trim();
  const transfer = await loadPart('transfer').catch(() => null);
  const outcome = keepTransferred(
    store,
    electionId,
    transfer === null
      ? { ok: false, message: { key: 'partLoadFailed' } }
      : transfer.openTransfer(electionId, text, moveForm.code),
  );
  busy = false;
  if (!outcome.ok) {
    failure = outcome.message;
    render(true);
    return;
  }
  Object.assign(moveForm, { text: '', code: '' });
  current = outcome.publicKey;
  selection = [];
  news = 'moveInDone';
  const e = election!;
  go(e.summary.state === 'open' && e.ctx !== null ? { kind: 'ballot' } : { kind: 'not-open' });
}

/** Removes the key in use (and its receipts) from this device. */
function forget(): void {
  if (current === null) return;
  store.forget(electionId, current);
  current = null;
  encrypted = null;
  selection = [];
  news = 'forgotten';
  go(store.active(electionId).length > 0 ? { kind: 'who' } : { kind: 'forgotten' });
}

// --- start -----------------------------------------------------------------------------------------

/** The page's start, called by the booth's loader (../main.ts). */
export async function start(): Promise<void> {
  // A letter's code or a key sealed on another device arrives in the fragment (never sent to the
  // server); neither is left in the history.
  const fromLetter = codeFromFragment(location.hash);
  const transfer = transferFromFragment(location.hash);
  if (fromLetter !== null) fields.code = fromLetter;
  if (transfer !== null) moveForm.text = transfer;
  if (fromLetter !== null || transfer !== null) history.replaceState(null, '', location.pathname + location.search);
  window.addEventListener('popstate', onHistory);
  await startPage('titleVote', () => render(true));
  go({ kind: 'loading' }, { replace: true });
  try {
    const loaded = await loadElection(api, electionId);
    if (!isLoaded(loaded)) {
      go({ kind: 'failed', message: { key: 'errElectionNotFound' } }, { replace: true });
      return;
    }
    election = loaded;
  } catch (e) {
    const message: Message =
      e instanceof ElectionDataError ? { key: 'errElectionData', values: { reason: e.message } } : problemMessage(e);
    go({ kind: 'failed', message }, { replace: true });
    return;
  }
  const open = election.summary.state === 'open' || election.summary.state === 'key-ceremony';
  // A letter is for whoever holds it: it never opens the ballot of a key already on this device.
  if (open && transfer !== null) go({ kind: 'move-in' }, { replace: true });
  else if (open && fromLetter !== null) go({ kind: 'activate' }, { replace: true });
  else go(startScreen(), { replace: true });
}
