import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../env.ts';
import { rateLimit } from './index.ts';

describe('rate-limit middleware', () => {
  let now = 0;
  const app = new Hono<AppEnv>();
  app.use(rateLimit({ burst: 3, perMinute: 60, trustProxy: true, now: () => now }));
  app.get('/', (c) => c.text('ok'));
  const from = (ip: string) => app.request('/', { headers: { 'x-forwarded-for': `10.0.0.1, ${ip}` } });

  it('allows a burst, then answers 429 with Retry-After until tokens come back', async () => {
    for (let i = 0; i < 3; i++) expect((await from('1.1.1.1')).status).toBe(200);
    const limited = await from('1.1.1.1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(((await limited.json()) as { type: string }).type).toBe('urn:evotare:problem:rate-limited');
    // Another client is not affected; one second later one request is allowed again.
    expect((await from('2.2.2.2')).status).toBe(200);
    now += 1000;
    expect((await from('1.1.1.1')).status).toBe(200);
    expect((await from('1.1.1.1')).status).toBe(429);
  });
});
