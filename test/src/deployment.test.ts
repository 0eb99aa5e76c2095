// The topology of docker-compose.yml as processes (docs/OPERATIONS.md, "Deployment"): the owner
// role migrates (`evotare db migrate --grant-to`), two `evotare serve` instances connect to one
// PostgreSQL database as the restricted runtime role, behind a round-robin proxy that stands for
// Caddy. Checked: the activation rate limit is one budget across both instances; casts through
// both keep one chain that the verifier accepts; the runtime role can change no board table or
// trigger; a pg_dump taken while voters cast restores (pg_restore, then `db migrate`) to a board
// that verifies. Needs EVOTARE_TEST_DATABASE_URL (a superuser: it creates roles) and PostgreSQL's
// client programs; skipped, with the reason in its title, without them.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { SigningKeyPair } from '@evotare/crypto/signature';
import { APPEND_ONLY_TABLES } from '@evotare/server/src/db/schema.ts';
import { createDeploymentDatabase, type DeploymentDatabase } from '@evotare/server/src/testing/deployment-database.ts';
import { type RoundRobinProxy, startRoundRobinProxy } from '@evotare/server/src/testing/proxy.ts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBoard } from './faults/board-check.ts';
import { postgresBin } from './faults/postgres-cluster.ts';
import { ServerProcess } from './faults/server-process.ts';
import {
  activate,
  type CastFigures,
  castAll,
  electionOf,
  emptyFigures,
  makeBallots,
  SAMPLE_ELECTION,
  sampleVotersFrom,
} from './faults/voters.ts';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../server/src/cli/main.ts', import.meta.url));
const admin = process.env.EVOTARE_TEST_DATABASE_URL;
const bin = postgresBin();
const skipped = !admin
  ? 'EVOTARE_TEST_DATABASE_URL is not set (.ci/services sets it)'
  : bin === null
    ? 'no pg_dump/pg_restore in /usr/lib/postgresql/*/bin'
    : null;

/** Activation tries per minute (and burst) per client address, for both instances together. */
const ACTIVATION_LIMIT = 8;

/** `evotare db migrate` as an operator runs it: the owner role migrates and grants the runtime role. */
const migrate = (ownerUrl: string, runtimeRole: string) =>
  run(process.execPath, [cli, 'db', 'migrate'], {
    env: { ...process.env, MIGRATION_DATABASE_URL: ownerUrl, EVOTARE_RUNTIME_ROLE: runtimeRole, DATABASE_URL: '' },
  });

