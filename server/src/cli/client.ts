// The CLI's HTTP client: JSON in and out, an official's bearer token, problem+json turned into
// an error that says what went wrong in the official's language.
export class ApiError extends Error {
  readonly status: number;
  readonly problem: { type?: string; title?: string; detail?: string; errors?: unknown } | null;
  constructor(status: number, problem: ApiError['problem'], fallback: string) {
    super(problem?.title ? `${problem.title}${problem.detail ? ` — ${problem.detail}` : ''}` : fallback);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
}

export function apiClient(server: string, token: string | null, language = 'ro'): ApiClient {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { 'accept-language': language };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(new URL(path, server), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      const cause = (e as Error & { cause?: { code?: string } }).cause?.code;
      throw new ApiError(0, null, `cannot reach the server at ${server}: ${cause ?? (e as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) {
      let problem: ApiError['problem'] = null;
      try {
        problem = JSON.parse(text);
      } catch {
        // not problem+json
      }
      throw new ApiError(response.status, problem, `HTTP ${response.status}`);
    }
    return JSON.parse(text) as T;
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
  };
}
