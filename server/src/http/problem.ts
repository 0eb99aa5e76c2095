// RFC 9457 problem details: every error the API returns. Each problem has a stable type URI
// (`urn:evotare:problem:<name>`), a status, and a title in Romanian, English and Russian; the
// detail (English) helps a developer and never holds a secret, an IDNP or a stack trace.

import type { Language, Localized } from '@evotare/verifier/i18n';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Refusal } from '../refusal.ts';
import type { AppEnv } from './env.ts';

interface ProblemKind {
  readonly status: ContentfulStatusCode;
  readonly title: Localized;
}

export const PROBLEMS = {
  'malformed-json': {
    status: 400,
    title: {
      ro: 'Corpul cererii nu este JSON valid',
      en: 'The request body is not valid JSON',
      ru: 'Тело запроса не является корректным JSON',
    },
  },
  'invalid-request': {
    status: 400,
    title: {
      ro: 'Cererea nu are forma așteptată',
      en: 'The request does not have the expected form',
      ru: 'Запрос имеет неверную форму',
    },
  },
  'payload-too-large': {
    status: 413,
    title: {
      ro: 'Corpul cererii este prea mare',
      en: 'The request body is too large',
      ru: 'Тело запроса слишком велико',
    },
  },
  'unsupported-media-type': {
    status: 415,
    title: {
      ro: 'Se acceptă doar application/json',
      en: 'Only application/json is accepted',
      ru: 'Принимается только application/json',
    },
  },
  'not-found': {
    status: 404,
    title: { ro: 'Resursa nu există', en: 'No such resource', ru: 'Ресурс не найден' },
  },
  unauthorized: {
    status: 401,
    title: {
      ro: 'Este necesară autentificarea unui funcționar electoral',
      en: 'An electoral official must authenticate',
      ru: 'Требуется аутентификация сотрудника избирательного органа',
    },
  },
  forbidden: {
    status: 403,
    title: {
      ro: 'Rolul dumneavoastră nu permite această operațiune',
      en: 'Your role does not allow this action',
      ru: 'Ваша роль не позволяет выполнить это действие',
    },
  },
  'official-not-found': {
    status: 404,
    title: { ro: 'Funcționarul nu există', en: 'No such official', ru: 'Такой сотрудник не найден' },
  },
  'last-administrator': {
    status: 409,
    title: {
      ro: 'Ultimul administrator activ nu poate fi revocat',
      en: 'The last active administrator cannot be revoked',
      ru: 'Последнего активного администратора нельзя отозвать',
    },
  },
  'officials-exist': {
    status: 409,
    title: {
      ro: 'Există deja un administrator activ',
      en: 'An active administrator already exists',
      ru: 'Активный администратор уже существует',
    },
  },
  'rate-limited': {
    status: 429,
    title: {
      ro: 'Prea multe cereri; reîncercați mai târziu',
      en: 'Too many requests; try again later',
      ru: 'Слишком много запросов; повторите позже',
    },
  },
  'internal-error': {
    status: 500,
    title: { ro: 'Eroare internă a serverului', en: 'Internal server error', ru: 'Внутренняя ошибка сервера' },
  },
  'service-unavailable': {
    status: 503,
    title: {
      ro: 'Serviciul este temporar indisponibil; reîncercați în câteva secunde',
      en: 'The service is briefly unavailable; try again in a few seconds',
      ru: 'Сервис временно недоступен; повторите через несколько секунд',
    },
  },
  'storage-full': {
    status: 503,
    title: {
      ro: 'Serverul nu poate înregistra nimic acum; reîncercați mai târziu',
      en: 'The server cannot record anything just now; try again later',
      ru: 'Сервер сейчас не может ничего записать; повторите позже',
    },
  },
  'election-not-found': {
    status: 404,
    title: { ro: 'Alegerile nu există', en: 'No such election', ru: 'Такие выборы не найдены' },
  },
  'election-exists': {
    status: 409,
    title: { ro: 'Alegerile există deja', en: 'The election already exists', ru: 'Эти выборы уже существуют' },
  },
  'threshold-one': {
    status: 422,
    title: {
      ro: 'Pragul de un singur custode nu este permis în alegeri reale',
      en: 'A threshold of one trustee is not allowed in a real election',
      ru: 'Порог в одного доверенного лица недопустим на реальных выборах',
    },
  },
  'wrong-state': {
    status: 409,
    title: {
      ro: 'Operațiunea nu este permisă în etapa curentă a alegerilor',
      en: 'Not allowed at the current stage of the election',
      ru: 'Операция недоступна на текущем этапе выборов',
    },
  },
  'invalid-parties': {
    status: 422,
    title: {
      ro: 'Cheile custozilor sau ale nodurilor de amestecare nu sunt valide',
      en: 'The trustees’ or mix nodes’ keys are not valid',
      ru: 'Ключи доверенных лиц или узлов перемешивания недействительны',
    },
  },
  'ceremony-incomplete': {
    status: 409,
    title: {
      ro: 'Ceremonia cheilor nu este încheiată',
      en: 'The key ceremony is not complete',
      ru: 'Церемония генерации ключей не завершена',
    },
  },
  'voter-not-found': {
    status: 404,
    title: {
      ro: 'Alegătorul nu este în listă',
      en: 'The voter is not on the roll',
      ru: 'Избиратель отсутствует в списке',
    },
  },
  'activation-failed': {
    status: 403,
    title: {
      ro: 'IDNP-ul, data nașterii sau codul de activare nu sunt corecte',
      en: 'The IDNP, date of birth or activation code is not correct',
      ru: 'IDNP, дата рождения или код активации неверны',
    },
  },
  'activation-locked': {
    status: 423,
    title: {
      ro: 'Codul de activare a fost blocat după prea multe încercări; cereți un cod nou',
      en: 'The activation code is locked after too many attempts; ask for a new code',
      ru: 'Код активации заблокирован после слишком многих попыток; запросите новый код',
    },
  },
  'already-activated': {
    status: 409,
    title: {
      ro: 'Codul de activare a fost deja folosit',
      en: 'The activation code has already been used',
      ru: 'Код активации уже использован',
    },
  },
  'credential-unavailable': {
    status: 403,
    title: {
      ro: 'Nu se poate elibera o acreditare: ați votat deja la o secție de votare',
      en: 'No credential can be issued: you have already voted at a polling station',
      ru: 'Учётные данные не могут быть выданы: вы уже проголосовали на избирательном участке',
    },
  },
  'invalid-credential-key': {
    status: 422,
    title: {
      ro: 'Cheia acreditării nu este validă',
      en: 'The credential key is not valid',
      ru: 'Ключ учётных данных недействителен',
    },
  },
  'credential-unknown': {
    status: 403,
    title: {
      ro: 'Buletinul nu este semnat cu o acreditare eliberată',
      en: 'The ballot is not signed with an issued credential',
      ru: 'Бюллетень не подписан выданными учётными данными',
    },
  },
  'credential-revoked': {
    status: 403,
    title: { ro: 'Acreditarea a fost revocată', en: 'The credential has been revoked', ru: 'Учётные данные отозваны' },
  },
  'wrong-election': {
    status: 422,
    title: {
      ro: 'Buletinul este pentru alte alegeri',
      en: 'The ballot is for another election',
      ru: 'Бюллетень относится к другим выборам',
    },
  },
  'ballot-invalid': {
    status: 422,
    title: { ro: 'Buletinul de vot nu este valid', en: 'The ballot is not valid', ru: 'Бюллетень недействителен' },
  },
  'entry-not-found': {
    status: 404,
    title: { ro: 'Intrarea nu există în registru', en: 'No such board entry', ru: 'Такой записи на доске нет' },
  },
  'tree-size-invalid': {
    status: 400,
    title: {
      ro: 'Nu există un antet semnat pentru această dimensiune',
      en: 'There is no signed tree head of that size',
      ru: 'Нет подписанного заголовка дерева такого размера',
    },
  },
  'observer-unknown': {
    status: 403,
    title: {
      ro: 'Observatorul nu este înregistrat',
      en: 'The observer is not registered',
      ru: 'Наблюдатель не зарегистрирован',
    },
  },
  'observer-exists': {
    status: 409,
    title: {
      ro: 'Observatorul este deja înregistrat',
      en: 'The observer is already registered',
      ru: 'Наблюдатель уже зарегистрирован',
    },
  },
  'cosignature-invalid': {
    status: 422,
    title: {
      ro: 'Contrasemnătura nu este validă',
      en: 'The co-signature is not valid',
      ru: 'Подпись наблюдателя недействительна',
    },
  },
  'trustee-unknown': {
    status: 403,
    title: {
      ro: 'Custodele nu este înregistrat',
      en: 'The trustee is not registered',
      ru: 'Доверенное лицо не зарегистрировано',
    },
  },
  'ceremony-message-invalid': {
    status: 422,
    title: {
      ro: 'Mesajul ceremoniei cheilor nu este valid',
      en: 'The key ceremony message is not valid',
      ru: 'Сообщение церемонии ключей недействительно',
    },
  },
  'official-exists': {
    status: 409,
    title: { ro: 'Funcționarul există deja', en: 'The official already exists', ru: 'Сотрудник уже существует' },
  },
  'attachment-not-found': {
    status: 404,
    title: { ro: 'Anexa nu există', en: 'No such attachment', ru: 'Такого вложения нет' },
  },
  'mix-output-invalid': {
    status: 422,
    title: {
      ro: 'Rezultatul amestecării nu este valid',
      en: 'The mix output is not valid',
      ru: 'Результат перемешивания недействителен',
    },
  },
  'already-mixed': {
    status: 409,
    title: {
      ro: 'Nodul de amestecare a amestecat deja',
      en: 'The mix node has already mixed',
      ru: 'Узел перемешивания уже выполнил перемешивание',
    },
  },
  'mix-input-changed': {
    status: 409,
    title: {
      ro: 'Lista de amestecat s-a schimbat; reluați de la lista curentă',
      en: 'The list to mix has changed; start again from the current list',
      ru: 'Список для перемешивания изменился; начните заново с текущего списка',
    },
  },
  'mixing-incomplete': {
    status: 409,
    title: {
      ro: 'Amestecarea nu poate fi încheiată încă',
      en: 'Mixing cannot be completed yet',
      ru: 'Перемешивание пока нельзя завершить',
    },
  },
  'mixing-deadline-not-reached': {
    status: 409,
    title: {
      ro: 'Termenul amestecării nu a trecut: amestecarea se poate încheia fără toate nodurile doar după el',
      en: 'The mixing deadline has not passed: mixing can end without every node only after it',
      ru: 'Срок перемешивания не истёк: завершить перемешивание без всех узлов можно только после него',
    },
  },
  'partial-decryption-invalid': {
    status: 422,
    title: {
      ro: 'Decriptarea parțială nu este validă',
      en: 'The partial decryption is not valid',
      ru: 'Частичная расшифровка недействительна',
    },
  },
  'partial-decryption-exists': {
    status: 409,
    title: {
      ro: 'Acest custode a publicat deja o decriptare parțială',
      en: 'This trustee has already posted a partial decryption',
      ru: 'Это доверенное лицо уже опубликовало частичную расшифровку',
    },
  },
  'decryption-incomplete': {
    status: 409,
    title: {
      ro: 'Nu există încă destule decriptări parțiale',
      en: 'There are not enough partial decryptions yet',
      ru: 'Пока недостаточно частичных расшифровок',
    },
  },
  'result-not-published': {
    status: 404,
    title: {
      ro: 'Rezultatele nu sunt încă publicate',
      en: 'There is no result yet',
      ru: 'Результаты ещё не опубликованы',
    },
  },
} as const satisfies Record<string, ProblemKind>;

