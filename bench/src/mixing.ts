// Mixing: `npm run bench -- mixing [--rows N] [--width W] [--nodes K] [--json]`. With DATABASE_URL
// (a PostgreSQL server where it may create a throwaway database) the server runs on PostgreSQL,
// otherwise on PGlite in a temporary directory. The server runs in this process; each mix node is
// a real `evotare-mix run` process, one after the other.
//
// The voting phase is not what is measured here (the cast benchmark is): the board is seeded
// directly through the board writer with N credentials and one ballot each (real ciphertexts
// under the election key, no ballot proofs — Algorithm 14.1 does not read them). Then voting
// closes, which computes and publishes the mix input, and the K mix nodes mix in turn. Per node the
// figure is the process's wall time: opening its key file, reading and checking the whole board
// and every earlier shuffle, re-encryption and proof on all cores, upload, and the server's
// verification of the proof before it appends the output (the upload step waits for that answer).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { EncryptionKey, encodeCiphertext, encrypt } from '@evotare/crypto/elgamal';
import { GroupElement } from '@evotare/crypto/group';
import { type ElectionDefinition, type Manifest, optionElements } from '@evotare/crypto/manifest';
import { sealSecret } from '@evotare/crypto/secret-file';
import { generateSigningKey } from '@evotare/crypto/signature';
import { httpCeremonyAccess } from '@evotare/server/src/ceremony/http-access.ts';
import { makeLocalTrustees, runLocalCeremony } from '@evotare/server/src/ceremony/local-trustees.ts';
import { loadConfig } from '@evotare/server/src/config.ts';
import { silentLogger } from '@evotare/server/src/log.ts';
import { startServer } from '@evotare/server/src/server.ts';
import { createPostgresDatabase } from '@evotare/server/src/testing/databases.ts';
import { apiClient } from '@evotare/verifier/remote/client';
import { report } from './_report.ts';

const mixProgram = fileURLToPath(new URL('../../mixnode/src/main.ts', import.meta.url));
const exec = promisify(execFile);
const text = (s: string) => ({ ro: s, en: s, ru: s });
const PASSPHRASE = 'bench passphrase';

