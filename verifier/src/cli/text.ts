// The messages of the standalone verifier's program (`evotare-verify`, ./program.ts) and of its
// report (../report.ts), in Romanian, English and Russian (../i18n.ts). The checks' titles and
// problems stay as table T15 of docs/SPEC.md words them, with their IDs.
import type { Command } from 'commander';
import { cliLanguage, type Language, type Localized, localizer } from '../i18n.ts';

export const VERIFIER_TEXT = {
  reportTitle: {
    ro: 'Verificatorul e-Votare {version} — {board}',
    en: 'e-Votare verifier {version} — {board}',
    ru: 'Верификатор e-Votare {version} — {board}',
  },
  election: { ro: 'alegerile {id}', en: 'election {id}', ru: 'выборы {id}' },
  fingerprint: {
    ro: 'amprenta alegerilor {fingerprint}',
    en: 'election fingerprint {fingerprint}',
    ru: 'отпечаток выборов {fingerprint}',
  },
  archiveDigest: {
    ro: 'arhiva {file}, SHA-256 {sha256}',
    en: 'archive {file}, SHA-256 {sha256}',
    ru: 'архив {file}, SHA-256 {sha256}',
  },
  more: { ro: '… și încă {count}', en: '… and {count} more', ru: '… и ещё {count}' },
  warning: { ro: 'AVERTISMENT {warning}', en: 'WARNING {warning}', ru: 'ПРЕДУПРЕЖДЕНИЕ {warning}' },
  counts: {
    ro: '{passed} trecute, {failed} eșuate, {notRun} neefectuate — {verdict}',
    en: '{passed} passed, {failed} failed, {notRun} not run — {verdict}',
    ru: 'пройдено: {passed}, не пройдено: {failed}, не выполнено: {notRun} — {verdict}',
  },
  'verdict.verifies': { ro: 'avizierul se verifică', en: 'the board verifies', ru: 'доска проходит проверку' },
  'verdict.does-not-verify': {
    ro: 'AVIZIERUL NU SE VERIFICĂ',
    en: 'THE BOARD DOES NOT VERIFY',
    ru: 'ДОСКА НЕ ПРОХОДИТ ПРОВЕРКУ',
  },
  'verdict.incomplete': {
    ro: 'INCOMPLET: unele verificări nu au putut fi efectuate',
    en: 'INCOMPLETE: some checks could not run',
    ru: 'НЕ ПОЛНОСТЬЮ: некоторые проверки не удалось выполнить',
  },
  couldNotRead: {
    ro: 'NU S-A PUTUT CITI {board}: {problems}\nAceasta nu spune nimic despre alegeri: exportul lipsește sau este deteriorat; descărcați-l sau copiați-l din nou.',
    en: 'COULD NOT READ {board}: {problems}\nThis says nothing about the election: the export is missing or damaged; fetch or copy it again.',
    ru: 'НЕ УДАЛОСЬ ПРОЧИТАТЬ {board}: {problems}\nЭто ничего не говорит о выборах: экспорт отсутствует или повреждён; загрузите или скопируйте его заново.',
  },
  cannotReadReceipt: {
    ro: 'chitanța {file} nu poate fi citită: {reason}',
    en: 'cannot read the receipt {file}: {reason}',
    ru: 'не удаётся прочитать квитанцию {file}: {reason}',
  },
  internalError: {
    ro: 'verificatorul s-a oprit din cauza unei erori proprii (raportați-o): {reason}',
    en: 'the verifier stopped on an error of its own (please report it): {reason}',
    ru: 'верификатор остановился из-за собственной ошибки (сообщите о ней): {reason}',
  },
  fetchEntries: {
    ro: 'intrări descărcate și verificate: {done} din {total}',
    en: 'entries downloaded and checked: {done} of {total}',
    ru: 'загружено и проверено записей: {done} из {total}',
  },
  fetchResumed: {
    ro: 'reluare: {count} intrări de pe disc verificate din nou',
    en: 'resuming: {count} entries on disk checked again',
    ru: 'продолжение: {count} записей на диске проверены заново',
  },
  fetchAttachments: {
    ro: 'atașamente: {done} din {total}',
    en: 'attachments: {done} of {total}',
    ru: 'вложения: {done} из {total}',
  },
  fetchDone: {
    ro: 'avizierul de {size} intrări ({attachments} atașamente) este în {dir}, verificat față de capul de arbore semnat; verificați-l: evotare-verify {dir}',
    en: 'the board of {size} entries ({attachments} attachments) is in {dir}, checked against the signed tree head; verify it: evotare-verify {dir}',
    ru: 'доска из {size} записей (вложений: {attachments}) находится в {dir}, проверена по подписанной вершине дерева; проверьте её: evotare-verify {dir}',
  },
  fetchRefused: {
    ro: 'REFUZAT: {check} {reason}\nServerul a servit un avizier care nu se verifică; ce s-a verificat deja rămâne în {dir}.',
    en: 'REFUSED: {check} {reason}\nThe server served a board that does not check; what was checked so far stays in {dir}.',
    ru: 'ОТКЛОНЕНО: {check} {reason}\nСервер отдал доску, которая не проходит проверку; уже проверенное остаётся в {dir}.',
  },
  fetchCannotRead: {
    ro: 'NU S-A PUTUT DESCĂRCA: {reason}\nRulați din nou aceeași comandă: descărcarea continuă de unde s-a oprit.',
    en: 'COULD NOT FETCH: {reason}\nRun the same command again: the download goes on where it stopped.',
    ru: 'НЕ УДАЛОСЬ ЗАГРУЗИТЬ: {reason}\nЗапустите ту же команду снова: загрузка продолжится с места остановки.',
  },
  archiveWritten: {
    ro: 'arhiva {file} scrisă; SHA-256 {sha256} (și în {file}.sha256)',
    en: 'archive {file} written; SHA-256 {sha256} (also in {file}.sha256)',
    ru: 'архив {file} записан; SHA-256 {sha256} (также в {file}.sha256)',
  },
  archiveDigestMismatch: {
    ro: 'SHA-256 al arhivei {file} este {seen}, nu {expected} cum a fost publicat',
    en: 'the SHA-256 of the archive {file} is {seen}, not {expected} as published',
    ru: 'SHA-256 архива {file} равен {seen}, а не {expected}, как опубликовано',
  },
} as const satisfies Record<string, Localized>;

export const { text, translate } = localizer(VERIFIER_TEXT);

/** The language of a command's messages: the program's --lang, else EVOTARE_LANG, else Romanian. */
export function languageOf(command: Command): Language {
  return cliLanguage(command.optsWithGlobals<{ lang?: string }>().lang);
}
