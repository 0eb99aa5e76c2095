// The voting window kept by the server (docs/SPEC.md §13.10): a window of a few seconds, real time,
// two schedules on one database as two server instances would run them.

import { createServer } from 'node:net';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryFromRow, readEntryRows } from '../board/board.ts';
import { NodeCache } from '../board/nodes.ts';
import { BoardWriter } from '../board/writer.ts';
import type { Database } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { createLogger } from '../log.ts';
import { testDatabases } from '../testing/databases.ts';
import {
  exampleDefinition,
  makeParties,
  rollCsv,
  runCeremonyOverHttp,
  startTestServer,
  type TestServer,
} from '../testing/harness.ts';
import { SCHEDULE_OFFICIAL, VotingSchedule } from './schedule.ts';

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe.each(testDatabases)('the voting schedule on $name', ({ open }) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(await open());
  });
  afterAll(() => s?.close());

  it('refuses an election whose voting window is over', async () => {
    const past = {
      ...exampleDefinition('over'),
      votingWindow: { opens: '2024-10-20T04:00:00Z', closes: '2024-10-20T18:00:00Z' },
    };
    const r = await s.request('POST', '/api/v1/admin/elections', { body: past });
    expect(r.status).toBe(422);
    expect(((await r.json()) as { type: string }).type).toBe('urn:evotare:problem:voting-window-past');
    expect((await s.request('GET', '/api/v1/admin/elections/over')).status).toBe(404);
  });

  it('opens and closes voting by itself at the window edges, once, with two instances', {
    timeout: 40_000,
  }, async () => {
    const id = 'scheduled';
    // A window that begins after the ceremony (a few seconds here) and lasts two seconds.
    const opens = Math.ceil(Date.now() / 1000) * 1000 + 8000;
    const closes = opens + 2000;
    const definition = { ...exampleDefinition(id), votingWindow: { opens: iso(opens), closes: iso(closes) } };
    const { parties, trustees } = makeParties(definition);
    const admin = (path: string, body: unknown = {}) =>
      s.request('POST', `/api/v1/admin/elections/${id}${path}`, { body });
    expect((await s.request('POST', '/api/v1/admin/elections', { body: definition })).status).toBe(201);
    expect((await s.request('PUT', `/api/v1/admin/elections/${id}/parties`, { body: parties })).status).toBe(200);
    expect((await admin('/roll', { csv: rollCsv(3).csv })).status).toBe(200);
    expect((await admin('/key-ceremony')).status).toBe(200);
    await runCeremonyOverHttp(s, id, trustees);
    expect(Date.now()).toBeLessThan(opens);

    // Not before the window: neither an official nor the schedule.
    const early = await admin('/open');
    expect(early.status).toBe(409);
    expect(((await early.json()) as { type: string }).type).toBe('urn:evotare:problem:voting-window-not-begun');

    // A second instance: its own board writer on the same database.
    const second: Deps = {
      ...s.deps,
      writer: new BoardWriter(s.deps.db, s.deps.authority, { nodes: new NodeCache() }),
    };
    const schedules = [new VotingSchedule(s.deps, { tickMs: 100 }), new VotingSchedule(second, { tickMs: 100 })];
    for (const schedule of schedules) schedule.start();
    try {
      const state = async () =>
        ((await (await s.request('GET', `/api/v1/admin/elections/${id}`)).json()) as { state: string }).state;
      await expect.poll(state, { timeout: 15_000, interval: 100 }).toBe('open');
      expect(Date.now()).toBeGreaterThanOrEqual(opens);
      await expect.poll(state, { timeout: 10_000, interval: 100 }).toBe('decrypting');
    } finally {
      for (const schedule of schedules) await schedule.stop();
    }

    const entries = (await readEntryRows(s.deps.db, id, 0, 100)).map(entryFromRow);
    const opened = entries.filter((e) => e.type === 'voting-opened');
    const closed = entries.filter((e) => e.type === 'voting-closed');
    expect(opened).toHaveLength(1);
    expect(closed).toHaveLength(1);
    expect(Date.parse(opened[0]!.time)).toBeGreaterThanOrEqual(opens);
    expect(Date.parse(opened[0]!.time)).toBeLessThan(opens + 3000);
    expect(Date.parse(closed[0]!.time)).toBeGreaterThanOrEqual(closes);
    expect(Date.parse(closed[0]!.time)).toBeLessThan(closes + 3000);
    expect(closed[0]!.payload).toEqual({});
    // Nobody voted: the mix input, and mixing complete at once, follow the close.
    expect(entries.slice(-3).map((e) => e.type)).toEqual(['voting-closed', 'mix-input', 'mixing-completed']);
    const audit = await s.deps.db
      .selectFrom('audit_log')
      .select(['official', 'action'])
      .where('election_id', '=', id)
      .where('action', 'in', ['election.open', 'election.close'])
      .execute();
    expect(audit).toEqual([
      { official: SCHEDULE_OFFICIAL, action: 'election.open' },
      { official: SCHEDULE_OFFICIAL, action: 'election.close' },
    ]);
  });
});

describe('the voting schedule when the database refuses', () => {
  it('logs a warning and tries again at the next tick; no rejection escapes (which would end the process)', async () => {
    // A PostgreSQL that refuses connections, as one restarting does: a port where nothing listens.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const p = (server.address() as { port: number }).port;
        server.close(() => resolve(p));
      });
    });
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: `postgres://x@127.0.0.1:${port}/x` }) }),
    });
    const lines: Array<{ level: string; msg: string; error?: string }> = [];
    const log = createLogger((l) => lines.push(JSON.parse(l)));
    const escaped: unknown[] = [];
    const onRejection = (e: unknown) => escaped.push(e);
    process.on('unhandledRejection', onRejection);
    const schedule = new VotingSchedule({ db, log } as Deps, { tickMs: 50 });
    try {
      schedule.start();
      await expect.poll(() => lines.length + escaped.length, { timeout: 5000, interval: 20 }).toBeGreaterThanOrEqual(3);
      await schedule.stop();
      // A rejection would be reported after the microtasks of the tick that made it.
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      process.off('unhandledRejection', onRejection);
      await schedule.stop();
      await db.destroy();
    }
    expect(escaped).toEqual([]);
    for (const l of lines) {
      expect(l).toMatchObject({ level: 'warn', msg: 'the voting schedule could not read the elections' });
      expect(l.error).toMatch(/ECONNREFUSED/);
    }
  });
});
