import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../log.ts';
import type { AppEnv } from '../../env.ts';
import { requestLog } from './index.ts';

describe('request-log middleware', () => {
  it('logs one structured line per request, with no body, query, header, IDNP or code', async () => {
    const lines: string[] = [];
    const app = new Hono<AppEnv>();
    app.use(requestId());
    app.use(requestLog(createLogger((l) => lines.push(l))));
    app.post('/api/v1/elections/:id/credentials', async (c) => c.json({ ok: true }, 201));
    const body = JSON.stringify({ idnp: '2004000123455', birthDate: '1990-01-01', code: 'ABCDE-FGHJK-MNPQR-STVWX' });
    await app.request('/api/v1/elections/e1/credentials?idnp=2004000123455', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', authorization: 'Bearer evo_secret-token' },
    });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'POST',
      route: '/api/v1/elections/:id/credentials',
      status: 201,
    });
    expect(typeof entry.id).toBe('string');
    expect(typeof entry.ms).toBe('number');
    for (const secret of ['2004000123455', 'ABCDE', 'evo_secret', '1990-01-01']) expect(lines[0]).not.toContain(secret);
  });

  it('drops fields named like secrets even if a caller passes them', () => {
    const lines: string[] = [];
    createLogger((l) => lines.push(l)).info('x', { idnp: '2004000123455', activationCode: 'A', token: 't', ok: 1 });
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'x', ok: 1 });
    expect(lines[0]).not.toMatch(/2004000123455|activationCode|token/);
  });

  it('censors secrets one level down, where a field name cannot be dropped', () => {
    const lines: string[] = [];
    createLogger((l) => lines.push(l)).warn('y', { request: { token: 'evo_abc', passphrase: 'p', route: '/r' } });
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: 'warn', msg: 'y', request: { route: '/r', token: '[redacted]' } });
    expect(lines[0]).not.toMatch(/evo_abc|"p"/);
    expect(new Date(entry.time).toISOString()).toBe(entry.time);
  });
});
