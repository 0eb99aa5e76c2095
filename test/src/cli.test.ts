// A whole election driven through the real CLI (`evotare`), against a real server listening on
// 127.0.0.1 — the way officials will run it — with the board exported and checked at the end.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createApi } from '@evotare/client/src/api.ts';
import { isLoaded, loadElection } from '@evotare/client/src/election.ts';
import { electionContext, encryptAndSignBallot } from '@evotare/crypto/ballot';
import { type BoardEntry, decodeBoardEntry, verifyBoardChain } from '@evotare/crypto/board/entry';
import { merkleTreeHash } from '@evotare/crypto/board/merkle';
import { decodeSignedTreeHead, verifyTreeHead } from '@evotare/crypto/board/tree-head';
import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { electionFingerprint, formatFingerprint } from '@evotare/crypto/fingerprint';
import { GroupElement } from '@evotare/crypto/group';
import { type Manifest, ManifestSchema, manifestHash } from '@evotare/crypto/manifest';
import { generateSigningKey } from '@evotare/crypto/signature';
import { httpCeremonyAccess } from '@evotare/server/src/ceremony/http-access.ts';
import { makeLocalTrustees, runLocalCeremony } from '@evotare/server/src/ceremony/local-trustees.ts';
import { exampleDefinition, exampleDefinitionPath } from '@evotare/server/src/elections/example.ts';
import type { RunningServer } from '@evotare/server/src/server.ts';
import { rollCsv } from '@evotare/server/src/testing/harness.ts';
import { startRealServer } from '@evotare/server/src/testing/real-server.ts';
import { apiClient } from '@evotare/verifier/remote/client';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface CodeRow {
  idnp: string;
  name: string;
  country: string;
  code: string;
}

const cli = fileURLToPath(new URL('../../server/src/cli/main.ts', import.meta.url));
const run = promisify(execFile);

const databases = [
  { name: 'pglite', postgres: false },
  ...(process.env.EVOTARE_TEST_DATABASE_URL ? [{ name: 'postgresql', postgres: true }] : []),
];

