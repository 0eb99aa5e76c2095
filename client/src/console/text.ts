// The officials' console's texts in Romanian (the default), English and Russian. `{name}` marks a
// value filled in at run time. The server's refusals come back already localized (problem titles).
import { type Localized, language } from '../i18n.ts';

export const CONSOLE_TEXT = {
  title: {
    ro: 'Consola funcționarilor electorali',
    en: "Officials' console",
    ru: 'Консоль сотрудников избирательного органа',
  },
  brand: {
    ro: 'CEC — Comisia Electorală Centrală',
    en: 'CEC — Central Electoral Commission',
    ru: 'ЦИК — Центральная избирательная комиссия',
  },
  skip: { ro: 'Salt la conținut', en: 'Skip to content', ru: 'Перейти к содержанию' },
  languageNav: { ro: 'Limba', en: 'Language', ru: 'Язык' },
  noscript: {
    ro: 'Consola are nevoie de JavaScript.',
    en: 'The console needs JavaScript.',
    ru: 'Для консоли нужен JavaScript.',
  },
  footer: {
    ro: 'Doar pentru funcționarii CEC. Fiecare acțiune este înregistrată în jurnalul de audit.',
    en: 'For CEC officials only. Every action is recorded in the audit log.',
    ru: 'Только для сотрудников ЦИК. Каждое действие записывается в журнал аудита.',
  },

  // --- sign-in
  signInHeading: { ro: 'Autentificare', en: 'Sign in', ru: 'Вход' },
  signInHint: {
    ro: 'Lipiți tokenul primit de la administrator (începe cu evo_). Rămâne doar în această filă și dispare când o închideți.',
    en: 'Paste the token the administrator gave you (it starts with evo_). It stays in this tab only and is gone when you close it.',
    ru: 'Вставьте токен, полученный от администратора (начинается с evo_). Он хранится только в этой вкладке и исчезает при её закрытии.',
  },
  tokenLabel: { ro: 'Tokenul oficialului', en: "Official's token", ru: 'Токен должностного лица' },
  signIn: { ro: 'Intrați', en: 'Sign in', ru: 'Войти' },
  signOut: { ro: 'Ieșiți', en: 'Sign out', ru: 'Выйти' },
  signedInAs: {
    ro: 'Autentificat: {name} ({role})',
    en: 'Signed in: {name} ({role})',
    ru: 'Вход выполнен: {name} ({role})',
  },
  tokenMalformed: {
    ro: 'Acesta nu este un token de oficial (evo_ urmat de 43 de caractere).',
    en: "This is not an official's token (evo_ followed by 43 characters).",
    ru: 'Это не токен должностного лица (evo_ и 43 символа).',
  },
  role_administrator: { ro: 'administrator', en: 'administrator', ru: 'администратор' },
  'role_roll-clerk': { ro: 'grefier al listei', en: 'roll clerk', ru: 'регистратор списка' },
  role_observer: { ro: 'observator (doar citire)', en: 'observer (read only)', ru: 'наблюдатель (только чтение)' },

  // --- elections
  electionsHeading: { ro: 'Alegeri', en: 'Elections', ru: 'Выборы' },
  noElections: { ro: 'Nu există alegeri.', en: 'There are no elections.', ru: 'Выборов нет.' },
  colElection: { ro: 'Alegerile', en: 'Election', ru: 'Выборы' },
  colState: { ro: 'Etapa', en: 'Stage', ru: 'Этап' },
  show: { ro: 'Deschideți', en: 'Open', ru: 'Открыть' },
  backToElections: { ro: 'Toate alegerile', en: 'All elections', ru: 'Все выборы' },
  refresh: { ro: 'Reîmprospătați', en: 'Refresh', ru: 'Обновить' },
  loading: { ro: 'Se încarcă…', en: 'Loading…', ru: 'Загрузка…' },
  updatedAt: { ro: 'Actualizat la {time}', en: 'Updated at {time}', ru: 'Обновлено в {time}' },

  state_draft: { ro: 'proiect', en: 'draft', ru: 'черновик' },
  'state_key-ceremony': { ro: 'ceremonia cheilor', en: 'key ceremony', ru: 'церемония ключей' },
  state_open: { ro: 'votarea deschisă', en: 'voting open', ru: 'голосование открыто' },
  state_closed: { ro: 'votarea închisă', en: 'voting closed', ru: 'голосование закрыто' },
  state_mixing: { ro: 'amestecare', en: 'mixing', ru: 'перемешивание' },
  state_decrypting: { ro: 'decriptare', en: 'decryption', ru: 'расшифровка' },
  state_tallied: { ro: 'rezultat publicat', en: 'result published', ru: 'результат опубликован' },

  // --- state and next step
  stateHeading: { ro: 'Etapa și pasul următor', en: 'Stage and next step', ru: 'Этап и следующий шаг' },
  stateNow: { ro: 'Etapa: {state}', en: 'Stage: {state}', ru: 'Этап: {state}' },
  votingWindow: {
    ro: 'Votarea: {opens} – {closes}',
    en: 'Voting: {opens} – {closes}',
    ru: 'Голосование: {opens} – {closes}',
  },
  next: { ro: 'Urmează', en: 'Next', ru: 'Далее' },
  'next_register-parties': {
    ro: 'Înregistrați cheile custozilor și ale nodurilor de amestecare (evotare election parties).',
    en: "Register the trustees' and mix nodes' keys (evotare election parties).",
    ru: 'Зарегистрируйте ключи доверенных лиц и узлов перемешивания (evotare election parties).',
  },
  'next_start-ceremony': {
    ro: 'Porniți ceremonia cheilor: manifestul se îngheață.',
    en: 'Start the key ceremony: the manifest is frozen.',
    ru: 'Начните церемонию ключей: манифест фиксируется.',
  },
  'next_trustees-deal': {
    ro: 'Custozii își publică angajamentele și părțile (faza se închide singură când toți au făcut-o).',
    en: 'The trustees post their commitments and shares (the phase closes by itself once all have).',
    ru: 'Доверенные лица публикуют обязательства и доли (фаза закрывается сама, когда это сделают все).',
  },
  'next_close-complaints': {
    ro: 'Custozii își verifică părțile; după ce au confirmat, închideți faza plângerilor.',
    en: 'The trustees check their shares; once they have confirmed, close the complaint phase.',
    ru: 'Доверенные лица проверяют доли; после их подтверждения закройте фазу жалоб.',
  },
  'next_close-resolution': {
    ro: 'Custozii reclamați răspund; apoi închideți faza de soluționare: se calculează cheia electorală.',
    en: 'The accused dealers answer; then close the resolution phase: the election key is derived.',
    ru: 'Обвинённые дилеры отвечают; затем закройте фазу разрешения: вычисляется ключ выборов.',
  },
  'next_open-voting': {
    ro: 'Publicați amprenta alegerilor, emiteți codurile, apoi deschideți votarea.',
    en: 'Publish the election fingerprint, issue the codes, then open voting.',
    ru: 'Опубликуйте отпечаток выборов, выпустите коды, затем откройте голосование.',
  },
  'next_close-voting': {
    ro: 'Votarea este deschisă; închideți-o la sfârșitul perioadei.',
    en: 'Voting is open; close it at the end of the window.',
    ru: 'Голосование открыто; закройте его в конце периода.',
  },
  next_mix: {
    ro: 'Nodurile de amestecare amestecă buletinele, unul după altul.',
    en: 'The mix nodes shuffle the ballots, one after the other.',
    ru: 'Узлы перемешивания по очереди перемешивают бюллетени.',
  },
  next_decrypt: {
    ro: 'Custozii decriptează împreună (sunt necesari {k}).',
    en: 'The trustees decrypt together ({k} are needed).',
    ru: 'Доверенные лица расшифровывают вместе (нужно {k}).',
  },
  next_verify: {
    ro: 'Rezultatul este publicat: exportați avizierul și verificați-l cu verificatorul independent.',
    en: 'The result is published: export the board and check it with the independent verifier.',
    ru: 'Результат опубликован: выгрузите доску и проверьте её независимым верификатором.',
  },

  // --- ceremony
  ceremonyHeading: {
    ro: 'Ceremonia cheilor, pe custozi',
    en: 'Key ceremony, per trustee',
    ru: 'Церемония ключей по доверенным лицам',
  },
  ceremonyPhase: { ro: 'Faza: {phase}', en: 'Phase: {phase}', ru: 'Фаза: {phase}' },
  phase_dealing: { ro: 'împărțirea', en: 'dealing', ru: 'раздача' },
  phase_complaints: { ro: 'plângeri', en: 'complaints', ru: 'жалобы' },
  phase_resolution: { ro: 'soluționare', en: 'resolution', ru: 'разрешение' },
  phase_done: { ro: 'încheiată', en: 'done', ru: 'завершена' },
  colTrustee: { ro: 'Custode', en: 'Trustee', ru: 'Доверенное лицо' },
  colDealt: { ro: 'A împărțit', en: 'Dealt', ru: 'Раздал' },
  colChecked: { ro: 'Părți verificate', en: 'Shares checked', ru: 'Доли проверены' },
  colComplaints: { ro: 'Plângeri depuse / primite', en: 'Complaints filed / against', ru: 'Жалобы поданы / против' },
  colQualified: { ro: 'În cheie', en: 'In the key', ru: 'В ключе' },
  colDecrypted: { ro: 'A decriptat', en: 'Decrypted', ru: 'Расшифровал' },
  yes: { ro: 'da', en: 'yes', ru: 'да' },
  no: { ro: 'nu', en: 'no', ru: 'нет' },
  pending: { ro: 'în așteptare', en: 'pending', ru: 'ожидается' },
  accepted: { ro: 'acceptate', en: 'accepted', ru: 'приняты' },
  complained: { ro: 'a depus plângere', en: 'complained', ru: 'подана жалоба' },

  // --- turnout
  turnoutHeading: { ro: 'Prezența', en: 'Turnout', ru: 'Явка' },
  turnoutSummary: {
    ro: '{voters} alegători au votat online din {roll} în listă ({ballots} buletine, cu revotările).',
    en: '{voters} voters voted online out of {roll} on the roll ({ballots} ballots, counting re-votes).',
    ru: 'Онлайн проголосовали {voters} из {roll} избирателей в списке ({ballots} бюллетеней с учётом повторных).',
  },
  byHourCaption: { ro: 'Pe ore (UTC)', en: 'By hour (UTC)', ru: 'По часам (UTC)' },
  colHour: { ro: 'Ora', en: 'Hour', ru: 'Час' },
  colBallots: { ro: 'Buletine', en: 'Ballots', ru: 'Бюллетени' },
  colFirstBallots: { ro: 'Alegători noi', en: 'New voters', ru: 'Новые избиратели' },
  colCumulative: { ro: 'Total alegători', en: 'Voters so far', ru: 'Всего избирателей' },
  noBallots: { ro: 'Niciun buletin încă.', en: 'No ballot yet.', ru: 'Бюллетеней пока нет.' },
  byCountryCaption: { ro: 'Pe țara de reședință', en: 'By country of residence', ru: 'По стране проживания' },
  colCountry: { ro: 'Țara', en: 'Country', ru: 'Страна' },
  colRoll: { ro: 'În listă', en: 'On the roll', ru: 'В списке' },
  colVoted: { ro: 'Au votat online', en: 'Voted online', ru: 'Проголосовали онлайн' },
  smallCell: { ro: '<{n}', en: '<{n}', ru: '<{n}' },
  complementCell: { ro: 'ascuns', en: 'hidden', ru: 'скрыто' },
  suppressionNote: {
    ro: 'Celulele cu mai puțin de {n} persoane apar ca „<{n}”: câțiva alegători dintr-o țară ar putea fi recunoscuți. Când o singură celulă dintr-o coloană este ascunsă, încă una este ascunsă („ascuns”), ca să nu poată fi dedusă din total. Pe ore nu se ascunde nimic: avizierul public arată deja ora fiecărui buletin.',
    en: 'Cells with fewer than {n} people show as "<{n}": a few voters in one country could be recognised. When only one cell of a column is withheld, one more is ("hidden"), so that it cannot be worked out from the total. Nothing is withheld by hour: the public board already shows the time of every ballot.',
    ru: 'Ячейки, где меньше {n} человек, показаны как «<{n}»: нескольких избирателей в одной стране можно было бы узнать. Если в столбце скрыта только одна ячейка, скрывается ещё одна («скрыто»), чтобы её нельзя было вычислить из итога. По часам ничего не скрывается: публичная доска и так показывает время каждого бюллетеня.',
  },

  // --- credentials
  credentialsHeading: { ro: 'Coduri și credențiale', en: 'Codes and credentials', ru: 'Коды и учётные данные' },
  codesIssued: { ro: 'Coduri de activare emise', en: 'Activation codes issued', ru: 'Выпущено кодов активации' },
  activated: { ro: 'Credențiale activate', en: 'Credentials activated', ru: 'Активировано учётных данных' },
  revoked: { ro: 'Credențiale revocate', en: 'Credentials revoked', ru: 'Отозвано учётных данных' },
  votedInPerson: {
    ro: 'Au votat la secția de votare',
    en: 'Voted at a polling station',
    ru: 'Проголосовали на участке',
  },

  // --- mixing, decryption
  mixingHeading: { ro: 'Amestecarea, pe noduri', en: 'Mixing, per node', ru: 'Перемешивание по узлам' },
  colNode: { ro: 'Nod', en: 'Node', ru: 'Узел' },
  colMixed: { ro: 'A amestecat', en: 'Mixed', ru: 'Перемешал' },
  mixingDeadline: {
    ro: 'Termenul amestecării: {time}',
    en: 'Mixing deadline: {time}',
    ru: 'Срок перемешивания: {time}',
  },
  mixingCompleted: { ro: 'Amestecarea este încheiată.', en: 'The mixing is complete.', ru: 'Перемешивание завершено.' },
  decryptionHeading: { ro: 'Decriptarea', en: 'Decryption', ru: 'Расшифровка' },
  decryptionProgress: {
    ro: '{posted} din {needed} decriptări parțiale necesare sunt pe avizier.',
    en: '{posted} of the {needed} partial decryptions needed are on the board.',
    ru: 'На доске {posted} из {needed} необходимых частичных расшифровок.',
  },
  resultPublished: { ro: 'Rezultatul este publicat.', en: 'The result is published.', ru: 'Результат опубликован.' },

  // --- board
  boardHeading: { ro: 'Starea avizierului', en: 'Board health', ru: 'Состояние доски' },
  boardSize: { ro: 'Intrări', en: 'Entries', ru: 'Записей' },
  lastHead: { ro: 'Ultimul cap semnat', en: 'Last signed head', ru: 'Последняя подписанная вершина' },
  headValue: { ro: '{size} intrări, {time}', en: '{size} entries, {time}', ru: '{size} записей, {time}' },
  none: { ro: 'niciunul', en: 'none', ru: 'нет' },
  cosignatures: { ro: 'Co-semnături ale observatorilor', en: "Observers' co-signatures", ru: 'Соподписи наблюдателей' },
  colObserver: { ro: 'Observator', en: 'Observer', ru: 'Наблюдатель' },
  colCosigned: { ro: 'Ultimul cap co-semnat', en: 'Last head co-signed', ru: 'Последняя соподписанная вершина' },
  noObservers: {
    ro: 'Niciun observator înregistrat.',
    en: 'No observer registered.',
    ru: 'Наблюдатели не зарегистрированы.',
  },

  // --- actions
  actionsHeading: { ro: 'Acțiuni', en: 'Actions', ru: 'Действия' },
  readOnly: {
    ro: 'Rolul dumneavoastră nu poate conduce alegerile: consola doar arată.',
    en: 'Your role cannot run the election: the console only shows.',
    ru: 'Ваша роль не позволяет проводить выборы: консоль только показывает.',
  },
  noAction: { ro: 'Nicio acțiune de făcut acum.', en: 'No action to take now.', ru: 'Сейчас действий не требуется.' },
  'action_start-ceremony': {
    ro: 'Porniți ceremonia cheilor',
    en: 'Start the key ceremony',
    ru: 'Начать церемонию ключей',
  },
  'action_close-phase': {
    ro: 'Închideți faza ceremoniei',
    en: 'Close the ceremony phase',
    ru: 'Закрыть фазу церемонии',
  },
  'action_open-voting': { ro: 'Deschideți votarea', en: 'Open voting', ru: 'Открыть голосование' },
  'action_close-voting': { ro: 'Închideți votarea', en: 'Close voting', ru: 'Закрыть голосование' },
  'action_end-mixing': { ro: 'Încheiați amestecarea', en: 'End the mixing', ru: 'Завершить перемешивание' },
  'action_publish-result': { ro: 'Publicați rezultatul', en: 'Publish the result', ru: 'Опубликовать результат' },
  'confirm_start-ceremony': {
    ro: 'Manifestul alegerilor „{title}” se va îngheța și nu mai poate fi schimbat. Continuați?',
    en: 'The manifest of "{title}" will be frozen and can no longer change. Continue?',
    ru: 'Манифест выборов «{title}» будет зафиксирован и больше не изменится. Продолжить?',
  },
  'confirm_close-phase': {
    ro: 'Închideți faza „{phase}” a ceremoniei pentru „{title}”? Mesajele întârziate nu vor mai fi primite.',
    en: 'Close the "{phase}" phase of the ceremony for "{title}"? Late messages will no longer be accepted.',
    ru: 'Закрыть фазу «{phase}» церемонии для «{title}»? Опоздавшие сообщения больше не примутся.',
  },
  'confirm_open-voting': {
    ro: 'Deschideți votarea pentru „{title}”? Alegătorii vor putea vota imediat.',
    en: 'Open voting for "{title}"? Voters can vote at once.',
    ru: 'Открыть голосование по «{title}»? Избиратели смогут голосовать сразу.',
  },
  'confirm_close-voting': {
    ro: 'Închideți votarea pentru „{title}”? Niciun buletin nu mai poate fi depus după aceasta, iar pasul nu se poate anula.',
    en: 'Close voting for "{title}"? No ballot can be cast after this, and it cannot be undone.',
    ru: 'Закрыть голосование по «{title}»? После этого бюллетени не принимаются, отменить нельзя.',
  },
  'confirm_end-mixing': {
    ro: 'Încheiați amestecarea pentru „{title}” fără nodurile care nu au amestecat? Motivul se publică pe avizier.',
    en: 'End the mixing for "{title}" without the nodes that have not mixed? The reason is published on the board.',
    ru: 'Завершить перемешивание для «{title}» без узлов, которые не перемешали? Причина публикуется на доске.',
  },
  'confirm_publish-result': {
    ro: 'Publicați rezultatul alegerilor „{title}”?',
    en: 'Publish the result of "{title}"?',
    ru: 'Опубликовать результат выборов «{title}»?',
  },
  reasonLabel: {
    ro: 'Motivul (publicat pe avizier, 1–500 de caractere)',
    en: 'The reason (published on the board, 1–500 characters)',
    ru: 'Причина (публикуется на доске, 1–500 символов)',
  },
  reasonMissing: { ro: 'Scrieți motivul.', en: 'Write the reason.', ru: 'Укажите причину.' },
  confirmHeading: { ro: 'Confirmați', en: 'Confirm', ru: 'Подтвердите' },
  confirm: { ro: 'Da, confirm', en: 'Yes, confirm', ru: 'Да, подтверждаю' },
  cancel: { ro: 'Renunțați', en: 'Cancel', ru: 'Отмена' },
  actionDone: { ro: 'Făcut: {action}.', en: 'Done: {action}.', ru: 'Выполнено: {action}.' },

  // --- the roll and credentials (the roll clerk's actions; administrators too)
  rollHeading: {
    ro: 'Lista electorală și acreditări',
    en: 'Roll and credentials',
    ru: 'Список избирателей и учётные данные',
  },
  rollClerkOnly: {
    ro: 'Doar un grefier al listei sau un administrator poate adăuga alegători sau înregistra un vot la secție; rolul dumneavoastră ({role}) doar vede. Serverul refuză orice altă încercare (403) și o trece în jurnalul de audit.',
    en: 'Only a roll clerk or an administrator can add voters or record a vote at a polling station; your role ({role}) only sees. The server refuses any other attempt (403) and records it in the audit log.',
    ru: 'Добавлять избирателей и отмечать голосование на участке может только регистратор списка или администратор; ваша роль ({role}) только просматривает. Сервер отклоняет любую другую попытку (403) и записывает её в журнал аудита.',
  },
  rollClosed: {
    ro: 'Lista și acreditările se pot schimba doar până la închiderea votării.',
    en: 'The roll and the credentials can change only until voting closes.',
    ru: 'Список и учётные данные можно менять только до закрытия голосования.',
  },
  addVoterHeading: { ro: 'Adăugați un alegător', en: 'Add a voter', ru: 'Добавить избирателя' },
  idnpLabel: { ro: 'IDNP (13 cifre)', en: 'IDNP (13 digits)', ru: 'IDNP (13 цифр)' },
  nameLabel: { ro: 'Numele complet', en: 'Full name', ru: 'Полное имя' },
  birthLabel: { ro: 'Data nașterii', en: 'Date of birth', ru: 'Дата рождения' },
  countryLabel: {
    ro: 'Țara de reședință (cod ISO, ex. IT)',
    en: 'Country of residence (ISO code, e.g. IT)',
    ru: 'Страна проживания (код ISO, напр. IT)',
  },
  addressLabel: { ro: 'Adresa (opțional)', en: 'Address (optional)', ru: 'Адрес (необязательно)' },
  addVoter: { ro: 'Adăugați în listă…', en: 'Add to the roll…', ru: 'Добавить в список…' },
  confirm_addVoter: {
    ro: 'Adăugați pe {name} (IDNP {idnp}, născut la {birth}, {country}) în lista alegerilor „{title}”?',
    en: 'Add {name} (IDNP {idnp}, born {birth}, {country}) to the roll of "{title}"?',
    ru: 'Добавить {name} (IDNP {idnp}, дата рождения {birth}, {country}) в список выборов «{title}»?',
  },
  voterAdded: {
    ro: 'Alegătorul a fost adăugat. Lista are acum {size} alegători.',
    en: 'The voter was added. The roll now has {size} voters.',
    ru: 'Избиратель добавлен. В списке теперь {size} избирателей.',
  },
  voterRefused: {
    ro: 'Alegătorul nu a fost adăugat: {reason}',
    en: 'The voter was not added: {reason}',
    ru: 'Избиратель не добавлен: {reason}',
  },
  revokeHeading: {
    ro: 'Vot la secția de votare sau retragerea acreditării',
    en: 'Vote at a polling station, or a credential withdrawn',
    ru: 'Голосование на участке или отзыв учётных данных',
  },
  reasonKind: { ro: 'Motivul', en: 'Reason', ru: 'Причина' },
  'revoke_voted-in-person': {
    ro: 'a votat la secția de votare',
    en: 'voted at a polling station',
    ru: 'проголосовал(а) на участке',
  },
  revoke_withdrawn: {
    ro: 'acreditarea se retrage',
    en: 'the credential is withdrawn',
    ru: 'учётные данные отзываются',
  },
  revoke: { ro: 'Înregistrați…', en: 'Record…', ru: 'Записать…' },
  'confirm_revoke_voted-in-person': {
    ro: 'Înregistrați că alegătorul cu IDNP {idnp} a votat la secție în alegerile „{title}”? Acreditarea lui se revocă pe avizier, voturile lui online nu mai contează și nu mai poate primi alta.',
    en: 'Record that the voter with IDNP {idnp} voted at a polling station in "{title}"? Their credential is revoked on the board, their online votes no longer count and they cannot get another.',
    ru: 'Записать, что избиратель с IDNP {idnp} проголосовал на участке на выборах «{title}»? Его учётные данные отзываются на доске, его голоса онлайн не учитываются, новые он получить не сможет.',
  },
  confirm_revoke_withdrawn: {
    ro: 'Retrageți acreditarea alegătorului cu IDNP {idnp} în alegerile „{title}”? Voturile date cu ea nu mai contează; un cod nou îi dă una nouă.',
    en: 'Withdraw the credential of the voter with IDNP {idnp} in "{title}"? The votes cast with it no longer count; a new code gives them a new one.',
    ru: 'Отозвать учётные данные избирателя с IDNP {idnp} на выборах «{title}»? Поданные с ними голоса не учитываются; новый код даст новые.',
  },
  revokedDone: {
    ro: 'Înregistrat; acreditarea a fost revocată pe avizier (intrarea {position}).',
    en: 'Recorded; the credential was revoked on the board (entry {position}).',
    ru: 'Записано; учётные данные отозваны на доске (запись {position}).',
  },
  revokedNone: {
    ro: 'Înregistrat; alegătorul nu avea o acreditare activă.',
    en: 'Recorded; the voter had no live credential.',
    ru: 'Записано; у избирателя не было действующих учётных данных.',
  },
  fieldsMissing: {
    ro: 'Completați câmpurile marcate: IDNP de 13 cifre, numele, data nașterii și codul țării din două litere.',
    en: 'Fill in the fields: a 13-digit IDNP, the name, the date of birth and the two-letter country code.',
    ru: 'Заполните поля: IDNP из 13 цифр, имя, дату рождения и двухбуквенный код страны.',
  },
  idnpMissing: {
    ro: 'Scrieți un IDNP de 13 cifre.',
    en: 'Write a 13-digit IDNP.',
    ru: 'Укажите IDNP из 13 цифр.',
  },
  forbiddenDetail: {
    ro: 'Serverul a refuzat (403): {title} Cereți unui administrator rolul potrivit.',
    en: 'The server refused (403): {title} Ask an administrator for the right role.',
    ru: 'Сервер отказал (403): {title} Попросите администратора о нужной роли.',
  },
  autoRefresh: {
    ro: 'Datele se actualizează singure la fiecare {seconds} secunde cât timp fila este vizibilă.',
    en: 'The figures update by themselves every {seconds} seconds while this tab is visible.',
    ru: 'Данные обновляются сами каждые {seconds} секунд, пока вкладка видна.',
  },

  // --- audit
  auditHeading: { ro: 'Acțiunile oficialilor', en: "Officials' actions", ru: 'Действия должностных лиц' },
  colTime: { ro: 'Ora', en: 'Time', ru: 'Время' },
  colOfficial: { ro: 'Oficialul', en: 'Official', ru: 'Должностное лицо' },
  colAction: { ro: 'Acțiunea', en: 'Action', ru: 'Действие' },
  colDetail: { ro: 'Detalii', en: 'Detail', ru: 'Подробности' },
  networkError: {
    ro: 'Serverul nu a putut fi contactat. Verificați conexiunea și reîncercați.',
    en: 'The server could not be reached. Check the connection and try again.',
    ru: 'Не удалось связаться с сервером. Проверьте соединение и повторите.',
  },
} as const satisfies Record<string, Localized>;

export type ConsoleTextKey = keyof typeof CONSOLE_TEXT;

/** A console text in `lang` (by default the page's current language), `{name}`s filled in. */
export function ct(key: ConsoleTextKey, values: Record<string, string | number> = {}, lang = language()): string {
  return CONSOLE_TEXT[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
