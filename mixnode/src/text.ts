// What the mix node's program prints of its own — progress lines, results and its errors — in
// Romanian (the default), English and Russian; with the messages of reading the board
// (@evotare/verifier/remote/text). `{name}` marks a value filled in at run time; the values a text
// needs are part of its type (@evotare/verifier/i18n).
import { type Localized, localizer } from '@evotare/verifier/i18n';
import { REMOTE_TEXT } from '@evotare/verifier/remote/text';

export const MIX_TEXT = {
  mixPassphraseMissing: {
    ro: 'dați fraza de acces a fișierului de chei în {variable} sau cu --passphrase-file',
    en: "give the key file's passphrase in {variable} or with --passphrase-file",
    ru: 'укажите парольную фразу файла ключей в {variable} или через --passphrase-file',
  },
  mixKeyExists: {
    ro: '{file} există; un fișier de chei nu se suprascrie niciodată',
    en: '{file} exists; a key file is never overwritten',
    ru: '{file} существует; файл ключей никогда не перезаписывается',
  },
  mixKeyWritten: {
    ro: 'cheia a fost scrisă în {file}; oficialii înregistrează această cheie publică cu `evotare election parties`:',
    en: 'key written to {file}; officials register this public key with `evotare election parties`:',
    ru: 'ключ записан в {file}; организаторы регистрируют этот открытый ключ командой `evotare election parties`:',
  },
  mixAlready: {
    ro: 'nodul de amestecare {node} ({name}) amestecase deja alegerile „{id}”',
    en: 'mix node {node} ({name}) had already mixed election "{id}"',
    ru: 'узел перемешивания {node} ({name}) уже перемешал выборы «{id}»',
  },
  mixDone: {
    ro: 'nodul de amestecare {node} ({name}) a amestecat {rows} rânduri de lățime {width} ale alegerilor „{id}”: intrarea {position} a avizierului',
    en: 'mix node {node} ({name}) mixed {rows} rows of width {width} of election "{id}": board entry {position}',
    ru: 'узел перемешивания {node} ({name}) перемешал {rows} строк ширины {width} выборов «{id}»: запись доски {position}',
  },
  mixingComplete: {
    ro: '; amestecarea s-a încheiat',
    en: '; mixing is complete',
    ru: '; перемешивание завершено',
  },
  times: { ro: 'durate: {list}', en: 'times: {list}', ru: 'время: {list}' },
  stepTime: { ro: '{step} {seconds} s', en: '{step} {seconds} s', ru: '{step} {seconds} с' },
  stepFollowing: { ro: 'urmărire', en: 'following', ru: 'отслеживание' },
  stepBoard: { ro: 'avizier', en: 'board', ru: 'доска' },
  stepShuffle: { ro: 'amestecare', en: 'shuffle', ru: 'перемешивание' },
  stepProve: { ro: 'dovadă', en: 'prove', ru: 'доказательство' },
  stepUpload: { ro: 'încărcare', en: 'upload', ru: 'загрузка' },
  notEd25519: {
    ro: '{file} nu conține o cheie Ed25519',
    en: '{file} does not hold an Ed25519 key',
    ru: '{file} не содержит ключа Ed25519',
  },
  mixWrongPassphrase: {
    ro: 'frază de acces greșită pentru fișierul de chei {file} (sau fișierul a fost modificat)',
    en: 'wrong passphrase for the key file {file} (or the file was altered)',
    ru: 'неверная парольная фраза для файла ключей {file} (или файл был изменён)',
  },
  notMixKeyFile: {
    ro: '{file} nu este un fișier de chei al unui nod de amestecare: {reason}',
    en: '{file} is not a mix-node key file: {reason}',
    ru: '{file} не является файлом ключей узла перемешивания: {reason}',
  },
  noSuchElection: {
    ro: 'serverul nu are alegerile „{id}”',
    en: 'the server has no election "{id}"',
    ru: 'на сервере нет выборов «{id}»',
  },
  noValidManifest: {
    ro: 'alegerile „{id}” nu au încă un manifest valid',
    en: 'election "{id}" has no valid manifest yet',
    ru: 'у выборов «{id}» ещё нет действительного манифеста',
  },
  notAMixNode: {
    ro: 'această cheie ({key}) nu este a unui nod de amestecare al alegerilor „{id}”',
    en: 'this key ({key}) is not a mix node of "{id}"',
    ru: 'этот ключ ({key}) не принадлежит узлу перемешивания выборов «{id}»',
  },
  mixNodeOf: {
    ro: 'nodul de amestecare {node} ({name}) al alegerilor „{id}”',
    en: 'mix node {node} ({name}) of election "{id}"',
    ru: 'узел перемешивания {node} ({name}) выборов «{id}»',
  },
  waitingForClose: {
    ro: 'alegerile sunt în etapa: {state}; se așteaptă închiderea votării și intrarea amestecării',
    en: 'the election is {state}: waiting for voting to close and the mix input',
    ru: 'выборы на этапе: {state}; ожидание закрытия голосования и входа перемешивания',
  },
  gaveUpWaiting: {
    ro: 'așteptarea a fost abandonată: alegerile sunt încă în etapa: {state}',
    en: 'gave up waiting: the election is still {state}',
    ru: 'ожидание прекращено: выборы всё ещё на этапе: {state}',
  },
  stepReadingBoard: {
    ro: 'citirea și verificarea avizierului',
    en: 'reading and checking the board',
    ru: 'чтение и проверка доски',
  },
  stepReadingNew: { ro: 'citirea intrărilor noi', en: 'reading the new entries', ru: 'чтение новых записей' },
  entriesCount: { ro: '{count} intrări', en: '{count} entries', ru: 'записей: {count}' },
  alreadyMixed: {
    ro: 'nodul de amestecare {node} a amestecat deja: rezultatul său este pe avizier',
    en: 'mix node {node} has already mixed: its output is on the board',
    ru: 'узел перемешивания {node} уже выполнил перемешивание: его результат на доске',
  },
  leftOut: {
    ro: 'amestecarea s-a încheiat: acest nod a fost lăsat deoparte',
    en: 'mixing is complete: this node was left out',
    ru: 'перемешивание завершено: этот узел не участвовал',
  },
  nothingToMix: { ro: 'nu este nimic de amestecat', en: 'there is nothing to mix', ru: 'перемешивать нечего' },
  chainChecked: {
    ro: 'verificat: intrarea amestecării și {count} amestecare (amestecări) anterioare; se amestecă {rows} rânduri de lățime {width}',
    en: 'checked: the mix input and {count} earlier shuffle(s); mixing {rows} rows of width {width}',
    ru: 'проверено: вход перемешивания и предыдущие перемешивания ({count}); перемешиваем {rows} строк ширины {width}',
  },
  stepReencrypting: {
    ro: 'recriptare și permutare',
    en: 're-encrypting and permuting',
    ru: 'перешифрование и перестановка',
  },
  stepProving: { ro: 'dovedirea amestecării', en: 'proving the shuffle', ru: 'доказательство перемешивания' },
  stepUploading: {
    ro: 'încărcare (serverul o verifică)',
    en: 'uploading (the server checks it)',
    ru: 'загрузка (сервер её проверяет)',
  },
  unitEntries: { ro: 'intrări', en: 'entries', ru: 'записей' },
  unitChunks: { ro: 'blocuri', en: 'chunks', ru: 'блоков' },
  unitBytes: { ro: 'octeți', en: 'bytes', ru: 'байт' },
  megabytes: { ro: '{size} MB', en: '{size} MB', ru: '{size} МБ' },
  refused: { ro: 'refuzat', en: 'refused', ru: 'отклонено' },
  stepStarted: { ro: '{label} …', en: '{label} …', ru: '{label} …' },
  stepDone: {
    ro: '{label}: gata în {seconds} s',
    en: '{label}: done in {seconds} s',
    ru: '{label}: готово за {seconds} с',
  },
  stepDoneNote: {
    ro: '{label}: gata în {seconds} s ({note})',
    en: '{label}: done in {seconds} s ({note})',
    ru: '{label}: готово за {seconds} с ({note})',
  },
  outputAcceptedFirst: {
    ro: 'rezultatul altui nod de amestecare a fost acceptat mai întâi: se reia de la noua listă curentă',
    en: 'another mix node’s output was accepted first: starting again from the new current list',
    ru: 'первым принят результат другого узла перемешивания: начинаем заново с нового текущего списка',
  },
  outputRefused: {
    ro: 'serverul a refuzat rezultatul: {reason}',
    en: 'the server refused the output: {reason}',
    ru: 'сервер отклонил результат: {reason}',
  },
} as const satisfies Record<string, Localized>;

export const { text, translate } = localizer({ ...REMOTE_TEXT, ...MIX_TEXT });
