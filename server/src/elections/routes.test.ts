import { verifyBoardChain } from '@evotare/crypto/board/entry';
import { fromBase64Url } from '@evotare/crypto/bytes';
import { ManifestSchema, manifestHash } from '@evotare/crypto/manifest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryFromRow, readEntryRows } from '../board/board.ts';
import { testDatabases } from '../testing/databases.ts';
import {
  exampleDefinition,
  makeParties,
  rollCsv,
  runCeremonyOverHttp,
  startTestServer,
  type TestServer,
} from '../testing/harness.ts';
import { createElection } from './elections.ts';

describe.each(testDatabases)('election lifecycle on $name', ({ open }) => {
  let s: TestServer;
  const definition = exampleDefinition('lifecycle');
  const { parties, trustees } = makeParties(definition);
  beforeAll(async () => {
    s = await startTestServer(await open());
  });
  afterAll(() => s?.close());

  it('creates a draft that the public cannot see', async () => {
    const r = await s.request('POST', '/api/v1/admin/elections', { body: definition });
    expect(r.status).toBe(201);
    expect(await r.json()).toMatchObject({ id: 'lifecycle', state: 'draft' });
    expect((await s.request('POST', '/api/v1/admin/elections', { body: definition })).status).toBe(409);
    expect((await s.request('GET', '/api/v1/elections/lifecycle', { token: null })).status).toBe(404);
    const list = (await (await s.request('GET', '/api/v1/elections', { token: null })).json()) as {
      elections: unknown[];
    };
    expect(list.elections).toEqual([]);
  });

  it('refuses a threshold of one trustee, which only a server for test elections accepts (SPEC §7.1)', async () => {
    const single = { ...exampleDefinition('one-trustee'), trustees: { ...definition.trustees, threshold: 1 } };
    const r = await s.request('POST', '/api/v1/admin/elections', { body: single });
    expect(r.status).toBe(422);
    const p = (await r.json()) as { type: string; detail: string };
    expect(p.type).toBe('urn:evotare:problem:threshold-one');
    expect(p.detail).toMatch(/EVOTARE_ALLOW_THRESHOLD_ONE=1/);
    expect((await s.request('GET', '/api/v1/admin/elections/one-trustee')).status).toBe(404);
    // EVOTARE_ALLOW_THRESHOLD_ONE=1 gives the server these deps (../server.ts).
    const created = await createElection({ ...s.deps, allowThresholdOne: true }, single, 'test');
    expect(created).toMatchObject({ ok: true, value: { id: 'one-trustee', state: 'draft' } });
  });

  it('refuses a definition without a mixing period, or with one outside 1 s … 30 days (§7.1)', async () => {
    const { mixingPeriod: _, ...without } = exampleDefinition('no-period');
    for (const body of [without, { ...without, mixingPeriod: 0 }, { ...without, mixingPeriod: 2592001 }]) {
      const r = await s.request('POST', '/api/v1/admin/elections', { body });
      expect(r.status).toBe(400);
      const doc = (await r.json()) as { type: string; errors: Array<{ path: string }> };
      expect(doc.type).toBe('urn:evotare:problem:invalid-request');
      expect(JSON.stringify(doc.errors)).toMatch(/mixingPeriod/);
    }
  });

  it('refuses to start the ceremony before the parties are registered, and parties that do not match', async () => {
    const r = await s.request('POST', '/api/v1/admin/elections/lifecycle/key-ceremony', { body: {} });
    expect(r.status).toBe(422);
    const wrong = { ...parties, trustees: parties.trustees.slice(1) };
    const w = await s.request('PUT', '/api/v1/admin/elections/lifecycle/parties', { body: wrong });
    expect(w.status).toBe(422);
    expect(((await w.json()) as { type: string }).type).toBe('urn:evotare:problem:invalid-parties');
  });

  it('freezes the manifest as entry 0 of the board, with the roll commitment after it', async () => {
    expect((await s.request('PUT', '/api/v1/admin/elections/lifecycle/parties', { body: parties })).status).toBe(200);
    const roll = await s.request('POST', '/api/v1/admin/elections/lifecycle/roll', { body: { csv: rollCsv(5).csv } });
    expect(await roll.json()).toMatchObject({ added: 5, errors: [], rollSize: 5 });
    const r = await s.request('POST', '/api/v1/admin/elections/lifecycle/key-ceremony', { body: {} });
    expect(r.status).toBe(200);
    const rows = (await readEntryRows(s.deps.db, 'lifecycle', 0, 10)).map(entryFromRow);
    expect(rows.map((e) => e.type)).toEqual(['manifest', 'roll']);
    const manifest = ManifestSchema.parse(rows[0]!.payload);
    expect(fromBase64Url(manifest.authority.signingKey)).toEqual(s.deps.authority.publicKey);
    expect(((await r.json()) as { manifestHash: string }).manifestHash).toBe(
      Buffer.from(manifestHash(manifest)).toString('base64url'),
    );
    expect(rows[1]!.payload).toMatchObject({ size: 5 });
    const pub = (await (await s.request('GET', '/api/v1/elections/lifecycle', { token: null })).json()) as {
      state: string;
      manifest: unknown;
    };
    expect(pub.state).toBe('key-ceremony');
    expect(pub.manifest).toEqual(manifest);
  });

  it('refuses to open an election whose key ceremony is incomplete', async () => {
    const r = await s.request('POST', '/api/v1/admin/elections/lifecycle/open', { body: {} });
    expect(r.status).toBe(409);
    expect(((await r.json()) as { type: string }).type).toBe('urn:evotare:problem:ceremony-incomplete');
  });

  it('opens and closes voting, each step on the board', async () => {
    await runCeremonyOverHttp(s, 'lifecycle', trustees);
    expect((await s.request('POST', '/api/v1/admin/elections/lifecycle/open', { body: {} })).status).toBe(200);
    // Opening an open election (the schedule came first) changes nothing: one voting-opened below.
    expect((await s.request('POST', '/api/v1/admin/elections/lifecycle/open', { body: {} })).status).toBe(200);
    // Before the window's end, only with a reason, which the board publishes.
    const early = await s.request('POST', '/api/v1/admin/elections/lifecycle/close', { body: {} });
    expect(early.status).toBe(422);
    expect(((await early.json()) as { type: string }).type).toBe('urn:evotare:problem:early-close-reason-required');
    const reason = 'the count of a test election';
    expect((await s.request('POST', '/api/v1/admin/elections/lifecycle/close', { body: { reason } })).status).toBe(200);
    const entries = (await readEntryRows(s.deps.db, 'lifecycle', 0, 100)).map(entryFromRow);
    expect(entries.map((e) => e.type)).toEqual([
      'manifest',
      'roll',
      ...['dkg-commitment', 'dkg-shares', 'dkg-commitment', 'dkg-shares', 'dkg-commitment', 'dkg-shares'],
      'ceremony-phase',
      'election-key',
      'roll',
      'voting-opened',
      'voting-closed',
      // Nobody voted: the mix input is empty, and mixing is complete at once (§14.2, §14.3).
      'mix-input',
      'mixing-completed',
    ]);
    expect(verifyBoardChain(entries)).toEqual({ valid: true });
    expect(entries.find((e) => e.type === 'voting-closed')!.payload).toEqual({ reason });
    const status = (await (await s.request('GET', '/api/v1/admin/elections/lifecycle')).json()) as Record<
      string,
      unknown
    >;
    expect(status).toMatchObject({ state: 'decrypting', rollSize: 5, boardSize: 15, ballotsCast: 0 });
  });

  it('answers problems in Romanian by default, and in English or Russian when asked', async () => {
    const ro = (await (await s.request('GET', '/api/v1/elections/nope', { token: null })).json()) as { title: string };
    expect(ro.title).toBe('Alegerile nu există');
    const en = await s.request('GET', '/api/v1/elections/nope', {
      token: null,
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(((await en.json()) as { title: string }).title).toBe('No such election');
    const ru = await s.request('GET', '/api/v1/elections/nope?lang=ru', { token: null });
    expect(ru.headers.get('content-type')).toBe('application/problem+json');
    expect(((await ru.json()) as { title: string }).title).toBe('Такие выборы не найдены');
  });
});
