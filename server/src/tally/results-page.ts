// GET /elections/:id/results — the results page: per contest the votes for each option with their
// share, blank and invalid ballots, and turnout; in Romanian by default, English and Russian by
// ?lang= or the browser's language, with a switch. Server-rendered HTML with one small stylesheet
// (the security policy allows no inline style or script), readable on a phone. It says plainly
// when there is no result yet, and at which stage the election is.
import type { LocalizedString } from '@evotare/crypto/manifest';
import type { ContestResult } from '@evotare/crypto/tally/result';
import { LANGUAGES, type Language, type Localized } from '@evotare/verifier/i18n';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ElectionState } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/env.ts';
import { ELECTION_ID } from '../http/request.ts';
import { type PublishedResult, publishedResult } from './published-result.ts';

const T = {
  results: { ro: 'Rezultatele votării', en: 'Election results', ru: 'Результаты голосования' },
  notYet: {
    ro: 'Rezultatele nu sunt încă disponibile.',
    en: 'There is no result yet.',
    ru: 'Результатов пока нет.',
  },
  stage: { ro: 'Etapa curentă', en: 'Current stage', ru: 'Текущий этап' },
  notFound: { ro: 'Aceste alegeri nu există.', en: 'There is no such election.', ru: 'Таких выборов нет.' },
  option: { ro: 'Opțiune', en: 'Option', ru: 'Вариант' },
  votes: { ro: 'Voturi', en: 'Votes', ru: 'Голоса' },
  share: { ro: '% din voturile valabile', en: '% of valid votes', ru: '% действительных голосов' },
  ofCounted: { ro: '% din buletinele numărate', en: '% of ballots counted', ru: '% подсчитанных бюллетеней' },
  blank: { ro: 'Buletine albe', en: 'Blank ballots', ru: 'Пустые бюллетени' },
  invalid: { ro: 'Buletine nevalabile', en: 'Invalid ballots', ru: 'Недействительные бюллетени' },
  valid: { ro: 'Voturi valabile', en: 'Valid votes', ru: 'Действительные голоса' },
  turnout: { ro: 'Participarea la vot', en: 'Turnout', ru: 'Явка' },
  roll: { ro: 'Alegători în listă', en: 'Voters on the roll', ru: 'Избирателей в списке' },
  counted: {
    ro: 'Buletine numărate (un vot per alegător)',
    en: 'Ballots counted (one per voter)',
    ru: 'Подсчитано бюллетеней (по одному на избирателя)',
  },
  participation: { ro: 'Participare', en: 'Participation', ru: 'Явка, %' },
  received: { ro: 'Buletine primite', en: 'Ballots received', ru: 'Получено бюллетеней' },
  revotes: {
    ro: 'Voturi înlocuite printr-un vot ulterior',
    en: 'Votes replaced by a later vote (re-votes)',
    ru: 'Голоса, заменённые повторным голосованием',
  },
  paper: {
    ro: 'Alegători care au votat apoi la secția de votare',
    en: 'Voters who then voted on paper at a polling station',
    ru: 'Избиратели, затем проголосовавшие на участке',
  },
  revoked: {
    ro: 'Acreditări revocate (vot pe hârtie, cod reemis)',
    en: 'Credentials revoked (paper vote, code re-issued)',
    ru: 'Отозванные учётные данные (бумажный голос, новый код)',
  },
  ofRevoked: {
    ro: 'Buletine ale acreditărilor revocate (nenumărate)',
    en: 'Ballots of revoked credentials (not counted)',
    ru: 'Бюллетени отозванных учётных данных (не подсчитаны)',
  },
  signed: {
    ro: 'Rezultatul este semnat de Comisia Electorală Centrală și poate fi verificat de oricine din registrul public.',
    en: 'The result is signed by the Central Electoral Commission and anyone can check it from the public bulletin board.',
    ru: 'Результат подписан Центральной избирательной комиссией; любой может проверить его по публичной доске.',
  },
  decryptedBy: { ro: 'Decriptat de', en: 'Decrypted by', ru: 'Расшифровано' },
  published: { ro: 'Publicat la', en: 'Published on', ru: 'Опубликовано' },
  data: { ro: 'Date (JSON)', en: 'Data (JSON)', ru: 'Данные (JSON)' },
  board: { ro: 'Registrul public', en: 'Bulletin board', ru: 'Публичная доска' },
} as const satisfies Record<string, Localized>;

