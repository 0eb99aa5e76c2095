// Printable activation letters as PDF (pdfkit): one A4 page per voter, addressed for a window
// envelope (DIN 5008 / C5-C6 window on the left) with the postal address from the roll, in
// Romanian with English and Russian below. The code is in large type and as a QR code (qrcode's
// matrix drawn as vector squares) that opens the booth's activation page with the code filled in;
// the code goes in the URL's fragment, which browsers never send to a server. The IDNP is not
// printed: the voter knows it, and a letter can be lost. Every letter prints the voting window, the
// helpline, and the election fingerprint (short form, docs/SPEC.md §7.4) with where to compare it:
// the booth shows the one it computed from the board, the CEC's website the one the CEC published;
// a booth that shows another is not to be used. The font is DejaVu Sans (dejavu-fonts-ttf), which
// has the Romanian and Cyrillic letters and is embedded, so the file prints the same anywhere.

import { createRequire } from 'node:module';
import type { LocalizedString } from '@evotare/crypto/manifest';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { IssuedCode } from './credentials.ts';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
const FONT_MONO = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono-Bold.ttf');

export function activationUrl(baseUrl: string, electionId: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/#/activate/${encodeURIComponent(electionId)}?code=${encodeURIComponent(code)}`;
}

type Lang = 'ro' | 'en' | 'ru';
const LANGS: readonly Lang[] = ['ro', 'en', 'ru'];

const TEXT = {
  ro: {
    greeting: (name: string) => `Stimate alegător / Stimată alegătoare ${name},`,
    body: 'Puteți vota prin internet. Deschideți adresa de mai jos sau scanați codul QR, apoi introduceți IDNP-ul, data nașterii și codul de activare. Codul se folosește o singură dată; nu-l arătați nimănui. Dacă vă pierdeți telefonul sau calculatorul, cereți un cod nou la misiunea diplomatică sau la CEC.',
    code: 'Codul de activare',
    fingerprint: 'Amprenta alegerilor',
    compare: (site: string) =>
      `Pagina de vot vă arată amprenta alegerilor, iar CEC o publică pe ${site}. Comparați-le cu cea de pe această scrisoare: trebuie să fie aceleași. Dacă diferă, nu votați și anunțați CEC.`,
    window: 'Votarea prin internet',
    from: 'de la',
    to: 'până la',
    helpline: 'Asistență',
  },
  en: {
    greeting: (name: string) => `Dear voter ${name},`,
    body: 'You can vote over the internet. Open the address below or scan the QR code, then enter your IDNP, date of birth and activation code. The code works once; show it to nobody. If you lose your phone or computer, ask the embassy or the CEC for a new code.',
    code: 'Activation code',
    fingerprint: 'Election fingerprint',
    compare: (site: string) =>
      `The voting page shows the election fingerprint, and the CEC publishes it at ${site}. Compare them with the one on this letter: they must be the same. If they differ, do not vote; tell the CEC.`,
    window: 'Internet voting',
    from: 'from',
    to: 'to',
    helpline: 'Help',
  },
  ru: {
    greeting: (name: string) => `Уважаемый избиратель / Уважаемая избирательница ${name},`,
    body: 'Вы можете проголосовать через интернет. Откройте адрес ниже или отсканируйте QR-код, затем введите IDNP, дату рождения и код активации. Код действует один раз; никому его не показывайте. Если вы потеряете телефон или компьютер, запросите новый код в посольстве или в ЦИК.',
    code: 'Код активации',
    fingerprint: 'Отпечаток выборов',
    compare: (site: string) =>
      `Страница голосования показывает отпечаток выборов, а ЦИК публикует его на ${site}. Сравните их с отпечатком в этом письме: они должны совпадать. Если они различаются, не голосуйте и сообщите в ЦИК.`,
    window: 'Голосование через интернет',
    from: 'с',
    to: 'до',
    helpline: 'Помощь',
  },
} as const;

const AUTHORITY = 'Comisia Electorală Centrală a Republicii Moldova';

/** What every letter of an election prints besides the voter's own lines. */
export interface LetterContext {
  readonly election: { readonly id: string; readonly title: LocalizedString };
  /** The booth's address (and the QR code's). */
  readonly boothUrl: string;
  /** The election fingerprint's short form (formatFingerprint), computed from the checked board. */
  readonly fingerprint: string;
  /** The CEC website address where the fingerprint is published. */
  readonly fingerprintPage: string;
  /** The manifest's voting window (UTC). */
  readonly votingWindow: { readonly opens: string; readonly closes: string };
  /** The helpline: a phone number, an address, whatever the CEC prints (one line). */
  readonly helpline: string;
  /** The sender's address printed above the recipient's in the envelope window. */
  readonly returnAddress: string;
}

