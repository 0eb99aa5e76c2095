// Printable activation letters: one A4 page per voter, in Romanian with English and Russian
// below, the code in large type and as a QR code (qrcode, a well-kept generator; inline SVG, so the
// file is self-contained) that opens the booth's activation page with the code filled in. The
// code goes in the URL's fragment, which browsers never send to a server. The IDNP is not printed:
// the voter knows it, and a letter can be lost. Every letter prints the election fingerprint (short
// form, docs/SPEC.md §7.4) and where to compare it: the booth shows the one it computed from the
// board, the CEC's website the one the CEC published; a booth that shows another is not to be used.

import type { LocalizedString } from '@evotare/crypto/manifest';
import QRCode from 'qrcode';
import type { IssuedCode } from './credentials.ts';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function activationUrl(baseUrl: string, electionId: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/#/activate/${encodeURIComponent(electionId)}?code=${encodeURIComponent(code)}`;
}

const TEXT = {
  ro: {
    greeting: (name: string) => `Stimate alegător / Stimată alegătoare ${name},`,
    body: 'Puteți vota prin internet. Deschideți adresa de mai jos sau scanați codul QR, apoi introduceți IDNP-ul, data nașterii și codul de activare. Codul se folosește o singură dată; nu-l arătați nimănui. Dacă vă pierdeți telefonul sau calculatorul, cereți un cod nou la misiunea diplomatică sau la CEC.',
    code: 'Codul de activare',
    fingerprint: 'Amprenta alegerilor',
    compare: (site: string) =>
      `Pagina de vot vă arată amprenta alegerilor, iar CEC o publică pe ${site}. Comparați-le cu cea de pe această scrisoare: trebuie să fie aceleași. Dacă diferă, nu votați și anunțați CEC.`,
  },
  en: {
    greeting: (name: string) => `Dear voter ${name},`,
    body: 'You can vote over the internet. Open the address below or scan the QR code, then enter your IDNP, date of birth and activation code. The code works once; show it to nobody. If you lose your phone or computer, ask the embassy or the CEC for a new code.',
    code: 'Activation code',
    fingerprint: 'Election fingerprint',
    compare: (site: string) =>
      `The voting page shows the election fingerprint, and the CEC publishes it at ${site}. Compare them with the one on this letter: they must be the same. If they differ, do not vote; tell the CEC.`,
  },
  ru: {
    greeting: (name: string) => `Уважаемый избиратель / Уважаемая избирательница ${name},`,
    body: 'Вы можете проголосовать через интернет. Откройте адрес ниже или отсканируйте QR-код, затем введите IDNP, дату рождения и код активации. Код действует один раз; никому его не показывайте. Если вы потеряете телефон или компьютер, запросите новый код в посольстве или в ЦИК.',
    code: 'Код активации',
    fingerprint: 'Отпечаток выборов',
    compare: (site: string) =>
      `Страница голосования показывает отпечаток выборов, а ЦИК публикует его на ${site}. Сравните их с отпечатком в этом письме: они должны совпадать. Если они различаются, не голосуйте и сообщите в ЦИК.`,
  },
} as const;

/** The election fingerprint as letters print it, and the CEC's page that publishes it. */
export interface LetterFingerprint {
  /** The short form (formatFingerprint), as computed from the checked board. */
  readonly short: string;
  /** The CEC website address where the fingerprint is published. */
  readonly publishedAt: string;
}

export async function renderLetters(
  codes: readonly IssuedCode[],
  election: { readonly id: string; readonly title: LocalizedString },
  baseUrl: string,
  fingerprint: LetterFingerprint,
): Promise<string> {
  const fingerprintBox = `<div class="fingerprint"><p class="label">${TEXT.ro.fingerprint} · ${TEXT.en.fingerprint} · ${TEXT.ru.fingerprint}</p><p class="value">${escapeHtml(fingerprint.short)}</p>${(['ro', 'en', 'ru'] as const).map((lang) => `<p lang="${lang}" class="compare">${escapeHtml(TEXT[lang].compare(fingerprint.publishedAt))}</p>`).join('')}</div>`;
  const pages = await Promise.all(
    codes.map(async (c) => {
      const url = activationUrl(baseUrl, election.id, c.code);
      const qr = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: 180 });
      const part = (lang: 'ro' | 'en' | 'ru') =>
        `<section lang="${lang}"><p>${escapeHtml(TEXT[lang].greeting(c.name))}</p><p>${escapeHtml(TEXT[lang].body)}</p></section>`;
      return `<article class="letter">
<header><h1>${escapeHtml(election.title.ro)}</h1><p class="sub">${escapeHtml(election.title.en)}<br>${escapeHtml(election.title.ru)}</p></header>
${part('ro')}
<div class="code"><div><p class="label">${TEXT.ro.code} · ${TEXT.en.code} · ${TEXT.ru.code}</p><p class="value">${escapeHtml(c.code)}</p><p class="url">${escapeHtml(baseUrl)}</p></div>${qr}</div>
${fingerprintBox}
${part('en')}
${part('ru')}
<footer>Comisia Electorală Centrală a Republicii Moldova · ${escapeHtml(c.country)}</footer>
</article>`;
    }),
  );
  return `<!doctype html>
<html lang="ro"><head><meta charset="utf-8"><title>${escapeHtml(election.title.ro)} — coduri de activare</title>
<style>
@page { size: A4; margin: 18mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; color: #111; }
.letter { page-break-after: always; max-width: 174mm; margin: 0 auto; }
h1 { font-size: 14pt; margin: 0 0 2mm; }
.sub { font-size: 9pt; color: #444; margin: 0 0 6mm; }
.code { display: flex; justify-content: space-between; align-items: center; border: 1px solid #111; padding: 4mm; margin: 6mm 0; }
.label { font-size: 9pt; margin: 0; }
.value { font: bold 18pt "DejaVu Sans Mono", monospace; letter-spacing: 1px; margin: 2mm 0; }
.url { font-size: 9pt; margin: 0; }
.fingerprint { border: 1px dashed #111; padding: 3mm 4mm; margin: 4mm 0 6mm; }
.fingerprint .value { font-size: 14pt; }
.compare { font-size: 8.5pt; margin: 1mm 0 0; }
section[lang="en"], section[lang="ru"] { font-size: 9.5pt; color: #333; }
footer { font-size: 8pt; color: #555; margin-top: 8mm; }
</style></head><body>
${pages.join('\n')}
</body></html>
`;
}