const STATES: Record<ElectionState, Localized> = {
  draft: { ro: 'în pregătire', en: 'in preparation', ru: 'в подготовке' },
  'key-ceremony': { ro: 'ceremonia cheilor', en: 'key ceremony', ru: 'церемония ключей' },
  open: { ro: 'votarea este deschisă', en: 'voting is open', ru: 'голосование открыто' },
  closed: { ro: 'votarea s-a încheiat', en: 'voting has closed', ru: 'голосование завершено' },
  mixing: { ro: 'amestecarea buletinelor', en: 'mixing the ballots', ru: 'перемешивание бюллетеней' },
  decrypting: { ro: 'decriptarea', en: 'decryption', ru: 'расшифровка' },
  tallied: { ro: 'rezultate publicate', en: 'results published', ru: 'результаты опубликованы' },
};

const NUMBER_LOCALE: Record<Language, string> = { ro: 'ro-MD', en: 'en-GB', ru: 'ru-RU' };

const STYLESHEET = `
:root{color-scheme:light dark;--line:#8884;--bar:#1f5fae}
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:44rem;margin:0 auto;padding:1rem}
header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:.5rem}
h1{font-size:1.35rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.6rem 0 .4rem}
nav a{margin-left:.6rem}nav a[aria-current]{font-weight:700;text-decoration:none}
.notice{padding:1rem;border:1px solid var(--line);border-radius:.5rem;font-size:1.1rem}
table{width:100%;border-collapse:collapse}
th,td{padding:.4rem .3rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
td.n,th.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.bar{height:.35rem;background:var(--bar);border-radius:.2rem;margin-top:.2rem}
tr.other td{font-style:italic}
footer{margin-top:2rem;font-size:.9rem;opacity:.85;overflow-wrap:anywhere}
${Array.from({ length: 101 }, (_, p) => `.w${p}{width:${p}%}`).join('')}
`;

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

