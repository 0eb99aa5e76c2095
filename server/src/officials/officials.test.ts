// Officials' accounts: roles enforced before any route runs (a roll clerk cannot close voting, an
// observer changes nothing), revoked and expired tokens refused as RFC 9457 problems, every action
// and every refused attempt on the audit log, and the first administrator bootstrapped in the
// database working on another server instance of the same database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { testDatabases } from '../testing/databases.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { addOfficial, bootstrapOfficial } from './officials.ts';
import { roleAllows } from './roles.ts';

describe('roleAllows', () => {
  it('lets a roll clerk import the roll and issue codes but not run the election; an observer only reads', () => {
    expect(roleAllows('roll-clerk', 'POST', '/elections/e1/roll')).toBe(true);
    expect(roleAllows('roll-clerk', 'POST', '/elections/e1/activation-codes')).toBe(true);
    expect(roleAllows('roll-clerk', 'POST', '/elections/e1/close')).toBe(false);
    expect(roleAllows('roll-clerk', 'POST', '/officials')).toBe(false);
    expect(roleAllows('roll-clerk', 'POST', '/elections/e1/roll/../close')).toBe(false);
    expect(roleAllows('observer', 'GET', '/elections/e1')).toBe(true);
    expect(roleAllows('observer', 'POST', '/elections/e1/roll')).toBe(false);
    // The voters still without a code are named by IDNP: for those who issue codes only.
    expect(roleAllows('roll-clerk', 'GET', '/elections/e1/activation-codes/pending')).toBe(true);
    expect(roleAllows('observer', 'GET', '/elections/e1/activation-codes/pending')).toBe(false);
    expect(roleAllows('administrator', 'POST', '/elections/e1/close')).toBe(true);
    // The server's metrics (GET /metrics): those who watch the service, not the roll clerks.
    expect(roleAllows('observer', 'GET', '/metrics')).toBe(true);
    expect(roleAllows('administrator', 'GET', '/metrics')).toBe(true);
    expect(roleAllows('roll-clerk', 'GET', '/metrics')).toBe(false);
  });
});

