// The messages of a program that reads the board through the server's public API (./client.ts,
// ./board-follower.ts, ./download.ts) — the trustee's, the mix node's, the officials' CLI — and the
// few that all of them print: in Romanian, English and Russian (../i18n.ts). Reasons computed by
// the crypto checks (V12.02 …) stay as the checks word them.
import { type Localized, localizer, verbatim } from '../i18n.ts';

export const REMOTE_TEXT = {
  error: { ro: 'eroare: {message}', en: 'error: {message}', ru: 'ошибка: {message}' },
  unreachable: {
    ro: 'serverul de la {server} nu poate fi contactat: {reason}',
    en: 'cannot reach the server at {server}: {reason}',
    ru: 'не удаётся связаться с сервером {server}: {reason}',
  },
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
  notIncluded: {
    ro: 'intrarea {seq} nu este în capul de arbore semnat de mărime {size}: dovada de incluziune a serverului nu duce la rădăcina sa',
    en: 'entry {seq} is not in the signed tree head of size {size}: the server’s inclusion proof does not lead to its root',
    ru: 'запись {seq} не входит в подписанную вершину дерева размера {size}: доказательство включения сервера не ведёт к её корню',
  },
  notConsistent: {
    ro: 'capul de arbore semnat de mărime {to} nu extinde pe cel de mărime {from} văzut înainte: dovada de consistență a serverului nu se verifică (serverul arată alt avizier decât înainte)',
    en: 'the signed tree head of size {to} does not extend the one of size {from} seen before: the server’s consistency proof does not verify (the server shows another board than before)',
    ru: 'подписанная вершина дерева размера {to} не продолжает вершину размера {from}, виденную ранее: доказательство согласованности сервера не проходит проверку (сервер показывает другую доску, чем раньше)',
  },
  headsDisagree: {
    ro: 'două capete de arbore semnate de mărime {size} au rădăcini diferite (serverul arată alt avizier decât înainte)',
    en: 'two signed tree heads of size {size} have different roots (the server shows another board than before)',
    ru: 'две подписанные вершины дерева размера {size} имеют разные корни (сервер показывает другую доску, чем раньше)',
  },
  listedHeadBad: {
    ro: '{where}: {reason}',
    en: '{where}: {reason}',
    ru: '{where}: {reason}',
  },
  listedHeadNotPrefix: {
    ro: '{where}: capul de mărime {size} nu are rădăcina primelor {size} intrări ale avizierului',
    en: '{where}: the head of size {size} does not have the root of the board’s first {size} entries',
    ru: '{where}: корень вершины размера {size} не совпадает с корнем первых {size} записей доски',
  },
  entryZeroNotManifest: {
    ro: 'intrarea 0 a avizierului nu este un manifest cu cheia autorității',
    en: 'the board’s entry 0 is not a manifest with the authority key',
    ru: 'запись 0 доски не является манифестом с ключом органа',
  },
  lastListedNotHead: {
    ro: 'lista capetelor de arbore semnate nu se termină cu capul la care se oprește descărcarea',
    en: 'the list of signed tree heads does not end with the head the download stops at',
    ru: 'список подписанных вершин дерева не заканчивается вершиной, на которой остановлена загрузка',
  },
  localFilesOutOfOrder: {
    ro: 'fișierul {file} de pe disc nu urmează după cele dinaintea lui',
    en: 'the file {file} on disk does not follow the ones before it',
    ru: 'файл {file} на диске не следует за предыдущими',
  },
  localEntryBad: {
    ro: '{where} de pe disc nu se verifică: {reason}',
    en: '{where} on disk does not check: {reason}',
    ru: '{where} на диске не проходит проверку: {reason}',
  },
  localBeyondHead: {
    ro: 'pe disc sunt {size} intrări, mai multe decât capul de arbore păstrat ({head})',
    en: 'the disk holds {size} entries, more than the head kept ({head})',
    ru: 'на диске {size} записей, больше, чем в сохранённой вершине ({head})',
  },
  'state.draft': { ro: 'pregătire', en: 'draft', ru: 'подготовка' },
  'state.key-ceremony': { ro: 'ceremonia cheilor', en: 'key-ceremony', ru: 'церемония ключей' },
  'state.open': { ro: 'votare', en: 'open', ru: 'голосование' },
  'state.closed': { ro: 'votare încheiată', en: 'closed', ru: 'голосование завершено' },
  'state.mixing': { ro: 'amestecare', en: 'mixing', ru: 'перемешивание' },
  'state.decrypting': { ro: 'decriptare', en: 'decrypting', ru: 'расшифровка' },
  'state.tallied': { ro: 'rezultat publicat', en: 'tallied', ru: 'результат опубликован' },
  fingerprintSeen: {
    ro: 'amprenta alegerilor, calculată din avizier: {short} (forma lungă {long})',
    en: 'the election fingerprint, computed from the board: {short} (long form {long})',
    ru: 'отпечаток выборов, вычисленный по доске: {short} (полная форма {long})',
  },
  fingerprintMismatch: {
    ro: 'amprenta alegerilor calculată din avizier, {seen}, nu este cea așteptată, {expected}: serverul arată alte alegeri decât cele publicate de CEC; nu continuați și raportați',
    en: 'the election fingerprint computed from the board, {seen}, is not the one expected, {expected}: the server shows another election than the one the CEC published; do not go on, report it',
    ru: 'отпечаток выборов, вычисленный по доске, {seen}, не совпадает с ожидаемым, {expected}: сервер показывает не те выборы, что опубликовала ЦИК; не продолжайте и сообщите об этом',
  },
  manifestHashMismatch: {
    ro: 'amprenta manifestului din intrarea 0 a avizierului, {seen}, nu este cea așteptată, {expected}: nu continuați și raportați',
    en: 'the manifest hash of the board’s entry 0, {seen}, is not the one expected, {expected}: do not go on, report it',
    ru: 'хеш манифеста в записи 0 доски, {seen}, не совпадает с ожидаемым, {expected}: не продолжайте и сообщите об этом',
  },
  notAFingerprint: {
    ro: '„{typed}” nu este o amprentă a alegerilor (20 – 52 de caractere din 0-9 și A-Z fără I, L, O, U)',
    en: '"{typed}" is not an election fingerprint (20 – 52 characters of 0-9 and A-Z but I, L, O, U)',
    ru: '«{typed}» не является отпечатком выборов (20 – 52 символа из 0-9 и A-Z, кроме I, L, O, U)',
  },
  notAManifestHash: {
    ro: '„{typed}” nu este o amprentă de manifest (32 de octeți în base64url)',
    en: '"{typed}" is not a manifest hash (32 bytes in base64url)',
    ru: '«{typed}» не является хешем манифеста (32 байта в base64url)',
  },
  refusedToMix: {
    ro: 'avizierul nu se verifică până la amestecare — nu se amestecă nimic; raportați:\n{reasons}',
    en: 'the board does not verify up to mixing — nothing is shuffled; report it:\n{reasons}',
    ru: 'доска не проходит проверку до перемешивания — ничего не перемешивается; сообщите об этом:\n{reasons}',
  },
  refusedToDecrypt: {
    ro: 'avizierul nu se verifică până la decriptare — nu se decriptează nimic; raportați:\n{reasons}',
    en: 'the board does not verify up to decryption — nothing is decrypted; report it:\n{reasons}',
    ru: 'доска не проходит проверку до расшифровки — ничего не расшифровывается; сообщите об этом:\n{reasons}',
  },
  boardVerified: {
    ro: 'avizierul verificat până la intrarea {size} (lanț, capete de arbore, ceremonie, acreditări, {ballots} buletine, intrarea amestecării, {shuffles} amestecare(ări)) în {seconds} s',
    en: 'board verified up to entry {size} (chain, tree heads, ceremony, credentials, {ballots} ballots, mix input, {shuffles} shuffle(s)) in {seconds} s',
    ru: 'доска проверена до записи {size} (цепочка, вершины дерева, церемония, учётные данные, бюллетеней: {ballots}, вход перемешивания, перемешиваний: {shuffles}) за {seconds} с',
  },
  boardFollowed: {
    ro: 'avizierul urmărit: {size} intrări verificate, dintre care {ballots} buletine, în {seconds} s',
    en: 'board followed: {size} entries verified, {ballots} of them ballots, in {seconds} s',
    ru: 'доска отслеживается: проверено записей: {size}, из них бюллетеней: {ballots}, за {seconds} с',
  },
  boardTail: {
    ro: 'citit de la intrarea {from} (starea păstrată): {entries} intrări noi, {ballotsVerified} buletine și {shufflesVerified} amestecare(ări) verificate acum',
    en: 'read from entry {from} on (kept state): {entries} new entries, {ballotsVerified} ballots and {shufflesVerified} shuffle(s) verified now',
    ru: 'прочитано с записи {from} (сохранённое состояние): новых записей: {entries}, проверено сейчас бюллетеней: {ballotsVerified}, перемешиваний: {shufflesVerified}',
  },
  keptStateRefused: {
    ro: 'starea păstrată a acestui avizier este respinsă ({why}): se verifică tot avizierul, de la intrarea 0',
    en: 'the state kept of this board is refused ({why}): verifying the whole board from entry 0',
    ru: 'сохранённое состояние этой доски отклонено ({why}): проверяется вся доска с записи 0',
  },
  notVoting: {
    ro: 'nu mai este nimic de urmărit (alegerile sunt în etapa: {state}): urmărirea se încheie',
    en: 'nothing more to follow (the election is {state}): following ends',
    ru: 'больше нечего отслеживать (выборы на этапе: {state}): отслеживание завершено',
  },
} as const satisfies Record<string, Localized>;

export const { text, translate } = localizer(REMOTE_TEXT);

/** The name of an election's state as the server gives it (`mixing` …), in every language. */
export function stateText(state: string): Localized {
  const key = `state.${state}`;
  return key in REMOTE_TEXT ? REMOTE_TEXT[key as keyof typeof REMOTE_TEXT] : verbatim(state);
}