function page(language: Language, title: string, path: string, body: Html): Html {
  const switcher = LANGUAGES.map((l) =>
    l === language
      ? html`<a href="${path}?lang=${l}" aria-current="true" hreflang="${l}">${l.toUpperCase()}</a>`
      : html`<a href="${path}?lang=${l}" hreflang="${l}">${l.toUpperCase()}</a>`,
  );
  return html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/elections/results.css">
</head>
<body><main>
<header><h1>${title}</h1><nav>${switcher}</nav></header>
${body}
</main></body>
</html>`;
}

function percent(part: number, whole: number, language: Language): string {
  if (whole === 0) return '—';
  return (part / whole).toLocaleString(NUMBER_LOCALE[language], {
    style: 'percent',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
}

function contestTable(
  contest: ContestResult,
  title: LocalizedString,
  labels: Map<string, LocalizedString>,
  language: Language,
): Html {
  const n = (x: number) => x.toLocaleString(NUMBER_LOCALE[language]);
  const valid = Object.values(contest.counts).reduce((a, b) => a + b, 0);
  const counted = valid + (contest.blank ?? 0) + contest.invalid;
  const options = Object.entries(contest.counts)
    .map(([id, votes]) => ({ id, votes }))
    .sort((a, b) => b.votes - a.votes);
  const rows = options.map(({ id, votes }) => {
    const width = valid === 0 ? 0 : Math.round((100 * votes) / valid);
    return html`<tr><td>${labels.get(id)?.[language] ?? id}<div class="bar w${width}"></div></td><td class="n">${n(votes)}</td><td class="n">${percent(votes, valid, language)}</td></tr>`;
  });
  const other = (label: Localized, votes: number) =>
    html`<tr class="other"><td>${label[language]}</td><td class="n">${n(votes)}</td><td class="n">${percent(votes, counted, language)} ${T.ofCounted[language]}</td></tr>`;
  return html`<section>
<h2>${title[language]}</h2>
<table>
<thead><tr><th>${T.option[language]}</th><th class="n">${T.votes[language]}</th><th class="n">${T.share[language]}</th></tr></thead>
<tbody>${rows}
<tr><td><strong>${T.valid[language]}</strong></td><td class="n"><strong>${n(valid)}</strong></td><td></td></tr>
${contest.blank === undefined ? '' : other(T.blank, contest.blank)}
${other(T.invalid, contest.invalid)}
</tbody>
</table>
</section>`;
}

function turnoutTable(p: PublishedResult, turnout: Record<string, number>, language: Language): Html {
  const n = (x: number | undefined) => (x === undefined ? '—' : x.toLocaleString(NUMBER_LOCALE[language]));
  const counted = turnout.credentialsCounted;
  const line = (label: Localized, value: Html | string) =>
    html`<tr><td>${label[language]}</td><td class="n">${value}</td></tr>`;
  return html`<section>
<h2>${T.turnout[language]}</h2>
<table><tbody>
${p.rollSize === null ? '' : line(T.roll, n(p.rollSize))}
${line(T.counted, n(counted))}
${p.rollSize === null || counted === undefined ? '' : line(T.participation, percent(counted, p.rollSize, language))}
${line(T.received, n(turnout.ballotsReceived))}
${line(T.revotes, n(turnout.ballotsSuperseded))}
${line(T.paper, n(p.paperOverrides))}
${line(T.revoked, n(turnout.credentialsRevoked))}
${line(T.ofRevoked, n(turnout.ballotsOfRevokedCredentials))}
</tbody></table>
</section>`;
}

function resultsBody(p: PublishedResult, language: Language): Html {
  const manifest = p.manifest!;
  const api = `/api/v1/elections/${p.electionId}`;
  if (p.result === null) {
    return html`<p class="notice" role="status">${T.notYet[language]}<br>${T.stage[language]}: <strong>${STATES[p.state][language]}</strong>.</p>
<footer><a href="${api}/board">${T.board[language]}</a></footer>`;
  }
  const r = p.result.payload;
  const tables = r.contests.map((contest) => {
    const c = manifest.contests.find((x) => x.id === contest.id);
    const labels = new Map((c?.options ?? []).map((o) => [o.id, o.label]));
    return contestTable(contest, c?.title ?? { ro: contest.id, en: contest.id, ru: contest.id }, labels, language);
  });
  const trustees = r.decryptedBy.map((j) => manifest.trustees.members[j - 1]?.name ?? String(j)).join(', ');
  return html`${tables}
${turnoutTable(p, r.turnout, language)}
<footer>
<p>${T.signed[language]}</p>
<p>${T.published[language]}: ${p.result.time}${trustees === '' ? '' : html` · ${T.decryptedBy[language]}: ${trustees}`}</p>
<p><a href="${api}/result">${T.data[language]}</a> · <a href="${api}/board">${T.board[language]}</a></p>
</footer>`;
}

export function resultsPageRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/results.css', (c) =>
    c.body(STYLESHEET, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }),
  );
  app.get('/:id/results', async (c) => {
    const language = c.get('language');
    const id = c.req.param('id');
    const path = `/elections/${id}/results`;
    const found = ELECTION_ID.test(id) ? await publishedResult(deps, id) : null;
    c.header('cache-control', 'no-cache');
    if (found === null || !found.ok || found.value.manifest === null) {
      return c.html(
        page(language, T.results[language], path, html`<p class="notice">${T.notFound[language]}</p>`),
        404,
      );
    }
    const title = `${T.results[language]} — ${found.value.manifest.title[language]}`;
    return c.html(page(language, title, path, resultsBody(found.value, language)));
  });
  return app;
}
