// Casting throughput: `npm run bench -- cast [--json] [--ballots N] [--clients C] [--voters V]`.
// Needs DATABASE_URL (a PostgreSQL server where it may create a throwaway database). Starts the
// real server in a child process, prepares an election with one 25-option contest (a 2-of-3 key
// ceremony with local trustees, V voters activated), encrypts N ballots ahead of time (re-votes
// included), then C concurrent clients post them over HTTP. Every proof is verified by the server.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type BallotJson, electionContext, encryptAndSignBallot } from '@evotare/crypto/ballot';
import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { GroupElement } from '@evotare/crypto/group';
import type { ElectionDefinition, Manifest } from '@evotare/crypto/manifest';
import { generateSigningKey, type SigningKeyPair } from '@evotare/crypto/signature';
import { httpCeremonyAccess } from '@evotare/server/src/ceremony/http-access.ts';
import { makeLocalTrustees, runLocalCeremony } from '@evotare/server/src/ceremony/local-trustees.ts';
import { idnpControlDigit } from '@evotare/server/src/roll/idnp.ts';
import { createPostgresDatabase } from '@evotare/server/src/testing/databases.ts';
import { apiClient } from '@evotare/verifier/remote/client';
import pg from 'pg';
import { report } from './_report.ts';

const cli = fileURLToPath(new URL('../../server/src/cli/main.ts', import.meta.url));
const text = (s: string) => ({ ro: s, en: s, ru: s });

function definition(electionId: string): ElectionDefinition {
  return {
    version: 1,
    electionId,
    title: text('Benchmark'),
    votingWindow: { opens: '2026-01-01T00:00:00Z', closes: '2026-12-31T00:00:00Z' },
    mixingPeriod: 3600,
    contests: [
      {
        id: 'c',
        title: text('Contest of 25 options'),
        allowBlank: false,
        options: Array.from({ length: 25 }, (_, i) => ({ id: `o${i}`, label: text(`Option ${i}`) })),
      },
    ],
    trustees: { threshold: 2, members: [1, 2, 3].map((i) => ({ name: `Trustee ${i}` })) },
    mixNodes: [1, 2].map((i) => ({ name: `Mix node ${i}` })),
  };
}