/** The moment in Moldova's time, as each language writes it, with the zone named. */
function moldovaTime(iso: string, lang: Lang): string {
  const locale = { ro: 'ro-MD', en: 'en-GB', ru: 'ru-MD' }[lang];
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Chisinau',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** The voting window in Moldova's time and the helpline, a line per language (the same on every letter). */
export function scheduleLines(context: Pick<LetterContext, 'votingWindow' | 'helpline'>): Record<Lang, string> {
  const line = (l: Lang) =>
    `${TEXT[l].window}: ${TEXT[l].from} ${moldovaTime(context.votingWindow.opens, l)} ${TEXT[l].to} ${moldovaTime(context.votingWindow.closes, l)}. ${TEXT[l].helpline}: ${context.helpline}`;
  return { ro: line('ro'), en: line('en'), ru: line('ru') };
}

// A4 in points, and the window of a C5/C6 envelope (DIN 5008 form B: 20 mm from the left, 45 mm
// from the top, 85 × 45 mm).
const PAGE = { width: 595.28, height: 841.89, margin: 56 };
const MM = 72 / 25.4;
const WINDOW = { x: 20 * MM, y: 45 * MM, width: 85 * MM, height: 45 * MM };

/**
 * The letters of `codes`, one page each, as one PDF file's bytes. Each file is rendered on its own,
 * so that issuing codes to 300,000 voters never holds more than one batch of letters in memory.
 */
export async function renderLettersPdf(codes: readonly IssuedCode[], context: LetterContext): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    autoFirstPage: false,
    info: { Title: `${context.election.title.ro} — coduri de activare`, Author: AUTHORITY },
  });
  doc.registerFont('text', FONT);
  doc.registerFont('bold', FONT_BOLD);
  doc.registerFont('mono', FONT_MONO);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  const width = PAGE.width - 2 * PAGE.margin;
  const schedule = scheduleLines(context);
  for (const c of codes) {
    doc.addPage();
    // The envelope window: return address in small type, then the voter's name and address.
    doc.font('text').fontSize(7).text(context.returnAddress, WINDOW.x, WINDOW.y, { width: WINDOW.width, lineGap: 0 });
    doc.moveDown(0.6);
    doc.font('bold').fontSize(10).text(c.name, { width: WINDOW.width });
    doc
      .font('text')
      .fontSize(10)
      .text(c.address ?? c.country, { width: WINDOW.width, height: WINDOW.height - 24, ellipsis: true });

    let y = WINDOW.y + WINDOW.height + 14;
    doc.font('bold').fontSize(13).text(context.election.title.ro, PAGE.margin, y, { width });
    doc
      .font('text')
      .fontSize(8.5)
      .fillColor('#444')
      .text(`${context.election.title.en} · ${context.election.title.ru}`);
    doc.fillColor('#000').moveDown(0.6);
    section(doc, 'ro', c.name, width, 10);

    // The code, and its QR code on the right.
    y = doc.y + 6;
    const qrSize = 96;
    const boxHeight = qrSize + 12;
    doc.rect(PAGE.margin, y, width, boxHeight).lineWidth(1).stroke();
    doc
      .font('text')
      .fontSize(8)
      .text(LANGS.map((l) => TEXT[l].code).join(' · '), PAGE.margin + 10, y + 12, { width: width - qrSize - 30 });
    doc
      .font('mono')
      .fontSize(20)
      .text(c.code, { width: width - qrSize - 30 });
    doc
      .font('text')
      .fontSize(9)
      .text(context.boothUrl, { width: width - qrSize - 30 });
    drawQr(
      doc,
      activationUrl(context.boothUrl, context.election.id, c.code),
      PAGE.margin + width - qrSize - 6,
      y + 6,
      qrSize,
    );
    doc.y = y + boxHeight + 8;

    // The fingerprint, boxed, with where to compare it.
    y = doc.y;
    doc.x = PAGE.margin + 10;
    doc
      .font('text')
      .fontSize(8)
      .text(LANGS.map((l) => TEXT[l].fingerprint).join(' · '), PAGE.margin + 10, y + 8, {
        width: width - 20,
      });
    doc
      .font('mono')
      .fontSize(13)
      .text(context.fingerprint, { width: width - 20 });
    for (const l of LANGS)
      doc
        .font('text')
        .fontSize(7.5)
        .text(TEXT[l].compare(context.fingerprintPage), { width: width - 20 });
    const bottom = doc.y + 6;
    doc
      .rect(PAGE.margin, y, width, bottom - y)
      .dash(3, { space: 2 })
      .stroke()
      .undash();
    doc.y = bottom + 8;

    // The voting window and the helpline.
    doc.x = PAGE.margin;
    for (const l of LANGS)
      doc
        .font('text')
        .fontSize(l === 'ro' ? 9.5 : 8.5)
        .text(schedule[l], { width });
    doc.moveDown(0.6);
    section(doc, 'en', c.name, width, 8.5);
    section(doc, 'ru', c.name, width, 8.5);
    doc
      .font('text')
      .fontSize(7)
      .fillColor('#555')
      .text(`${AUTHORITY} · ${c.country}`, PAGE.margin, PAGE.height - PAGE.margin - 10, { width, lineBreak: false })
      .fillColor('#000');
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

function section(doc: PDFKit.PDFDocument, lang: Lang, name: string, width: number, size: number): void {
  doc
    .font('text')
    .fontSize(size)
    .fillColor(lang === 'ro' ? '#000' : '#333');
  doc.text(TEXT[lang].greeting(name), PAGE.margin, doc.y, { width });
  doc.text(TEXT[lang].body, { width });
  doc.fillColor('#000').moveDown(0.4);
}

/** The QR code of `text` as black squares, `size` points wide, with its quiet zone. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 2;
  const cell = size / (modules.size + 2 * quiet);
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell);
    }
  }
  doc.fill('#000');
}
