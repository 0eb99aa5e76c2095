// The verifier page's own words, in Romanian (the default), English and Russian. The checks keep
// their IDs, and their titles in the page's language as the CLI prints them with --lang
// (verifier/src/cli/check-titles.ts); their problems and summaries stay as the verifier words them.
export const LANGUAGES = ['ro', 'en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

export const PAGE_TEXT = {
  title: {
    ro: 'Verificați alegerile',
    en: 'Verify the election',
    ru: 'Проверьте выборы',
  },
  intro: {
    ro: 'Această pagină rulează, în browserul dvs., aceleași verificări ca verificatorul independent (evotare-verify), pe avizierul public: fiecare dovadă, fiecare buletin, fiecare numărare. Nimic nu este trimis nicăieri.',
    en: 'This page runs, in your browser, the same checks as the standalone verifier (evotare-verify) on the public bulletin board: every proof, every ballot, every count. Nothing is sent anywhere.',
    ru: 'Эта страница выполняет в вашем браузере те же проверки, что и независимый верификатор (evotare-verify), на публичной доске: каждое доказательство, каждый бюллетень, каждый подсчёт. Ничего никуда не отправляется.',
  },
  fromFiles: {
    ro: 'Un export al avizierului: directorul scris de `evotare board export` (alegeți-l sau trageți-l pe pagină)',
    en: 'A board export: the directory `evotare board export` writes (choose it, or drop it on the page)',
    ru: 'Экспорт доски: каталог, который пишет `evotare board export` (выберите его или перетащите на страницу)',
  },
  directory: { ro: 'Directorul exportului', en: 'The export’s directory', ru: 'Каталог экспорта' },
  fromArchive: {
    ro: 'Sau arhiva pe care o publică CEC (.tar sau .tar.gz, scrisă de `evotare-verify archive`; alegeți-o sau trageți-o pe pagină)',
    en: 'Or the archive the CEC publishes (.tar or .tar.gz, written by `evotare-verify archive`; choose it, or drop it on the page)',
    ru: 'Или архив, который публикует ЦИК (.tar или .tar.gz, его пишет `evotare-verify archive`; выберите его или перетащите на страницу)',
  },
  archive: { ro: 'Fișierul arhivei', en: 'The archive file', ru: 'Файл архива' },
  archiveSha256: {
    ro: 'SHA-256 publicat de CEC pentru arhivă (opțional)',
    en: 'The SHA-256 the CEC published for the archive (optional)',
    ru: 'SHA-256 архива, опубликованный ЦИК (необязательно)',
  },
  archiveSha256Form: {
    ro: 'SHA-256 are 64 de cifre hexazecimale (0–9, a–f), ca în fișierul .sha256 publicat.',
    en: 'A SHA-256 has 64 hexadecimal digits (0–9, a–f), as in the published .sha256 file.',
    ru: 'SHA-256 состоит из 64 шестнадцатеричных цифр (0–9, a–f), как в опубликованном файле .sha256.',
  },
  readingArchive: {
    ro: 'Se citește arhiva {name}: {read} din {size} MB',
    en: 'Reading the archive {name}: {read} of {size} MB',
    ru: 'Чтение архива {name}: {read} из {size} МБ',
  },
  verifyArchive: { ro: 'Verificați arhiva', en: 'Verify the archive', ru: 'Проверить архив' },
  noArchive: {
    ro: 'Alegeți mai întâi fișierul arhivei.',
    en: 'Choose the archive file first.',
    ru: 'Сначала выберите файл архива.',
  },
  couldNotRead: {
    ro: 'NU S-A PUTUT CITI {board}: {problems}\nAceasta nu spune nimic despre alegeri: exportul lipsește sau este deteriorat; descărcați-l sau copiați-l din nou.',
    en: 'COULD NOT READ {board}: {problems}\nThis says nothing about the election: the export is missing or damaged; fetch or copy it again.',
    ru: 'НЕ УДАЛОСЬ ПРОЧИТАТЬ {board}: {problems}\nЭто ничего не говорит о выборах: экспорт отсутствует или повреждён; загрузите или скопируйте его заново.',
  },
  archiveZip: {
    ro: 'este o arhivă ZIP; pagina citește arhiva .tar (sau .tar.gz) pe care o publică CEC',
    en: 'it is a ZIP archive; the page reads the .tar archive (or .tar.gz) that the CEC publishes',
    ru: 'это архив ZIP; страница читает архив .tar (или .tar.gz), который публикует ЦИК',
  },
  archiveNotTar: {
    ro: 'nu este o arhivă .tar sau .tar.gz',
    en: 'it is not a .tar or .tar.gz archive',
    ru: 'это не архив .tar или .tar.gz',
  },
  archiveNoBoard: {
    ro: 'arhiva nu conține directorul `evotare-board/`',
    en: 'the archive holds no `evotare-board/` directory',
    ru: 'в архиве нет каталога `evotare-board/`',
  },
  archiveUnreadable: {
    ro: 'arhiva este deteriorată sau trunchiată ({reason})',
    en: 'the archive is damaged or cut short ({reason})',
    ru: 'архив повреждён или обрезан ({reason})',
  },
  archiveDigestMismatch: {
    ro: 'ARHIVA NU ESTE CEA PUBLICATĂ: SHA-256 al arhivei {file} este {seen}, nu {expected} cum a fost publicat',
    en: 'THE ARCHIVE IS NOT THE ONE PUBLISHED: the SHA-256 of the archive {file} is {seen}, not {expected} as published',
    ru: 'АРХИВ НЕ ТОТ, ЧТО ОПУБЛИКОВАН: SHA-256 архива {file} равен {seen}, а не {expected}, как опубликовано',
  },
  archiveSha256Is: { ro: 'SHA-256 al arhivei', en: 'The archive’s SHA-256', ru: 'SHA-256 архива' },
  compareArchive: {
    ro: 'comparați-l cu cel publicat de CEC',
    en: 'compare it with the one the CEC published',
    ru: 'сравните его с опубликованным ЦИК',
  },
  fromServer: { ro: 'Sau de la server', en: 'Or from the server', ru: 'Или с сервера' },
  server: { ro: 'Adresa serverului', en: 'Server address', ru: 'Адрес сервера' },
  election: { ro: 'Alegerea (identificator)', en: 'Election (identifier)', ru: 'Выборы (идентификатор)' },
  receipt: {
    ro: 'Chitanța unui alegător (opțional, fișier JSON)',
    en: 'A voter’s receipt (optional, JSON file)',
    ru: 'Квитанция избирателя (необязательно, файл JSON)',
  },
  fingerprint: {
    ro: 'Amprenta publicată de CEC (opțional)',
    en: 'The fingerprint the CEC published (optional)',
    ru: 'Отпечаток, опубликованный ЦИК (необязательно)',
  },
  verifyFiles: { ro: 'Verificați exportul', en: 'Verify the export', ru: 'Проверить экспорт' },
  verifyServer: { ro: 'Descărcați și verificați', en: 'Download and verify', ru: 'Скачать и проверить' },
  progressBoard: {
    ro: 'Avizierul, lanțul și capetele de arbore, ceremonia cheii (V12, V09): {entries} intrări citite; {threads} fire de lucru',
    en: 'The board, its chain and tree heads, the key ceremony (V12, V09): {entries} entries read; {threads} worker threads',
    ru: 'Доска, её цепочка и вершины дерева, церемония ключа (V12, V09): прочитано записей: {entries}; рабочих потоков: {threads}',
  },
  progressBallots: {
    ro: 'Buletinele (V13.06): {verified} verificate din {read} citite',
    en: 'Ballots (V13.06): {verified} verified of {read} read',
    ru: 'Бюллетени (V13.06): проверено {verified} из {read} прочитанных',
  },
  progressShuffles: {
    ro: 'Dovezile de amestecare (V14.05): {read} ieșiri citite; loturi: {done} din {started}',
    en: 'Shuffle proofs (V14.05): {read} mix outputs read; batches: {done} of {started}',
    ru: 'Доказательства перемешивания (V14.05): прочитано выходов: {read}; пакетов: {done} из {started}',
  },
  progressDecryptions: {
    ro: 'Decriptările parțiale și rezultatul (V14.11 – V14.19): {read} citite; loturi: {done} din {started}',
    en: 'Partial decryptions and the result (V14.11 – V14.19): {read} read; batches: {done} of {started}',
    ru: 'Частичные расшифровки и результат (V14.11 – V14.19): прочитано: {read}; пакетов: {done} из {started}',
  },
  verdictPassed: {
    ro: 'AVIZIERUL SE VERIFICĂ: toate cele {count} verificări au trecut ({seconds} s)',
    en: 'THE BOARD VERIFIES: all {count} checks passed ({seconds} s)',
    ru: 'ДОСКА ПРОХОДИТ ПРОВЕРКУ: все {count} проверок пройдены ({seconds} с)',
  },
  verdictFailed: {
    ro: 'AVIZIERUL NU SE VERIFICĂ: {failed} verificări au eșuat, {notRun} nu au putut rula ({seconds} s)',
    en: 'THE BOARD DOES NOT VERIFY: {failed} checks failed, {notRun} could not run ({seconds} s)',
    ru: 'ДОСКА НЕ ПРОХОДИТ ПРОВЕРКУ: {failed} проверок не пройдено, {notRun} не выполнено ({seconds} с)',
  },
  verdictIncomplete: {
    ro: 'Nicio verificare nu a eșuat; {notRun} nu au putut rula ({seconds} s)',
    en: 'No check failed; {notRun} could not run ({seconds} s)',
    ru: 'Ни одна проверка не провалена; {notRun} не выполнено ({seconds} с)',
  },
  electionId: { ro: 'Alegerea', en: 'Election', ru: 'Выборы' },
  fingerprintIs: { ro: 'Amprenta alegerilor', en: 'Election fingerprint', ru: 'Отпечаток выборов' },
  compareFingerprint: {
    ro: 'comparați-o cu cea publicată de CEC',
    en: 'compare it with the one the CEC published',
    ru: 'сравните его с опубликованным ЦИК',
  },
  passed: { ro: 'trecută', en: 'passed', ru: 'пройдена' },
  failed: { ro: 'EȘUATĂ', en: 'FAILED', ru: 'НЕ ПРОЙДЕНА' },
  'not-run': { ro: 'nerulată', en: 'not run', ru: 'не выполнена' },
  check: { ro: 'Verificarea', en: 'Check', ru: 'Проверка' },
  outcome: { ro: 'Rezultat', en: 'Outcome', ru: 'Итог' },
  what: { ro: 'Ce se verifică', en: 'What is checked', ru: 'Что проверяется' },
  receiptNotJson: {
    ro: 'Fișierul {name} nu este o chitanță: o chitanță este fișierul JSON salvat de cabina de vot. Alegeți-l din nou.',
    en: 'The file {name} is not a receipt: a receipt is the JSON file the voting booth saved. Choose it again.',
    ru: 'Файл {name} — не квитанция: квитанция — это файл JSON, сохранённый кабиной для голосования. Выберите его снова.',
  },
  noFiles: {
    ro: 'Alegeți mai întâi directorul exportului.',
    en: 'Choose the export’s directory first.',
    ru: 'Сначала выберите каталог экспорта.',
  },
  error: { ro: 'Eroare: {message}', en: 'Error: {message}', ru: 'Ошибка: {message}' },
} as const satisfies Record<string, Readonly<Record<Language, string>>>;

export type PageTextKey = keyof typeof PAGE_TEXT;

export function translate(language: Language, key: PageTextKey, values: Record<string, string | number> = {}): string {
  return PAGE_TEXT[key][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
