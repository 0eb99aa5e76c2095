// Casting throughput: `npm run bench -- cast [--json] [--ballots N] [--clients C] [--voters V]
// [--instances K]`. Needs DATABASE_URL (a PostgreSQL server where it may create a throwaway
// database). Starts the real server in a child process, prepares an election with one 25-option
// contest (a 2-of-3 key ceremony with local trustees, V voters activated), encrypts N ballots ahead
// of time (re-votes included), then C concurrent clients post them over HTTP. Every proof is
// verified by the server. With K ≥ 2, the deployment's topology (docker-compose.yml): a round
// of N ballots through a round-robin proxy (its own process) to one instance, then a round of N
// more through the same proxy to K instances on the same database, each round with the CPU time
// of every process (instances, proxy, load generator, PostgreSQL's backends).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
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
const proxyMain = fileURLToPath(new URL('../../server/src/testing/proxy-main.ts', import.meta.url));
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

interface Child {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Spawns `args` and waits for `pattern` (capturing the URL) on its standard output or error (the
 * server prints its banner on stderr, stdout holding only JSON logs); what it prints is passed on.
 */
async function spawnListening(args: string[], env: NodeJS.ProcessEnv, pattern: RegExp): Promise<Child> {
  const child: ChildProcess = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const read = (to: NodeJS.WriteStream) => (d: Buffer) => {
      to.write(d);
      out += d.toString();
      const m = pattern.exec(out);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', read(process.stdout));
    child.stderr!.on('data', read(process.stderr));
    child.once('exit', (code) => reject(new Error(`${args[0]} exited (${code})`)));
  });
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function startServer(databaseUrl: string, dataDir: string, passphrase: string): Promise<Child> {
  // English, whatever EVOTARE_LANG says: the address is read from the "running at" line.
  return spawnListening(
    [cli, '--lang', 'en', 'serve'],
    {
      ...process.env,
      DATABASE_URL: databaseUrl,
      EVOTARE_BOOTSTRAP_OFFICIAL: '1',
      EVOTARE_DATA_DIR: dataDir,
      EVOTARE_AUTHORITY_PASSPHRASE: passphrase,
      HOST: '127.0.0.1',
      PORT: '0',
      EVOTARE_LOG_LEVEL: 'warn',
      EVOTARE_TRUST_PROXY: '1',
      EVOTARE_RATE_LIMIT_ACTIVATION: '1000000',
      EVOTARE_RATE_LIMIT_CASTING: '1000000',
    },
    /running at (http:\/\/\S+)/,
  );
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); 0 if it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in ticks of 1/100 s
  } catch {
    return 0;
  }
}

/** PostgreSQL's backends serving `database` (the instances' pools), by PID. */
async function backendPids(url: string, database: string): Promise<number[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(
      `select pid from pg_stat_activity where datname = $1 and backend_type = 'client backend' and pid <> pg_backend_pid()`,
      [database],
    );
    return rows.map((r: { pid: number }) => r.pid);
  } finally {
    await c.end();
  }
}

interface CastRound {
  readonly seconds: number;
  readonly latencies: number[];
  readonly errors: number;
}

/** `clients` concurrent loops post `ballots` to `endpoint`, one after another each. */
async function castRound(endpoint: URL, ballots: readonly string[], clients: number, log: (m: string) => void) {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
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
  latencies.sort((a, b) => a - b);
  return { seconds: (performance.now() - start) / 1000, latencies, errors } satisfies CastRound;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function castFigures(r: CastRound, count: number) {
  return {
    ballots_per_s: round1((count - r.errors) / r.seconds),
    p50_ms: round1(percentile(r.latencies, 50)),
    p99_ms: round1(percentile(r.latencies, 99)),
    errors: r.errors,
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
      instances: { type: 'string', default: '1' },
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
  const instances = Number(values.instances);
  if (!Number.isInteger(instances) || instances < 1) {
    console.error('--instances must be a whole number ≥ 1');
    process.exit(2);
  }
  const log = (m: string) => values.json || console.error(m);

  const database = await createPostgresDatabase(admin);
  const dataDir = mkdtempSync(join(tmpdir(), 'evotare-bench-'));
  const passphrase = randomBytes(18).toString('base64url');
  const server = await startServer(database.url, dataDir, passphrase);
  const others: Child[] = [];
  let proxy: Child | null = null;
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

    const rounds = instances > 1 ? 2 : 1;
    log(`encrypting ${rounds * ballotsWanted} ballots of 25 options ahead of time…`);
    const ballots: string[] = [];
    for (let i = 0; i < rounds * ballotsWanted; i++) {
      const b: BallotJson = encryptAndSignBallot(ctx, credentials[i % credentials.length]!, [i % 25]);
      ballots.push(JSON.stringify(b));
    }

    // Encryption kept the event loop busy: let it notice the keep-alive sockets the server closed
    // meanwhile, or the first request may go out on one of them.
    await new Promise((resolve) => setTimeout(resolve, 200));
    if (instances > 1) {
      const figures = await proxiedRounds({
        server,
        others,
        instances,
        start: () => startServer(database.url, mkdtempSync(join(tmpdir(), 'evotare-bench-')), passphrase),
        setProxy: (p) => {
          proxy = p;
        },
        adminUrl: admin,
        databaseUrl: database.url,
        database: new URL(database.url).pathname.slice(1),
        path: `/api/v1/elections/${id}/ballots`,
        rounds: [ballots.slice(0, ballotsWanted), ballots.slice(ballotsWanted)],
        clients,
        log,
      });
      const onBoard = await ballotsOnBoard(database.url, id);
      if (values.json)
        console.log(JSON.stringify({ clients, ballotsPerRound: ballotsWanted, onBoard, rounds: figures }));
      else
        for (const f of figures)
          report(
            `Casting through a round-robin proxy to ${f.instances} instance(s) on one PostgreSQL (npm run bench -- cast --instances ${instances})`,
            { ...f, on_board_after_both_rounds: onBoard },
            false,
          );
      return;
    }
    log(`casting with ${clients} concurrent clients…`);
    const r = await castRound(new URL(`/api/v1/elections/${id}/ballots`, server.url), ballots, clients, log);

    // Every accepted ballot is on the board.
    const onBoard = await ballotsOnBoard(database.url, id);

    report(
      'Casting over HTTP to one server instance on PostgreSQL (npm run bench -- cast)',
      {
        ballots: ballots.length,
        clients,
        credentials: credentials.length,
        options: 25,
        ...castFigures(r, ballots.length),
        on_board: onBoard,
      },
      values.json,
    );
  } finally {
    await (proxy as Child | null)?.stop();
    for (const o of others) await o.stop();
    await server.stop();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function treeHeads(url: string): Promise<number> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return Number((await db.query('select count(*) as n from tree_head')).rows[0].n);
  } finally {
    await db.end();
  }
}

async function ballotsOnBoard(url: string, id: string): Promise<number> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query(
      `select count(*) as n from board_entry where election_id = $1 and type = 'ballot'`,
      [id],
    );
    return Number(rows[0].n);
  } finally {
    await db.end();
  }
}

