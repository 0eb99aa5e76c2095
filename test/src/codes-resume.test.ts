// `evotare codes issue` killed half-way (SIGKILL: no handler runs) and run again on the same
// directory: every voter ends with exactly one code on disk, and it is the one the server holds;
// codes issued on the server but never saved are re-issued, and the report names them.
import { execFile, spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { JOURNAL } from '@evotare/server/src/cli/codes-issue.ts';
import { activationCodeMatches } from '@evotare/server/src/credentials/activation-code.ts';
import type { RunningServer } from '@evotare/server/src/server.ts';
import { exampleDefinition, rollCsv } from '@evotare/server/src/testing/harness.ts';
import { prepareKeyedElection } from '@evotare/server/src/testing/keyed-election.ts';
import { startRealServer } from '@evotare/server/src/testing/real-server.ts';
import { type ApiClient, apiClient } from '@evotare/verifier/remote/client';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../server/src/cli/main.ts', import.meta.url));
const VOTERS = 400;
const BATCH = 25;

describe('codes issue, killed and resumed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-codes-'));
  const dataDir = join(dir, 'data');
  const out = join(dir, 'codes');
  const id = 'codes-resume';
  let server: RunningServer;
  let api: ApiClient;
  const roll = rollCsv(VOTERS);
  const env = () => ({ ...process.env, EVOTARE_SERVER: server.url, EVOTARE_DATA_DIR: dataDir });
  const args = ['--lang', 'en', 'codes', 'issue', id, '--out', out, '--batch-size', String(BATCH)];
  const helpline = ['--helpline', '+373 22 000 000 · ajutor@cec.example.md'];

  beforeAll(async () => {
    // A cheap hash here (2^10): the test is about files, not about scrypt.
    server = await startRealServer(dataDir, false, { EVOTARE_ACTIVATION_CODE_COST: '10' });
    api = apiClient(server.url, readFileSync(join(dataDir, 'official-token'), 'utf8').trim(), 'en');
    await prepareKeyedElection(api, exampleDefinition(id), roll.csv);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to print letters without a help line', async () => {
    const r = await promisify(execFile)(process.execPath, [cli, ...args], { env: env() }).catch(
      (e) => e as { code: number; stderr: string },
    );
    expect(r).toMatchObject({ code: 1 });
    expect((r as { stderr: string }).stderr).toMatch(/--helpline/);
    expect(existsSync(join(out, JOURNAL))).toBe(false);
  });

  it('ends with one usable code per voter on disk, and says what it re-issued', { timeout: 120_000 }, async () => {
    // 1. Killed once three batches are saved, wherever it then is.
    const child = spawn(process.execPath, [cli, ...args, ...helpline], {
      env: env(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    let ended = false;
    const exited = new Promise((resolve) => child.once('exit', resolve)).then(() => {
      ended = true;
    });
    const saved = () => {
      if (ended) throw new Error(`codes issue ended before it was killed: ${stderr}`);
      return existsSync(join(out, JOURNAL))
        ? (readFileSync(join(out, JOURNAL), 'utf8').match(/"saved"/g) ?? []).length
        : 0;
    };
    await expect.poll(saved, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(3);
    child.kill('SIGKILL');
    await exited;
    const killedAt = (readFileSync(join(out, JOURNAL), 'utf8').match(/"saved"/g) ?? []).length;
    expect(killedAt).toBeLessThan(VOTERS / BATCH);

    // 2. The worst moment to die, made certain: the server issued a batch whose answer never
    // reached the disk. Its intent is in the journal, as the program writes it before asking.
    const journal = readFileSync(join(out, JOURNAL), 'utf8')
      .split('\n')
      .filter((l) => l.endsWith('}'))
      .map((l) => JSON.parse(l) as { batch?: number; idnps?: string[] });
    const next = Math.max(...journal.map((l) => l.batch ?? 0)) + 1;
    // Not the voters of the killed run's last request, which the server may still be answering.
    const inFlight = new Set(journal.filter((l) => l.batch === next - 1).flatMap((l) => l.idnps!));
    const waiting = await api.get<{ idnps: string[] }>(
      `/api/v1/admin/elections/${id}/activation-codes/pending?limit=${3 * BATCH}`,
    );
    const pending = { idnps: waiting.idnps.filter((i) => !inFlight.has(i)).slice(0, BATCH) };
    appendFileSync(join(out, JOURNAL), `${JSON.stringify({ batch: next, mode: 'new', idnps: pending.idnps })}\n`);
    const lost = await api.post<{ codes: unknown[] }>(`/api/v1/admin/elections/${id}/activation-codes`, {
      idnps: pending.idnps,
      newOnly: true,
    });
    expect(lost.codes).toHaveLength(BATCH);

    // 3. Run again on the same directory.
    const resumed = await promisify(execFile)(process.execPath, [cli, ...args, ...helpline], { env: env() });
    expect(resumed.stdout).toMatch(/resumed the interrupted batches: /);
    const line = resumed.stdout.split('\n').find((l) => l.startsWith('codes issued on the server but never saved'));
    expect(line).toBeDefined();
    const reissued = line!.split(' — ')[1]!.split(' ');
    for (const idnp of pending.idnps) expect(reissued).toContain(idnp);
    // Only voters of unsaved batches were re-issued: the killed one, if its request had gone
    // through, and the lost one.
    const unsaved = new Set(
      journal
        .filter((l) => l.batch !== undefined && !journal.some((s) => (s as { saved?: number }).saved === l.batch))
        .flatMap((l) => l.idnps!),
    );
    for (const idnp of reissued) expect(unsaved.has(idnp) || pending.idnps.includes(idnp)).toBe(true);

    // Every voter exactly once in codes.csv, and the code is the one the server holds.
    const rows = parse(readFileSync(join(out, 'codes.csv')), { bom: true, columns: true }) as Array<{
      idnp: string;
      code: string;
    }>;
    expect(rows).toHaveLength(VOTERS);
    expect(new Set(rows.map((r) => r.idnp))).toEqual(new Set(roll.idnps));
    const stored = await server.deps.db
      .selectFrom('activation_code')
      .innerJoin('voter', 'voter.id', 'activation_code.voter_id')
      .select(['voter.idnp', 'activation_code.hash', 'activation_code.salt', 'activation_code.params'])
      .where('voter.election_id', '=', id)
      .execute();
    const byIdnp = new Map(stored.map((r) => [r.idnp, r]));
    for (const r of rows) expect(await activationCodeMatches(r.code, byIdnp.get(r.idnp)!)).toBe(true);

    // The batch files hold the same codes, one voter in one batch; a PDF page per voter.
    const csvFiles = readdirSync(out).filter((f) => /^codes-\d{4}\.csv$/.test(f));
    const inBatches = csvFiles.flatMap(
      (f) => parse(readFileSync(join(out, f)), { bom: true, columns: true }) as Array<{ idnp: string; code: string }>,
    );
    expect(inBatches).toHaveLength(VOTERS);
    expect(new Map(inBatches.map((r) => [r.idnp, r.code]))).toEqual(new Map(rows.map((r) => [r.idnp, r.code])));
    for (const f of csvFiles) {
      const pdf = readFileSync(join(out, f.replace('codes-', 'letters-').replace('.csv', '.pdf')), 'latin1');
      expect(pdf.startsWith('%PDF-')).toBe(true);
      const count = (parse(readFileSync(join(out, f)), { bom: true, columns: true }) as unknown[]).length;
      expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(count);
      expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
    }
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // A third run has nothing left to do and changes nothing.
    const before = readFileSync(join(out, 'codes.csv'), 'utf8');
    const again = await promisify(execFile)(process.execPath, [cli, ...args, ...helpline], { env: env() });
    expect(again.stdout).toMatch(/0 codes written in 0 batches/);
    expect(readFileSync(join(out, 'codes.csv'), 'utf8')).toBe(before);
  });
});
