import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { StorageFullError } from '../../../db/faults.ts';
import { createLogger } from '../../../log.ts';
import type { AppEnv } from '../../env.ts';
import { handleErrors, notFound } from './index.ts';

describe('problems middleware', () => {
  const lines: string[] = [];
  const app = new Hono<AppEnv>();
  app.onError(handleErrors(createLogger((l) => lines.push(l), 'debug')));
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

  it('answers a lost database connection with 503 and Retry-After, logged as a warning without a stack', async () => {
    const faults: Record<string, unknown> = {
      '57P01': Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      econnrefused: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      terminated: new Error('Connection terminated unexpectedly'),
      wrapped: new Error('outer', { cause: Object.assign(new Error('inner'), { code: '08006' }) }),
    };
    const faulty = new Hono<AppEnv>();
    faulty.onError(handleErrors(createLogger((l) => lines.push(l))));
    faulty.get('/:fault', (c) => {
      throw faults[c.req.param('fault')];
    });
    for (const name of Object.keys(faults)) {
      lines.length = 0;
      const r = await faulty.request(`/${name}`);
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toBe('5');
      expect(((await r.json()) as { type: string }).type).toBe('urn:evotare:problem:service-unavailable');
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', msg: 'database unavailable' });
      expect(lines[0]).not.toContain('"stack"');
    }
  });

  it('answers a full disk with 503 and logs an error naming the cause', async () => {
    const full = new Hono<AppEnv>();
    full.onError(handleErrors(createLogger((l) => lines.push(l))));
    full.get('/pg', () => {
      throw Object.assign(new Error('could not extend file "base/1/2": No space left on device'), { code: '53100' });
    });
    full.get('/pglite', () => {
      throw new StorageFullError('the filesystem of /data has 3 MB free');
    });
    for (const [path, cause] of [
      ['/pg', /SQLSTATE 53100.*No space left/],
      ['/pglite', /3 MB free/],
    ] as const) {
      lines.length = 0;
      const r = await full.request(path);
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).not.toBeNull();
      expect(((await r.json()) as { type: string }).type).toBe('urn:evotare:problem:storage-full');
      const line = JSON.parse(lines[0]!) as { level: string; cause: string };
      expect(line.level).toBe('error');
      expect(line.cause).toMatch(cause);
    }
  });

  it('answers an unknown route with a 404 problem', async () => {
    const r = await app.request('/nothing');
    expect(r.status).toBe(404);
    expect(((await r.json()) as { type: string }).type).toBe('urn:evotare:problem:not-found');
  });
});