describe.each(testDatabases)('officials on $name', (database) => {
  let a: TestServer;
  /** Instances of the bootstrap test, closed last first (the first one drops its database). */
  const instances: TestServer[] = [];
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    const handle = await database.open();
    a = await startTestServer(handle);
    for (const [name, role] of [
      ['Clerk', 'roll-clerk'],
      ['Watcher', 'observer'],
    ] as const) {
      const r = await addOfficial(a.deps.db, { name, role });
      if (!r.ok) throw new Error('no official');
      tokens[name] = r.value.token;
    }
  });
  afterAll(async () => {
    for (const s of instances.reverse()) await s.close();
    await a?.close();
  });

  async function problemOf(r: Response): Promise<{ type: string; status: number; detail?: string }> {
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    return (await r.json()) as { type: string; status: number; detail?: string };
  }

  it('refuses a roll clerk closing voting (403, on the audit log) and an observer adding an official', async () => {
    const close = await a.request('POST', '/api/v1/admin/elections/any/close', { body: {}, token: tokens.Clerk! });
    expect(close.status).toBe(403);
    expect((await problemOf(close)).type).toBe('urn:evotare:problem:forbidden');
    const add = await a.request('POST', '/api/v1/admin/officials', { body: { name: 'X' }, token: tokens.Watcher! });
    expect(add.status).toBe(403);
    // Reading is allowed to both; the clerk's roll route is reached (and answers for the election).
    expect((await a.request('GET', '/api/v1/admin/elections', { token: tokens.Watcher! })).status).toBe(200);
    const roll = await a.request('POST', '/api/v1/admin/elections/none/roll', {
      body: { csv: 'idnp,name,birth_date,country\n' },
      token: tokens.Clerk!,
    });
    expect(roll.status).not.toBe(403);
    const denied = await a.deps.db
      .selectFrom('audit_log')
      .select(['official', 'detail'])
      .where('action', '=', 'officials.denied')
      .execute();
    expect(denied.map((d) => d.official).sort()).toEqual(['Clerk', 'Watcher']);
    expect(JSON.parse(denied.find((d) => d.official === 'Clerk')!.detail)).toEqual({
      method: 'POST',
      path: '/elections/any/close',
    });
  });

  it('lists officials with roles, revokes one (then 401 problem+json), and keeps the last administrator', async () => {
    const added = await a.request('POST', '/api/v1/admin/officials', { body: { name: 'Temp', role: 'observer' } });
    expect(added.status).toBe(201);
    const temp = ((await added.json()) as { token: string }).token;
    expect((await a.request('GET', '/api/v1/admin/officials', { token: temp })).status).toBe(200);
    expect((await a.request('POST', '/api/v1/admin/officials/Temp/revoke', { body: {} })).status).toBe(200);
    const refused = await a.request('GET', '/api/v1/admin/officials', { token: temp });
    expect(refused.status).toBe(401);
    expect(await problemOf(refused)).toMatchObject({
      type: 'urn:evotare:problem:unauthorized',
      detail: 'this token was revoked',
    });
    const list = (await (await a.request('GET', '/api/v1/admin/officials')).json()) as {
      officials: Array<{ name: string; role: string; active: boolean }>;
    };
    expect(list.officials.find((o) => o.name === 'Temp')).toMatchObject({ role: 'observer', active: false });
    const self = list.officials.find((o) => o.role === 'administrator')!.name;
    const last = await a.request('POST', `/api/v1/admin/officials/${encodeURIComponent(self)}/revoke`, { body: {} });
    expect(last.status).toBe(409);
    expect((await problemOf(last)).type).toBe('urn:evotare:problem:last-administrator');
    const actions = await a.deps.db.selectFrom('audit_log').select('action').execute();
    expect(actions.map((x) => x.action)).toEqual(expect.arrayContaining(['officials.add', 'officials.revoke']));
  });

  it('refuses a token past its expiry, and an expiry in the past when adding', async () => {
    const r = await addOfficial(a.deps.db, { name: 'Brief', role: 'observer', expiresAt: new Date(Date.now() + 300) });
    if (!r.ok) throw new Error('no official');
    expect((await a.request('GET', '/api/v1/admin/elections', { token: r.value.token })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const late = await a.request('GET', '/api/v1/admin/elections', { token: r.value.token });
    expect(late.status).toBe(401);
    expect((await problemOf(late)).detail).toBe('this token has expired');
    const past = await a.request('POST', '/api/v1/admin/officials', {
      body: { name: 'Past', expiresAt: '2020-01-01T00:00:00Z' },
    });
    expect(past.status).toBe(400);
  });

  it('bootstraps the first administrator in the database; another instance accepts the token', async () => {
    // A database of its own, with no official: two instances, as two servers behind a proxy.
    const first = await database.open();
    const url = (first as { url?: string }).url;
    const one = await startTestServer(first);
    instances.push(one);
    await one.deps.db.deleteFrom('official').execute();
    const made = await bootstrapOfficial(one.deps.db, 'cec-admin');
    if (!made.ok) throw new Error(JSON.stringify(made.error));
    // A second bootstrap is refused while an administrator is active.
    const again = await bootstrapOfficial(one.deps.db, 'someone-else');
    expect(again.ok ? null : again.error.kind).toBe('officials-exist');
    // PostgreSQL: a second connection pool, as another instance; PGlite: the same database.
    const b = url ? await startTestServer(await openDatabase({ url })) : one;
    if (b !== one) instances.push(b);
    const seen = await b.request('GET', '/api/v1/admin/officials', { token: made.value.token });
    expect(seen.status).toBe(200);
    const names = ((await seen.json()) as { officials: Array<{ name: string }> }).officials.map((o) => o.name);
    expect(names).toContain('cec-admin');
  });
});
