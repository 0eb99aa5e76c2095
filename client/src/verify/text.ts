// The verifier page's own words, in Romanian (the default), English and Russian. The checks keep
// their IDs and the verifier's titles and problems as the CLI prints them.
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
    ro: 'Un export al avizierului (directorul scris de `evotare board export`): alegeți-l sau trageți-l pe pagină',
    en: 'A board export (the directory `evotare board export` writes): choose it, or drop it on the page',
    ru: 'Экспорт доски (каталог, который пишет `evotare board export`): выберите его или перетащите на страницу',
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
  reading: {
    ro: 'Intrări citite: {entries}; loturi verificate pe {threads} fire: {done} din {started}',
    en: 'Entries read: {entries}; batches verified on {threads} threads: {done} of {started}',
    ru: 'Прочитано записей: {entries}; пакетов проверено в {threads} потоках: {done} из {started}',
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
