// What the trustee's program prints of its own — progress lines, results and its errors — in
// Romanian (the default), English and Russian; with the messages of reading the board
// (@evotare/verifier/remote/text). `{name}` marks a value filled in at run time; the values a text
// needs are part of its type (@evotare/verifier/i18n).
import { type Localized, localizer } from '@evotare/verifier/i18n';
import { REMOTE_TEXT } from '@evotare/verifier/remote/text';

export const TRUSTEE_TEXT = {
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
    ro: 'V09.14 cheia din intrarea election-key a avizierului nu este cea produsă de ceremonie',
    en: 'V09.14 the key of the board’s election-key entry is not the one the ceremony produced',
    ru: 'V09.14 ключ в записи election-key доски не тот, что получен церемонией',
  },
  manifestHashSeen: {
    ro: 'amprenta manifestului din intrarea 0 a avizierului: {hash}',
    en: 'manifest hash of the board’s entry 0: {hash}',
    ru: 'хеш манифеста в записи 0 доски: {hash}',
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
  checkingBoard: {
    ro: 'alegerile „{id}”: se verifică avizierul, cu verificările verificatorului independent',
    en: 'election "{id}": checking the board, with the standalone verifier’s checks',
    ru: 'выборы «{id}»: проверка доски проверками независимого верификатора',
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
  none: { ro: 'niciunul', en: 'none', ru: 'нет' },
} as const satisfies Record<string, Localized>;

export const { text, translate } = localizer({ ...REMOTE_TEXT, ...TRUSTEE_TEXT });
