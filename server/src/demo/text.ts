// What the demonstration prints, in Romanian (default), English and Russian.
export type Language = 'ro' | 'en' | 'ru';

const TEXT = {
  title: {
    ro: 'e-Votare — o alegere întreagă, de la chei la rezultat',
    en: 'e-Votare — a whole election, from keys to result',
    ru: 'e-Votare — все выборы, от ключей до результата',
  },
  voters: { ro: 'alegători', en: 'voters', ru: 'избирателей' },
  fingerprint: {
    ro: 'Amprenta alegerilor (calculată de cabinele de vot din avizier)',
    en: 'Election fingerprint (computed by the voters’ booths from the board)',
    ru: 'Отпечаток выборов (вычислен кабинами для голосования по доске)',
  },
  phaseServer: { ro: 'Serverul pornește', en: 'The server starts', ru: 'Запуск сервера' },
  phaseKeys: {
    ro: 'Custozii și nodurile de amestecare își fac cheile',
    en: 'Trustees and mix nodes make their keys',
    ru: 'Доверенные лица и узлы перемешивания создают ключи',
  },
  phaseElection: { ro: 'CEC creează alegerea', en: 'The CEC creates the election', ru: 'ЦИК создаёт выборы' },
  phaseCeremony: {
    ro: 'Ceremonia cheilor (2 din 3 custozi)',
    en: 'Key ceremony (2 of 3 trustees)',
    ru: 'Церемония ключей (2 из 3 доверенных лиц)',
  },
  phaseRoll: {
    ro: 'Lista electorală și codurile de activare',
    en: 'Electoral roll and activation codes',
    ru: 'Список избирателей и коды активации',
  },
  phaseActivation: {
    ro: 'Alegătorii își activează acreditările',
    en: 'Voters activate their credentials',
    ru: 'Избиратели активируют удостоверения',
  },
  phaseVoting: { ro: 'Votarea prin internet', en: 'Internet voting', ru: 'Голосование через интернет' },
  phaseFollowing: {
    ro: 'Custozii și nodurile verifică buletinele primite',
    en: 'Trustees and mix nodes verify the ballots so far',
    ru: 'Доверенные лица и узлы проверяют полученные бюллетени',
  },
  phaseClose: { ro: 'Votarea se închide', en: 'Voting closes', ru: 'Голосование закрывается' },
  phaseMixing: { ro: 'Amestecarea (3 noduri)', en: 'Mixing (3 nodes)', ru: 'Перемешивание (3 узла)' },
  phaseDecryption: {
    ro: 'Decriptarea (2 custozi)',
    en: 'Decryption (2 trustees)',
    ru: 'Расшифровка (2 доверенных лица)',
  },
  phaseExport: { ro: 'Avizierul exportat', en: 'The board exported', ru: 'Доска объявлений выгружена' },
  phaseVerify: { ro: 'Verificatorul independent', en: 'The independent verifier', ru: 'Независимый проверяющий' },
  result: { ro: 'Rezultatul', en: 'Result', ru: 'Результат' },
  blank: { ro: 'vot alb', en: 'blank', ru: 'пустой бюллетень' },
  invalid: { ro: 'nevalabile', en: 'invalid', ru: 'недействительные' },
  turnout: { ro: 'Prezența', en: 'Turnout', ru: 'Явка' },
  ballotsReceived: { ro: 'buletine primite', en: 'ballots received', ru: 'получено бюллетеней' },
  counted: { ro: 'buletine numărate', en: 'ballots counted', ru: 'учтено бюллетеней' },
  revotes: {
    ro: 'votate din nou (contează ultimul)',
    en: 're-votes (the last counts)',
    ru: 'повторные голоса (считается последний)',
  },
  paper: {
    ro: 'au votat pe hârtie (anulate)',
    en: 'voted on paper (overridden)',
    ru: 'проголосовали на бумаге (отменены)',
  },
  matches: {
    ro: 'Rezultatul publicat este egal cu alegerile exprimate de alegători.',
    en: 'The published result equals the choices the voters made.',
    ru: 'Опубликованный результат совпадает с выбором избирателей.',
  },
  differs: {
    ro: 'ATENȚIE: rezultatul publicat NU este egal cu alegerile exprimate.',
    en: 'WARNING: the published result does NOT equal the choices made.',
    ru: 'ВНИМАНИЕ: опубликованный результат НЕ совпадает с выбором избирателей.',
  },
  verified: {
    ro: 'Verificatorul confirmă avizierul: toate verificările trec.',
    en: 'The verifier confirms the board: every check passes.',
    ru: 'Проверяющий подтверждает доску: все проверки пройдены.',
  },
  notVerified: {
    ro: 'ATENȚIE: verificatorul NU confirmă avizierul.',
    en: 'WARNING: the verifier does NOT confirm the board.',
    ru: 'ВНИМАНИЕ: проверяющий НЕ подтверждает доску.',
  },
  timings: { ro: 'Durata fiecărei etape', en: 'Time of each phase', ru: 'Время каждого этапа' },
  total: { ro: 'total', en: 'total', ru: 'всего' },
  boardAt: { ro: 'Avizierul exportat', en: 'Exported board', ru: 'Выгруженная доска' },
  verifyAgain: {
    ro: 'Oricine îl poate verifica din nou:',
    en: 'Anyone can verify it again:',
    ru: 'Любой может проверить её снова:',
  },
} as const;

export type TextKey = keyof typeof TEXT;

export function t(lang: Language, key: TextKey): string {
  return TEXT[key][lang];
}
