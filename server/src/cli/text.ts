// What the `evotare` CLI prints of its own — progress lines, results and its errors — in Romanian
// (the default), English and Russian, for the officials' commands; with the messages of reading the
// board (@evotare/verifier/remote/text). The trustee's and the mix node's programs have their own
// (@evotare/trustee, @evotare/mixnode). `{name}` marks a value filled in at run time; the values a
// text needs are part of its type (@evotare/verifier/i18n). Server answers (problem+json) come back
// already localized.
import { type Localized, localizer } from '@evotare/verifier/i18n';
import { REMOTE_TEXT } from '@evotare/verifier/remote/text';

export const TEXT = {
  sampleOpen: {
    ro: 'Alegerile de probă „{id}” sunt deschise. Încercați acești alegători (IDNP, data nașterii, cod):',
    en: 'Sample election "{id}" is open. Try these voters (IDNP, date of birth, code):',
    ru: 'Пробные выборы «{id}» открыты. Попробуйте этих избирателей (IDNP, дата рождения, код):',
  },
  sampleFingerprint: {
    ro: 'Amprenta alegerilor de probă: {fingerprint} (cabina de vot o arată pe cea pe care o calculează din avizier: aceeași)',
    en: 'Election fingerprint of the sample: {fingerprint} (the booth shows the one it computes from the board: the same)',
    ru: 'Отпечаток пробных выборов: {fingerprint} (кабина показывает отпечаток, вычисленный ею по доске: тот же)',
  },
  sampleBrowser: {
    ro: 'Deschideți {url}/ într-un browser (merge și cel al unui telefon) și votați ca unul dintre ei.',
    en: "Open {url}/ in a browser (a phone's will do) and vote as one of them.",
    ru: 'Откройте {url}/ в браузере (подойдёт и телефонный) и проголосуйте от имени одного из них.',
  },
  sampleFiles: {
    ro: 'Fișierele custozilor și ale nodurilor de amestecare ale alegerilor de probă: {dir}',
    en: 'Trustee and mix-node files of the sample: {dir}',
    ru: 'Файлы доверенных лиц и узлов перемешивания пробных выборов: {dir}',
  },
  running: {
    ro: 'e-Votare rulează la {url} — tokenul oficialului în {file}',
    en: 'e-Votare is running at {url} — official token in {file}',
    ru: 'e-Votare работает по адресу {url} — токен должностного лица в {file}',
  },
  runningBootstrap: {
    ro: 'e-Votare rulează la {url} — primul administrator se face cu `evotare officials bootstrap` (pe baza de date)',
    en: 'e-Votare is running at {url} — make the first administrator with `evotare officials bootstrap` (on the database)',
    ru: 'e-Votare работает по адресу {url} — первого администратора создаёт `evotare officials bootstrap` (в базе данных)',
  },

  // --- evotare election end-mixing ---
  mixingEnded: {
    ro: 'Amestecarea alegerilor „{id}” a fost încheiată de funcționari (intrarea {position} a avizierului).',
    en: 'The mixing of "{id}" was ended by officials (board entry {position}).',
    ru: 'Перемешивание выборов «{id}» завершено должностными лицами (запись доски {position}).',
  },
  mixingEndedMixed: {
    ro: 'Au amestecat nodurile: {nodes}',
    en: 'Mixed by the mix nodes: {nodes}',
    ru: 'Перемешали узлы: {nodes}',
  },
  mixingEndedLeftOut: {
    ro: 'Nu au amestecat până la termenul {deadline}: {nodes}',
    en: 'Did not mix by the deadline {deadline}: {nodes}',
    ru: 'Не выполнили перемешивание к сроку {deadline}: {nodes}',
  },
  mixingEndedReason: {
    ro: 'Motivul, publicat în avizier: {reason}',
    en: 'The reason, published on the board: {reason}',
    ru: 'Причина, опубликованная на доске: {reason}',
  },

  // --- roll, codes, board, officials ---
  rollLine: { ro: 'linia {line}: {message}', en: 'line {line}: {message}', ru: 'строка {line}: {message}' },
  rollImported: {
    ro: '{added} alegători adăugați, {refused} linii refuzate; lista are {size} alegători',
    en: '{added} voters added, {refused} lines refused; the roll has {size} voters',
    ru: 'добавлено избирателей: {added}, отклонено строк: {refused}; в списке {size} избирателей',
  },
  codesWritten: {
    ro: '{count} coduri scrise în {file}, scrisorile în {files} fișier(e): {names}',
    en: '{count} codes written to {file}, letters in {files} file(s): {names}',
    ru: 'кодов записано: {count}, в {file}; письма в файлах ({files}): {names}',
  },
  noFingerprintYet: {
    ro: 'alegerile „{id}” nu au încă o cheie electorală, deci nici amprentă: scrisorile tipăresc amprenta alegerilor, care există doar după ceremonia cheilor (închideți-o cu `evotare election close-phase`)',
    en: 'election "{id}" has no election key yet, so no fingerprint: letters print the election fingerprint, which exists only once the key ceremony has ended (close it with `evotare election close-phase`)',
    ru: 'у выборов «{id}» ещё нет ключа выборов, а значит и отпечатка: письма печатают отпечаток выборов, который появляется только после церемонии ключей (завершите её командой `evotare election close-phase`)',
  },
  lettersFingerprint: {
    ro: 'scrisorile tipăresc amprenta alegerilor {fingerprint}, de comparat cu cea publicată pe {page}',
    en: 'the letters print the election fingerprint {fingerprint}, to compare with the one published at {page}',
    ru: 'письма печатают отпечаток выборов {fingerprint} для сравнения с опубликованным на {page}',
  },
  fingerprintMismatch: {
    ro: 'amprenta calculată din avizier, {computed}, nu este cea așteptată ({expected}): nu se tipărește nimic',
    en: 'the fingerprint computed from the board, {computed}, is not the one expected ({expected}): nothing is printed',
    ru: 'отпечаток, вычисленный по доске, {computed}, не совпадает с ожидаемым ({expected}): ничего не печатается',
  },
  fingerprintShown: {
    ro: 'Amprenta alegerilor „{id}” (calculată din avizierul verificat):\n  {short}\nforma lungă:\n  {long}',
    en: 'Election fingerprint of "{id}" (computed from the checked board):\n  {short}\nlong form:\n  {long}',
    ru: 'Отпечаток выборов «{id}» (вычислен по проверенной доске):\n  {short}\nполная форма:\n  {long}',
  },
  exportProgress: { ro: '{done}/{total} intrări', en: '{done}/{total} entries', ru: '{done}/{total} записей' },
  boardExported: {
    ro: '{size} intrări în {files} fișiere scrise în {dir}',
    en: '{size} entries in {files} files written to {dir}',
    ru: '{size} записей в {files} файлах записано в {dir}',
  },
  officialAdded: {
    ro: 'oficialul {name}: tokenul {token}\n(afișat o singură dată; transmiteți-l lui {name} pe un canal sigur)',
    en: 'official {name}: token {token}\n(shown once; give it to {name} over a safe channel)',
    ru: 'должностное лицо {name}: токен {token}\n(показан один раз; передайте его {name} по надёжному каналу)',
  },
  officialRole: {
    ro: 'rol: {role}; tokenul expiră: {expires}',
    en: 'role: {role}; the token expires: {expires}',
    ru: 'роль: {role}; токен истекает: {expires}',
  },
  officialActive: { ro: 'activ', en: 'active', ru: 'активен' },
  officialExpired: { ro: 'expirat', en: 'expired', ru: 'истёк' },
  officialRevokedAt: { ro: 'revocat la {time}', en: 'revoked at {time}', ru: 'отозван {time}' },
  officialRevoked: {
    ro: 'tokenul oficialului {name} este revocat de acum înainte',
    en: 'the token of official {name} is revoked from now on',
    ru: 'токен должностного лица {name} отозван с этого момента',
  },
  bootstrapRefused: {
    ro: 'există deja un administrator activ ({names}): el poate adăuga oficiali cu `evotare officials add`',
    en: 'an administrator is already active ({names}): they can add officials with `evotare officials add`',
    ru: 'активный администратор уже есть ({names}): он может добавить должностных лиц командой `evotare officials add`',
  },
  officialNameTaken: {
    ro: 'există deja un oficial numit {name}: alegeți alt nume cu --name',
    en: 'an official named {name} already exists: choose another name with --name',
    ru: 'должностное лицо {name} уже существует: выберите другое имя через --name',
  },
  bootstrapWritten: {
    ro: 'primul administrator, {name}: tokenul în {file} (transmiteți-l pe un canal sigur, apoi ștergeți fișierul)',
    en: 'first administrator, {name}: the token is in {file} (hand it over on a safe channel, then delete the file)',
    ru: 'первый администратор, {name}: токен в {file} (передайте его по надёжному каналу, затем удалите файл)',
  },
  tokenPrompt: {
    ro: 'Tokenul oficialului (nu se afișează): ',
    en: "Official's token (not shown): ",
    ru: 'Токен должностного лица (не отображается): ',
  },
  tokenFileMissing: {
    ro: 'fișierul cu token {file} nu există',
    en: 'the token file {file} does not exist',
    ru: 'файл с токеном {file} не существует',
  },
} as const satisfies Record<string, Localized>;

const CLI_TEXT = { ...REMOTE_TEXT, ...TEXT };
export type CliText = typeof CLI_TEXT;
export type CliTextKey = keyof CliText & string;

export const { text, translate } = localizer(CLI_TEXT);