describe.skipIf(skipped !== null)(
  skipped ? `deployment (skipped: ${skipped})` : 'deployment: two instances on one PostgreSQL behind a proxy',
  () => {
    const dirs: string[] = [];
    const servers: ServerProcess[] = [];
    let database: DeploymentDatabase;
    let proxy: RoundRobinProxy;
    let credentials: SigningKeyPair[] = [];
    let backup: string;
    let receiptsBeforeBackup = 0;
    const figures: CastFigures = emptyFigures();
    const scratch = () => {
      const d = mkdtempSync(join(tmpdir(), 'evotare-deploy-'));
      dirs.push(d);
      return d;
    };
    const start = async (runtimeUrl: string) => {
      const s = await ServerProcess.start({
        dataDir: scratch(),
        databaseUrl: runtimeUrl,
        env: { EVOTARE_TRUST_PROXY: '1', EVOTARE_RATE_LIMIT_ACTIVATION: String(ACTIVATION_LIMIT) },
      });
      servers.push(s);
      return s;
    };

    beforeAll(async () => {
      database = await createDeploymentDatabase(admin!);
      await migrate(database.ownerUrl, database.runtimeRole);
      const a = await start(database.runtimeUrl);
      // The first instance prepares the sample election; the second starts once it is there.
      for (let t = 0; t < 1200 && !a.text.includes('is running at'); t++) await new Promise((r) => setTimeout(r, 100));
      const b = await start(database.runtimeUrl);
      proxy = await startRoundRobinProxy([a.url, b.url]);
      backup = join(scratch(), 'evotare.dump');
    }, 120_000);

    afterAll(async () => {
      await proxy?.close();
      for (const s of servers) await s.kill('SIGKILL');
      await database?.drop();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });

    it('the activation rate limit is one budget across both instances', async () => {
      const voters = sampleVotersFrom(servers[0]!.text);
      expect(voters.length).toBeGreaterThanOrEqual(5);
      const t0 = Date.now();
      credentials = [];
      for (const v of voters) credentials.push(await activate(proxy.url, v));
      // Wrong tries (an IDNP not on the roll) through the proxy, alternating instances, until refused.
      const wrong = { idnp: '2000000000007', birthDate: '1990-01-01', code: 'AAAA-BBBB-CCCC', credentialKey: 'x' };
      const tryOnce = (url: string) =>
        fetch(`${url}/api/v1/elections/${SAMPLE_ELECTION}/credentials`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(wrong),
        });
      let allowed = voters.length;
      let refused: Response | null = null;
      for (let i = 0; i < 4 * ACTIVATION_LIMIT && refused === null; i++) {
        const r = await tryOnce(proxy.url);
        if (r.status === 429) refused = r;
        else allowed++;
        await r.body?.cancel();
      }
      expect(refused?.status).toBe(429);
      expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
      // One budget: the burst, plus a token per 60/ACTIVATION_LIMIT s that passed — not one per instance.
      const refilled = Math.ceil(((Date.now() - t0) * ACTIVATION_LIMIT) / 60_000);
      expect(allowed).toBeGreaterThanOrEqual(ACTIVATION_LIMIT);
      expect(allowed).toBeLessThanOrEqual(ACTIVATION_LIMIT + refilled);
      expect(proxy.served.every((n) => n >= ACTIVATION_LIMIT / 2)).toBe(true);
      // The bucket is in the database: each instance, asked directly, refuses the same address too.
      for (const s of servers) expect((await tryOnce(s.url)).status).toBe(429);
    });

    it('casts through both instances keep one chain, and a backup is taken while they arrive', async () => {
      const ctx = await electionOf(proxy.url);
      const ballots = makeBallots(ctx, credentials, 30);
      const served = [...proxy.served];
      await castAll(proxy.url, ballots.slice(0, 10), { concurrency: 4, figures });
      // pg_dump (as the owner role: it reads every table) while the other 20 are being cast.
      const casting = castAll(proxy.url, ballots.slice(10), { concurrency: 4, figures });
      while (figures.receipts.length < 14) await new Promise((r) => setTimeout(r, 10));
      receiptsBeforeBackup = figures.receipts.length;
      await run(join(bin!, 'pg_dump'), ['--format=custom', `--file=${backup}`, `--dbname=${database.ownerUrl}`]);
      // The dump started while ballots were still being cast.
      expect(receiptsBeforeBackup).toBeLessThan(30);
      await casting;
      expect(figures.receipts).toHaveLength(30);
      expect(proxy.served.map((n, i) => n - served[i]!).every((n) => n >= 10)).toBe(true);
      const board = await checkBoard(proxy.url, figures.receipts);
      expect(board).toMatchObject({ lost: 0, duplicates: 0, chainValid: true, verifierFailed: 0 });
      expect(board.verifierPassed).toBeGreaterThan(0);
      for (const s of servers) expect(s.bugs()).toEqual([]);
    });

    it('a backup taken during voting restores to a board that verifies', async () => {
      const restored = await database.createSibling();
      await run(join(bin!, 'pg_restore'), [
        '--exit-on-error',
        '--single-transaction',
        `--dbname=${restored.ownerUrl}`,
        backup,
      ]);
      // The restore procedure (docs/OPERATIONS.md): pg_restore as the owner, then `db migrate`,
      // which runs what a newer release added and grants the runtime role again.
      await migrate(restored.ownerUrl, database.runtimeRole);
      const c = await start(restored.runtimeUrl);
      const board = await checkBoard(c.url, figures.receipts.slice(0, receiptsBeforeBackup));
      expect(board).toMatchObject({ lost: 0, duplicates: 0, chainValid: true, verifierFailed: 0 });
      expect(board.boardSize).toBeGreaterThan(receiptsBeforeBackup);
      // And the restored server takes ballots again, on the same chain.
      const more = await castAll(c.url, makeBallots(await electionOf(c.url), credentials, 2));
      expect(more.receipts).toHaveLength(2);
      expect(await checkBoard(c.url, more.receipts)).toMatchObject({ lost: 0, chainValid: true, verifierFailed: 0 });
    });

    it('the runtime role cannot UPDATE, DELETE, TRUNCATE, ALTER or DROP a board table or its trigger', async () => {
      const client = new pg.Client({ connectionString: database.runtimeUrl });
      await client.connect();
      const refusal = async (statement: string) => {
        try {
          await client.query(statement);
          return 'accepted';
        } catch (e) {
          return (e as { code?: string }).code;
        }
      };
      try {
        const attempts = APPEND_ONLY_TABLES.flatMap((t) => [
          `update ${t} set ${t === 'authority_key' ? 'sealed = sealed' : 'election_id = election_id'}`,
          `delete from ${t}`,
          `truncate ${t}`,
          `alter table ${t} disable trigger ${t}_append_only`,
          `drop trigger ${t}_append_only on ${t}`,
          `alter table ${t} add column forged text`,
          `drop table ${t} cascade`,
        ]);
        attempts.push(
          'create or replace function evotare_reject_change() returns trigger language plpgsql as $$ begin return new; end $$',
          'drop function evotare_reject_change() cascade',
          'create table forged (x int)',
          'drop view counting_ballot',
          `update kysely_migration set name = name`,
        );
        const outcomes: Array<readonly [string, string | undefined]> = [];
        for (const s of attempts) outcomes.push([s, await refusal(s)]);
        expect(outcomes.length).toBeGreaterThan(70);
        // 42501: insufficient_privilege ("permission denied", "must be owner").
        expect(outcomes.filter(([, code]) => code !== '42501')).toEqual([]);
        // What a server needs still works: it reads the board and appends to it (the casts above).
        const { rows } = await client.query(
          `select count(*)::int as n from board_entry where election_id = $1 and type = 'ballot'`,
          [SAMPLE_ELECTION],
        );
        expect(rows[0].n).toBe(30);
      } finally {
        await client.end();
      }
    });
  },
);
