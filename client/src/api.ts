// The server's public API as the booth uses it (docs/SPEC.md §13.7). Refusals come back as RFC 9457
// problem details with a stable type `urn:evotare:problem:<name>`: they become an ApiError with that
// name, which ./problems.ts turns into a message for the voter. Nothing here trusts an answer:
// the callers decode and verify what they get with crypto/.

export const PROBLEM_PREFIX = 'urn:evotare:problem:';

export class ApiError extends Error {
  /** The problem's name (`activation-failed`, …), `network` when the server was not reached. */
  readonly problem: string;
  readonly status: number;
  /** The server's title, in the language asked for (shown for problems the booth does not know). */
  readonly title: string;

  constructor(problem: string, status: number, title: string) {
    super(`${problem} (${status}): ${title}`);
    this.name = 'ApiError';
    this.problem = problem;
    this.status = status;
    this.title = title;
  }
}

/** Where the API is and in which language its problem titles should be. */
export interface ApiOptions {
  readonly base?: string;
  readonly language?: () => string;
  /** fetch, by default the browser's (tests pass one that calls the server). */
  readonly fetch?: typeof fetch;
}

export interface Api {
  get(path: string): Promise<unknown>;
  post(path: string, body: unknown): Promise<unknown>;
}

export function createApi(options: ApiOptions = {}): Api {
  const base = options.base ?? '';
  const call = async (path: string, init: RequestInit): Promise<unknown> => {
    const headers = new Headers(init.headers);
    headers.set('accept', 'application/json, application/problem+json');
    if (options.language) headers.set('accept-language', options.language());
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(`${base}/api/v1${path}`, { ...init, headers });
    } catch {
      throw new ApiError('network', 0, 'network error');
    }
    const text = await response.text().catch(() => '');
    let json: unknown = null;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      json = null;
    }
    if (response.ok) return json;
    const doc = (json ?? {}) as { type?: unknown; title?: unknown };
    const type = typeof doc.type === 'string' && doc.type.startsWith(PROBLEM_PREFIX) ? doc.type : '';
    const name =
      type === '' ? (response.status >= 500 ? 'internal-error' : 'unknown') : type.slice(PROBLEM_PREFIX.length);
    throw new ApiError(name, response.status, typeof doc.title === 'string' ? doc.title : response.statusText);
  };
  return {
    get: (path) => call(path, { method: 'GET' }),
    post: (path, body) =>
      call(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  };
}

export const electionPath = (id: string) => `/elections/${encodeURIComponent(id)}`;
