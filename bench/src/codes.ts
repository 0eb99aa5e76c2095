// `npm run bench -- codes [--voters N] [--cost LOG2N] [--json]`: issuing activation codes.
//
// 1. The slow hash alone (SPEC §13.3), on the server's worker threads (one per core), as the server
//    runs it: codes per second, wall clock and CPU.
// 2. The whole of `evotare codes issue` for N voters, in this process against a real server on
//    PGlite: the requests (hash on the workers, the database), the PDF letters and CSV, each batch
//    fsynced before the next. The letters' CPU is counted apart: an official's machine renders
//    them, the servers issue the codes.
// Wall-clock rates depend on what else the machine runs; the CPU seconds do not (much): the
// projection for 300,000 voters on two otherwise idle cores divides the CPU seconds by 2.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { issueCodesToDisk } from '@evotare/server/src/cli/codes-issue.ts';
import { generateActivationCode } from '@evotare/server/src/credentials/activation-code.ts';
import { type LetterContext, renderLettersPdf } from '@evotare/server/src/credentials/letters.ts';
import { sealActivationCodes } from '@evotare/server/src/credentials/seal-task.ts';
import { exampleDefinition } from '@evotare/server/src/elections/example.ts';
import { rollCsv } from '@evotare/server/src/testing/harness.ts';
import { prepareKeyedElection } from '@evotare/server/src/testing/keyed-election.ts';
import { startRealServer } from '@evotare/server/src/testing/real-server.ts';
import { ServerWorkers } from '@evotare/server/src/workers.ts';
import { apiClient } from '@evotare/verifier/remote/client';
import { report } from './_report.ts';

const TARGET_VOTERS = 300_000;
const CORES = 2;

/** CPU seconds of the whole process (every thread) spent in `f`, and its wall-clock seconds. */
async function measure(f: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await f();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

async function hashOnly(n: number, logN: number): Promise<{ wall: number; cpu: number }> {
  const workers = new ServerWorkers();
  try {
    const chunk = (codes: string[]) => ({ codes, N: 2 ** logN, r: 8, p: 1 });
    await workers.map(sealActivationCodes, [chunk([generateActivationCode()]), chunk([generateActivationCode()])]);
    const codes = Array.from({ length: n }, () => generateActivationCode());
    const chunks: ReturnType<typeof chunk>[] = [];
    for (let i = 0; i < n; i += 64) chunks.push(chunk(codes.slice(i, i + 64)));
    return await measure(() => workers.map(sealActivationCodes, chunks));
  } finally {
    await workers.close();
  }
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      voters: { type: 'string', default: '2000' },
      cost: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const voters = Number(values.voters);
  const dir = mkdtempSync(join(tmpdir(), 'evotare-bench-codes-'));
  const server = await startRealServer(
    join(dir, 'data'),
    false,
    values.cost === undefined ? {} : { EVOTARE_ACTIVATION_CODE_COST: values.cost },
  );
  const logN = Math.log2(server.deps.codeScrypt.N);
  try {
    const load = loadavg()[0]!;
    const hash = await hashOnly(Math.min(voters, 1000), logN);

    // An election with a key and N voters, as officials prepare it.
    const id = 'bench-codes';
    const api = apiClient(server.url, readFileSync(join(dir, 'data', 'official-token'), 'utf8').trim(), 'en');
    const definition = exampleDefinition(id);
    await prepareKeyedElection(api, definition, rollCsv(voters).csv);
    const status = await api.get<{ fingerprint: { short: string } }>(`/api/v1/admin/elections/${id}`);
    const letters: LetterContext = {
      election: { id, title: definition.title },
      boothUrl: 'https://vot.cec.md',
      fingerprint: status.fingerprint.short,
      fingerprintPage: 'https://cec.md',
      votingWindow: definition.votingWindow,
      helpline: '+373 22 000 000',
      returnAddress: 'Comisia Electorală Centrală a Republicii Moldova, Chișinău',
    };

    // The whole `codes issue`.
    let issued = 0;
    // The letters' CPU, counted on the thread that renders them.
    let lettersCpu = 0;
    const timedLetters: typeof renderLettersPdf = async (codes, context) => {
      const c0 = process.threadCpuUsage();
      const pdf = await renderLettersPdf(codes, context);
      const c = process.threadCpuUsage(c0);
      lettersCpu += (c.user + c.system) / 1e6;
      return pdf;
    };
    const whole = await measure(async () => {
      const r = await issueCodesToDisk({
        client: apiClient(server.url, readFileSync(join(dir, 'data', 'official-token'), 'utf8').trim(), 'en', {
          timeoutMs: 600_000,
        }),
        electionId: id,
        outDir: join(dir, 'codes'),
        batchSize: 1000,
        attempts: 1,
        letters,
        renderLetters: timedLetters,
      });
      issued = r.issued;
    });
    if (issued !== voters) throw new Error(`issued ${issued} codes for ${voters} voters`);

    const hashCpuPerCode = hash.cpu / Math.min(voters, 1000);
    const pdfCpuPerLetter = lettersCpu / voters;
    const wholeCpuPerCode = whole.cpu / voters;
    const serverCpuPerCode = wholeCpuPerCode - pdfCpuPerLetter;
    const minutes = (perCode: number) => (TARGET_VOTERS * perCode) / CORES / 60;
    report(
      `Activation codes: scrypt N = 2^${logN}, r = 8, p = 1; ${voters} voters; load average ${load.toFixed(1)} at start`,
      {
        cores: availableParallelism(),
        scrypt_log2_n: logN,
        hash_codes_per_s_wall: Math.min(voters, 1000) / hash.wall,
        hash_cpu_ms_per_code: hashCpuPerCode * 1000,
        hash_codes_per_s_on_2_idle_cores: CORES / hashCpuPerCode,
        letters_cpu_ms_per_letter: pdfCpuPerLetter * 1000,
        issue_codes_per_s_wall: voters / whole.wall,
        issue_cpu_ms_per_code: wholeCpuPerCode * 1000,
        issue_codes_per_s_on_2_idle_cores: CORES / wholeCpuPerCode,
        issue_without_letters_cpu_ms_per_code: serverCpuPerCode * 1000,
        issue_without_letters_codes_per_s_on_2_idle_cores: CORES / serverCpuPerCode,
        projected_minutes_300k_hash_only: minutes(hashCpuPerCode),
        projected_minutes_300k_without_letters: minutes(serverCpuPerCode),
        projected_minutes_300k_whole: minutes(wholeCpuPerCode),
        projected_minutes_300k_wall_at_this_load: TARGET_VOTERS / (voters / whole.wall) / 60,
        load_average_at_start: load,
      },
      values.json,
    );
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