export type ProblemName = keyof typeof PROBLEMS;

export const PROBLEM_TYPE_PREFIX = 'urn:evotare:problem:';

export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly [extension: string]: unknown;
}

export function problemDocument(
  name: ProblemName,
  language: Language,
  extra: { detail?: string; [extension: string]: unknown } = {},
): ProblemDocument {
  const kind = PROBLEMS[name];
  return { type: `${PROBLEM_TYPE_PREFIX}${name}`, title: kind.title[language], status: kind.status, ...extra };
}

export function problem(
  c: Context<AppEnv>,
  name: ProblemName,
  extra: { detail?: string; [extension: string]: unknown } = {},
): Response {
  const doc = problemDocument(name, c.get('language') ?? 'ro', extra);
  return c.body(JSON.stringify(doc), PROBLEMS[name].status, { 'content-type': 'application/problem+json' });
}

/** The one place where refusals become HTTP: an exhaustive switch. */
export function refusal(c: Context<AppEnv>, r: Refusal): Response {
  switch (r.kind) {
    case 'wrong-state':
      return problem(c, 'wrong-state', {
        detail: `the election is ${r.state}; this needs ${r.allowed.join(' or ')}`,
        state: r.state,
        allowed: r.allowed,
      });
    case 'mixing-deadline-not-reached':
      return problem(c, r.kind, { detail: r.detail, deadline: r.deadline });
    case 'invalid-parties':
    case 'ceremony-incomplete':
    case 'voter-not-found':
    case 'invalid-credential-key':
    case 'ballot-invalid':
    case 'tree-size-invalid':
    case 'cosignature-invalid':
    case 'ceremony-message-invalid':
    case 'mix-output-invalid':
    case 'already-mixed':
    case 'mix-input-changed':
    case 'mixing-incomplete':
    case 'partial-decryption-invalid':
    case 'partial-decryption-exists':
    case 'decryption-incomplete':
    case 'result-not-published':
    case 'officials-exist':
      return problem(c, r.kind, { detail: r.detail });
    case 'threshold-one':
      return problem(c, 'threshold-one', {
        detail:
          'trustees.threshold is 1: any one trustee could decrypt every ballot alone. A real election needs at least 2 (SPEC §7.1); only a server for test elections, started with EVOTARE_ALLOW_THRESHOLD_ONE=1, accepts 1',
      });
    case 'activation-failed':
      // The voter sees how many tries are left before the code locks (SPEC §13.3 step 3).
      return problem(c, r.kind, r.triesLeft === undefined ? {} : { triesLeft: r.triesLeft });
    case 'election-not-found':
    case 'election-exists':
    case 'activation-locked':
    case 'already-activated':
    case 'credential-unavailable':
    case 'credential-unknown':
    case 'credential-revoked':
    case 'wrong-election':
    case 'entry-not-found':
    case 'observer-unknown':
    case 'observer-exists':
    case 'trustee-unknown':
    case 'official-exists':
    case 'official-not-found':
    case 'last-administrator':
    case 'attachment-not-found':
      return problem(c, r.kind);
    default: {
      const never: never = r;
      throw new Error(`unhandled refusal ${JSON.stringify(never)}`);
    }
  }
}
