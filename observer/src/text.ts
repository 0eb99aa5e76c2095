// What the observer's program prints of its own — progress, alarms, the receipt check — in Romanian
// (the default), English and Russian; with the messages of reading the board
// (@evotare/verifier/remote/text). Reasons worded by the crypto checks stay as they are worded.
import { type Localized, localizer } from '@evotare/verifier/i18n';
import { REMOTE_TEXT } from '@evotare/verifier/remote/text';

export const OBSERVER_TEXT = {
  none: { ro: 'niciunul', en: 'none', ru: 'ни одного' },
  observerKeyWritten: {
    ro: 'cheia observatorului este sigilată în {file}; dați cheia publică de mai jos oficialilor (`evotare observers register`)',
    en: 'the observer’s key is sealed in {file}; give the public key below to the officials (`evotare observers register`)',
    ru: 'ключ наблюдателя запечатан в {file}; передайте открытый ключ ниже организаторам (`evotare observers register`)',
  },
  observerKeyExists: {
    ro: '{file} există deja; alegeți alt fișier (cheile nu se înlocuiesc niciodată)',
    en: '{file} exists already; choose another file (keys are never replaced)',
    ru: '{file} уже существует; выберите другой файл (ключи никогда не заменяются)',
  },
  noPassphrase: {
    ro: 'lipsește fraza de acces: setați {variable} sau dați --passphrase-file FIȘIER',
    en: 'no passphrase: set {variable} or pass --passphrase-file FILE',
    ru: 'нет парольной фразы: задайте {variable} или укажите --passphrase-file ФАЙЛ',
  },
  cannotOpenKey: {
    ro: 'cheia observatorului din {file} nu poate fi deschisă: {reason}',
    en: 'cannot open the observer’s key in {file}: {reason}',
    ru: 'не удаётся открыть ключ наблюдателя в {file}: {reason}',
  },
  logUnreadable: {
    ro: 'jurnalul {file} nu poate fi citit: {reason}',
    en: 'cannot read the log {file}: {reason}',
    ru: 'не удаётся прочитать журнал {file}: {reason}',
  },
  logOfAnother: {
    ro: 'jurnalul {file} este al altui observator sau al altei alegeri; alegeți alt fișier',
    en: 'the log {file} belongs to another observer or election; choose another file',
    ru: 'журнал {file} принадлежит другому наблюдателю или другим выборам; выберите другой файл',
  },
  alarmStands: {
    ro: 'jurnalul {file} conține deja o alarmă ({check}): observatorul nu continuă peste o neconcordanță',
    en: 'the log {file} already holds an alarm ({check}): the observer does not go on past an inconsistency',
    ru: 'журнал {file} уже содержит тревогу ({check}): наблюдатель не продолжает после несоответствия',
  },
  headChecked: {
    ro: 'antetul de arbore de mărime {size} verificat ({seconds} s); contrasemnate: {cosigned}',
    en: 'tree head of size {size} checked ({seconds} s); co-signed: {cosigned}',
    ru: 'заголовок дерева размера {size} проверен ({seconds} с); подписаны: {cosigned}',
  },
  noHeadYet: {
    ro: 'avizierul nu are încă un antet de arbore semnat',
    en: 'the board has no signed tree head yet',
    ru: 'у доски ещё нет подписанного заголовка дерева',
  },
  alarm: {
    ro: 'ALARMĂ {check}: {detail}',
    en: 'ALARM {check}: {detail}',
    ru: 'ТРЕВОГА {check}: {detail}',
  },
  peerUnreadable: {
    ro: 'atenție: jurnalul observatorului {peer} nu poate fi citit ({reason}); se reîncearcă data viitoare',
    en: 'warning: the log of observer {peer} cannot be read ({reason}); trying again next time',
    ru: 'внимание: журнал наблюдателя {peer} не читается ({reason}); повторим в следующий раз',
  },
  webhookFailed: {
    ro: 'atenție: alarma nu a putut fi trimisă la {url}: {reason}',
    en: 'warning: the alarm could not be sent to {url}: {reason}',
    ru: 'внимание: тревогу не удалось отправить на {url}: {reason}',
  },
  observationOver: {
    ro: 'alegerea este încheiată (rezultatul este pe avizier) și antetul său final este contrasemnat; observatorul se oprește',
    en: 'the election is over (the result is on the board) and its final head is co-signed; the observer stops',
    ru: 'выборы завершены (результат на доске), и их последний заголовок подписан; наблюдатель останавливается',
  },
  receiptFound: {
    ro: 'V12.18 chitanța este conținută în antetul de mărime {size} contrasemnat de observator (poziția {position})',
    en: 'V12.18 the receipt is contained in the head of size {size} the observer co-signed (position {position})',
    ru: 'V12.18 квитанция содержится в заголовке размера {size}, подписанном наблюдателем (позиция {position})',
  },
  receiptNotYet: {
    ro: 'V12.18 nu s-a putut verifica încă: observatorul nu a contrasemnat un antet de mărime cel puțin {size}',
    en: 'V12.18 could not be checked yet: the observer has co-signed no head of size {size} or more',
    ru: 'V12.18 пока не проверить: наблюдатель не подписал заголовок размера не менее {size}',
  },
  receiptNotContained: {
    ro: 'V12.18 chitanța NU este conținută în avizierul contrasemnat: {reason}',
    en: 'V12.18 the receipt is NOT contained in the co-signed board: {reason}',
    ru: 'V12.18 квитанция НЕ содержится в подписанной доске: {reason}',
  },
  receiptUnreadable: {
    ro: 'chitanța {file} nu poate fi citită: {reason}',
    en: 'cannot read the receipt {file}: {reason}',
    ru: 'не удаётся прочитать квитанцию {file}: {reason}',
  },
  receiptUnchecked: {
    ro: 'V12.18 nu s-a putut verifica: {reason}',
    en: 'V12.18 could not be checked: {reason}',
    ru: 'V12.18 не удалось проверить: {reason}',
  },
} as const satisfies Record<string, Localized>;

export const { text, translate } = localizer({ ...REMOTE_TEXT, ...OBSERVER_TEXT });