describe.each(databases)('a whole election through the evotare CLI, on $name', ({ postgres }) => {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-cli-'));
  const dataDir = join(dir, 'data');
  let server: RunningServer;
  const env = () => ({ ...process.env, EVOTARE_SERVER: server.url, EVOTARE_DATA_DIR: dataDir });
  const evotare = async (...args: string[]) => {
    try {
      const r = await run(process.execPath, [cli, '--lang', 'en', ...args], { env: env() });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, stdout: x.stdout, stderr: x.stderr };
    }
  };

  beforeAll(async () => {
    server = await startRealServer(dataDir, postgres);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.runIf(!postgres)('keeps a second server off the same data directory', async () => {
    const second = spawn(process.execPath, [cli, 'serve'], {
      env: { ...process.env, EVOTARE_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' },
    });
    let stderr = '';
    second.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/in use by another e-Votare process/);
  });

  // About 15 CLI processes, each starting Node: a minute on a loaded 2-core machine.
  it('runs an election from definition to exported board', { timeout: 120_000 }, async () => {
    const id = 'md-2024-10-20';
    // The 2024 example with its window moved to now: a window that is over is refused.
    expect((await evotare('election', 'create', exampleDefinitionPath)).stderr).toMatch(/voting window is over/);
    writeFileSync(join(dir, 'definition.json'), JSON.stringify(exampleDefinition()));
    expect((await evotare('election', 'create', join(dir, 'definition.json'))).code).toBe(0);

    const trustees = makeLocalTrustees(3);
    const definition = JSON.parse(readFileSync(exampleDefinitionPath, 'utf8'));
    const parties = {
      trustees: definition.trustees.members.map((m: { name: string }, i: number) => ({
        name: m.name,
        ...trustees[i]!.keys.public,
      })),
      mixNodes: definition.mixNodes.map((m: { name: string }) => ({
        name: m.name,
        signingKey: toBase64Url(generateSigningKey().publicKey),
      })),
    };
    writeFileSync(join(dir, 'parties.json'), JSON.stringify(parties));
    expect((await evotare('election', 'parties', id, join(dir, 'parties.json'))).code).toBe(0);

    const roll = rollCsv(4);
    writeFileSync(join(dir, 'roll.csv'), `${roll.csv}12345,Bad Row,1990-01-01,IT\n`);
    const imported = await evotare('roll', 'import', id, join(dir, 'roll.csv'));
    expect(imported.code).toBe(2);
    expect(imported.stderr).toMatch(/line 6: the IDNP is not 13 digits/);
    expect(imported.stdout).toMatch(
      /5 records read: 4 voters added, 0 already on the roll .*, 1 refused; the roll now has 4 voters/,
    );

    expect((await evotare('election', 'key-ceremony', id)).code).toBe(0);
    expect((await evotare('election', 'open', id)).stderr).toMatch(/key ceremony is not complete/);
    // Letters print the election fingerprint, which exists only once the ceremony has ended.
    const early = await evotare('codes', 'issue', id, '--out', join(dir, 'early'), '--helpline', '+373 22 000 000');
    expect(early.code).not.toBe(0);
    expect(early.stderr).toMatch(/has no election key yet, so no fingerprint/);
    expect(existsSync(join(dir, 'early', 'codes.csv'))).toBe(false);
    const token = readFileSync(join(dataDir, 'official-token'), 'utf8').trim();
    const api = apiClient(server.url, token, 'en');
    // The trustees post their messages; the official closes the phases through the CLI.
    await runLocalCeremony(
      {
        ...httpCeremonyAccess(api, id),
        async closePhase() {
          const r = await evotare('election', 'close-phase', id);
          expect(r.code).toBe(0);
          return (JSON.parse(r.stdout) as { phase: string }).phase;
        },
      },
      trustees,
    );

    // The fingerprint the booth computes from the board (Algorithm 7.6) is the one the CLI prints
    // for the CEC to publish, the one on the letters, and the one of the exported board.
    const booth = await loadElection(createApi({ base: server.url }), id);
    if (!isLoaded(booth) || booth.fingerprint === null) throw new Error('the booth has no fingerprint');
    const fingerprint = formatFingerprint(booth.fingerprint);
    // `election fingerprint` refuses one that does not match, and says which one the board gives.
    const wrong = await evotare('election', 'fingerprint', id, '--expect-fingerprint', 'AAAA-AAAA-AAAA-AAAA-AAAA');
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/is not the one expected/);
    expect(wrong.stderr).toContain(fingerprint);

    const out = join(dir, 'letters');
    const issued = await evotare(
      'codes',
      'issue',
      id,
      '--out',
      out,
      '--booth',
      'https://vot.example.md',
      '--fingerprint-page',
      'https://cec.example.md/amprenta',
      '--expect-fingerprint',
      fingerprint.toLowerCase(),
      '--helpline',
      '+373 22 000 000',
    );
    expect(issued.stdout).toMatch(/4 codes written in 1 batches/);
    expect(issued.stdout).toContain(`the letters print the election fingerprint ${fingerprint}`);
    const codes = (parse(readFileSync(join(out, 'codes.csv')), { bom: true, columns: true }) as CodeRow[]).map((r) =>
      [r.idnp, r.name, r.country, r.code].join(','),
    );
    expect(codes).toHaveLength(4);
    // One A4 page a voter, with DejaVu Sans embedded (the letters' text: credentials/letters.ts).
    const letters = readFileSync(join(out, 'letters-0001.pdf'), 'latin1');
    expect(letters.startsWith('%PDF-')).toBe(true);
    expect(letters.match(/\/Type \/Page\b/g)).toHaveLength(4);

    expect((await evotare('election', 'open', id)).code).toBe(0);

    // Two voters activate and vote; one of them then votes on paper.
    const births = new Map(
      roll.csv
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => [l.split(',')[0]!, l.split(',')[2]!]),
    );
    const election = await api.get<{ manifest: Manifest; electionKey: string }>(`/api/v1/elections/${id}`);
    const ctx = electionContext(
      ManifestSchema.parse(election.manifest),
      GroupElement.decode(fromBase64Url(election.electionKey)),
    );
    for (const line of codes.slice(0, 2)) {
      const [idnp, , , code] = line.split(',');
      const credential = generateSigningKey();
      await api.post(`/api/v1/elections/${id}/credentials`, {
        idnp,
        birthDate: births.get(idnp!),
        code,
        credentialKey: toBase64Url(credential.publicKey),
      });
      await api.post(`/api/v1/elections/${id}/ballots`, encryptAndSignBallot(ctx, credential, [1, 0]));
    }
    const revoked = await evotare('credentials', 'revoke', id, '--idnp', codes[0]!.split(',')[0]!);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ revoked: true });
    expect((await evotare('election', 'close', id, '--reason', 'the test is over')).code).toBe(0);
    const status = JSON.parse((await evotare('election', 'status', id)).stdout);
    expect(status).toMatchObject({
      state: 'mixing',
      rollSize: 4,
      credentialsIssued: 2,
      credentialsRevoked: 1,
      ballotsCast: 2,
    });

    // Unauthenticated: refused.
    const stranger = await run(process.execPath, [cli, '--lang', 'en', 'election', 'status'], {
      env: { ...env(), EVOTARE_TOKEN: `evo_${'A'.repeat(43)}` },
    }).catch((e) => e as { stderr: string });
    expect(stranger.stderr).toMatch(/official must authenticate/);

    const exported = join(dir, 'board');
    expect((await evotare('board', 'export', id, exported)).code).toBe(0);
    const head = decodeSignedTreeHead(JSON.parse(readFileSync(join(exported, 'tree-head.json'), 'utf8')));
    if (!('value' in head)) throw new Error('bad head');
    expect(verifyTreeHead(head.value, server.deps.authority.publicKey)).toEqual({ valid: true });
    const entries: BoardEntry[] = [];
    for (const f of readdirSync(join(exported, 'entries')).sort()) {
      for (const line of readFileSync(join(exported, 'entries', f), 'utf8')
        .trimEnd()
        .split('\n')) {
        entries.push((decodeBoardEntry(JSON.parse(line)) as { entry: BoardEntry }).entry);
      }
    }
    expect(verifyBoardChain(entries)).toEqual({ valid: true });
    const keyEntry = entries.find((e) => e.type === 'election-key')!;
    const boardManifest = ManifestSchema.parse(entries[0]!.payload);
    const fromExport = electionFingerprint(
      manifestHash(boardManifest),
      fromBase64Url(boardManifest.authority.signingKey, 32),
      fromBase64Url((keyEntry.payload as { electionKey: string }).electionKey, 32),
    );
    expect(formatFingerprint(fromExport)).toBe(fingerprint);
    expect(merkleTreeHash(entries.map((e) => e.hash))).toEqual(head.value.root);
    expect(entries.filter((e) => e.type === 'ballot')).toHaveLength(2);
    expect(entries.at(-1)!.type).toBe('mix-input');
    expect(readdirSync(join(exported, 'attachments'))).toHaveLength(1);

    // the standalone verifier, as an auditor runs it, on the export alone
    const verifier = fileURLToPath(new URL('../../verifier/src/main.ts', import.meta.url));
    const audit = await run(process.execPath, [verifier, exported, '--json', '--threads', '0']).catch((e) => e);
    const report = JSON.parse(audit.stdout);
    // everything up to the close passes; the tally's checks wait for a tally
    const results = report.results as { id: string; outcome: string }[];
    expect(results.filter((r) => !r.id.startsWith('V14') && r.outcome !== 'passed')).toEqual([]);
    expect(results.filter((r) => r.id.startsWith('V14.0')).every((r) => r.outcome !== 'failed')).toBe(true);
    expect(report.failed).toBe(0);
  });
});
