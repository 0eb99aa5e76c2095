// A whole election, run as it would be for real, by separate processes talking HTTP: the server
// (`evotare serve`), officials (`evotare election …`), three trustees (`evotare-trustee …`), three
// mix nodes (`evotare-mix …`), voters through the public API, and the standalone verifier on the
// exported board. `npm run demo` prints it; `npm run bench -- election` measures it.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { readElectionAnchor } from '@evotare/client/src/board-anchor.ts';
import { toBase64Url } from '@evotare/crypto/bytes';
import { canonicalize } from '@evotare/crypto/canonical-json';
import { formatFingerprint } from '@evotare/crypto/fingerprint';
import { type ElectionDefinition, ElectionDefinitionSchema, type Manifest } from '@evotare/crypto/manifest';
import { WorkerPool } from '@evotare/crypto/parallel/pool';
import { chunkRanges } from '@evotare/crypto/parallel/task';
import { generateSigningKey, type SigningKeyPair } from '@evotare/crypto/signature';
import { apiClient } from '@evotare/verifier/remote/client';
import { parse } from 'csv-parse/sync';
import { idnpControlDigit } from '../roll/idnp.ts';
import { CLI, type Finished, MemoryWatch, MIX, runner, startServer, stop, TRUSTEE, VERIFIER } from './processes.ts';
import { encryptBallotsTask } from './tasks.ts';

export interface ElectionRunOptions {
  readonly voters: number;
  /** What is voted on (default: examples/presidential-2024.json); its window is moved to now. */
  readonly definition?: ElectionDefinition;
  /** Where to put the data directory, key files and the board export. */
  readonly workDir: string;
  /** PostgreSQL; without it, the embedded database in the work directory. */
  readonly databaseUrl?: string;
  /** log2 of scrypt's N for activation codes (the server's default is 14). */
  readonly activationCodeCost?: number;
  /** Shares of voters who vote a second time, and who vote on paper afterwards. */
  readonly revoteShare?: number;
  readonly paperShare?: number;
  /** Called at the start and end of each phase and as voters go (done, total). */
  readonly onPhase?: (phase: Phase, event: 'start' | 'end', seconds?: number) => void;
  readonly onProgress?: (phase: Phase, done: number, total: number) => void;
  /** Lines the trustees, mix nodes and officials print. */
  readonly onLine?: (who: string, line: string) => void;
}

export type Phase =
  | 'server'
  | 'keys'
  | 'election'
  | 'ceremony'
  | 'roll'
  | 'activation'
  | 'voting'
  | 'following'
  | 'close'
  | 'mixing'
  | 'decryption'
  | 'export'
  | 'verify';

export interface ContestCount {
  readonly id: string;
  readonly counts: Record<string, number>;
  readonly blank?: number;
  readonly invalid: number;
}

export interface ElectionRun {
  readonly electionId: string;
  readonly manifest: Manifest;
  /** The election fingerprint (short form) the voters' booths computed from the board. */
  readonly fingerprint: string;
  readonly timings: { readonly phase: Phase; readonly seconds: number }[];
  readonly result: { contests: ContestCount[]; turnout: Record<string, number> };
  readonly expected: ContestCount[];
  readonly matches: boolean;
  readonly votes: {
    readonly voters: number;
    readonly ballots: number;
    readonly revotes: number;
    readonly paper: number;
  };
  readonly verifier: {
    readonly exitCode: number;
    readonly passed: number;
    readonly failed: number;
    readonly notRun: number;
  };
  readonly exportDir: string;
  readonly closeToResultSeconds: number;
  readonly mixSecondsPerNode: number[];
  readonly decryptSecondsPerTrustee: number[];
  /**
   * Each party's verification of the board (SPEC §15.1): while voting ran (`follow`), the trustees'
   * while mixing ran (`follow` after each shuffle but the last), and before each acted, after the
   * close — from its kept state: `tail` says what that last check read and verified.
   */
  readonly verification: {
    readonly duringVoting: { readonly party: string; readonly seconds: number }[];
    readonly duringMixing: { readonly party: string; readonly seconds: number }[];
    readonly afterClose: { readonly party: string; readonly seconds: number }[];
    readonly tail: {
      readonly party: string;
      readonly from: number;
      readonly entries: number;
      readonly ballots: number;
      readonly shuffles: number;
    }[];
  };
  readonly peakRssMb: number;
}

