import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../../db/database.ts';
import { addOfficial } from '../../../officials/officials.ts';
import type { AppEnv } from '../../env.ts';
import { officialAuth } from './index.ts';

describe('official-auth middleware', () => {
  let h: DatabaseHandle;
  let app: Hono<AppEnv>;
  let token = '';
  beforeAll(async () => {
    h = await openDatabase({ inMemory: true });
    const r = await addOfficial(h.db, 'Ana');
    if (!r.ok) throw new Error('no official');
    token = r.value.token;
    app = new Hono<AppEnv>();
    app.use(officialAuth(h.db));
    app.get('/', (c) => c.json({ official: c.get('official').name }));
  });
  afterAll(() => h?.close());

  const call = (authorization?: string) => app.request('/', authorization ? { headers: { authorization } } : {});

  it('lets an official with a valid token through, and names them', async () => {
    const r = await call(`Bearer ${token}`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ official: 'Ana' });
  });

  it('refuses no token, a malformed one, an unknown one, and a revoked one', async () => {
    for (const a of [undefined, 'Bearer', `Basic ${token}`, 'Bearer evo_short', `Bearer evo_${'A'.repeat(43)}`]) {
      const r = await call(a);
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer realm="evotare-officials"/);
    }
    await h.db.updateTable('official').set({ revoked_at: new Date() }).where('name', '=', 'Ana').execute();
    expect((await call(`Bearer ${token}`)).status).toBe(401);
  });

  it('keeps only a hash of the token', async () => {
    const row = await h.db.selectFrom('official').selectAll().executeTakeFirstOrThrow();
    expect(Buffer.from(row.token_hash).toString('utf8')).not.toContain(token.slice(4, 20));
    expect(row.token_hash.length).toBe(32);
  });
});
