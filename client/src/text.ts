// Every text the booth shows, in Romanian, English and Russian. `{name}` marks a value filled in
// at run time; each language of a text has the same placeholders (text.test.ts checks it).
import type { Language, Localized, TextTable } from './i18n.ts';
import { VOTER_TEXT } from './text-voter.ts';

export const TEXT = {
  // --- the page around every screen ---
  brand: {
    ro: 'Comisia Electorală Centrală · Vot prin internet',
    en: 'Central Electoral Commission · Internet voting',
    ru: 'Центральная избирательная комиссия · Голосование через интернет',
  },
  skip: { ro: 'Salt la conținut', en: 'Skip to content', ru: 'Перейти к содержанию' },
  languageNav: { ro: 'Limba', en: 'Language', ru: 'Язык' },
  noscript: {
    ro: 'Această pagină are nevoie de JavaScript: buletinul de vot este criptat pe dispozitivul dumneavoastră, înainte de a fi trimis.',
    en: 'This page needs JavaScript: your ballot is encrypted on your device before it is sent.',
    ru: 'Этой странице нужен JavaScript: бюллетень шифруется на вашем устройстве до отправки.',
  },
  loading: { ro: 'Se încarcă…', en: 'Loading…', ru: 'Загрузка…' },
  footer: {
    ro: 'Buletinul este criptat pe acest dispozitiv; serverul nu vede niciodată votul dumneavoastră.',
    en: 'Your ballot is encrypted on this device; the server never sees your vote.',
    ru: 'Бюллетень шифруется на этом устройстве; сервер никогда не видит ваш голос.',
  },
  allElections: { ro: 'Toate alegerile', en: 'All elections', ru: 'Все выборы' },
  checkVoteLink: {
    ro: 'Verificați un vot în registrul public',
    en: 'Check a vote on the public board',
    ru: 'Проверить голос на публичной доске',
  },
  auditLink: {
    ro: 'Verificați un buletin auditat',
    en: 'Check an audited ballot',
    ru: 'Проверить бюллетень, открытый для проверки',
  },
  ok: { ro: 'Verificat', en: 'Verified', ru: 'Проверено' },
  failed: { ro: 'Eșuat', en: 'Failed', ru: 'Не пройдено' },
  errorsHeading: { ro: 'Corectați următoarele:', en: 'Please correct the following:', ru: 'Исправьте следующее:' },

  // --- page titles ---
  titleElections: { ro: 'Vot prin internet', en: 'Internet voting', ru: 'Голосование через интернет' },
  titleVote: { ro: 'Votare', en: 'Voting', ru: 'Голосование' },
  titleAudit: {
    ro: 'Verificarea unui buletin auditat',
    en: 'Check an audited ballot',
    ru: 'Проверка проверочного бюллетеня',
  },
  titleCheck: { ro: 'Verificarea votului', en: 'Check a vote', ru: 'Проверка голоса' },
  titleBoard: { ro: 'Registrul public', en: 'The public board', ru: 'Публичная доска' },

  // --- elections ---
  electionsNone: {
    ro: 'Nu există alegeri în acest moment.',
    en: 'There are no elections at the moment.',
    ru: 'Сейчас выборов нет.',
  },
  electionsWindow: {
    ro: 'Votarea: de la {opens} până la {closes}',
    en: 'Voting: from {opens} to {closes}',
    ru: 'Голосование: с {opens} до {closes}',
  },
  electionsVote: { ro: 'Votați', en: 'Vote', ru: 'Голосовать' },
  electionsActivate: {
    ro: 'Activați cheia de vot',
    en: 'Activate your voting key',
    ru: 'Активировать ключ для голосования',
  },
  electionsResults: { ro: 'Rezultatele', en: 'Results', ru: 'Результаты' },
  stateLabel: { ro: 'Etapa: {state}', en: 'Stage: {state}', ru: 'Этап: {state}' },
  'state.key-ceremony': {
    ro: 'votarea nu a început încă',
    en: 'voting has not started yet',
    ru: 'голосование ещё не началось',
  },
  'state.open': { ro: 'votarea este deschisă', en: 'voting is open', ru: 'голосование открыто' },
  'state.closed': { ro: 'votarea s-a încheiat', en: 'voting has closed', ru: 'голосование завершено' },
  'state.mixing': {
    ro: 'votarea s-a încheiat; se numără voturile',
    en: 'voting has closed; the votes are being counted',
    ru: 'голосование завершено; идёт подсчёт',
  },
  'state.decrypting': {
    ro: 'votarea s-a încheiat; se numără voturile',
    en: 'voting has closed; the votes are being counted',
    ru: 'голосование завершено; идёт подсчёт',
  },
  'state.tallied': { ro: 'rezultatele sunt publicate', en: 'results published', ru: 'результаты опубликованы' },

  // --- vote page: the election's state ---
  voteNotFound: { ro: 'Aceste alegeri nu există.', en: 'There is no such election.', ru: 'Таких выборов нет.' },
  voteNotOpen: {
    ro: 'Votarea nu a început încă. Se deschide la {opens}.',
    en: 'Voting has not started yet. It opens on {opens}.',
    ru: 'Голосование ещё не началось. Оно откроется {opens}.',
  },
  voteNotOpenHeld: {
    ro: 'Cheia dumneavoastră de vot este păstrată pe acest dispozitiv. Reveniți aici când se deschide votarea.',
    en: 'Your voting key is kept on this device. Come back here when voting opens.',
    ru: 'Ваш ключ для голосования хранится на этом устройстве. Вернитесь сюда, когда голосование откроется.',
  },
  voteClosed: {
    ro: 'Votarea s-a încheiat; nu se mai pot trimite buletine.',
    en: 'Voting has closed; no more ballots can be cast.',
    ru: 'Голосование завершено; бюллетени больше не принимаются.',
  },
  voteLastReceipt: {
    ro: 'Verificați ultimul vot trimis de pe acest dispozitiv',
    en: 'Check the last vote cast from this device',
    ru: 'Проверить последний голос, отправленный с этого устройства',
  },

  // --- activation ---
  actHeading: {
    ro: 'Activați cheia de vot',
    en: 'Activate your voting key',
    ru: 'Активируйте ключ для голосования',
  },
  actIntro: {
    ro: 'Introduceți IDNP-ul, data nașterii și codul de activare din scrisoarea primită de la CEC. Acest dispozitiv va crea o cheie secretă de vot și o va păstra; doar partea ei publică este trimisă CEC, care o semnează fără a o lega public de numele dumneavoastră.',
    en: 'Enter your IDNP, date of birth and the activation code from the letter the CEC sent you. This device will create a secret voting key and keep it; only its public part is sent to the CEC, which signs it without linking it publicly to your name.',
    ru: 'Введите IDNP, дату рождения и код активации из письма ЦИК. Это устройство создаст секретный ключ для голосования и сохранит его; в ЦИК отправляется только его открытая часть, которую ЦИК подписывает, не связывая её публично с вашим именем.',
  },
  actIdnp: { ro: 'IDNP (codul personal)', en: 'IDNP (personal code)', ru: 'IDNP (личный код)' },
  actIdnpHint: { ro: '13 cifre', en: '13 digits', ru: '13 цифр' },
  actBirthDate: { ro: 'Data nașterii', en: 'Date of birth', ru: 'Дата рождения' },
  actBirthHint: {
    ro: 'Ziua și anul în cifre, luna din listă. De exemplu: 27, martie, 1985.',
    en: 'The day and the year in digits, the month from the list. For example: 27, March, 1985.',
    ru: 'День и год цифрами, месяц из списка. Например: 27, март, 1985.',
  },
  actDay: { ro: 'Ziua', en: 'Day', ru: 'День' },
  actMonth: { ro: 'Luna', en: 'Month', ru: 'Месяц' },
  actYear: { ro: 'Anul', en: 'Year', ru: 'Год' },
  actCode: { ro: 'Codul de activare', en: 'Activation code', ru: 'Код активации' },
  actCodeHint: {
    ro: '20 de litere și cifre, ca în scrisoare: XXXXX-XXXXX-XXXXX-XXXXX',
    en: '20 letters and digits, as in the letter: XXXXX-XXXXX-XXXXX-XXXXX',
    ru: '20 букв и цифр, как в письме: XXXXX-XXXXX-XXXXX-XXXXX',
  },
  actSubmit: { ro: 'Activați', en: 'Activate', ru: 'Активировать' },
  actWorking: {
    ro: 'Se creează cheia de vot și se activează…',
    en: 'Creating your voting key and activating…',
    ru: 'Создаётся ключ для голосования и выполняется активация…',
  },
  actErrIdnpFormat: {
    ro: 'IDNP-ul are exact 13 cifre.',
    en: 'The IDNP has exactly 13 digits.',
    ru: 'IDNP состоит ровно из 13 цифр.',
  },
  actErrIdnpCheck: {
    ro: 'Acest IDNP nu este valid: verificați cifrele.',
    en: 'This IDNP is not valid: check the digits.',
    ru: 'Этот IDNP недействителен: проверьте цифры.',
  },
  actErrDate: {
    ro: 'Introduceți o dată a nașterii reală: ziua, luna și anul (4 cifre).',
    en: 'Enter a real date of birth: day, month and year (4 digits).',
    ru: 'Введите настоящую дату рождения: день, месяц и год (4 цифры).',
  },
  actErrCode: {
    ro: 'Codul de activare are 20 de litere și cifre, ca în scrisoare.',
    en: 'The activation code has 20 letters and digits, as in the letter.',
    ru: 'Код активации состоит из 20 букв и цифр, как в письме.',
  },
  actErrStorage: {
    ro: 'Acest browser nu permite păstrarea datelor (poate este o fereastră privată). Deschideți pagina într-o fereastră obișnuită.',
    en: 'This browser does not allow data to be kept (perhaps it is a private window). Open the page in a normal window.',
    ru: 'Этот браузер не позволяет сохранять данные (возможно, это приватное окно). Откройте страницу в обычном окне.',
  },
  actDone: {
    ro: 'Cheia de vot a fost activată. Acest dispozitiv (acest browser) o păstrează acum: votați de pe el, sau mutați-o pe alt dispozitiv („Votați și de pe alt dispozitiv”). Dacă ștergeți datele browserului sau pierdeți dispozitivul, cereți un cod nou; codul nou anulează cheia veche.',
    en: 'Your voting key is activated. This device (this browser) now keeps it: vote from it, or move it to another device (“Vote from another device too”). If you clear the browser’s data or lose the device, ask for a new code; a new code cancels the old key.',
    ru: 'Ключ для голосования активирован. Теперь он хранится на этом устройстве (в этом браузере): голосуйте с него или перенесите его на другое устройство («Голосовать и с другого устройства»). Если вы очистите данные браузера или потеряете устройство, запросите новый код; новый код отменяет старый ключ.',
  },

  // --- errors from the server (problem types) ---
  errActivationFailed: {
    ro: 'IDNP-ul sau data nașterii nu se potrivesc cu lista alegătorilor acestor alegeri (sau codul nu este corect). O dată a nașterii greșită nu consumă din cele 5 încercări ale codului. Verificați și încercați din nou.',
    en: 'The IDNP or the date of birth does not match the list of voters of this election (or the code is not correct). A wrong date of birth does not use up any of the code’s 5 tries. Check them and try again.',
    ru: 'IDNP или дата рождения не совпадают со списком избирателей этих выборов (или код неверен). Неверная дата рождения не расходует 5 попыток кода. Проверьте и попробуйте снова.',
  },
  errActivationLocked: {
    ro: 'Codul de activare este blocat după 5 încercări greșite: nimeni nu mai poate activa cu el. Ca să votați prin internet, cereți un cod nou (îl primiți tot prin scrisoare): sunați sau scrieți la unul din contactele de mai jos, ori mergeți la ambasadă sau la consulat cu actul de identitate.',
    en: 'The activation code is locked after 5 wrong tries: nobody can activate with it any more. To vote over the internet, ask for a new code (it comes by letter again): call or write to one of the contacts below, or go to the embassy or consulate with your identity document.',
    ru: 'Код активации заблокирован после 5 неверных попыток: активировать им больше нельзя. Чтобы голосовать через интернет, запросите новый код (он снова придёт письмом): позвоните или напишите по одному из контактов ниже или обратитесь в посольство либо консульство с удостоверением личности.',
  },
  errAlreadyActivated: {
    ro: 'Acest cod de activare a fost deja folosit. Dacă ați activat cheia de vot pe alt dispozitiv, votați de acolo sau aduceți cheia aici („Cheia mea de vot este pe alt dispozitiv”); dacă ați pierdut acel dispozitiv, cereți un cod nou.',
    en: 'This activation code has already been used. If you activated your voting key on another device, vote from there or bring the key here (“My voting key is on another device”); if you lost that device, ask for a new code.',
    ru: 'Этот код активации уже использован. Если вы активировали ключ для голосования на другом устройстве, голосуйте с него или перенесите ключ сюда («Мой ключ для голосования на другом устройстве»); если вы потеряли то устройство, запросите новый код.',
  },
  errVotedInPerson: {
    ro: 'Ați votat deja la o secție de votare; nu mai puteți vota prin internet în aceste alegeri.',
    en: 'You have already voted at a polling station; you cannot vote over the internet in this election.',
    ru: 'Вы уже проголосовали на избирательном участке; голосовать через интернет на этих выборах нельзя.',
  },
  errVoterNotFound: {
    ro: 'Acest IDNP nu este în lista alegătorilor acestor alegeri.',
    en: 'This IDNP is not on the list of voters of this election.',
    ru: 'Этого IDNP нет в списке избирателей этих выборов.',
  },
  errElectionNotFound: { ro: 'Aceste alegeri nu există.', en: 'There is no such election.', ru: 'Таких выборов нет.' },
  errWrongState: {
    ro: 'Nu este posibil acum: votarea nu este deschisă.',
    en: 'Not possible now: voting is not open.',
    ru: 'Сейчас это невозможно: голосование не открыто.',
  },
  errRateLimited: {
    ro: 'Prea multe încercări de la această adresă. Așteptați un minut și încercați din nou.',
    en: 'Too many tries from this address. Wait a minute and try again.',
    ru: 'Слишком много попыток с этого адреса. Подождите минуту и попробуйте снова.',
  },
  errCredentialUnknown: {
    ro: 'Cheia de vot de pe acest dispozitiv nu este recunoscută în aceste alegeri. Cereți un cod nou.',
    en: 'The voting key on this device is not known in this election. Ask for a new code.',
    ru: 'Ключ для голосования на этом устройстве не известен на этих выборах. Запросите новый код.',
  },
  errCredentialRevoked: {
    ro: 'Cheia de vot de pe acest dispozitiv a fost anulată: a fost emis un cod nou sau ați votat la o secție de votare.',
    en: 'The voting key on this device has been cancelled: a new code was issued, or you voted at a polling station.',
    ru: 'Ключ для голосования на этом устройстве отменён: был выдан новый код или вы проголосовали на избирательном участке.',
  },
  errBallotInvalid: {
    ro: 'Serverul a refuzat buletinul ca nevalid. Reîncărcați pagina și votați din nou.',
    en: 'The server refused the ballot as invalid. Reload the page and vote again.',
    ru: 'Сервер отклонил бюллетень как недействительный. Перезагрузите страницу и проголосуйте снова.',
  },
  errInvalidKey: {
    ro: 'Cheia de vot creată nu a fost acceptată. Încercați din nou.',
    en: 'The voting key that was created was not accepted. Try again.',
    ru: 'Созданный ключ для голосования не принят. Попробуйте снова.',
  },
  errNetwork: {
    ro: 'Serverul nu a putut fi contactat. Verificați conexiunea la internet și încercați din nou.',
    en: 'The server could not be reached. Check your internet connection and try again.',
    ru: 'Не удалось связаться с сервером. Проверьте подключение к интернету и попробуйте снова.',
  },
  errServer: {
    ro: 'Eroare a serverului. Încercați din nou peste puțin timp.',
    en: 'A server error. Try again in a little while.',
    ru: 'Ошибка сервера. Попробуйте снова чуть позже.',
  },
  errGeneric: {
    ro: 'Cererea a fost refuzată: {title}',
    en: 'The request was refused: {title}',
    ru: 'Запрос отклонён: {title}',
  },
  errElectionData: {
    ro: 'Acest dispozitiv nu poate confirma alegerile în registrul public ({reason}), deci nu vă va cripta votul. Nu votați pe acest dispozitiv: anunțați Comisia Electorală Centrală (adresa site-ului ei este pe scrisoarea de activare) sau ambasada ori consulatul.',
    en: 'This device cannot confirm the election on the public board ({reason}), so it will not encrypt your vote. Do not vote on this device: tell the Central Electoral Commission (its website address is on your activation letter) or the embassy or consulate.',
    ru: 'Это устройство не может подтвердить выборы по публичной доске ({reason}), поэтому не будет шифровать ваш голос. Не голосуйте на этом устройстве: сообщите в Центральную избирательную комиссию (адрес её сайта указан в письме с кодом активации) или в посольство либо консульство.',
  },

  // --- the ballot ---
  ballotHeading: { ro: 'Buletinul de vot', en: 'Your ballot', ru: 'Ваш бюллетень' },
  fingerprintLabel: { ro: 'Amprenta alegerilor', en: 'Election fingerprint', ru: 'Отпечаток выборов' },
  fingerprintCompare: {
    ro: 'Comparați-o cu amprenta tipărită pe scrisoarea de activare și cu cea publicată pe site-ul CEC: trebuie să fie aceeași. Dacă diferă, nu votați și anunțați CEC.',
    en: 'Compare it with the fingerprint printed on your activation letter and the one on the CEC’s website: it must be the same. If it differs, do not vote; tell the CEC.',
    ru: 'Сравните его с отпечатком в письме с кодом активации и с опубликованным на сайте ЦИК: он должен совпадать. Если он отличается, не голосуйте и сообщите в ЦИК.',
  },
  ballotIntro: {
    ro: 'Alegeți câte o opțiune la fiecare întrebare. Buletinul va fi criptat pe acest dispozitiv; veți vedea alegerile încă o dată înainte de a-l trimite.',
    en: 'Choose one option for each question. The ballot will be encrypted on this device; you will see your choices once more before casting it.',
    ru: 'Выберите по одному варианту в каждом вопросе. Бюллетень будет зашифрован на этом устройстве; перед отправкой вы ещё раз увидите свой выбор.',
  },
  ballotBlank: { ro: 'Vot alb (nicio opțiune)', en: 'Blank vote (no option)', ru: 'Пустой голос (ни один вариант)' },
  ballotNext: { ro: 'Continuați', en: 'Continue', ru: 'Продолжить' },
  ballotMissing: {
    ro: 'Alegeți o opțiune la „{contest}”.',
    en: 'Choose an option for “{contest}”.',
    ru: 'Выберите вариант в вопросе «{contest}».',
  },
  ballotVotedBefore: {
    ro: 'Ați votat deja de pe acest dispozitiv. Puteți vota din nou: buletinul nou îl înlocuiește pe cel anterior.',
    en: 'You have already voted from this device. You can vote again: the new ballot replaces the earlier one.',
    ru: 'Вы уже голосовали с этого устройства. Можно проголосовать снова: новый бюллетень заменит предыдущий.',
  },
  revoteTitle: {
    ro: 'Puteți vota de mai multe ori',
    en: 'You can vote more than once',
    ru: 'Голосовать можно несколько раз',
  },

  // --- review, encryption, cast or audit ---
  reviewHeading: { ro: 'Verificați alegerile', en: 'Check your choices', ru: 'Проверьте свой выбор' },
  reviewEncrypting: {
    ro: 'Se criptează buletinul pe acest dispozitiv…',
    en: 'Encrypting your ballot on this device…',
    ru: 'Бюллетень шифруется на этом устройстве…',
  },
  reviewTracking: {
    ro: 'Codul de urmărire al acestui buletin criptat',
    en: 'Tracking code of this encrypted ballot',
    ru: 'Код отслеживания этого зашифрованного бюллетеня',
  },
  reviewTrackingHint: {
    ro: 'Notați primele caractere: le veți regăsi în chitanță și în registrul public. Codul nu arată cum ați votat.',
    en: 'Note the first characters: you will find them on the receipt and on the public board. The code does not show how you voted.',
    ru: 'Запишите первые символы: вы найдёте их в квитанции и на публичной доске. Код не показывает, как вы проголосовали.',
  },
  reviewCast: { ro: 'Trimiteți votul', en: 'Cast this ballot', ru: 'Отправить голос' },
  reviewChange: { ro: 'Modificați alegerile', en: 'Change my choices', ru: 'Изменить выбор' },
  reviewAudit: {
    ro: 'Auditați acest buletin în loc să-l trimiteți',
    en: 'Audit this ballot instead of casting it',
    ru: 'Проверить этот бюллетень вместо отправки',
  },
  reviewAuditHeading: {
    ro: 'Vreți să verificați criptarea?',
    en: 'Want to check the encryption?',
    ru: 'Хотите проверить шифрование?',
  },
  reviewAuditHint: {
    ro: 'Auditul deschide acest buletin criptat, ca să verificați (și pe alt dispozitiv) că acest dispozitiv a criptat exact alegerile dumneavoastră. Un buletin auditat nu mai poate fi trimis: după audit votați cu un buletin nou, criptat din nou.',
    en: 'An audit opens this encrypted ballot so that you can check (on another device too) that this device encrypted exactly your choices. An audited ballot can never be cast: after the audit you vote with a new ballot, encrypted afresh.',
    ru: 'Проверка раскрывает этот зашифрованный бюллетень, чтобы вы могли убедиться (и на другом устройстве), что это устройство зашифровало именно ваш выбор. Проверенный бюллетень отправить нельзя: после проверки вы голосуете новым бюллетенем, зашифрованным заново.',
  },
  reviewCasting: { ro: 'Se trimite votul…', en: 'Casting your vote…', ru: 'Голос отправляется…' },

  // --- audit in the booth ---
  auditHeading: {
    ro: 'Buletin auditat — nu a fost trimis',
    en: 'Audited ballot — not cast',
    ru: 'Проверенный бюллетень — не отправлен',
  },
  auditExplain: {
    ro: 'Acest buletin a fost deschis pentru verificare și nu va fi trimis niciodată. Mai jos sunt alegerile pe care le conține.',
    en: 'This ballot was opened for checking and will never be cast. Below are the choices it contains.',
    ru: 'Этот бюллетень раскрыт для проверки и никогда не будет отправлен. Ниже — выбор, который он содержит.',
  },
  auditValid: {
    ro: 'Buletinul criptat conține exact aceste alegeri (verificat pe acest dispozitiv cu datele de criptare).',
    en: 'The encrypted ballot contains exactly these choices (checked on this device with the encryption data).',
    ru: 'Зашифрованный бюллетень содержит именно этот выбор (проверено на этом устройстве по данным шифрования).',
  },
  auditInvalid: {
    ro: 'ATENȚIE: buletinul criptat NU corespunde alegerilor ({reason}). Nu votați de pe acest dispozitiv și anunțați CEC.',
    en: 'WARNING: the encrypted ballot does NOT match the choices ({reason}). Do not vote from this device; tell the CEC.',
    ru: 'ВНИМАНИЕ: зашифрованный бюллетень НЕ соответствует выбору ({reason}). Не голосуйте с этого устройства и сообщите в ЦИК.',
  },
  auditRandomness: {
    ro: 'Datele de criptare (numerele aleatoare) ale fiecărei întrebări',
    en: 'The encryption data (random numbers) of each question',
    ru: 'Данные шифрования (случайные числа) каждого вопроса',
  },
  auditOtherDevice: {
    ro: 'Pentru o verificare independentă de acest dispozitiv: pe alt telefon sau calculator deschideți {url} și lipiți acolo datele auditului, sau deschideți fișierul descărcat.',
    en: 'To check independently of this device: on another phone or computer open {url} and paste the audit data there, or open the downloaded file.',
    ru: 'Чтобы проверить независимо от этого устройства: на другом телефоне или компьютере откройте {url} и вставьте туда данные проверки или откройте скачанный файл.',
  },
  auditData: { ro: 'Datele auditului', en: 'Audit data', ru: 'Данные проверки' },
  auditCopy: { ro: 'Copiați datele auditului', en: 'Copy the audit data', ru: 'Скопировать данные проверки' },
  auditCopied: { ro: 'Datele au fost copiate.', en: 'The data has been copied.', ru: 'Данные скопированы.' },
  auditDownload: {
    ro: 'Descărcați datele auditului (JSON)',
    en: 'Download the audit data (JSON)',
    ru: 'Скачать данные проверки (JSON)',
  },
  auditAgain: {
    ro: 'Înapoi la vot (un buletin nou)',
    en: 'Back to voting (a fresh ballot)',
    ru: 'Вернуться к голосованию (новый бюллетень)',
  },

  // --- receipt ---
  receiptHeading: {
    ro: 'Votul dumneavoastră a fost înregistrat',
    en: 'Your vote has been recorded',
    ru: 'Ваш голос записан',
  },
  receiptTracking: { ro: 'Codul de urmărire', en: 'Tracking code', ru: 'Код отслеживания' },
  receiptPosition: {
    ro: 'Poziția în registrul public',
    en: 'Position on the public board',
    ru: 'Позиция на публичной доске',
  },
  receiptTime: { ro: 'Înregistrat la', en: 'Recorded on', ru: 'Записан' },
  receiptElection: { ro: 'Alegerile', en: 'Election', ru: 'Выборы' },
  receiptChecking: {
    ro: 'Se verifică în registrul public…',
    en: 'Checking the public board…',
    ru: 'Проверка на публичной доске…',
  },
  receiptBad: {
    ro: 'ATENȚIE: chitanța nu a putut fi verificată ({reason}). Păstrați chitanța și anunțați CEC.',
    en: 'WARNING: the receipt could not be verified ({reason}). Keep the receipt and tell the CEC.',
    ru: 'ВНИМАНИЕ: квитанцию не удалось проверить ({reason}). Сохраните квитанцию и сообщите в ЦИК.',
  },
  receiptQr: {
    ro: 'Scanați acest cod cu alt telefon sau calculator ca să verificați, pe acel dispozitiv, că votul dumneavoastră este în registrul public.',
    en: 'Scan this code with another phone or computer to check, on that device, that your vote is on the public board.',
    ru: 'Отсканируйте этот код другим телефоном или компьютером, чтобы проверить на нём, что ваш голос есть на публичной доске.',
  },
  receiptQrAlt: {
    ro: 'Cod QR cu adresa paginii de verificare a acestui vot',
    en: 'QR code with the address of the page that checks this vote',
    ru: 'QR-код с адресом страницы проверки этого голоса',
  },
  receiptCheckAddress: {
    ro: 'Adresa paginii de verificare:',
    en: 'Address of the checking page:',
    ru: 'Адрес страницы проверки:',
  },
  receiptDownload: {
    ro: 'Descărcați chitanța (JSON)',
    en: 'Download the receipt (JSON)',
    ru: 'Скачать квитанцию (JSON)',
  },
  receiptPrint: { ro: 'Tipăriți chitanța', en: 'Print the receipt', ru: 'Распечатать квитанцию' },
  receiptKeep: {
    ro: 'Păstrați codul de urmărire: cu el verificați oricând că votul este în registrul public. Codul nu arată cum ați votat.',
    en: 'Keep the tracking code: with it you can check at any time that your vote is on the public board. The code does not show how you voted.',
    ru: 'Сохраните код отслеживания: с ним вы в любой момент можете проверить, что ваш голос есть на публичной доске. Код не показывает, как вы проголосовали.',
  },
  receiptRevote: {
    ro: 'V-ați răzgândit? Puteți vota din nou până la închiderea votării; se numără doar ultimul buletin.',
    en: 'Changed your mind? You can vote again until voting closes; only the last ballot counts.',
    ru: 'Передумали? Вы можете проголосовать снова до окончания голосования; учитывается только последний бюллетень.',
  },
  receiptAgain: { ro: 'Votați din nou', en: 'Vote again', ru: 'Проголосовать снова' },

  // --- what a receipt reveals (docs/THREAT-MODEL.md §2.5, §3.10) ---
  revoteWhoCanSee: {
    ro: 'Până la închiderea votării puteți vota din nou oricând; se numără doar ultimul buletin trimis. Dacă cineva vă obligă să votați într-un anumit fel, puteți vota din nou mai târziu, singur. Pagina de verificare nu spune nimănui dacă un buletin este ultimul dumneavoastră. Dar registrul public arată, pentru fiecare buletin, cheia de vot cu care a fost trimis: cine are codul de urmărire sau chitanța unui buletin al dumneavoastră (de exemplu, o fotografie) poate afla, cu ceva efort, dacă ați votat din nou după el. Nu arătați codul sau chitanța cuiva care vă presează. Dacă votați la o secție de votare, voturile prin internet nu se mai numără.',
    en: 'Until voting closes you can vote again at any time; only the last ballot you cast counts. If someone forces you to vote a certain way, you can vote again later, alone. The checking page tells nobody whether a ballot is your last. But the public board shows, for every ballot, the voting key it was sent with: whoever has the tracking code or the receipt of one of your ballots (a photo, for example) can find out, with some effort, whether you voted again after it. Do not show the code or the receipt to anyone who pressures you. If you vote at a polling station, your internet votes no longer count.',
    ru: 'До окончания голосования вы можете проголосовать снова в любой момент; учитывается только последний отправленный бюллетень. Если вас принуждают голосовать определённым образом, вы можете позже проголосовать снова, наедине. Страница проверки никому не сообщает, последний ли это ваш бюллетень. Но публичная доска показывает для каждого бюллетеня, с каким ключом для голосования он отправлен: тот, у кого есть код отслеживания или квитанция одного из ваших бюллетеней (например, фотография), может с некоторым трудом узнать, голосовали ли вы после него снова. Не показывайте код и квитанцию тому, кто на вас давит. Если вы проголосуете на избирательном участке, ваши голоса через интернет не учитываются.',
  },

  // --- checking a vote by its tracking code ---
  checkCodeLabel: { ro: 'Codul de urmărire', en: 'Tracking code', ru: 'Код отслеживания' },
  checkCodeHint: {
    ro: 'Cele 16 caractere de pe chitanță (de exemplu YRPC-327C-M4KD-1Q8B), sau adresa din codul QR al chitanței.',
    en: 'The 16 characters on the receipt (for example YRPC-327C-M4KD-1Q8B), or the address in the receipt’s QR code.',
    ru: '16 символов с квитанции (например, YRPC-327C-M4KD-1Q8B) или адрес из QR-кода квитанции.',
  },
  checkElectionLabel: { ro: 'Alegerile', en: 'Election', ru: 'Выборы' },
  checkSubmit: { ro: 'Verificați', en: 'Check', ru: 'Проверить' },
  checkCodeUnreadable: {
    ro: 'Acesta nu este un cod de urmărire: scrieți cele 16 litere și cifre de pe chitanță, în grupe de câte patru.',
    en: 'This is not a tracking code: type the 16 letters and digits on the receipt, in groups of four.',
    ru: 'Это не код отслеживания: введите 16 букв и цифр с квитанции, группами по четыре.',
  },
  checkChooseElection: {
    ro: 'Alegeți alegerile în care ați votat.',
    en: 'Choose the election you voted in.',
    ru: 'Выберите выборы, в которых вы голосовали.',
  },
  checkWhere: {
    ro: 'Buletinul este la poziția {position} în registrul public. Cel mai recent rezumat al registrului, semnat de CEC ({time}), cuprinde {size} intrări și îl include.',
    en: 'The ballot is at position {position} on the public board. The board’s latest summary, signed by the CEC ({time}), covers {size} entries and includes it.',
    ru: 'Бюллетень находится на позиции {position} публичной доски. Последняя сводка доски, подписанная ЦИК ({time}), охватывает {size} записей и включает его.',
  },
  checkShortCode: {
    ro: 'Ați introdus codul scurt: verificarea arată buletinul al cărui cod de urmărire începe cu aceste 16 caractere.',
    en: 'You typed the short code: the check shows the ballot whose tracking code begins with these 16 characters.',
    ru: 'Вы ввели короткий код: проверка показывает бюллетень, код отслеживания которого начинается с этих 16 символов.',
  },
  checkReveals: {
    ro: 'Această pagină arată doar că buletinul este în registrul public, neschimbat. Nu spune dacă este ultimul buletin trimis cu aceeași cheie de vot: se numără doar ultimul.',
    en: 'This page shows only that the ballot is on the public board, unchanged. It does not say whether it is the last ballot sent with the same voting key: only the last one counts.',
    ru: 'Эта страница показывает только, что бюллетень есть на публичной доске в неизменном виде. Она не сообщает, последний ли это бюллетень, отправленный с тем же ключом для голосования: учитывается только последний.',
  },
  boardLink: { ro: 'Registrul public', en: 'The public board', ru: 'Публичная доска' },

  // --- the public board ---
  boardIntro: {
    ro: 'Registrul public al alegerilor: toate intrările, în ordine, fiecare legată de cea dinainte, și antetele semnate de CEC. Buletinele sunt criptate; registrul nu arată cine le-a trimis.',
    en: 'The election’s public board: every entry, in order, each linked to the one before, and the tree heads signed by the CEC. Ballots are encrypted; the board does not show who sent them.',
    ru: 'Публичная доска выборов: все записи по порядку, каждая связана с предыдущей, и заголовки, подписанные ЦИК. Бюллетени зашифрованы; доска не показывает, кто их отправил.',
  },
  boardLatestHead: {
    ro: 'Cel mai recent antet: {size} intrări, semnat de CEC la {time}.',
    en: 'Latest tree head: {size} entries, signed by the CEC on {time}.',
    ru: 'Последний заголовок: {size} записей, подписан ЦИК {time}.',
  },
  boardHeadSigned: {
    ro: 'Semnătura CEC a celui mai recent antet',
    en: 'The CEC’s signature on the latest tree head',
    ru: 'Подпись ЦИК под последним заголовком',
  },
  boardChain: {
    ro: 'Intrările de pe această pagină au hash-ul declarat și sunt legate de cea dinainte',
    en: 'The entries on this page hash to their stated hash and link to the one before',
    ru: 'Записи на этой странице имеют заявленный хеш и связаны с предыдущей',
  },
  boardEntries: { ro: 'Intrările', en: 'Entries', ru: 'Записи' },
  boardEntriesRange: {
    ro: 'Intrările {from}–{to} din {size}',
    en: 'Entries {from}–{to} of {size}',
    ru: 'Записи {from}–{to} из {size}',
  },
  boardColPosition: { ro: 'Poziția', en: 'Position', ru: 'Позиция' },
  boardColType: { ro: 'Tipul', en: 'Type', ru: 'Тип' },
  boardColTime: { ro: 'Ora', en: 'Time', ru: 'Время' },
  boardColCode: { ro: 'Codul de urmărire', en: 'Tracking code', ru: 'Код отслеживания' },
  boardColSize: { ro: 'Intrări', en: 'Entries', ru: 'Записей' },
  boardColRoot: { ro: 'Rădăcina', en: 'Root', ru: 'Корень' },
  boardPrevious: { ro: '← Pagina anterioară', en: '← Previous page', ru: '← Предыдущая страница' },
  boardNext: { ro: 'Pagina următoare →', en: 'Next page →', ru: 'Следующая страница →' },
  boardEntryPages: { ro: 'Paginile intrărilor', en: 'Pages of entries', ru: 'Страницы записей' },
  boardHeadPages: { ro: 'Paginile antetelor', en: 'Pages of tree heads', ru: 'Страницы заголовков' },
  boardHeads: { ro: 'Antetele semnate', en: 'Signed tree heads', ru: 'Подписанные заголовки' },
  boardHeadsRange: {
    ro: 'Antetele {from}–{to}',
    en: 'Tree heads {from}–{to}',
    ru: 'Заголовки {from}–{to}',
  },
  boardFind: {
    ro: 'Căutați un cod de urmărire',
    en: 'Find a tracking code',
    ru: 'Найти код отслеживания',
  },
  boardFindSubmit: { ro: 'Căutați', en: 'Find', ru: 'Найти' },
  boardFound: {
    ro: 'Buletinul cu codul {code} este la poziția {position}.',
    en: 'The ballot with the code {code} is at position {position}.',
    ru: 'Бюллетень с кодом {code} находится на позиции {position}.',
  },
  boardFoundCheck: {
    ro: 'Verificați-l (dovada de includere, în acest browser)',
    en: 'Check it (the inclusion proof, in this browser)',
    ru: 'Проверить его (доказательство включения, в этом браузере)',
  },
  boardChooseElection: {
    ro: 'Alegeți alegerile al căror registru vreți să-l vedeți:',
    en: 'Choose the election whose board you want to see:',
    ru: 'Выберите выборы, доску которых вы хотите посмотреть:',
  },

  // --- checks of a cast ballot (booth and second device) ---
  checkHeading: {
    ro: 'Verificarea unui vot în registrul public',
    en: 'Checking a vote on the public board',
    ru: 'Проверка голоса на публичной доске',
  },
  checkIntro: {
    ro: 'Această pagină verifică, în acest browser, că buletinul cu acest cod de urmărire este în registrul public al alegerilor, sub un antet semnat de CEC.',
    en: 'This page checks, in this browser, that the ballot with this tracking code is on the election’s public board, under a tree head signed by the CEC.',
    ru: 'Эта страница проверяет в этом браузере, что бюллетень с этим кодом отслеживания есть на публичной доске выборов, под заголовком, подписанным ЦИК.',
  },
  checkReceiptFile: {
    ro: 'Sau verificați o chitanță salvată (fișierul JSON)',
    en: 'Or check a saved receipt (the JSON file)',
    ru: 'Или проверьте сохранённую квитанцию (файл JSON)',
  },

  checkNotFound: {
    ro: 'Nu există niciun buletin cu acest cod de urmărire în aceste alegeri.',
    en: 'There is no ballot with this tracking code in this election.',
    ru: 'На этих выборах нет бюллетеня с таким кодом отслеживания.',
  },
  checkMalformedReceipt: {
    ro: 'Fișierul nu este o chitanță de vot.',
    en: 'The file is not a voting receipt.',
    ru: 'Файл не является квитанцией о голосовании.',
  },
  checkAllGood: {
    ro: 'Verificat: votul este în registrul public, sub un antet semnat de CEC.',
    en: 'Verified: the vote is on the public board, under a tree head signed by the CEC.',
    ru: 'Проверено: голос есть на публичной доске, под заголовком, подписанным ЦИК.',
  },
  checkSomeFailed: {
    ro: 'ATENȚIE: o verificare a eșuat. Păstrați chitanța și anunțați CEC.',
    en: 'WARNING: a check failed. Keep the receipt and tell the CEC.',
    ru: 'ВНИМАНИЕ: проверка не пройдена. Сохраните квитанцию и сообщите в ЦИК.',
  },
  'step.receipt': {
    ro: 'Chitanța este semnată de CEC, împreună cu starea registrului public din acel moment',
    en: 'The receipt is signed by the CEC, with the state of the public board at that moment',
    ru: 'Квитанция подписана ЦИК вместе с состоянием публичной доски на тот момент',
  },
  'step.tracking-code': {
    ro: 'Chitanța este pentru acest cod de urmărire',
    en: 'The receipt is for this tracking code',
    ru: 'Квитанция относится к этому коду отслеживания',
  },
  'step.entry': {
    ro: 'Intrarea din registru conține buletinul cu acest cod de urmărire',
    en: 'The board entry holds the ballot with this tracking code',
    ru: 'Запись на доске содержит бюллетень с этим кодом отслеживания',
  },
  'step.ballot': {
    ro: 'Buletinul este valid (semnat cu cheia de vot, o singură alegere la fiecare întrebare)',
    en: 'The ballot is valid (signed with the voting key, one choice per question)',
    ru: 'Бюллетень действителен (подписан ключом для голосования, по одному выбору в каждом вопросе)',
  },
  'step.head': {
    ro: 'Starea actuală a registrului public este semnată de CEC',
    en: 'The current state of the public board is signed by the CEC',
    ru: 'Текущее состояние публичной доски подписано ЦИК',
  },
  'step.inclusion': {
    ro: 'Buletinul face parte din starea actuală a registrului (verificat matematic)',
    en: 'The ballot is part of the current state of the board (checked mathematically)',
    ru: 'Бюллетень входит в текущее состояние доски (проверено математически)',
  },
  'step.consistency': {
    ro: 'De la chitanță până acum registrul doar a crescut, nimic nu a fost schimbat',
    en: 'Since the receipt the board has only grown; nothing was changed',
    ru: 'С момента квитанции доска только росла; ничего не изменено',
  },

  // --- the audit page (any device) ---
  auditPageIntro: {
    ro: 'Lipiți aici datele unui buletin auditat (în cabina de vot: „Copiați datele auditului”) sau alegeți fișierul descărcat. Verificarea se face în acest browser, cu datele publice ale alegerilor.',
    en: 'Paste the data of an audited ballot here (in the booth: “Copy the audit data”) or choose the downloaded file. The check runs in this browser, with the election’s public data.',
    ru: 'Вставьте сюда данные проверенного бюллетеня (в кабине: «Скопировать данные проверки») или выберите скачанный файл. Проверка выполняется в этом браузере по открытым данным выборов.',
  },
  auditPageFile: { ro: 'Sau alegeți fișierul', en: 'Or choose the file', ru: 'Или выберите файл' },
  auditPageRun: { ro: 'Verificați', en: 'Check', ru: 'Проверить' },
  auditPageMalformed: {
    ro: 'Acestea nu sunt datele unui buletin auditat.',
    en: 'This is not the data of an audited ballot.',
    ru: 'Это не данные проверенного бюллетеня.',
  },
  auditPageChoices: {
    ro: 'Alegerile conținute de buletin',
    en: 'The choices the ballot contains',
    ru: 'Выбор, содержащийся в бюллетене',
  },
  'step.audit': {
    ro: 'Buletinul criptat conține exact aceste alegeri',
    en: 'The encrypted ballot contains exactly these choices',
    ru: 'Зашифрованный бюллетень содержит именно этот выбор',
  },
  'step.audit-proofs': {
    ro: 'Dovezile buletinului sunt valide; buletinul nu este semnat, deci nu poate fi trimis de nimeni',
    en: 'The ballot’s proofs are valid; the ballot is not signed, so nobody can cast it',
    ru: 'Доказательства бюллетеня действительны; бюллетень не подписан, поэтому никто не может его отправить',
  },
  'step.not-cast': {
    ro: 'Buletinul auditat nu a fost trimis (nu este în registrul public)',
    en: 'The audited ballot was not cast (it is not on the public board)',
    ru: 'Проверенный бюллетень не отправлен (его нет на публичной доске)',
  },
  ...VOTER_TEXT,
} as const satisfies Record<string, Localized>;

export type TextKey = keyof typeof TEXT;

/** The texts of one language: what the booth downloads (./text-ro.data.ts, …). */
export function textColumn(language: Language): TextTable {
  return Object.fromEntries(Object.entries(TEXT).map(([key, text]) => [key, text[language]])) as TextTable;
}