const EXAMPLE = new URL('../../../examples/presidential-2024.json', import.meta.url);
const CONCURRENCY = 16;

function rollOf(n: number): { csv: string; voters: { idnp: string; birthDate: string }[] } {
  const countries = ['IT', 'DE', 'GB', 'FR', 'RO', 'ES', 'PT', 'IE', 'US', 'CA', 'IL', 'RU'];
  const lines = ['idnp,name,birth_date,country'];
  const voters: { idnp: string; birthDate: string }[] = [];
  for (let i = 0; i < n; i++) {
    const body = `2${String(i).padStart(11, '0')}`;
    const idnp = body + idnpControlDigit(body);
    const birthDate = `${1950 + (i % 55)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    voters.push({ idnp, birthDate });
    lines.push(`${idnp},Alegător ${i + 1},${birthDate},${countries[i % countries.length]}`);
  }
  return { csv: `${lines.join('\n')}\n`, voters };
}

/** Runs `task` over `items` with at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T, i: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await task(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function randomChoices(manifest: Manifest): number[] {
  return manifest.contests.map((c) => Math.floor(Math.random() * (c.options.length + (c.allowBlank ? 1 : 0))));
}

function expectedCounts(manifest: Manifest, ballots: Iterable<readonly number[]>): ContestCount[] {
  const out = manifest.contests.map((c) => ({
    id: c.id,
    counts: Object.fromEntries(c.options.map((o) => [o.id, 0])) as Record<string, number>,
    ...(c.allowBlank ? { blank: 0 } : {}),
    invalid: 0,
  }));
  for (const choices of ballots) {
    choices.forEach((choice, i) => {
      const contest = manifest.contests[i]!;
      const row = out[i]!;
      if (choice < contest.options.length) row.counts[contest.options[choice]!.id]!++;
      else (row as { blank: number }).blank++;
    });
  }
  return out;
}

function sameCounts(a: readonly ContestCount[], b: readonly ContestCount[]): boolean {
  const norm = (x: readonly ContestCount[]) =>
    canonicalize(x.map((c) => ({ id: c.id, counts: c.counts, blank: c.blank ?? null, invalid: c.invalid })));
  return norm(a) === norm(b);
}

export async function runElection(options: ElectionRunOptions): Promise<ElectionRun> {
  const work = options.workDir;
  const dataDir = join(work, 'data');
  mkdirSync(dataDir, { recursive: true });
  const memory = new MemoryWatch();
  const timings: { phase: Phase; seconds: number }[] = [];
  const phase = async <T>(name: Phase, body: () => Promise<T>): Promise<T> => {
    options.onPhase?.(name, 'start');
    const start = performance.now();
    const value = await body();
    const seconds = (performance.now() - start) / 1000;
    timings.push({ phase: name, seconds });
    options.onPhase?.(name, 'end', seconds);
    return value;
  };
  const line = (who: string) => (l: string) => options.onLine?.(who, l);
  const trusteePassphrase = (t: number) => `trustee ${t} ${randomBytes(8).toString('hex')}`;
  const passphrases = [1, 2, 3].map(trusteePassphrase);
  const mixPassphrase = `mix nodes ${randomBytes(8).toString('hex')}`;
  const serverEnv: Record<string, string> = {
    EVOTARE_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    EVOTARE_AUTHORITY_PASSPHRASE: randomBytes(16).toString('hex'),
    EVOTARE_LOG_LEVEL: 'warn',
    // one address plays every voter here: no rate limit per address
    EVOTARE_RATE_LIMIT_ACTIVATION: '100000000',
    EVOTARE_RATE_LIMIT_CASTING: '100000000',
    EVOTARE_ACTIVATION_CODE_COST: String(options.activationCodeCost ?? 11),
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl, EVOTARE_BOOTSTRAP_OFFICIAL: '1' } : {}),
  };

  // 1. The server
  const run0 = runner({}, memory);
  const server = await phase('server', () => startServer(run0, serverEnv));
  const run = runner({ EVOTARE_SERVER: server.url, EVOTARE_DATA_DIR: dataDir, ...serverEnv }, memory);
  const official = async (...args: string[]) => (await run.node(CLI, ['--lang', 'en', ...args])).stdout;
  const token = readFileSync(join(dataDir, 'official-token'), 'utf8').trim();
  const admin = apiClient(server.url, token, 'en');
  const api = apiClient(server.url, null, 'en');
  const pool = new WorkerPool({ size: availableParallelism() });
  try {
    // 2. Keys: each trustee and each mix-node operator on their own machine
    const definition = options.definition ?? ElectionDefinitionSchema.parse(JSON.parse(readFileSync(EXAMPLE, 'utf8')));
    const keyFile = (who: string) => join(work, `${who}.key`);
    const { trustees, mixNodes } = await phase('keys', async () => {
      const trustees = await Promise.all(
        definition.trustees.members.map(async (m, i) => {
          const r = await run.node(TRUSTEE, ['keygen', '--out', keyFile(`trustee-${i + 1}`), '--name', m.name], {
            EVOTARE_TRUSTEE_PASSPHRASE: passphrases[i]!,
          });
          return JSON.parse(r.stdout) as unknown;
        }),
      );
      const mixNodes = await Promise.all(
        definition.mixNodes.map(async (m, i) => {
          const r = await run.node(MIX, ['keygen', '--out', keyFile(`mix-${i + 1}`)], {
            EVOTARE_MIX_PASSPHRASE: mixPassphrase,
          });
          return { name: m.name, signingKey: r.stdout.trim() };
        }),
      );
      return { trustees, mixNodes };
    });

    // 3. The election: the 2024 definition, open from now for a day; parties; roll; ceremony starts
    const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15).toLowerCase();
    const electionId = `demo-${stamp}`;
    const opens = new Date(Math.floor(Date.now() / 1000) * 1000);
    const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const roll = rollOf(options.voters);
    await phase('election', async () => {
      const def = {
        ...definition,
        electionId,
        votingWindow: { opens: iso(opens), closes: iso(new Date(opens.getTime() + 24 * 3600 * 1000)) },
      };
      writeFileSync(join(work, 'definition.json'), JSON.stringify(def, null, 2));
      writeFileSync(join(work, 'parties.json'), JSON.stringify({ trustees, mixNodes }, null, 2));
      writeFileSync(join(work, 'roll.csv'), roll.csv);
      await official('election', 'create', join(work, 'definition.json'));
      await official('election', 'parties', electionId, join(work, 'parties.json'));
      await official('roll', 'import', electionId, join(work, 'roll.csv'));
      await official('election', 'key-ceremony', electionId);
    });

    let trusteesFingerprint: string | undefined;
    // 4. The key ceremony: three trustee processes follow it; officials close the complaint phase
    //    once every trustee has checked its shares.
    await phase('ceremony', async () => {
      const checked = new Set<number>();
      // The fingerprint the trustees computed is what the CEC would publish; the mix nodes and the
      // trustees take it below as published (--expect-fingerprint).
      let allChecked: () => void = () => {};
      const everyoneChecked = new Promise<void>((resolve) => {
        allChecked = resolve;
      });
      const processes = [1, 2, 3].map((t) =>
        run.start(
          TRUSTEE,
          ['--lang', 'en', 'ceremony', '--election', electionId, '--key', keyFile(`trustee-${t}`), '--wait'],
          { EVOTARE_TRUSTEE_PASSPHRASE: passphrases[t - 1]! },
          (l) => {
            line(`trustee ${t}`)(l);
            trusteesFingerprint ??= /fingerprint, computed from the board: (\S+) /.exec(l)?.[1];
            if (/shares checked/.test(l)) {
              checked.add(t);
              if (checked.size === 3) allChecked();
            }
          },
        ),
      );
      const exits = processes.map((p) => new Promise<number | null>((resolve) => p.once('exit', resolve)));
      await Promise.race([everyoneChecked, Promise.all(exits)]);
      if (checked.size < 3) throw new Error('a trustee stopped before checking its shares');
      await official('election', 'close-phase', electionId);
      const codes = await Promise.all(exits);
      if (codes.some((c) => c !== 0))
        throw new Error(`the key ceremony failed (trustee exit codes ${codes.join(', ')})`);
      await official('election', 'open', electionId);
    });

    // The voters' booths take the manifest and the election key from the board, as the real booth
    // does (SPEC Algorithm 7.6), never from the election API's convenience fields.
    const anchor = await readElectionAnchor((path) => api.get(`/api/v1${path}`), electionId);
    if (anchor.electionKey === null || anchor.fingerprint === null) throw new Error('the board has no election key');
    const manifest = anchor.manifest;
    const manifestJson = JSON.stringify(manifest);
    const electionKey = anchor.electionKey.encode();
    const fingerprint = formatFingerprint(anchor.fingerprint);
    // What the trustees computed on their own machines is what the CEC publishes; the booths must agree.
    if (trusteesFingerprint !== fingerprint) {
      throw new Error(`the trustees computed the fingerprint ${trusteesFingerprint}, the booths ${fingerprint}`);
    }

    // 5. Activation codes, printed by the officials; the voters activate with them
    const codes = await phase('roll', async () => {
      const dir = join(work, 'letters');
      await official('codes', 'issue', electionId, '--out', dir, '--helpline', 'demo: no help line');
      const rows = parse(readFileSync(join(dir, 'codes.csv')), { bom: true, columns: true }) as Array<{
        idnp: string;
        code: string;
      }>;
      return new Map(rows.map((r) => [r.idnp, r.code]));
    });
    const credentials: SigningKeyPair[] = new Array(options.voters);
    await phase('activation', async () => {
      let done = 0;
      await eachLimited(roll.voters, CONCURRENCY, async (v, i) => {
        const credential = generateSigningKey();
        await api.post(`/api/v1/elections/${electionId}/credentials`, {
          idnp: v.idnp,
          birthDate: v.birthDate,
          code: codes.get(v.idnp),
          credentialKey: toBase64Url(credential.publicKey),
        });
        credentials[i] = credential;
        options.onProgress?.('activation', ++done, options.voters);
      });
    });

    // 6. Voting: everyone votes once; some vote again (the last ballot counts); some then vote on
    //    paper at a consulate, and the officials revoke their credentials.
    const revoters = Math.round(options.voters * (options.revoteShare ?? 0.1));
    const paper = Math.round(options.voters * (options.paperShare ?? 0.03));
    const last = new Map<number, number[]>();
    let receipt: unknown;
    const ballots = await phase('voting', async () => {
      const plan: { voter: number; choices: number[] }[] = [];
      for (let i = 0; i < options.voters; i++) plan.push({ voter: i, choices: randomChoices(manifest) });
      for (let i = 0; i < revoters; i++) plan.push({ voter: i, choices: randomChoices(manifest) });
      // every voter's device encrypts its ballot: here, on all the worker threads at once, before casting
      const chunks = await Promise.all(
        chunkRanges(plan.length, { parallelism: pool.size * 4, minSize: 16, maxSize: 512 }).map(({ start, end }) =>
          pool.run(encryptBallotsTask, {
            manifest: manifestJson,
            electionKey,
            voters: plan
              .slice(start, end)
              .map((p) => ({ secretKey: credentials[p.voter]!.secretKey, choices: p.choices })),
          }),
        ),
      );
      const encrypted = chunks.flat();
      let done = 0;
      const firstRound = plan.slice(0, options.voters);
      const cast = async (p: { voter: number; choices: number[] }, i: number) => {
        const r = await api.post<unknown>(`/api/v1/elections/${electionId}/ballots`, JSON.parse(encrypted[i]!));
        last.set(p.voter, p.choices);
        if (p.voter === 0) receipt = r;
        options.onProgress?.('voting', ++done, plan.length);
      };
      await eachLimited(firstRound, CONCURRENCY, cast);
      await eachLimited(plan.slice(options.voters), CONCURRENCY, (p, i) => cast(p, i + options.voters));
      for (let i = options.voters - paper; i < options.voters; i++) {
        await admin.post(`/api/v1/admin/elections/${electionId}/revocations`, {
          idnp: roll.voters[i]!.idnp,
          reason: 'voted-in-person',
        });
        last.delete(i);
      }
      return plan.length;
    });
    writeFileSync(join(work, 'receipt.json'), JSON.stringify(receipt, null, 2));

    // 6½. While voting runs, the parties follow the board: each verifies the ballots so far once
    //     and keeps them, so that after the close it verifies only what came since (SPEC §15.1).
    const duringVoting: { party: string; seconds: number }[] = [];
    const duringMixing: { party: string; seconds: number }[] = [];
    const afterClose: { party: string; seconds: number }[] = [];
    const tail: { party: string; from: number; entries: number; ballots: number; shuffles: number }[] = [];
    const secondsIn = (output: string, what: RegExp) => Number(what.exec(output)?.[1] ?? Number.NaN);
    const tailIn = (party: string, output: string) => {
      const m = /read from entry (\d+) on \(kept state\): (\d+) new entries, (\d+) ballots and (\d+) shuffle/.exec(
        output,
      );
      const [from, entries, ballots, shuffles] = (m?.slice(1) ?? [-1, -1, -1, -1]).map(Number) as number[];
      tail.push({ party, from: from!, entries: entries!, ballots: ballots!, shuffles: shuffles! });
      if (m !== null) options.onLine?.(party, `checked the board before acting, ${m[0]}(s)`);
    };
    const trusteeFollow = (t: number) =>
      run.node(
        TRUSTEE,
        ['--lang', 'en', 'follow', '--once', '--election', electionId, '--key', keyFile(`trustee-${t}`)],
        { EVOTARE_TRUSTEE_PASSPHRASE: passphrases[t - 1]! },
      );
    await phase('following', async () => {
      const parties: Array<[string, string, string, Record<string, string>]> = [
        ...[1, 2, 3].map((nu): [string, string, string, Record<string, string>] => [
          `mix node ${nu}`,
          MIX,
          keyFile(`mix-${nu}`),
          { EVOTARE_MIX_PASSPHRASE: mixPassphrase },
        ]),
        ...[1, 2].map((t): [string, string, string, Record<string, string>] => [
          `trustee ${t}`,
          TRUSTEE,
          keyFile(`trustee-${t}`),
          { EVOTARE_TRUSTEE_PASSPHRASE: passphrases[t - 1]! },
        ]),
      ];
      for (const [party, program, key, env] of parties) {
        const r = await run.node(
          program,
          ['--lang', 'en', 'follow', '--once', '--election', electionId, '--key', key],
          env,
        );
        duringVoting.push({ party, seconds: secondsIn(r.stdout + r.stderr, /board followed.* in ([\d.]+) s/) });
      }
    });

    // 7. Close, mix, decrypt: from here to the signed result is what the tally costs
    const tallyStart = performance.now();
    await phase('close', () => official('election', 'close', electionId, '--reason', 'demo: every voter has voted'));
    const mixSeconds: number[] = [];
    await phase('mixing', async () => {
      // Until the manifest's mixing deadline no node can be left out (docs/SPEC.md §14.3): here
      // every node mixes long before it, and mixing-completed names all three.
      const { deadline, mixingPeriod } = await api.get<{ deadline: string; mixingPeriod: number }>(
        `/api/v1/elections/${electionId}/mixing`,
      );
      options.onLine?.('officials', `mixing deadline ${deadline} (mixingPeriod ${mixingPeriod} s after the window)`);
      for (let nu = 1; nu <= 3; nu++) {
        const start = performance.now();
        const r = await run.node(
          MIX,
          [
            '--lang',
            'en',
            'run',
            '--election',
            electionId,
            '--key',
            keyFile(`mix-${nu}`),
            '--expect-fingerprint',
            fingerprint,
          ],
          {
            EVOTARE_MIX_PASSPHRASE: mixPassphrase,
          },
        );
        mixSeconds.push((performance.now() - start) / 1000);
        afterClose.push({
          party: `mix node ${nu}`,
          seconds: secondsIn(r.stderr, /board verified up to .* in ([\d.]+) s/),
        });
        tailIn(`mix node ${nu}`, r.stderr);
        options.onLine?.(`mix node ${nu}`, `shuffled with proof and accepted (${mixSeconds.at(-1)!.toFixed(1)} s)`);
        // The trustees follow the mixing: each checks this shuffle as it lands (on their own
        // machines while the next node shuffles; here one after the other). After the last one,
        // decrypt checks it.
        if (nu < 3) {
          for (const t of [1, 2]) {
            const f = await trusteeFollow(t);
            duringMixing.push({
              party: `trustee ${t}`,
              seconds: secondsIn(f.stdout + f.stderr, /board followed.* in ([\d.]+) s/),
            });
          }
        }
      }
    });
    const decryptSeconds: number[] = [];
    await phase('decryption', async () => {
      for (const t of [1, 2]) {
        const start = performance.now();
        const r: Finished = await run.node(
          TRUSTEE,
          [
            '--lang',
            'en',
            'decrypt',
            '--election',
            electionId,
            '--key',
            keyFile(`trustee-${t}`),
            '--no-progress',
            '--expect-fingerprint',
            fingerprint,
          ],
          { EVOTARE_TRUSTEE_PASSPHRASE: passphrases[t - 1]! },
        );
        decryptSeconds.push((performance.now() - start) / 1000);
        afterClose.push({
          party: `trustee ${t}`,
          seconds: secondsIn(r.stdout, /board verified up to .* in ([\d.]+) s/),
        });
        tailIn(`trustee ${t}`, r.stdout + r.stderr);
        for (const l of r.stdout.trim().split('\n').slice(-2)) options.onLine?.(`trustee ${t}`, l);
      }
    });
    const { result } = await api.get<{ result: { contests: ContestCount[]; turnout: Record<string, number> } }>(
      `/api/v1/elections/${electionId}/result`,
    );
    const closeToResultSeconds = (performance.now() - tallyStart) / 1000;
    const expected = expectedCounts(manifest, last.values());

    // 8. The board, exported, and checked by the standalone verifier
    const exportDir = join(work, 'board');
    await phase('export', () => official('board', 'export', electionId, exportDir));
    const verifier = await phase('verify', async () => {
      const r = await run.node(VERIFIER, [exportDir, '--json', '--receipt', join(work, 'receipt.json')], {}, true);
      try {
        const report = JSON.parse(r.stdout) as {
          passed: number;
          failed: number;
          notRun: number;
          results: { id: string; outcome: string; problems: string[] }[];
        };
        const problems = report.results
          .filter((c) => c.outcome !== 'passed')
          .map((c) => `${c.id} ${c.outcome}: ${c.problems.slice(0, 3).join('; ')}`);
        return { exitCode: r.code, passed: report.passed, failed: report.failed, notRun: report.notRun, problems };
      } catch {
        return { exitCode: r.code, passed: 0, failed: 1, notRun: 0, problems: [r.stderr.trim()] };
      }
    });
    memory.sample();
    return {
      electionId,
      manifest,
      fingerprint,
      timings,
      result,
      expected,
      matches: sameCounts(result.contests, expected),
      votes: { voters: options.voters, ballots, revotes: revoters, paper },
      verifier,
      exportDir,
      closeToResultSeconds,
      mixSecondsPerNode: mixSeconds,
      decryptSecondsPerTrustee: decryptSeconds,
      verification: { duringVoting, duringMixing, afterClose, tail },
      peakRssMb: memory.peakMb,
    };
  } finally {
    await pool.close();
    await stop(server.process);
    memory.stop();
  }
}
