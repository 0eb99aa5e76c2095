// The titles of the checks of table T15 (docs/SPEC.md §15) in Romanian and Russian, for the report
// a person reads in that language (--lang ro|ru). The English titles are the verifier's own
// (../catalogue.ts, ../tally.ts, and V07.01, V13.10 in ../verify.ts), kept in the JSON report; the
// IDs and the problems are not translated.
import type { Language } from '../i18n.ts';

export const CHECK_TITLES: Readonly<Record<string, { readonly ro: string; readonly ru: string }>> = {
  'V07.01': {
    ro: 'amprenta alegerilor este cea publicată (§7.4)',
    ru: 'отпечаток выборов совпадает с опубликованным (§7.4)',
  },
  'V12.01': { ro: 'exportul este bine format', ru: 'экспорт правильно сформирован' },
  'V12.02': { ro: 'intrările sunt numerotate 0 … n−1', ru: 'записи пронумерованы 0 … n−1' },
  'V12.03': {
    ro: 'fiecare intrare are un tip cunoscut și un conținut de forma sa',
    ru: 'каждая запись имеет известный тип и содержимое его формы',
  },
  'V12.04': {
    ro: 'momentele sunt bine formate și nu merg niciodată înapoi',
    ru: 'отметки времени правильны и никогда не идут назад',
  },
  'V12.05': { ro: 'fiecare intrare se leagă de cea dinainte', ru: 'каждая запись ссылается на предыдущую' },
  'V12.06': { ro: 'fiecare hash de intrare este corect', ru: 'хеш каждой записи верен' },
  'V12.07': {
    ro: 'intrarea 0 este singurul manifest, și este valid',
    ru: 'запись 0 — единственный манифест, и он действителен',
  },
  'V12.08': {
    ro: 'capul de arbore final este semnat de CEC și acoperă tot avizierul',
    ru: 'итоговая вершина дерева подписана ЦИК и охватывает всю доску',
  },
  'V12.09': {
    ro: 'rădăcina capului de arbore final este rădăcina Merkle a intrărilor',
    ru: 'корень итоговой вершины дерева — корень Меркла записей',
  },
  'V12.10': {
    ro: '`tree-heads.jsonl` enumeră capetele semnate de CEC, în ordine, o dată, fiecare un prefix al acestui avizier',
    ru: '`tree-heads.jsonl` перечисляет вершины, подписанные ЦИК, по порядку, по одному разу, каждая — префикс этой доски',
  },
  'V12.11': {
    ro: 'fiecare cosemnătură a unui observator se verifică, pe un cap semnat de CEC',
    ru: 'каждая подпись наблюдателя проходит проверку и относится к вершине, подписанной ЦИК',
  },
  'V12.12': {
    ro: 'intrările urmează ordinea vieții alegerilor',
    ru: 'записи идут в порядке жизни выборов',
  },
  'V09.01': { ro: 'cheile custozilor sunt acceptabile', ru: 'ключи доверенных лиц допустимы' },
  'V09.02': {
    ro: 'fiecare mesaj al ceremoniei este valid (V09.02 – V09.09)',
    ru: 'каждое сообщение церемонии действительно (V09.02 – V09.09)',
  },
  'V09.10': {
    ro: 'dealerii calificați au răspuns la fiecare plângere (V09.10 – V09.12)',
    ru: 'квалифицированные дилеры ответили на каждую жалобу (V09.10 – V09.12)',
  },
  'V09.13': { ro: 'cel puțin k dealeri sunt calificați', ru: 'квалифицированы не менее k дилеров' },
  'V09.14': {
    ro: 'cheia alegerilor este rezultatul ceremoniei',
    ru: 'ключ выборов — результат церемонии',
  },
  'V09.15': {
    ro: 'cheile de verificare sunt rezultatul ceremoniei',
    ru: 'ключи проверки — результат церемонии',
  },
  'V13.01': {
    ro: 'intrările listei electorale sunt bine formate',
    ru: 'записи списка избирателей правильно сформированы',
  },
  'V13.02': {
    ro: 'fiecare acreditare este semnată de CEC pentru aceste alegeri',
    ru: 'каждое удостоверение подписано ЦИК для этих выборов',
  },
  'V13.03': { ro: 'nicio acreditare nu este emisă de două ori', ru: 'ни одно удостоверение не выдано дважды' },
  'V13.04': {
    ro: 'fiecare revocare este semnată, numește o acreditare emisă, o dată, înainte de închidere',
    ru: 'каждый отзыв подписан, называет выданное удостоверение, один раз, до закрытия',
  },
  'V13.05': {
    ro: 'acreditările în vigoare nu depășesc niciodată lista electorală',
    ru: 'действующих удостоверений никогда не больше, чем избирателей в списке',
  },
  'V13.06': {
    ro: 'fiecare buletin se verifică (V08.01 – V08.08)',
    ru: 'каждый бюллетень проходит проверку (V08.01 – V08.08)',
  },
  'V13.07': {
    ro: 'acreditarea fiecărui buletin era emisă și nerevocată când a fost exprimat',
    ru: 'удостоверение каждого бюллетеня было выдано и не отозвано, когда он был подан',
  },
  'V13.08': {
    ro: 'niciun cod de urmărire nu apare la două buletine',
    ru: 'нет двух бюллетеней с одинаковым кодом отслеживания',
  },
  'V13.09': {
    ro: 'buletinele care contează: ultimul al fiecărei acreditări în vigoare la închidere',
    ru: 'учитываемые бюллетени: последний по каждому удостоверению, действующему на момент закрытия',
  },
  'V13.10': {
    ro: 'chitanța alegătorului se verifică și buletinul său este pe avizier',
    ru: 'квитанция избирателя проходит проверку, и его бюллетень есть на доске',
  },
  'V14.01': {
    ro: 'fiecare atașament este în export, de mărimea și amprenta declarate',
    ru: 'каждое вложение есть в экспорте, заявленного размера и хеша',
  },
  'V14.02': {
    ro: 'buletinele și acreditările respectă premisele regulii de numărare',
    ru: 'бюллетени и удостоверения соответствуют условиям правила подсчёта',
  },
  'V14.03': {
    ro: 'intrarea amestecării este formată din buletinele numărate (Algoritmul 14.1), recalculată',
    ru: 'вход перемешивания — учитываемые бюллетени (алгоритм 14.1), пересчитано',
  },
  'V14.04': {
    ro: 'fiecare ieșire a amestecării este a listei curente, de la un nod nou, semnată',
    ru: 'каждый выход перемешивания относится к текущему списку, от нового узла, подписан',
  },
  'V14.05': {
    ro: 'fiecare dovadă de amestecare se verifică (V11.01 – V11.10)',
    ru: 'каждое доказательство перемешивания проходит проверку (V11.01 – V11.10)',
  },
  'V14.06': {
    ro: 'amestecarea încheiată de fiecare nod sau oprită de oficiali după termen, cu numele celor care nu au amestecat',
    ru: 'перемешивание завершено всеми узлами или остановлено должностными лицами после срока, с указанием не перемешавших',
  },
  'V14.10': {
    ro: 'decriptările parțiale sunt bine formate, după amestecare, una de fiecare custode',
    ru: 'частичные расшифровки правильно сформированы, после перемешивания, по одной от каждого доверенного лица',
  },
  'V14.11': {
    ro: 'fiecare decriptare parțială se verifică (V10.01 – V10.05)',
    ru: 'каждая частичная расшифровка проходит проверку (V10.01 – V10.05)',
  },
  'V14.12': {
    ro: 'un singur rezultat, după a k-a decriptare parțială',
    ru: 'один результат, после k-й частичной расшифровки',
  },
  'V14.13': {
    ro: 'rezultatul este bine format și semnat de CEC (V14.13 – V14.15, V14.18)',
    ru: 'результат правильно сформирован и подписан ЦИК (V14.13 – V14.15, V14.18)',
  },
  'V14.16': {
    ro: 'opțiunile sale sunt întregi și valide, iar numărătorile sale sunt ale lor (V14.16 – V14.17)',
    ru: 'его варианты полны и действительны, и его итоги соответствуют им (V14.16 – V14.17)',
  },
  'V14.19': {
    ro: 'opțiunile sale sunt cele pe care verificatorul le decriptează el însuși',
    ru: 'его варианты — те, что верификатор расшифровывает сам',
  },
};

/** A check's title in `language`: the verifier's own in English, else its translation if there is one. */
export function checkTitle(id: string, english: string, language: Language): string {
  return language === 'en' ? english : (CHECK_TITLES[id]?.[language] ?? english);
}
