// `/audit` — checks an audited ballot on any device (the Benaloh challenge's second half): the
// voter pastes the audit data the booth showed, or opens its file; this browser loads the
// election's public data and runs ../audit-check.ts on it.
import { formatTrackingCode } from '@evotare/crypto/ballot';
import { type AuditData, type AuditOutcome, parseAuditData, runAudit, wasCast } from '../audit-check.ts';
import { choiceLabel } from '../choices.ts';
import { type Child, fieldValue, h, refreshScreen, showScreen } from '../dom.ts';
import { ElectionDataError, isLoaded, type LoadedElection, loadElection } from '../election.ts';
import { local, t } from '../i18n.ts';
import { api, checkLine, fingerprintBlock, notice, startPage } from '../page.ts';
import { type Message, problemMessage } from '../problems.ts';

interface Audited {
  readonly election: LoadedElection;
  readonly data: AuditData;
  readonly outcome: AuditOutcome;
  readonly cast: boolean | null;
}

let text = '';
let busy = false;
let failure: Message | null = null;
let result: Audited | null = null;

function resultView(r: Audited): Child[] {
  const { election, outcome } = r;
  const lines: Child[] = [checkLine(t('step.audit'), outcome.valid, outcome.valid ? undefined : outcome.reason)];
  if (outcome.valid) lines.push(checkLine(t('step.audit-proofs'), outcome.proofsValid));
  if (r.cast !== null) lines.push(checkLine(t('step.not-cast'), !r.cast));
  return [
    h('p', { class: 'eyebrow' }, local(election.summary.title)),
    fingerprintBlock(election.fingerprint),
    outcome.trackingCode
      ? h(
          'div',
          { class: 'tracking' },
          h('p', { class: 'label', id: 'tracking-label' }, t('reviewTracking')),
          h('p', { class: 'code', 'aria-labelledby': 'tracking-label' }, formatTrackingCode(outcome.trackingCode)),
        )
      : null,
    h('ul', { class: 'checks' }, lines),
    outcome.valid
      ? [
          h('h2', null, t('auditPageChoices')),
          h(
            'dl',
            { class: 'choices' },
            election.manifest.contests.map((contest, i) => {
              const label = choiceLabel(contest, outcome.choices[i]!);
              return [h('dt', null, local(contest.title)), h('dd', null, label ?? '?')];
            }),
          ),
        ]
      : notice('error', { key: 'auditInvalid', values: { reason: outcome.reason } }),
  ];
}

function render(stay = false): void {
  const content: Child[] = [
    h('h1', { tabindex: '-1' }, t('titleAudit')),
    h('p', null, t('auditPageIntro')),
    h(
      'form',
      {
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          void check();
        },
      },
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'audit-input' }, t('auditData')),
        h(
          'textarea',
          {
            id: 'audit-input',
            rows: '8',
            class: 'mono',
            spellcheck: 'false',
            oninput: (event: Event) => {
              text = fieldValue(event);
            },
          },
          text,
        ),
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'audit-file' }, t('auditPageFile')),
        h('input', {
          type: 'file',
          id: 'audit-file',
          accept: 'application/json,.json',
          onchange: (event: Event) => {
            const file = (event.target as HTMLInputElement).files?.[0];
            if (file)
              void file.text().then((content) => {
                text = content;
                return check();
              });
          },
        }),
      ),
      h('button', { type: 'submit', class: 'button', disabled: busy }, t('auditPageRun')),
    ),
    busy ? h('p', { role: 'status' }, t('loading')) : null,
    failure ? notice('error', failure) : null,
    h('div', { id: 'audit-result' }, result ? resultView(result) : null),
    h('p', null, h('a', { href: '/' }, t('allElections'))),
  ];
  if (stay) refreshScreen(content);
  else showScreen(content);
}

async function check(): Promise<void> {
  if (busy) return;
  failure = null;
  result = null;
  const data = parseAuditData(text);
  if (data === null) {
    failure = { key: 'auditPageMalformed' };
    render(true);
    return;
  }
  busy = true;
  render(true);
  try {
    const loaded = await loadElection(api, data.ballot.election);
    if (!isLoaded(loaded)) {
      failure = { key: 'errElectionNotFound' };
    } else {
      const outcome = runAudit(loaded, data);
      let cast: boolean | null = null;
      if (outcome.trackingCode) {
        try {
          cast = await wasCast(api, loaded.manifest.electionId, outcome.trackingCode);
        } catch {
          cast = null;
        }
      }
      result = { election: loaded, data, outcome, cast };
    }
  } catch (e) {
    failure =
      e instanceof ElectionDataError ? { key: 'errElectionData', values: { reason: e.message } } : problemMessage(e);
  }
  busy = false;
  render(true);
  document.getElementById('audit-result')?.setAttribute('tabindex', '-1');
  document.getElementById('audit-result')?.focus();
}

export async function auditPage(): Promise<void> {
  await startPage('titleAudit', () => render(true));
  render(true);
}
