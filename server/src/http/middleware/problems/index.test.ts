import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../log.ts';
import type { AppEnv } from '../../env.ts';
import { handleErrors, notFound } from './index.ts';

describe('problems middleware', () => {
  const lines: string[] = [];
  const app = new Hono<AppEnv>();
  app.onError(handleErrors(createLogger((l) => lines.push(l))));
  app.notFound(notFound());
  app.get('/bug', () => {
    throw new Error('secret internal detail');
  });

  it('turns a thrown error into a 500 problem without a stack, and logs the stack', async () => {
    const r = await app.request('/bug');
    expect(r.status).toBe(500);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    const text = await r.text();
    expect(JSON.parse(text)).toEqual({
      type: 'urn:evotare:problem:internal-error',
      title: 'Eroare internă a serverului',
      status: 500,
    });
    expect(text).not.toContain('secret internal detail');
    expect(lines.join('')).toContain('secret internal detail');
    expect(lines.join('')).toContain('"stack"');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const r = await app.request('/nothing');
    expect(r.status).toBe(404);
    expect(((await r.json()) as { type: string }).type).toBe('urn:evotare:problem:not-found');
  });
});
