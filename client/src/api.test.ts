// The booth's HTTP client: problem details become ApiErrors with their extensions, a 503 is tried
// again after a pause, and a request that gets no answer ends as `timeout` (never an endless wait).
import { describe, expect, it } from 'vitest';
import { ApiError, createApi } from './api.ts';

const problem = (name: string, status: number, extra: Record<string, unknown> = {}) =>
  new Response(JSON.stringify({ type: `urn:evotare:problem:${name}`, title: name, status, ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('the booth’s API client', () => {
  it('keeps a problem’s extensions (the tries left before a code locks)', async () => {
    const api = createApi({ fetch: (async () => problem('activation-failed', 403, { triesLeft: 3 })) as typeof fetch });
    const e = await failure(api.post('/x', {}));
    expect(e).toMatchObject({ problem: 'activation-failed', status: 403, extensions: { triesLeft: 3 } });
  });

  it('tries a 503 again after a pause, as many times as there are pauses', async () => {
    const answers = [problem('service-unavailable', 503), problem('storage-full', 503), new Response('{"ok":1}')];
    let calls = 0;
    const api = createApi({
      retryDelaysMs: [1, 1],
      fetch: (async () => {
        calls += 1;
        return answers.shift()!;
      }) as typeof fetch,
    });
    await expect(api.post('/ballots', {})).resolves.toEqual({ ok: 1 });
    expect(calls).toBe(3);
    const down = createApi({ retryDelaysMs: [1], fetch: (async () => problem('storage-full', 503)) as typeof fetch });
    expect((await failure(down.get('/x'))).problem).toBe('storage-full');
  });

  it('gives up a request that gets no answer, as a timeout', async () => {
    const hung = (async (_: string, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      })) as typeof fetch;
    const api = createApi({ timeoutMs: { get: 20, post: 20 }, fetch: hung });
    expect((await failure(api.post('/ballots', {}))).problem).toBe('timeout');
    const unreachable = createApi({
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch,
    });
    expect((await failure(unreachable.get('/x'))).problem).toBe('network');
  });
});
