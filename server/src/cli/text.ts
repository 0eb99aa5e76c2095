// What the `evotare` CLI prints of its own — progress lines, results and its errors — in Romanian
// (the default), English and Russian, for the officials' commands and for the trustee and mix-node
// programs. `{name}` marks a value filled in at run time; the values a text needs are part of its
// type, so a missing translation or a missing value is a type error (text.test.ts checks that the
// three languages of a text have the same placeholders). Server answers (problem+json) come back
// already localized; reasons computed by the crypto checks (V12.02 …) stay as the checks word them.
import { isLanguage, type Language, type Localized } from '../http/i18n.ts';

export type { Language, Localized };

export const TEXT = {
  // --- common ---
  error: { ro: 'eroare: {message}', en: 'error: {message}', ru: 'ошибка: {message}' },
  none: { ro: 'niciunul', en: 'none', ru: 'нет' },
  unreachable: {
    ro: 'serverul de la {server} nu poate fi contactat: {reason}',
    en: 'cannot reach the server at {server}: {reason}',
    ru: 'не удаётся связаться с сервером {server}: {reason}',
  },
  v1401: { ro: 'V14.01 {reason}', en: 'V14.01 {reason}', ru: 'V14.01 {reason}' },
  boardDoesNotVerify: {
    ro: 'avizierul nu se verifică: {reason}',
    en: 'the board does not verify: {reason}',
    ru: 'доска не проходит проверку: {reason}',
  },
  cannotReadPassphraseFile: {
    ro: 'fișierul cu fraza de acces {file} nu poate fi citit: {reason}',
    en: 'cannot read the passphrase file {file}: {reason}',
    ru: 'не удаётся прочитать файл с парольной фразой {file}: {reason}',
  },
  cannotReadKeyFile: {
    ro: 'fișierul de chei {file} nu poate fi citit: {reason}',
    en: 'cannot read the key file {file}: {reason}',
    ru: 'не удаётся прочитать файл ключей {file}: {reason}',
  },

  // --- evotare serve --sample ---
  sampleOpen: {
    ro: 'Alegerile de probă „{id}” sunt deschise. Încercați acești alegători (IDNP, data nașterii, cod):',
    en: 'Sample election "{id}" is open. Try these voters (IDNP, date of birth, code):',
    ru: 'Пробные выборы «{id}» открыты. Попробуйте этих избирателей (IDNP, дата рождения, код):',
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

  // --- attachments and the board, as the trustee and the mix node read them ---
  attachmentEmpty: {
    ro: 'atașamentul {name}: răspuns gol',
    en: 'attachment {name}: empty response',
    ru: 'вложение {name}: пустой ответ',
  },
  attachmentTooLong: {
    ro: 'atașamentul {name}: mai mult decât cei {bytes} octeți declarați de intrarea sa',
    en: 'attachment {name}: more than the {bytes} bytes its entry states',
    ru: 'вложение {name}: больше {bytes} байт, указанных в его записи',
  },
  attachmentSize: {
    ro: 'atașamentul {name}: {received} octeți, intrarea sa declară {bytes}',
    en: 'attachment {name}: {received} bytes, its entry states {bytes}',
    ru: 'вложение {name}: {received} байт, а в его записи указано {bytes}',
  },
  attachmentDigest: {
    ro: 'atașamentul {name}: amprenta sa nu este identificatorul său',
    en: 'attachment {name}: its digest is not its id',
    ru: 'вложение {name}: его хеш не совпадает с его идентификатором',
  },
  treeHeadMalformed: {
    ro: 'capul arborelui avizierului este malformat',
    en: 'the board’s tree head is malformed',
    ru: 'вершина дерева доски имеет неверный формат',
  },
  treeHeadUnsigned: {
    ro: 'capul arborelui avizierului nu este semnat cu cheia autorității din manifest',
    en: 'the board’s tree head is not signed by the authority key of the manifest',
    ru: 'вершина дерева доски не подписана ключом органа из манифеста',
  },
  boardShrank: {
    ro: 'avizierul s-a micșorat de la {from} la {to} intrări',
    en: 'the board shrank from {from} to {to} entries',
    ru: 'доска уменьшилась с {from} до {to} записей',
  },
  boardEndsEarly: {
    ro: 'avizierul se termină la {size}, capul său spune {head}',
    en: 'the board ends at {size}, its head says {head}',
    ru: 'доска заканчивается на {size}, а её вершина указывает {head}',
  },
  entryMalformed: { ro: 'intrarea {seq}: {reason}', en: 'entry {seq}: {reason}', ru: 'запись {seq}: {reason}' },
  chainBreaks: {
    ro: 'lanțul de hash-uri (V12.02 – V12.06) se rupe: {reason}',
    en: 'the hash chain (V12.02 – V12.06) breaks: {reason}',
    ru: 'цепочка хешей (V12.02 – V12.06) нарушена: {reason}',
  },
  rootMismatch: {
    ro: 'V12.09 intrările avizierului nu au rădăcina capului său de arbore semnat',
    en: 'V12.09 the board’s entries do not have the root of its signed tree head',
    ru: 'V12.09 корень записей доски не совпадает с корнем её подписанной вершины дерева',
  },

  // --- the trustee's program ---
  keysSealed: {
    ro: 'cheile sunt sigilate în {file}; transmiteți cheile publice de mai sus oficialilor electorali',
    en: 'keys sealed in {file}; give the public keys above to the election officials',
    ru: 'ключи запечатаны в {file}; передайте открытые ключи выше организаторам выборов',
  },
  noPassphrase: {
    ro: 'lipsește fraza de acces: setați {variable} sau dați --passphrase-file FIȘIER',
    en: 'no passphrase: set {variable} or pass --passphrase-file FILE',
    ru: 'нет парольной фразы: задайте {variable} или укажите --passphrase-file ФАЙЛ',
  },
  keyFileExists: {
    ro: '{file} există deja; alegeți alt fișier (cheile nu se înlocuiesc niciodată)',
    en: '{file} exists already; choose another file (keys are never replaced)',
    ru: '{file} уже существует; выберите другой файл (ключи никогда не заменяются)',
  },
  cannotWrite: {
    ro: '{file} nu poate fi scris: {reason}',
    en: 'cannot write {file}: {reason}',
    ru: 'не удаётся записать {file}: {reason}',
  },
  cannotOpenKeyFile: {
    ro: 'fișierul de chei {file} nu poate fi deschis: {reason}',
    en: 'cannot open the key file {file}: {reason}',
    ru: 'не удаётся открыть файл ключей {file}: {reason}',
  },
  wrongPassphrase: {
    ro: 'frază de acces greșită (sau fișierul a fost modificat)',
    en: 'wrong passphrase (or the file was altered)',
    ru: 'неверная парольная фраза (или файл был изменён)',
  },
  notTrusteeKeyFile: {
    ro: 'fișierul de chei {file} nu conține cheile unui custode',
    en: "the key file {file} does not hold a trustee's keys",
    ru: 'файл ключей {file} не содержит ключей доверенного лица',
  },
  notATrustee: {
    ro: 'acest fișier de chei nu este al unuia dintre custozii alegerilor „{id}”',
    en: 'this key file is not one of the trustees of the election "{id}"',
    ru: 'этот файл ключей не принадлежит ни одному из доверенных лиц выборов «{id}»',
  },
  otherEncryptionKey: {
    ro: 'custodele {index} al alegerilor „{id}” are cheia dvs. de semnare, dar altă cheie de criptare',
    en: 'trustee {index} of "{id}" has your signing key but another encryption key',
    ru: 'у доверенного лица {index} выборов «{id}» ваш ключ подписи, но другой ключ шифрования',
  },
  notInCeremony: {
    ro: 'acest fișier de chei nu a participat la ceremonia cheilor alegerilor „{id}”',
    en: 'this key file has not taken part in the key ceremony of "{id}"',
    ru: 'этот файл ключей не участвовал в церемонии ключей выборов «{id}»',
  },
  boundElsewhere: {
    ro: 'acest fișier de chei aparține alegerilor „{bound}”, nu „{id}”; faceți chei noi pentru fiecare alegere',
    en: 'this key file belongs to the election "{bound}", not "{id}"; make new keys for each election',
    ru: 'этот файл ключей относится к выборам «{bound}», а не «{id}»; создавайте новые ключи для каждых выборов',
  },
  noSuchElectionAt: {
    ro: 'serverul de la {server} nu are alegerile „{id}”',
    en: 'the server at {server} has no election "{id}"',
    ru: 'на сервере {server} нет выборов «{id}»',
  },
  noManifestYet: {
    ro: 'alegerile „{id}” nu au încă un manifest',
    en: 'the election "{id}" has no manifest yet',
    ru: 'у выборов «{id}» ещё нет манифеста',
  },
  invalidManifest: {
    ro: 'serverul a trimis un manifest care nu este valid',
    en: 'the server sent a manifest that is not valid',
    ru: 'сервер прислал недействительный манифест',
  },
  otherManifest: {
    ro: 'serverul a trimis manifestul altor alegeri ({id})',
    en: 'the server sent the manifest of another election ({id})',
    ru: 'сервер прислал манифест других выборов ({id})',
  },
  trusteeOf: {
    ro: 'custodele {index} din {count} în „{id}”',
    en: 'trustee {index} of {count} in "{id}"',
    ru: 'доверенное лицо {index} из {count} в «{id}»',
  },
  waitingForDealers: {
    ro: 'se așteaptă ca ceilalți custozi să își distribuie părțile: rulați din nou această comandă după ce au făcut-o',
    en: 'waiting for the other trustees to deal: run this command again once they have',
    ru: 'ожидание раздачи долей другими доверенными лицами: запустите эту команду снова, когда они это сделают',
  },
  phaseStillOpen: {
    ro: 'faza {phase} este încă deschisă: rulați din nou această comandă după ce oficialii o închid',
    en: 'the {phase} phase is still open: run this command again once the officials have closed it',
    ru: 'этап «{phase}» ещё открыт: запустите эту команду снова, когда организаторы его закроют',
  },
  phaseComplaints: { ro: 'plângerilor', en: 'complaints', ru: 'жалобы' },
  phaseResolution: { ro: 'soluționării', en: 'resolution', ru: 'разрешение жалоб' },
  'state.draft': { ro: 'pregătire', en: 'draft', ru: 'подготовка' },
  'state.key-ceremony': { ro: 'ceremonia cheilor', en: 'key-ceremony', ru: 'церемония ключей' },
  'state.open': { ro: 'votare', en: 'open', ru: 'голосование' },
  'state.closed': { ro: 'votare încheiată', en: 'closed', ru: 'голосование завершено' },
  'state.mixing': { ro: 'amestecare', en: 'mixing', ru: 'перемешивание' },
  'state.decrypting': { ro: 'decriptare', en: 'decrypting', ru: 'расшифровка' },
  'state.tallied': { ro: 'rezultat publicat', en: 'tallied', ru: 'результат опубликован' },
  didNotDeal: {
    ro: 'nu v-ați distribuit părțile înainte de închiderea fazei de distribuire: nu veți fi dealer, dar veți primi totuși o parte',
    en: 'you did not deal before the dealing phase closed: you will not be a dealer, but will still get a share',
    ru: 'вы не раздали доли до закрытия этапа раздачи: вы не будете раздающим, но всё равно получите долю',
  },
  sharesChecked: {
    ro: 'părți verificate: valabile de la custodele (custozii) {list}',
    en: 'shares checked: valid from trustee(s) {list}',
    ru: 'доли проверены: действительны от доверенных лиц {list}',
  },
  complaintPosted: {
    ro: 'plângere depusă împotriva custodelui {dealer} ({reason})',
    en: 'complaint posted against trustee {dealer} ({reason})',
    ru: 'подана жалоба на доверенное лицо {dealer} ({reason})',
  },
  complaintAnswered: {
    ro: 's-a răspuns la plângerea custodelui {recipient} prin dezvăluirea părții sale',
    en: 'answered the complaint of trustee {recipient} by revealing its share',
    ru: 'дан ответ на жалобу доверенного лица {recipient}: его доля раскрыта',
  },
  unknownPhase: {
    ro: 'ceremonia este într-o fază necunoscută „{phase}”',
    en: 'the ceremony is in an unknown phase "{phase}"',
    ru: 'церемония находится на неизвестном этапе «{phase}»',
  },
  unknownDealing: {
    ro: 'avizierul conține o distribuire a dvs. pe care acest fișier de chei nu o cunoaște: este o copie mai veche a fișierului?',
    en: 'the board holds a dealing of yours that this key file does not know: is it an older copy of the file?',
    ru: 'на доске есть ваша раздача, которой нет в этом файле ключей: не старая ли это копия файла?',
  },
  commitmentsPosted: {
    ro: 'angajamentele au fost publicate',
    en: 'commitments posted',
    ru: 'обязательства опубликованы',
  },
  commitmentsDiffer: {
    ro: 'angajamentele de pe avizier de sub numele dvs. nu sunt cele ale acestui fișier de chei',
    en: 'the commitments on the board under your name are not those of this key file',
    ru: 'обязательства на доске под вашим именем не соответствуют этому файлу ключей',
  },
  sharesPosted: {
    ro: 'părțile au fost publicate, criptate pentru custodele (custozii) {list}',
    en: 'shares posted, encrypted to trustee(s) {list}',
    ru: 'доли опубликованы, зашифрованы для доверенных лиц {list}',
  },
  ceremonyDoesNotVerify: {
    ro: 'ceremonia alegerilor {id} nu se verifică: {reason}',
    en: 'the ceremony on {id} does not verify: {reason}',
    ru: 'церемония выборов {id} не проходит проверку: {reason}',
  },
  announcedKeyDiffers: {
    ro: 'V09.14 cheia alegerilor anunțată de server nu este cea produsă de ceremonia de pe avizier',
    en: 'V09.14 the election key the server announces is not the one the ceremony on the board produced',
    ru: 'V09.14 ключ выборов, объявленный сервером, не тот, что получен церемонией на доске',
  },
  shareSealed: {
    ro: 'partea de cheie a fost derivată și sigilată în fișierul de chei',
    en: 'key share derived and sealed in the key file',
    ru: 'доля ключа вычислена и запечатана в файле ключей',
  },
  otherShare: {
    ro: 'fișierul de chei conține altă parte de cheie decât cea dată de această ceremonie',
    en: 'the key file holds another key share than the one this ceremony gives',
    ru: 'в файле ключей другая доля ключа, чем та, что даёт эта церемония',
  },
  ceremonyComplete: {
    ro: 'ceremonia s-a încheiat: dealeri calificați {list}',
    en: 'ceremony complete: qualified dealers {list}',
    ru: 'церемония завершена: допущенные раздающие {list}',
  },
  electionKey: { ro: 'cheia alegerilor {key}', en: 'election key {key}', ru: 'ключ выборов {key}' },
  verificationKey: {
    ro: 'cheia dvs. de verificare VK_{index} {key}',
    en: 'your verification key VK_{index} {key}',
    ru: 'ваш ключ проверки VK_{index} {key}',
  },
  entryZeroNotManifest: {
    ro: 'V12.07 intrarea 0 nu este manifestul alegerilor',
    en: 'V12.07 entry 0 is not the manifest of the election',
    ru: 'V12.07 запись 0 не является манифестом выборов',
  },
  keyNotCeremonys: {
    ro: 'V09.14 cheia alegerilor nu este cea a ceremoniei',
    en: 'V09.14 the election key is not the ceremony’s',
    ru: 'V09.14 ключ выборов не совпадает с ключом церемонии',
  },
  verificationKeysDiffer: {
    ro: 'V09.15 cheile de verificare de pe avizier nu sunt cele ale ceremoniei',
    en: 'V09.15 the verification keys on the board are not the ceremony’s',
    ru: 'V09.15 ключи проверки на доске не совпадают с ключами церемонии',
  },
  ceremonyVerified: {
    ro: 'ceremonia cheilor verificată: dealeri calificați {list}',
    en: 'key ceremony verified: qualified dealers {list}',
    ru: 'церемония ключей проверена: допущенные раздающие {list}',
  },
  noMixInput: {
    ro: 'nu există o intrare mix-input: votarea nu s-a încheiat',
    en: 'there is no mix-input entry: voting has not closed',
    ru: 'нет записи mix-input: голосование не завершено',
  },
  mixInputRecomputed: {
    ro: 'intrarea amestecării recalculată din avizier: {count} buletine numărate din {received} primite',
    en: 'mix input recomputed from the board: {count} ballots counted of {received} received',
    ru: 'вход перемешивания пересчитан по доске: учтено {count} бюллетеней из {received} полученных',
  },
  shuffleVerified: {
    ro: 'nodul de amestecare {node} ({name}): dovada amestecării și semnătura verificate',
    en: 'mix node {node} ({name}): shuffle proof and signature verified',
    ru: 'узел перемешивания {node} ({name}): доказательство перемешивания и подпись проверены',
  },
  mixingIncomplete: {
    ro: 'amestecarea nu s-a încheiat: încă nu există o listă finală de decriptat',
    en: 'mixing is not complete: there is no final list to decrypt yet',
    ru: 'перемешивание не завершено: окончательного списка для расшифровки ещё нет',
  },
  noKeyShare: {
    ro: 'acest fișier de chei nu conține o parte de cheie: încheiați mai întâi ceremonia cheilor (evotare trustee ceremony)',
    en: 'this key file holds no key share: finish the key ceremony first (evotare trustee ceremony)',
    ru: 'в этом файле ключей нет доли ключа: сначала завершите церемонию ключей (evotare trustee ceremony)',
  },
  alreadyTallied: {
    ro: 'rezultatul alegerilor „{id}” este deja publicat: nu a mai rămas nimic de decriptat',
    en: 'the result of "{id}" is published already: nothing is left to decrypt',
    ru: 'результат выборов «{id}» уже опубликован: расшифровывать больше нечего',
  },
  notDecrypting: {
    ro: 'alegerile „{id}” sunt în etapa: {state}; custozii decriptează doar lista finală amestecată a unor alegeri închise, după încheierea amestecării',
    en: 'the election "{id}" is {state}: trustees decrypt only the final mixed list of a closed election, once mixing is complete',
    ru: 'выборы «{id}» на этапе: {state}; доверенные лица расшифровывают только окончательный перемешанный список закрытых выборов после завершения перемешивания',
  },
  noElectionKey: {
    ro: 'alegerile nu au o cheie a alegerilor',
    en: 'the election has no election key',
    ru: 'у выборов нет ключа выборов',
  },
  checkingBoard: {
    ro: 'custodele {index} din {count} în „{id}”: se verifică avizierul',
    en: 'trustee {index} of {count} in "{id}": checking the board',
    ru: 'доверенное лицо {index} из {count} в «{id}»: проверка доски',
  },
  barReadingBoard: { ro: 'citirea avizierului', en: 'reading the board', ru: 'чтение доски' },
  barDecrypting: { ro: 'decriptarea', en: 'decrypting', ru: 'расшифровка' },
  notYourShare: {
    ro: 'partea de cheie din acest fișier nu este a custodelui {index} (x·G ≠ VK_{index})',
    en: 'the key share in this file is not that of trustee {index} (x·G ≠ VK_{index})',
    ru: 'доля ключа в этом файле не принадлежит доверенному лицу {index} (x·G ≠ VK_{index})',
  },
  alreadyPosted: {
    ro: 'decriptarea dvs. parțială este deja pe avizier, la poziția {seq}',
    en: 'your partial decryption is on the board already, at position {seq}',
    ru: 'ваша частичная расшифровка уже на доске, в позиции {seq}',
  },
  nothingToDecrypt: {
    ro: 'niciun buletin nu se numără în aceste alegeri: nu este nimic de decriptat',
    en: 'no ballot counts in this election: there is nothing to decrypt',
    ru: 'в этих выборах не учтено ни одного бюллетеня: расшифровывать нечего',
  },
  finalList: {
    ro: 'lista finală {digest}: {count} buletine cu {width} scrutin(e)',
    en: 'final list {digest}: {count} ballots of {width} contest(s)',
    ru: 'окончательный список {digest}: {count} бюллетеней, вопросов: {width}',
  },
  decryptionComputed: {
    ro: 'decriptarea parțială calculată în {seconds} s pe {threads} fir(e) de execuție; se publică',
    en: 'partial decryption computed in {seconds} s on {threads} thread(s); posting it',
    ru: 'частичная расшифровка вычислена за {seconds} с в {threads} потоках; публикуем её',
  },
  decryptionAccepted: {
    ro: 'decriptarea parțială acceptată la poziția {position} ({count} din cele {threshold} necesare)',
    en: 'partial decryption accepted at position {position} ({count} of the {threshold} needed)',
    ru: 'частичная расшифровка принята в позиции {position} ({count} из {threshold} необходимых)',
  },
  resultPublished: {
    ro: 'rezultatul este publicat la poziția {position}',
    en: 'the result is published at position {position}',
    ru: 'результат опубликован в позиции {position}',
  },

  // --- the mix node's program ---
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
  manifestHashDiffers: {
    ro: 'amprenta manifestului dată de server nu este cea a manifestului',
    en: 'the server’s manifest hash is not the manifest’s',
    ru: 'хеш манифеста, присланный сервером, не совпадает с хешем манифеста',
  },
  noElectionKeyYet: {
    ro: 'alegerile „{id}” nu au încă o cheie a alegerilor',
    en: 'election "{id}" has no election key yet',
    ru: 'у выборов «{id}» ещё нет ключа выборов',
  },
  entryNotManifest: {
    ro: 'V12.07 intrarea {seq} nu este manifestul alegerilor',
    en: "V12.07 entry {seq} is not the election's manifest",
    ru: 'V12.07 запись {seq} не является манифестом выборов',
  },
  electionKeyEntryDiffers: {
    ro: 'intrarea election-key nu conține cheia alegerilor',
    en: 'the election-key entry is not the election key',
    ru: 'запись election-key не содержит ключа выборов',
  },
  mixOutputBeforeInput: {
    ro: 'V14.04 intrarea mix-output {seq} este înaintea intrării amestecării',
    en: 'V14.04 mix-output entry {seq} before the mix input',
    ru: 'V14.04 запись mix-output {seq} раньше входа перемешивания',
  },
  completedBeforeInput: {
    ro: 'V14.06 intrarea mixing-completed {seq} este înaintea intrării amestecării',
    en: 'V14.06 mixing-completed entry {seq} before the mix input',
    ru: 'V14.06 запись mixing-completed {seq} раньше входа перемешивания',
  },
  secondMixInput: {
    ro: 'V14.03 o a doua intrare mix-input ({seq})',
    en: 'V14.03 a second mix-input entry ({seq})',
    ru: 'V14.03 вторая запись mix-input ({seq})',
  },
  mixInputMisplaced: {
    ro: 'V14.03 intrarea mix-input nu urmează după voting-closed',
    en: 'V14.03 the mix-input entry does not follow voting-closed',
    ru: 'V14.03 запись mix-input не следует за voting-closed',
  },
  mixInputDataDiffers: {
    ro: 'V14.03 datele intrării amestecării nu sunt lista Algoritmului 14.1',
    en: 'V14.03 the mix input’s data is not the list of Algorithm 14.1',
    ru: 'V14.03 данные входа перемешивания не совпадают со списком алгоритма 14.1',
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
  noMixInputWhileMixing: {
    ro: 'avizierul nu are o intrare a amestecării, deși alegerile sunt în amestecare',
    en: 'the board has no mix input although the election is mixing',
    ru: 'на доске нет входа перемешивания, хотя выборы на этапе перемешивания',
  },
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

export type CliTextKey = keyof typeof TEXT;

/** The names of the `{name}` placeholders of a text. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** A value put into a text: a number, a string the same in every language, or a text of its own. */
export type TextValue = string | number | Localized;

/** The values a text needs: none, or one for each of its placeholders. */
export type TextValues<K extends CliTextKey> = [Placeholders<(typeof TEXT)[K]['en']>] extends [never]
  ? []
  : [values: Record<Placeholders<(typeof TEXT)[K]['en']>, TextValue>];

function fill(language: Language, template: string, values: Readonly<Record<string, TextValue>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === 'object' ? value[language] : String(value);
  });
}

/** The text `key` in every language, its placeholders filled (a Localized value in each one's language). */
export function text<K extends CliTextKey>(key: K, ...values: TextValues<K>): Localized {
  const template: Localized = TEXT[key];
  const v = values[0] ?? {};
  return { ro: fill('ro', template.ro, v), en: fill('en', template.en, v), ru: fill('ru', template.ru, v) };
}

/** The text `key` in one language. */
export function translate<K extends CliTextKey>(language: Language, key: K, ...values: TextValues<K>): string {
  return text(key, ...values)[language];
}

/** The name of an election's state as the server gives it (`mixing` …), in every language. */
export function stateText(state: string): Localized {
  const key = `state.${state}`;
  return key in TEXT ? TEXT[key as CliTextKey] : verbatim(state);
}

/** A string that is the same in every language (a name, a number, a reason worded by the crypto checks). */
export function verbatim(s: string): Localized {
  return { ro: s, en: s, ru: s };
}

/**
 * A failure the operator can act on, said in every language: the program prints it in the chosen
 * one and exits non-zero, without a stack trace. Its `message` is the English text (logs, tests).
 */
export class LocalizedError extends Error {
  readonly text: Localized;
  constructor(text: Localized) {
    super(text.en);
    this.name = 'LocalizedError';
    this.text = text;
  }
}

/** What an error says, in every language: its own text if it has one, else its message as it is. */
export function textOf(error: unknown): Localized {
  if (error instanceof LocalizedError) return error.text;
  return verbatim(error instanceof Error ? error.message : String(error));
}

/** The language of the CLI's messages: `--lang`, else EVOTARE_LANG, else Romanian. */
export function cliLanguage(option: string | undefined, env: NodeJS.ProcessEnv = process.env): Language {
  if (option !== undefined && isLanguage(option)) return option;
  const fromEnv = env.EVOTARE_LANG;
  return fromEnv !== undefined && isLanguage(fromEnv) ? fromEnv : 'ro';
}