async function startServer(databaseUrl: string, dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  // English, whatever EVOTARE_LANG says: the address is read from the "running at" line.
  const child = spawn(process.execPath, [cli, '--lang', 'en', 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      EVOTARE_BOOTSTRAP_OFFICIAL: '1',
      EVOTARE_DATA_DIR: dataDir,
      EVOTARE_AUTHORITY_PASSPHRASE: randomBytes(18).toString('base64url'),
      HOST: '127.0.0.1',
      PORT: '0',
      EVOTARE_LOG_LEVEL: 'warn',
      EVOTARE_RATE_LIMIT_ACTIVATION: '1000000',
      EVOTARE_RATE_LIMIT_CASTING: '1000000',
    },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    // The banner is on stderr (stdout holds only JSON logs); passed on as it is read.
    child.stderr.on('data', (d: Buffer) => {
      process.stderr.write(d);
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      json: { type: 'boolean', default: false },
      ballots: { type: 'string', default: '3000' },
      clients: { type: 'string', default: '50' },
      voters: { type: 'string', default: '300' },
    },
  });
  const admin = process.env.DATABASE_URL;
  if (!admin) {
    console.error('npm run bench -- cast needs DATABASE_URL: a PostgreSQL server where it may create a database');
    process.exit(2);
  }
  const ballotsWanted = Number(values.ballots);
  const clients = Number(values.clients);
  const voterCount = Number(values.voters);
  const log = (m: string) => values.json || console.error(m);

  const database = await createPostgresDatabase(admin);
  const dataDir = mkdtempSync(join(tmpdir(), 'evotare-bench-'));
  const server = await startServer(database.url, dataDir);
  try {
    const api = apiClient(server.url, readFileSync(join(dataDir, 'official-token'), 'utf8').trim(), 'en');
    const id = 'bench-cast';
    const def = definition(id);
    const trustees = makeLocalTrustees(3);
    await api.post('/api/v1/admin/elections', def);
    await api.put(`/api/v1/admin/elections/${id}/parties`, {
      trustees: def.trustees.members.map((m, i) => ({ name: m.name, ...trustees[i]!.keys.public })),
      mixNodes: def.mixNodes.map((m) => ({ name: m.name, signingKey: toBase64Url(generateSigningKey().publicKey) })),
    });
    const roll = ['idnp,name,birth_date,country'];
    for (let i = 0; i < voterCount; i++) {
      const body = `2${String(i).padStart(11, '0')}`;
      roll.push(`${body}${idnpControlDigit(body)},Voter ${i},1980-01-01,IT`);
    }
    await api.post(`/api/v1/admin/elections/${id}/roll`, { csv: `${roll.join('\n')}\n` });
    await api.post(`/api/v1/admin/elections/${id}/key-ceremony`, {});
    log(`activating ${voterCount} credentials…`);
    const credentials: SigningKeyPair[] = [];
    for (;;) {
      const r = await api.post<{ codes: Array<{ idnp: string; code: string }>; remaining: number }>(
        `/api/v1/admin/elections/${id}/activation-codes`,
        { limit: 1000 },
      );
      await Promise.all(
        r.codes.map(async ({ idnp, code }) => {
          const credential = generateSigningKey();
          await api.post(`/api/v1/elections/${id}/credentials`, {
            idnp,
            birthDate: '1980-01-01',
            code,
            credentialKey: toBase64Url(credential.publicKey),
          });
          credentials.push(credential);
        }),
      );
      if (r.remaining === 0) break;
    }
    await runLocalCeremony(httpCeremonyAccess(api, id), trustees);
    await api.post(`/api/v1/admin/elections/${id}/open`, {});
    const election = await api.get<{ manifest: Manifest; electionKey: string }>(`/api/v1/elections/${id}`);
    const ctx = electionContext(election.manifest, GroupElement.decode(fromBase64Url(election.electionKey)));

    log(`encrypting ${ballotsWanted} ballots of 25 options ahead of time…`);
    const ballots: string[] = [];
    for (let i = 0; i < ballotsWanted; i++) {
      const b: BallotJson = encryptAndSignBallot(ctx, credentials[i % credentials.length]!, [i % 25]);
      ballots.push(JSON.stringify(b));
    }

    // Encryption kept the event loop busy: let it notice the keep-alive sockets the server closed
    // meanwhile, or the first request may go out on one of them.
    await new Promise((resolve) => setTimeout(resolve, 200));
    log(`casting with ${clients} concurrent clients…`);
    const latencies: number[] = [];
    let errors = 0;
    let next = 0;
    const endpoint = new URL(`/api/v1/elections/${id}/ballots`, server.url);
    const start = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        for (let i = next++; i < ballots.length; i = next++) {
          const t0 = performance.now();
          try {
            const r = await fetch(endpoint, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: ballots[i],
            });
            await r.arrayBuffer();
            if (r.status !== 201) errors++;
          } catch (e) {
            errors++;
            log(
              `ballot ${i} at ${((performance.now() - start) / 1000).toFixed(2)} s: ${(e as Error).message} ${String((e as Error).cause)}`,
            );
          }
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    latencies.sort((a, b) => a - b);

    // Every accepted ballot is on the board.
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    const onBoard = Number(
      (await db.query(`select count(*) as n from board_entry where election_id = $1 and type = 'ballot'`, [id])).rows[0]
        .n,
    );
    await db.end();

    report(
      'Casting over HTTP to one server instance on PostgreSQL (npm run bench -- cast)',
      {
        ballots: ballots.length,
        clients,
        credentials: credentials.length,
        options: 25,
        ballots_per_s: Math.round(((ballots.length - errors) / seconds) * 10) / 10,
        p50_ms: Math.round(percentile(latencies, 50) * 10) / 10,
        p99_ms: Math.round(percentile(latencies, 99) * 10) / 10,
        errors,
        on_board: onBoard,
      },
      values.json,
    );
  } finally {
    await server.stop();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
