import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../env.ts';
import { securityHeaders } from './index.ts';

describe('security-headers middleware', () => {
  const app = new Hono<AppEnv>();
  app.use(securityHeaders());
  app.get('/api/v1/x', (c) => c.json({}));
  app.get('/booth', (c) => c.html('<p>booth</p>'));

  it('sets a strict content security policy and the usual headers', async () => {
    const r = await app.request('/booth');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(r.headers.get('cache-control')).toBeNull();
  });

  it('keeps API answers out of caches', async () => {
    expect((await app.request('/api/v1/x')).headers.get('cache-control')).toBe('no-store');
  });
});
