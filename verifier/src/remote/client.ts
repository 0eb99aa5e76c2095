// The HTTP client of the programs that talk to the server's API (the officials' CLI, the trustee's
// and the mix node's programs): JSON in and out, an official's bearer token if any, problem+json
// turned into an error that says what went wrong in the operator's language.
import { type Localized, LocalizedError, verbatim } from '../i18n.ts';
import { text } from './text.ts';

export class ApiError extends LocalizedError {
  readonly status: number;
  readonly problem: { type?: string; title?: string; detail?: string; errors?: unknown } | null;
  /** `fallback` says what went wrong when the server did not (its problem+json is in the language asked for). */
  constructor(status: number, problem: ApiError['problem'], fallback: Localized) {
    super(problem?.title ? verbatim(`${problem.title}${problem.detail ? ` — ${problem.detail}` : ''}`) : fallback);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  /** GET of bytes: the response to stream from, once its status is checked. */
  download(path: string): Promise<Response>;
  /** POST of bytes (streamed when a stream is given); the JSON answer. */
  upload<T>(path: string, body: ReadableStream<Uint8Array> | Uint8Array, contentType: string): Promise<T>;
}

async function problemOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  let problem: ApiError['problem'] = null;
  try {
    problem = JSON.parse(text);
  } catch {
    // not problem+json
  }
  return new ApiError(response.status, problem, verbatim(`HTTP ${response.status}`));
}

/** How many times a GET is tried when the network fails (not when the server answers). */
const GET_ATTEMPTS = 3;

export function apiClient(server: string, token: string | null, language = 'ro'): ApiClient {
  const headersFor = (contentType?: string) => {
    const headers: Record<string, string> = { 'accept-language': language };
    if (token) headers.authorization = `Bearer ${token}`;
    if (contentType !== undefined) headers['content-type'] = contentType;
    return headers;
  };
  const send = async (path: string, init: RequestInit & { duplex?: 'half' }): Promise<Response> => {
    let response: Response;
    for (let attempt = 1; ; attempt++) {
      try {
        response = await fetch(new URL(path, server), init);
        break;
      } catch (e) {
        // A GET is sent again after a network error: a kept-alive connection the server closed
        // while this process was busy (its CPU-bound checks delay undici's own idle timer) fails
        // with "other side closed" although the server is up. Nothing else is ever sent twice.
        if (init.method === 'GET' && attempt < GET_ATTEMPTS) {
          await new Promise((r) => setTimeout(r, 250 * attempt));
          continue;
        }
        const cause = (e as { cause?: { message?: string } }).cause?.message;
        throw new ApiError(0, null, text('unreachable', { server, reason: cause ?? (e as Error).message }));
      }
    }
    if (!response.ok) throw await problemOf(response);
    return response;
  };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await send(path, {
      method,
      headers: headersFor(body === undefined ? undefined : 'application/json'),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return JSON.parse(await response.text()) as T;
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
    download: (path) => send(path, { method: 'GET', headers: headersFor() }),
    async upload<T>(path: string, body: ReadableStream<Uint8Array> | Uint8Array, contentType: string): Promise<T> {
      const response = await send(path, {
        method: 'POST',
        headers: headersFor(contentType),
        body: body as BodyInit,
        ...(body instanceof Uint8Array ? {} : { duplex: 'half' as const }),
      });
      return JSON.parse(await response.text()) as T;
    },
  };
}