/**
 * Round 1: the proxy in front of `server` alone; round 2: the proxy in front of `server` and
 * `instances - 1` more. Each round casts its own ballots and measures every process's CPU time.
 */
async function proxiedRounds(o: {
  server: Child;
  others: Child[];
  instances: number;
  start(): Promise<Child>;
  setProxy(p: Child): void;
  adminUrl: string;
  databaseUrl: string;
  database: string;
  path: string;
  rounds: [string[], string[]];
  clients: number;
  log(m: string): void;
}) {
  const figures: Array<Record<string, number>> = [];
  for (const [k, ballots] of o.rounds.entries()) {
    if (k === 1) while (o.others.length < o.instances - 1) o.others.push(await o.start());
    const upstreams = k === 0 ? [o.server] : [o.server, ...o.others];
    const proxy = await spawnListening(
      [proxyMain, ...upstreams.map((u) => u.url)],
      process.env,
      /proxy at (http:\/\/\S+)/,
    );
    o.setProxy(proxy);
    const processes = [...upstreams.map((u, i) => [`server_${i + 1}`, u.pid] as const), ['proxy', proxy.pid] as const];
    o.log(`round ${k + 1}: ${upstreams.length} instance(s) behind the proxy, ${o.clients} clients…`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const before = new Map(processes.map(([name, pid]) => [name, cpuSeconds(pid)]));
    const pgBefore = new Map((await backendPids(o.adminUrl, o.database)).map((pid) => [pid, cpuSeconds(pid)]));
    const headsBefore = await treeHeads(o.databaseUrl);
    const clientBefore = process.cpuUsage();
    const r = await castRound(new URL(o.path, proxy.url), ballots, o.clients, o.log);
    const client = process.cpuUsage(clientBefore);
    const cpu: Record<string, number> = {};
    for (const [name, pid] of processes) cpu[`cpu_${name}_s`] = round1(cpuSeconds(pid) - before.get(name)!);
    let pgSeconds = 0;
    for (const pid of await backendPids(o.adminUrl, o.database))
      pgSeconds += cpuSeconds(pid) - (pgBefore.get(pid) ?? 0);
    cpu.cpu_postgres_s = round1(pgSeconds);
    cpu.cpu_load_generator_s = round1((client.user + client.system) / 1e6);
    const used = Object.values(cpu).reduce((a, b) => a + b, 0);
    const load = loadavg()[0]!;
    figures.push({
      instances: upstreams.length,
      ballots: ballots.length,
      ...castFigures(r, ballots.length),
      seconds: round1(r.seconds),
      // Group commit: ballots appended per board transaction (one signed tree head each).
      ballots_per_commit: round1(ballots.length / Math.max(1, (await treeHeads(o.databaseUrl)) - headsBefore)),
      ...cpu,
      // CPU per ballot holds when the machine is shared; ballots/s does not (see the load).
      cpu_ms_per_ballot: round1((1000 * used) / ballots.length),
      cpu_busy_percent_of_all_cores: Math.round((100 * used) / (r.seconds * cpus().length)),
      load_average_1min: round1(load),
    });
    await proxy.stop();
  }
  return figures;
}