function definition(electionId: string, width: number, nodes: number): ElectionDefinition {
  return {
    version: 1,
    electionId,
    title: text('Mixing benchmark'),
    votingWindow: { opens: '2026-01-01T00:00:00Z', closes: '2026-12-31T00:00:00Z' },
    mixingPeriod: 3600,
    contests: Array.from({ length: width }, (_, c) => ({
      id: `c${c}`,
      title: text(`Contest ${c}`),
      allowBlank: true,
      options: Array.from({ length: 25 }, (_, i) => ({ id: `o${i}`, label: text(`Option ${i}`) })),
    })),
    trustees: { threshold: 2, members: [1, 2, 3].map((i) => ({ name: `Trustee ${i}` })) },
    mixNodes: Array.from({ length: nodes }, (_, i) => ({ name: `Mix node ${i + 1}` })),
  };
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      json: { type: 'boolean', default: false },
      rows: { type: 'string', default: '10000' },
      width: { type: 'string', default: '1' },
      nodes: { type: 'string', default: '3' },
    },
  });
  const N = Number(values.rows);
  const w = Number(values.width);
  const K = Number(values.nodes);
  const log = (m: string) => values.json || console.error(m);
  const dir = mkdtempSync(join(tmpdir(), 'evotare-bench-mixing-'));
  const env: Record<string, string> = {
    EVOTARE_DATA_DIR: join(dir, 'data'),
    HOST: '127.0.0.1',
    PORT: '0',
    EVOTARE_AUTHORITY_PASSPHRASE: 'bench authority passphrase',
  };
  let drop = async () => {};
  if (process.env.DATABASE_URL) {
    const db = await createPostgresDatabase(process.env.DATABASE_URL);
    env.DATABASE_URL = db.url;
    env.EVOTARE_BOOTSTRAP_OFFICIAL = '1';
    drop = db.drop;
  }
  const server = await startServer(loadConfig(env), silentLogger);
  try {
    const api = apiClient(server.url, readFileSync(join(dir, 'data', 'official-token'), 'utf8').trim(), 'en');
    const id = 'bench-mixing';
    const def = definition(id, w, K);
    const trustees = makeLocalTrustees(3);
    const keys = def.mixNodes.map((_, i) => {
      const key = generateSigningKey();
      const file = join(dir, `node-${i}.key`);
      writeFileSync(
        file,
        sealSecret(key.secretKey, PASSPHRASE, { kind: 'mix-node', scrypt: { logN: 15, r: 8, p: 1 } }),
      );
      return { file, publicKey: toBase64Url(key.publicKey) };
    });
    await api.post('/api/v1/admin/elections', def);
    await api.put(`/api/v1/admin/elections/${id}/parties`, {
      trustees: def.trustees.members.map((m, i) => ({ name: m.name, ...trustees[i]!.keys.public })),
      mixNodes: def.mixNodes.map((m, i) => ({ name: m.name, signingKey: keys[i]!.publicKey })),
    });
    await api.post(`/api/v1/admin/elections/${id}/key-ceremony`, {});
    await runLocalCeremony(
      {
        ...httpCeremonyAccess(api, id),
        async closePhase() {
          return (await api.post<{ phase: string }>(`/api/v1/admin/elections/${id}/key-ceremony/close-phase`, {}))
            .phase;
        },
      },
      trustees,
    );
    await api.post(`/api/v1/admin/elections/${id}/open`, {});
    const info = await api.get<{ manifest: Manifest; electionKey: string }>(`/api/v1/elections/${id}`);
    const Y = new EncryptionKey(GroupElement.decode(fromBase64Url(info.electionKey, 32)));
    const options = info.manifest.contests.map((c) => optionElements(info.manifest, c));

    log(`seeding the board with ${N} credentials and ballots…`);
    const BATCH = 1000;
    for (let first = 0; first < N; first += BATCH) {
      const entries: Array<{ type: 'credential-issued' | 'ballot'; payload: unknown }> = [];
      for (let i = first; i < Math.min(N, first + BATCH); i++) {
        const credential = toBase64Url(generateSigningKey().publicKey);
        const contests = options.map((o, c) => ({
          ciphertext: toBase64Url(encodeCiphertext(encrypt(Y, o[(i + c) % o.length]!))),
          proof: '',
        }));
        entries.push({ type: 'credential-issued', payload: { electionId: id, publicKey: credential } });
        entries.push({ type: 'ballot', payload: { election: id, credential, contests, signature: '' } });
      }
      await server.deps.writer.submit(id, async (batch) => {
        for (const e of entries) batch.append(e.type, e.payload as never);
      });
    }

    log('closing voting (the server computes and publishes the mix input)…');
    let t = performance.now();
    const closed = await api.post<{ state: string }>(`/api/v1/admin/elections/${id}/close`, {});
    const closeS = (performance.now() - t) / 1000;
    if (closed.state !== 'mixing') throw new Error(`the election is ${closed.state} after closing`);

    const perNode: number[] = [];
    const steps: Record<string, number[]> = {};
    for (let i = 0; i < K; i++) {
      log(`mix node ${i}…`);
      t = performance.now();
      const r = await exec(
        process.execPath,
        // English: the step times are read from the "times:" line.
        [mixProgram, '--lang', 'en', '--server', server.url, 'run', '--election', id, '--key', keys[i]!.file],
        {
          env: { ...process.env, EVOTARE_MIX_PASSPHRASE: PASSPHRASE },
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      perNode.push((performance.now() - t) / 1000);
      const times = /times: (.*)/.exec(r.stdout)?.[1] ?? '';
      for (const m of times.matchAll(/(\w+) ([\d.]+) s/g)) {
        const step = m[1]!;
        steps[step] = [...(steps[step] ?? []), Number(m[2])];
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const figures: Record<string, number | string> = {
      rows: N,
      width: w,
      mix_nodes: K,
      database: server.handle.kind,
      close_to_mix_input_s: closeS,
      mix_s_per_node: mean(perNode),
    };
    perNode.forEach((s, i) => {
      figures[`mix_s_node_${i}`] = s;
    });
    for (const [step, xs] of Object.entries(steps)) figures[`node_${step}_s_mean`] = mean(xs);
    figures.peak_rss_mb_server = Math.round(process.resourceUsage().maxRSS / 1024);
    report(`Mixing: ${N} rows of width ${w}, ${K} mix nodes (npm run bench -- mixing)`, figures, values.json);
  } finally {
    await server.close();
    await drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
