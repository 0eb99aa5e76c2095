// `/` — the elections a voter can take part in, with a link to each one's booth (or results).
// The activation letters' QR code opens `/#/activate/<election>?code=<code>` (the code in the
// fragment, which the browser never sends to the server): that goes straight to the booth.
import { type Child, h, showScreen } from '../dom.ts';
import { type ElectionSummary, listElections } from '../election.ts';
import { formatDateTime, local, t } from '../i18n.ts';
import { letterTarget } from '../letter.ts';
import { api, notice, startPage } from '../page.ts';
import { problemMessage } from '../problems.ts';
import type { TextKey } from '../text.ts';

let elections: ElectionSummary[] | null = null;
let failure: unknown = null;

function electionItem(e: ElectionSummary): HTMLElement {
  const actions: Child[] = [];
  if (e.state === 'open') actions.push(h('a', { class: 'button', href: `/vote/${e.id}` }, t('electionsVote')));
  if (e.state === 'key-ceremony') {
    actions.push(h('a', { class: 'button secondary', href: `/vote/${e.id}` }, t('electionsActivate')));
  }
  if (e.state === 'tallied') {
    actions.push(h('a', { class: 'button secondary', href: `/elections/${e.id}/results` }, t('electionsResults')));
  }
  const state = t(`state.${e.state}` as TextKey);
  return h(
    'li',
    { class: 'card' },
    h('h2', null, local(e.title)),
    h('p', null, t('stateLabel', { state })),
    h(
      'p',
      { class: 'muted' },
      t('electionsWindow', {
        opens: formatDateTime(e.votingWindow.opens),
        closes: formatDateTime(e.votingWindow.closes),
      }),
    ),
    actions.length > 0 ? h('p', { class: 'actions' }, actions) : null,
  );
}

function render(): void {
  const content: Child[] = [h('h1', null, t('titleElections'))];
  if (failure !== null) content.push(notice('error', problemMessage(failure)));
  else if (elections === null) content.push(h('p', { role: 'status' }, t('loading')));
  else if (elections.length === 0) content.push(h('p', null, t('electionsNone')));
  else content.push(h('ul', { class: 'cards' }, elections.map(electionItem)));
  content.push(
    h(
      'p',
      { class: 'links' },
      h('a', { href: '/check' }, t('checkVoteLink')),
      ' · ',
      h('a', { href: '/audit' }, t('auditLink')),
      ' · ',
      h('a', { href: '/board' }, t('boardLink')),
    ),
  );
  showScreen(content);
}

export async function electionsPage(): Promise<void> {
  const target = letterTarget(location.hash);
  if (target !== null) {
    location.replace(target);
    return;
  }
  await startPage('titleElections', render);
  render();
  try {
    elections = await listElections(api);
  } catch (e) {
    failure = e;
  }
  render();
}
