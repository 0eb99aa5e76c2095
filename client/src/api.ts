// The server's public API as the booth uses it (docs/SPEC.md §13.7). Refusals come back as RFC 9457
// problem details with a stable type `urn:evotare:problem:<name>`: they become an ApiError with that
// name, which ./problems.ts turns into a message for the voter. Nothing here trusts an answer:
// the callers decode and verify what they get with crypto/.
//
// Every request has a timeout (a hung server becomes the problem `timeout`, never an endless wait),
// and a 503 (`service-unavailable`, `storage-full`: nothing was done) is tried again a few times
// after a pause, which is safe for every request the booth makes: a cast ballot sent twice gets
// the same receipt, an activation the same refusal or credential (§13.3, §13.4).

export const PROBLEM_PREFIX = 'urn:evotare:problem:';

export class ApiError extends Error {
  /**
   * The problem's name (`activation-failed`, …); `network` when the server was not reached,
   * `timeout` when it did not answer in time (the request may have been carried out).
   */
  readonly problem: string;
  readonly status: number;
  /** The server's title, in the language asked for (shown for problems the booth does not know). */
  readonly title: string;
  /** The problem document's members beyond the standard ones (e.g. `triesLeft`). */
  readonly extensions: Readonly<Record<string, unknown>>;
  /** The server's Retry-After, in ms, if it sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(
    problem: string,
    status: number,
    title: string,
    extensions: Record<string, unknown> = {},
    retryAfterMs?: number,
  ) {
    super(`${problem} (${status}): ${title}`);
    this.name = 'ApiError';
    this.problem = problem;
    this.status = status;
    this.title = title;
    this.extensions = extensions;
    this.retryAfterMs = retryAfterMs;
  }
}

/** Where the API is and in which language its problem titles should be. */
export interface ApiOptions {
  readonly base?: string;
  readonly language?: () => string;
  /** fetch, by default the browser's (tests pass one that calls the server). */
  readonly fetch?: typeof fetch;
  /** How long a request may take before it is given up, in ms (GET, POST). */
  readonly timeoutMs?: { readonly get: number; readonly post: number };
  /** Pauses before trying again after a 503, in ms; as many tries again as entries. */
  readonly retryDelaysMs?: readonly number[];
}

export const DEFAULT_TIMEOUT_MS = { get: 15_000, post: 30_000 } as const;
export const DEFAULT_RETRY_DELAYS_MS = [1_000, 3_000] as const;
/** The longest Retry-After the booth waits for before trying again by itself. */
const MAX_RETRY_AFTER_MS = 10_000;

export interface Api {
  get(path: string): Promise<unknown>;
  post(path: string, body: unknown): Promise<unknown>;
}

export function createApi(options: ApiOptions = {}): Api {
  const base = options.base ?? '';
  const timeouts = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const once = async (path: string, init: RequestInit, timeoutMs: number): Promise<unknown> => {
    const headers = new Headers(init.headers);
    headers.set('accept', 'application/json, application/problem+json');
    if (options.language) headers.set('accept-language', options.language());
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, timeoutMs);
    try {
      let response: Response;
      try {
        response = await (options.fetch ?? fetch)(`${base}/api/v1${path}`, { ...init, headers, signal: abort.signal });
      } catch {
        throw timedOut ? new ApiError('timeout', 0, 'no answer in time') : new ApiError('network', 0, 'network error');
      }
      const text = await response.text().catch(() => {
        throw timedOut ? new ApiError('timeout', 0, 'no answer in time') : new ApiError('network', 0, 'network error');
      });
      let json: unknown = null;
      try {
        json = text === '' ? null : JSON.parse(text);
      } catch {
        json = null;
      }
      if (response.ok) return json;
      const { type: rawType, title, status: _, detail: __, ...extensions } = (json ?? {}) as Record<string, unknown>;
      const type = typeof rawType === 'string' && rawType.startsWith(PROBLEM_PREFIX) ? rawType : '';
      const name =
        type === '' ? (response.status >= 500 ? 'internal-error' : 'unknown') : type.slice(PROBLEM_PREFIX.length);
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new ApiError(
        name,
        response.status,
        typeof title === 'string' ? title : response.statusText,
        extensions,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
      );
    } finally {
      clearTimeout(timer);
    }
  };
  const call = async (path: string, init: RequestInit, timeoutMs: number): Promise<unknown> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await once(path, init, timeoutMs);
      } catch (e) {
        if (!(e instanceof ApiError) || e.status !== 503 || attempt >= delays.length) throw e;
        const pause = e.retryAfterMs === undefined ? delays[attempt]! : Math.min(e.retryAfterMs, MAX_RETRY_AFTER_MS);
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  };
  return {
    get: (path) => call(path, { method: 'GET' }, timeouts.get),
    post: (path, body) =>
      call(
        path,
        { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } },
        timeouts.post,
      ),
  };
}

export const electionPath = (id: string) => `/elections/${encodeURIComponent(id)}`;
