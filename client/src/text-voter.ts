// The booth's texts for several voters on one device, moving a credential to another device, help
// contacts, tries left, network failures and the receipt (issue 10). Part of TEXT (./text.ts), kept
// in its own file so that the catalogue's sections merge apart. Plain words: "cheia de vot" /
// "voting key" / "ключ для голосования" for the credential, never "acreditare" or "header".
import type { Localized } from './i18n.ts';

export const VOTER_TEXT = {
  // --- whose key, on a device several people use ---
  holderLabel: {
    ro: 'alegătorul născut la {birth}, cu IDNP-ul terminat în {idnp}',
    en: 'the voter born on {birth}, whose IDNP ends in {idnp}',
    ru: 'избиратель, родившийся {birth}, IDNP которого оканчивается на {idnp}',
  },
  holderUnknown: {
    ro: 'persoana care a activat cheia pe acest dispozitiv',
    en: 'the person who activated the key on this device',
    ru: 'человек, активировавший ключ на этом устройстве',
  },
  votingAs: { ro: 'Votați ca: {holder}.', en: 'You are voting as: {holder}.', ru: 'Вы голосуете как: {holder}.' },
  notMe: { ro: 'Nu sunt eu', en: 'This is not me', ru: 'Это не я' },
  whoHeading: { ro: 'Cine votează?', en: 'Who is voting?', ru: 'Кто голосует?' },
  whoIntro: {
    ro: 'Acest dispozitiv păstrează cheile de vot ale mai multor persoane. Alegeți-o pe a dumneavoastră: fiecare votează doar cu cheia sa, iar votul unuia nu îl înlocuiește pe al altuia.',
    en: 'This device keeps the voting keys of several people. Choose yours: each person votes only with their own key, and one person’s vote never replaces another’s.',
    ru: 'Это устройство хранит ключи для голосования нескольких человек. Выберите свой: каждый голосует только своим ключом, и голос одного никогда не заменяет голос другого.',
  },
  whoPick: { ro: 'Sunt {holder}', en: 'I am {holder}', ru: 'Я — {holder}' },
  whoSomeoneElse: {
    ro: 'Altcineva: activați o cheie de vot cu scrisoarea primită',
    en: 'Someone else: activate a voting key with your letter',
    ru: 'Другой человек: активировать ключ для голосования по письму',
  },
  whoMoveIn: {
    ro: 'Cheia mea de vot este pe alt dispozitiv: aduceți-o aici',
    en: 'My voting key is on another device: bring it here',
    ru: 'Мой ключ для голосования на другом устройстве: перенести его сюда',
  },
  actOthersHere: {
    ro: 'Pe acest dispozitiv sunt deja cheile de vot ale altor persoane. Cheia dumneavoastră va fi păstrată separat: un vot cu ea nu înlocuiește niciodată votul altcuiva.',
    en: 'This device already keeps other people’s voting keys. Yours will be kept apart: a vote with it never replaces anyone else’s.',
    ru: 'На этом устройстве уже хранятся ключи для голосования других людей. Ваш будет храниться отдельно: голос с ним никогда не заменит чужой.',
  },
  sharedHeading: {
    ro: 'Dispozitiv folosit și de alții?',
    en: 'Does anyone else use this device?',
    ru: 'Этим устройством пользуется кто-то ещё?',
  },
  sharedWarning: {
    ro: 'Cine deschide această pagină în acest browser poate vota cu cheia păstrată aici, iar votul lui îl înlocuiește pe al dumneavoastră. Pe un dispozitiv împrumutat sau comun, după ce votați apăsați „Ștergeți cheia mea de vot de pe acest dispozitiv”.',
    en: 'Anyone who opens this page in this browser can vote with the key kept here, and their vote replaces yours. On a borrowed or shared device, press “Forget my voting key on this device” after you vote.',
    ru: 'Любой, кто откроет эту страницу в этом браузере, может проголосовать ключом, хранящимся здесь, и его голос заменит ваш. На чужом или общем устройстве после голосования нажмите «Удалить мой ключ для голосования с этого устройства».',
  },
  forgetButton: {
    ro: 'Ștergeți cheia mea de vot de pe acest dispozitiv',
    en: 'Forget my voting key on this device',
    ru: 'Удалить мой ключ для голосования с этого устройства',
  },
  forgetHeading: {
    ro: 'Ștergeți cheia de vot de pe acest dispozitiv?',
    en: 'Forget the voting key on this device?',
    ru: 'Удалить ключ для голосования с этого устройства?',
  },
  forgetExplain: {
    ro: 'Cheia de vot a persoanei: {holder} va fi ștearsă din acest browser. Votul deja trimis rămâne înregistrat și se numără. Ca să votați din nou după aceea, aveți nevoie de cheia mutată pe alt dispozitiv sau de un cod nou.',
    en: 'The voting key of {holder} will be deleted from this browser. A vote already cast stays recorded and counts. To vote again afterwards, you need the key moved to another device, or a new code.',
    ru: 'Ключ для голосования (владелец: {holder}) будет удалён из этого браузера. Уже отправленный голос остаётся записанным и учитывается. Чтобы потом проголосовать снова, нужен ключ, перенесённый на другое устройство, или новый код.',
  },
  forgetConfirm: { ro: 'Da, ștergeți cheia', en: 'Yes, forget the key', ru: 'Да, удалить ключ' },
  cancel: { ro: 'Renunțați', en: 'Cancel', ru: 'Отмена' },
  forgottenHeading: { ro: 'Cheia a fost ștearsă', en: 'The key is forgotten', ru: 'Ключ удалён' },
  forgotten: {
    ro: 'Cheia de vot a fost ștearsă de pe acest dispozitiv. Puteți închide pagina.',
    en: 'The voting key has been deleted from this device. You may close this page.',
    ru: 'Ключ для голосования удалён с этого устройства. Можно закрыть страницу.',
  },

  // --- moving the key to another device (SPEC §13.9) ---
  moveOutButton: {
    ro: 'Votați și de pe alt dispozitiv',
    en: 'Vote from another device too',
    ru: 'Голосовать и с другого устройства',
  },
  moveOutHeading: {
    ro: 'Mutați cheia de vot pe alt dispozitiv',
    en: 'Move your voting key to another device',
    ru: 'Перенесите ключ для голосования на другое устройство',
  },
  moveOutIntro: {
    ro: 'Pe celălalt dispozitiv scanați acest cod QR cu camera (se deschide cabina de vot) sau copiați textul de mai jos și deschideți-l acolo. Apoi tastați acolo codul de transfer afișat aici. Faceți aceasta singur: cine vede și codul QR, și codul de transfer poate vota în numele dumneavoastră.',
    en: 'On the other device, scan this QR code with the camera (it opens the voting booth), or copy the text below and open it there. Then type there the transfer code shown here. Do this alone: whoever sees both the QR code and the transfer code can vote in your name.',
    ru: 'На другом устройстве отсканируйте этот QR-код камерой (откроется кабина для голосования) или скопируйте текст ниже и откройте его там. Затем введите там код переноса, показанный здесь. Делайте это наедине: тот, кто увидит и QR-код, и код переноса, может проголосовать от вашего имени.',
  },
  moveOutQrAlt: {
    ro: 'Cod QR care deschide cabina de vot pe celălalt dispozitiv, cu cheia dumneavoastră sigilată',
    en: 'QR code that opens the voting booth on the other device with your sealed key',
    ru: 'QR-код, открывающий кабину для голосования на другом устройстве с вашим запечатанным ключом',
  },
  moveOutText: {
    ro: 'Textul de dus pe celălalt dispozitiv (cheia sigilată)',
    en: 'Text to take to the other device (your sealed key)',
    ru: 'Текст для другого устройства (запечатанный ключ)',
  },
  moveOutCode: {
    ro: 'Codul de transfer: tastați-l pe celălalt dispozitiv; nu-l trimiteți împreună cu textul',
    en: 'Transfer code: type it on the other device; never send it together with the text',
    ru: 'Код переноса: введите его на другом устройстве; не отправляйте его вместе с текстом',
  },
  moveOutCopy: { ro: 'Copiați textul', en: 'Copy the text', ru: 'Скопировать текст' },
  moveOutCopied: { ro: 'Textul a fost copiat.', en: 'The text has been copied.', ru: 'Текст скопирован.' },
  moveOutAfter: {
    ro: 'După aceea ambele dispozitive vor avea cheia dumneavoastră: se numără ultimul vot trimis de pe oricare dintre ele. Dacă acest dispozitiv nu este doar al dumneavoastră, ștergeți cheia de aici.',
    en: 'Afterwards both devices hold your key: the last vote cast from either of them counts. If this device is not only yours, forget the key here.',
    ru: 'После этого ключ будет на обоих устройствах: учитывается последний голос, отправленный с любого из них. Если это устройство не только ваше, удалите ключ отсюда.',
  },
  moveOutNoHolder: {
    ro: 'Această cheie a fost activată de o versiune mai veche a cabinei și nu poate fi mutată. Pe celălalt dispozitiv cereți un cod nou.',
    en: 'This key was activated by an older version of the booth and cannot be moved. For the other device, ask for a new code.',
    ru: 'Этот ключ активирован старой версией кабины и не может быть перенесён. Для другого устройства запросите новый код.',
  },
  moveOutBack: { ro: 'Înapoi la buletin', en: 'Back to the ballot', ru: 'Вернуться к бюллетеню' },
  moveInHeading: {
    ro: 'Aduceți cheia de vot de pe alt dispozitiv',
    en: 'Bring your voting key from another device',
    ru: 'Перенесите ключ для голосования с другого устройства',
  },
  moveInIntro: {
    ro: 'Pe dispozitivul care are cheia dumneavoastră, deschideți buletinul și alegeți „Votați și de pe alt dispozitiv”. Scanați codul QR cu acest dispozitiv sau lipiți aici textul; apoi tastați codul de transfer afișat acolo.',
    en: 'On the device that holds your key, open the ballot and choose “Vote from another device too”. Scan its QR code with this device, or paste its text here; then type the transfer code shown there.',
    ru: 'На устройстве, где хранится ваш ключ, откройте бюллетень и выберите «Голосовать и с другого устройства». Отсканируйте QR-код этим устройством или вставьте сюда текст; затем введите показанный там код переноса.',
  },
  moveInText: {
    ro: 'Textul de pe celălalt dispozitiv',
    en: 'Text from the other device',
    ru: 'Текст с другого устройства',
  },
  moveInCode: {
    ro: 'Codul de transfer (12 litere și cifre)',
    en: 'Transfer code (12 letters and digits)',
    ru: 'Код переноса (12 букв и цифр)',
  },
  moveInSubmit: { ro: 'Aduceți cheia aici', en: 'Bring my key here', ru: 'Перенести ключ сюда' },
  moveInWorking: {
    ro: 'Se deschide cheia sigilată…',
    en: 'Opening the sealed key…',
    ru: 'Открывается запечатанный ключ…',
  },
  moveInDone: {
    ro: 'Cheia dumneavoastră de vot este acum și pe acest dispozitiv.',
    en: 'Your voting key is now on this device too.',
    ru: 'Ваш ключ для голосования теперь есть и на этом устройстве.',
  },
  moveErrCode: {
    ro: 'Codul de transfer nu deschide acest text. Verificați codul afișat pe celălalt dispozitiv (12 caractere) și că ați copiat tot textul.',
    en: 'The transfer code does not open this text. Check the code shown on the other device (12 characters) and that you copied all of the text.',
    ru: 'Код переноса не открывает этот текст. Проверьте код на другом устройстве (12 символов) и что вы скопировали весь текст.',
  },
  moveErrMalformed: {
    ro: 'Acesta nu este textul unei chei sigilate de cabina de vot, sau nu este complet. Copiați-l din nou de pe celălalt dispozitiv.',
    en: 'This is not the text of a key sealed by the voting booth, or it is incomplete. Copy it again from the other device.',
    ru: 'Это не текст ключа, запечатанного кабиной для голосования, или он неполный. Скопируйте его снова с другого устройства.',
  },

  // --- activation: tries left, the date of birth, a locked code ---
  errActivationTries: {
    ro: 'Codul de activare nu este corect. Mai aveți {tries} încercări până când codul se blochează. Comparați fiecare caracter cu scrisoarea.',
    en: 'The activation code is not correct. You have {tries} tries left before the code locks. Compare each character with the letter.',
    ru: 'Код активации неверен. Осталось попыток до блокировки кода: {tries}. Сверьте каждый символ с письмом.',
  },
  errActivationLastTry: {
    ro: 'Codul de activare nu este corect. Mai aveți o singură încercare ({tries}): dacă și aceasta greșește, codul se blochează și aveți nevoie de unul nou. Dacă nu sunteți sigur, cereți ajutor mai întâi (contactele de mai jos).',
    en: 'The activation code is not correct. You have one try left ({tries}): if it is wrong too, the code locks and you will need a new one. If you are not sure, ask for help first (contacts below).',
    ru: 'Код активации неверен. Осталась одна попытка ({tries}): если и она будет неверной, код заблокируется и понадобится новый. Если вы не уверены, сначала обратитесь за помощью (контакты ниже).',
  },
  actMonthPick: { ro: 'alegeți luna', en: 'choose the month', ru: 'выберите месяц' },

  // --- the network ---
  // Parts of the page loaded when needed (../src/parts.ts, ../src/main.ts).
  loadFailed: {
    ro: 'Pagina nu s-a încărcat complet. Verificați conexiunea la internet și încercați din nou.',
    en: 'The page did not load completely. Check your internet connection and try again.',
    ru: 'Страница загрузилась не полностью. Проверьте подключение к интернету и попробуйте снова.',
  },
  partLoadFailed: {
    ro: 'O parte a paginii nu s-a încărcat. Verificați conexiunea la internet și încercați din nou.',
    en: 'Part of the page did not load. Check your internet connection and try again.',
    ru: 'Часть страницы не загрузилась. Проверьте подключение к интернету и попробуйте снова.',
  },
  languageLoadFailed: {
    ro: 'Limba nu a putut fi schimbată: textele ei nu s-au încărcat. Verificați conexiunea la internet și încercați din nou.',
    en: 'The language could not be changed: its texts did not load. Check your internet connection and try again.',
    ru: 'Не удалось сменить язык: его тексты не загрузились. Проверьте подключение к интернету и попробуйте снова.',
  },
  tryAgain: { ro: 'Încercați din nou', en: 'Try again', ru: 'Попробовать снова' },
  errTimeout: {
    ro: 'Serverul nu a răspuns la timp. Verificați conexiunea la internet și încercați din nou.',
    en: 'The server did not answer in time. Check your internet connection and try again.',
    ru: 'Сервер не ответил вовремя. Проверьте подключение к интернету и попробуйте снова.',
  },
  errUnavailable: {
    ro: 'Serverul de vot este supraîncărcat sau repornește. Nu s-a înregistrat nimic. Așteptați un minut și încercați din nou.',
    en: 'The voting server is overloaded or restarting. Nothing was recorded. Wait a minute and try again.',
    ru: 'Сервер голосования перегружен или перезапускается. Ничего не записано. Подождите минуту и попробуйте снова.',
  },
  errStorageFull: {
    ro: 'Serverul de vot nu poate înregistra nimic acum. Nu s-a înregistrat nimic. Încercați din nou mai târziu.',
    en: 'The voting server cannot record anything just now. Nothing was recorded. Try again later.',
    ru: 'Сервер голосования сейчас не может ничего записать. Ничего не записано. Попробуйте позже.',
  },
  castLostHeading: {
    ro: 'Votul a fost trimis, dar nu a venit niciun răspuns',
    en: 'Your vote was sent, but no answer came back',
    ru: 'Голос отправлен, но ответ не пришёл',
  },
  castLost: {
    ro: 'Votul poate să fi fost înregistrat. Acest dispozitiv caută buletinul în registrul public după codul lui de urmărire…',
    en: 'Your vote may have been recorded. This device is looking for the ballot on the public board by its tracking code…',
    ru: 'Голос, возможно, записан. Это устройство ищет бюллетень на публичной доске по его коду отслеживания…',
  },
  castLostAbsent: {
    ro: 'Buletinul nu este în registrul public: nu a fost înregistrat. Îl puteți trimite din nou; se va număra o singură dată.',
    en: 'The ballot is not on the public board: it was not recorded. You can send it again; it will count once.',
    ru: 'Бюллетеня нет на публичной доске: он не записан. Его можно отправить снова; он будет учтён один раз.',
  },
  castLostUnknown: {
    ro: 'Acest dispozitiv nu a putut verifica. Votul poate să fi fost înregistrat. Verificați din nou când conexiunea funcționează.',
    en: 'This device could not check. Your vote may have been recorded. Check again when the connection works.',
    ru: 'Это устройство не смогло проверить. Голос, возможно, записан. Проверьте снова, когда связь восстановится.',
  },
  castLostCheck: { ro: 'Verificați din nou', en: 'Check again', ru: 'Проверить снова' },
  castResend: { ro: 'Trimiteți votul din nou', en: 'Send the vote again', ru: 'Отправить голос снова' },
  castLostChecking: {
    ro: 'Se caută buletinul în registrul public…',
    en: 'Looking for the ballot on the public board…',
    ru: 'Поиск бюллетеня на публичной доске…',
  },
  castRecovered: {
    ro: 'Răspunsul se pierduse, dar verificarea a găsit buletinul dumneavoastră în registrul public.',
    en: 'The answer had been lost, but the check found your ballot on the public board.',
    ru: 'Ответ потерялся, но проверка нашла ваш бюллетень на публичной доске.',
  },

  // --- the receipt ---
  receiptDone: {
    ro: 'Ați votat. Puteți închide această pagină.',
    en: 'You have voted. You may close this page.',
    ru: 'Вы проголосовали. Можно закрыть эту страницу.',
  },
  receiptDeadline: {
    ro: 'Vă puteți schimba votul până la {closes}; se numără doar ultimul vot trimis.',
    en: 'You can change your vote until {closes}; only the last vote you cast counts.',
    ru: 'Изменить голос можно до {closes}; учитывается только последний отправленный голос.',
  },
  receiptChecksPassed: {
    ro: 'Toate verificările au reușit: votul dumneavoastră este în registrul public.',
    en: 'All checks passed: your vote is on the public board.',
    ru: 'Все проверки пройдены: ваш голос есть на публичной доске.',
  },
  receiptTechnical: {
    ro: 'Detalii tehnice (pentru CEC)',
    en: 'Technical details (for the CEC)',
    ru: 'Технические подробности (для ЦИК)',
  },

  // --- the audit ---
  auditNewCode: {
    ro: 'Buletinul următor este criptat din nou, cu alte numere aleatoare: codul lui de urmărire va fi altul decât acesta. Pe chitanță veți găsi codul buletinului trimis.',
    en: 'The next ballot is encrypted afresh, with other random numbers: its tracking code will differ from this one. The receipt shows the code of the ballot you cast.',
    ru: 'Следующий бюллетень шифруется заново, с другими случайными числами: его код отслеживания будет другим. В квитанции будет код отправленного бюллетеня.',
  },

  // --- help ---
  helpHeading: { ro: 'Ajutor', en: 'Help', ru: 'Помощь' },
  helpCountry: { ro: 'Țara în care locuiți:', en: 'Country you live in:', ru: 'Страна проживания:' },
  helpCountryOther: { ro: 'altă țară', en: 'another country', ru: 'другая страна' },
  helpPhone: { ro: 'Telefon', en: 'Phone', ru: 'Телефон' },
  helpEmail: { ro: 'Adresa de e-mail', en: 'E-mail', ru: 'Эл. почта' },
  helpWeb: { ro: 'Site', en: 'Website', ru: 'Сайт' },
  helpAddress: { ro: 'Adresa', en: 'Address', ru: 'Адрес' },
  helpHours: { ro: 'Program', en: 'Hours', ru: 'Часы работы' },
} as const satisfies Record<string, Localized>;
