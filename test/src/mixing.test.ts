// Mixing through the real programs (docs/SPEC.md §14): a server on 127.0.0.1, officials' commands
// through `evotare`, and each mix node a separate `evotare-mix run` process that talks HTTP only.
// The final list is decrypted with the election's trustees' shares and must hold exactly the
// choices that count. A cheating node is refused and the election completes with the honest ones;
// the mix-node program fails clearly on a wrong passphrase, election or server, and on a board
// whose mix chain does not verify.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { electionContext, encryptAndSignBallot } from '@evotare/crypto/ballot';
import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { GroupElement } from '@evotare/crypto/group';
import { type Manifest, ManifestSchema, manifestHash } from '@evotare/crypto/manifest';
import { genShuffleProof } from '@evotare/crypto/shuffle/proof';
import { rowList } from '@evotare/crypto/shuffle/rows';
import { genShuffle } from '@evotare/crypto/shuffle/shuffle';
import { generateSigningKey } from '@evotare/crypto/signature';
import { rowListDigest } from '@evotare/crypto/tally/list-digest';
import {
  mixOutputPayload,
  packShuffleProof,
  shuffleProofAttachment,
  shuffleProofId,
  signMixOutput,
} from '@evotare/crypto/tally/mix-output';
import { MIX_UPLOAD_MEDIA_TYPE, mixUploadParts } from '@evotare/crypto/tally/mix-upload';
import { storeAttachment } from '@evotare/server/src/attachments/store.ts';
import { httpCeremonyAccess } from '@evotare/server/src/ceremony/http-access.ts';
import { type LocalTrustee, makeLocalTrustees, runLocalCeremony } from '@evotare/server/src/ceremony/local-trustees.ts';
import { exampleDefinition } from '@evotare/server/src/elections/example.ts';
import type { RunningServer } from '@evotare/server/src/server.ts';
import { decryptWithTrustees, multiset } from '@evotare/server/src/testing/decrypt.ts';
import { rollCsv } from '@evotare/server/src/testing/harness.ts';
import { startRealServer } from '@evotare/server/src/testing/real-server.ts';
import { keptStatePath } from '@evotare/verifier/kept-state';
import { type ApiClient, apiClient } from '@evotare/verifier/remote/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../server/src/cli/main.ts', import.meta.url));
const mixProgram = fileURLToPath(new URL('../../mixnode/src/main.ts', import.meta.url));
const run = promisify(execFile);
const PASSPHRASE = 'correct horse battery staple';

const databases = [
  { name: 'pglite', postgres: false },
  ...(process.env.EVOTARE_TEST_DATABASE_URL ? [{ name: 'postgresql', postgres: true }] : []),
];

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

describe.each(databases)('mixing through evotare-mix run, on $name', ({ postgres }) => {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-mix-'));
  const dataDir = join(dir, 'data');
  let server: RunningServer;
  let api: ApiClient;
  const keys: string[] = [];
  // The example with its voting window moved to now (a window that is over is refused, SPEC §13.10).
  const definition = exampleDefinition();
  const env = (extra: Record<string, string> = {}) => ({
    ...process.env,
    EVOTARE_SERVER: server.url,
    EVOTARE_DATA_DIR: dataDir,
    EVOTARE_MIX_PASSPHRASE: PASSPHRASE,
    ...extra,
  });
  /** Runs `evotare-mix` (a mix node's own program) or, for `election …` and the like, the officials' `evotare`. */
  const evotare = async (args: string[], extra: Record<string, string> = {}): Promise<Outcome> => {
    const [program, rest] = args[0] === 'mix' ? [mixProgram, args.slice(1)] : [cli, args];
    try {
      const r = await run(process.execPath, [program, '--lang', 'en', ...rest], { env: env(extra) });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, stdout: x.stdout, stderr: x.stderr };
    }
  };
  const mixRun = (id: string, node: number, extra: string[] = []) =>
    evotare(['mix', 'run', '--election', id, '--key', keys[node]!, '--threads', '2', ...extra]);

  beforeAll(async () => {
    server = await startRealServer(dataDir, postgres, { EVOTARE_RATE_LIMIT_ACTIVATION: '1000' });
    api = apiClient(server.url, readFileSync(join(dataDir, 'official-token'), 'utf8').trim(), 'en');
    for (let i = 0; i < 3; i++) {
      const file = join(dir, `mix-node-${i}.key`);
      const made = await evotare(['mix', 'keygen', '--out', file]);
      expect(made.code).toBe(0);
      expect(made.stdout.trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
      keys.push(file);
    }
    // The officials' `evotare mix …` is the same program.
    const again = await run(process.execPath, [cli, '--lang', 'en', 'mix', 'keygen', '--out', keys[0]!], { env: env() })
      .then(() => '')
      .catch((e: { stderr: string }) => e.stderr);
    expect(again).toMatch(/never overwritten/);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** An election through its close: ballots with re-votes and a paper vote; returns what counts. */
  async function setUp(
    id: string,
    trustees: LocalTrustee[],
    publicKeys: string[],
    mixingPeriod?: number,
    votingWindow: { opens: string; closes: string } = definition.votingWindow,
  ) {
    writeFileSync(
      join(dir, `${id}.json`),
      JSON.stringify({
        ...definition,
        electionId: id,
        mixingPeriod: mixingPeriod ?? definition.mixingPeriod,
        votingWindow,
      }),
    );
    expect((await evotare(['election', 'create', join(dir, `${id}.json`)])).code).toBe(0);
    const parties = {
      trustees: definition.trustees.members.map((m: { name: string }, i: number) => ({
        name: m.name,
        ...trustees[i]!.keys.public,
      })),
      mixNodes: definition.mixNodes.map((m: { name: string }, i: number) => ({
        name: m.name,
        signingKey: publicKeys[i],
      })),
    };
    writeFileSync(join(dir, `${id}-parties.json`), JSON.stringify(parties));
    expect((await evotare(['election', 'parties', id, join(dir, `${id}-parties.json`)])).code).toBe(0);
    const roll = rollCsv(6, id.length * 100);
    writeFileSync(join(dir, `${id}-roll.csv`), roll.csv);
    expect((await evotare(['roll', 'import', id, join(dir, `${id}-roll.csv`)])).code).toBe(0);
    expect((await evotare(['election', 'key-ceremony', id])).code).toBe(0);
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
    const { codes } = await api.post<{ codes: Array<{ idnp: string; code: string }> }>(
      `/api/v1/admin/elections/${id}/activation-codes`,
      { idnps: roll.idnps },
    );
    expect((await evotare(['election', 'open', id])).code).toBe(0);
    const info = await api.get<{ manifest: Manifest; electionKey: string }>(`/api/v1/elections/${id}`);
    const manifest = ManifestSchema.parse(info.manifest);
    const ctx = electionContext(manifest, GroupElement.decode(fromBase64Url(info.electionKey, 32)));
    const births = new Map(
      roll.csv
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => [l.split(',')[0]!, l.split(',')[2]!]),
    );
    const counted = new Map<number, number[]>();
    const credentials = [];
    for (const [v, { idnp, code }] of codes.entries()) {
      const credential = generateSigningKey();
      await api.post(`/api/v1/elections/${id}/credentials`, {
        idnp,
        birthDate: births.get(idnp),
        code,
        credentialKey: toBase64Url(credential.publicKey),
      });
      credentials.push(credential);
      const choices = [(3 * v) % 12, v % 3];
      await api.post(`/api/v1/elections/${id}/ballots`, encryptAndSignBallot(ctx, credential, choices));
      counted.set(v, choices);
    }
    // A re-vote, and a voter who then votes on paper.
    await api.post(`/api/v1/elections/${id}/ballots`, encryptAndSignBallot(ctx, credentials[2]!, [11, 2]));
    counted.set(2, [11, 2]);
    expect((await evotare(['credentials', 'revoke', id, '--idnp', codes[4]!.idnp])).code).toBe(0);
    counted.delete(4);
    return { manifest, Y: ctx.electionKey.element, expected: [...counted.values()] };
  }

  async function finalList(id: string) {
    const status = await api.get<{
      state: string;
      completed: { list: string; mixNodes: number[] } | null;
      current: { data: { attachment: string }; width: number };
    }>(`/api/v1/elections/${id}/mixing`);
    const bytes = new Uint8Array(
      await (await api.download(`/api/v1/elections/${id}/attachments/${status.current.data.attachment}`)).arrayBuffer(),
    );
    return { status, list: rowList(bytes, status.current.width) };
  }

  async function verificationKeys(id: string): Promise<string[]> {
    const page = await api.get<{ entries: Array<{ type: string; payload: { verificationKeys: string[] } }> }>(
      `/api/v1/elections/${id}/board?limit=1000`,
    );
    return page.entries.find((e) => e.type === 'election-key')!.payload.verificationKeys;
  }

  it('mixes with three mix-node processes in turn, and the final list decrypts to the choices cast', {
    timeout: 180_000,
  }, async () => {
    const id = 'mix-all';
    const trustees = makeLocalTrustees(3);
    const publicKeys = await Promise.all(keys.map((k) => publicKeyOf(k)));
    const { manifest, expected } = await setUp(id, trustees, publicKeys);

    // The first node starts before the close and waits for its turn.
    const early = spawn(process.execPath, [mixProgram, '--lang', 'en', 'run', '--election', id, '--key', keys[0]!], {
      env: env(),
    });
    let earlyOut = '';
    early.stdout.on('data', (d: Buffer) => {
      earlyOut += d.toString();
    });
    early.stderr.on('data', (d: Buffer) => {
      earlyOut += d.toString();
    });
    const earlyDone = new Promise<number | null>((resolve) => early.once('exit', resolve));
    for (let waited = 0; !/waiting for voting to close/.test(earlyOut) && waited < 30_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const closed = await evotare(['election', 'close', id, '--reason', 'the test is over']);
    expect(JSON.parse(closed.stdout)).toMatchObject({ state: 'mixing' });
    expect(await earlyDone).toBe(0);
    expect(earlyOut).toMatch(/waiting for voting to close/);
    expect(earlyOut).toMatch(/mix node 0 .* mixed 5 rows of width 2/);

    const second = await mixRun(id, 1);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/checked: the mix input and 1 earlier shuffle/);
    const third = await mixRun(id, 2);
    expect(third.code).toBe(0);
    expect(third.stdout).toMatch(/mixing is complete/);
    const again = await mixRun(id, 1);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/had already mixed/);

    const { status, list } = await finalList(id);
    expect(status).toMatchObject({ state: 'decrypting', completed: { mixNodes: [0, 1, 2] } });
    expect(toBase64Url(rowListDigest(list))).toBe(status.completed!.list);
    const choices = decryptWithTrustees(manifest, await verificationKeys(id), trustees, list);
    expect(multiset(choices)).toEqual(multiset(expected));
  });

  it('refuses a cheating mix node and completes with the honest ones when officials end the mixing', {
    timeout: 300_000,
  }, async () => {
    const id = 'mix-cheat';
    const trustees = makeLocalTrustees(3);
    const publicKeys = await Promise.all(keys.map((k) => publicKeyOf(k)));
    // The mix nodes have 20 seconds after the window's end and the mix input before officials may
    // leave one out (§14.3). A window of 75 seconds (enough to set up under CI load), which the server closes by itself (§13.10).
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const opens = Math.floor(Date.now() / 1000) * 1000;
    const window = { opens: iso(opens), closes: iso(opens + 75_000) };
    const { manifest, Y, expected } = await setUp(id, trustees, publicKeys, 20, window);
    const state = async () => (await api.get<{ state: string }>(`/api/v1/elections/${id}`)).state;
    await expect.poll(state, { timeout: 150_000, interval: 500 }).toBe('mixing');
    const reason = 'Mix node 1 sent a shuffle that does not verify';
    const tooEarly = await evotare(['election', 'end-mixing', id, '--reason', reason]);
    expect(tooEarly.code).not.toBe(0);
    expect(tooEarly.stderr).toMatch(/error: The mixing deadline has not passed: .* the mix nodes have until 20\d\d-/);
    expect((await mixRun(id, 0)).code).toBe(0);

    // Node 1 drops a row from an otherwise honest shuffle, and signs what it sends.
    const { list: input } = await finalList(id);
    const { output, witness } = await genShuffle(Y, input);
    const h = manifestHash(manifest);
    const secret = (await import('@evotare/mixnode/run')).openMixNodeKey(keys[1]!, PASSPHRASE);
    const proof = await genShuffleProof(
      { manifestHash: h, mixNode: { index: 1, publicKey: secret.publicKey }, electionKey: Y, input, output },
      witness,
    );
    const dropped = rowList(output.bytes.subarray(64 * 2), 2);
    const header = {
      mixNode: 1,
      input: toBase64Url(rowListDigest(input)),
      output: toBase64Url(rowListDigest(dropped)),
      proof: toBase64Url(shuffleProofId(proof)),
      signature: toBase64Url(
        signMixOutput(h, 1, rowListDigest(input), rowListDigest(dropped), shuffleProofId(proof), secret.secretKey),
      ),
    };
    const sizeBefore = (await api.get<{ size: number }>(`/api/v1/elections/${id}/board/tree-head`)).size;
    const refused = await fetch(`${server.url}/api/v1/elections/${id}/mixing/outputs`, {
      method: 'POST',
      headers: { 'content-type': MIX_UPLOAD_MEDIA_TYPE },
      body: new Blob(mixUploadParts(header, dropped.bytes, packShuffleProof(proof)) as BlobPart[]),
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await api.get<{ size: number }>(`/api/v1/elections/${id}/board/tree-head`)).size).toBe(sizeBefore);

    const noReason = await evotare(['election', 'end-mixing', id]);
    expect(noReason.code).not.toBe(0);
    expect(noReason.stderr).toMatch(/--reason/);
    const { deadline } = await api.get<{ deadline: string }>(`/api/v1/elections/${id}/mixing`);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(deadline) - Date.now() + 50)));
    expect((await evotare(['election', 'end-mixing', id, '--reason', reason])).stderr).toMatch(/at least two must/);
    expect((await mixRun(id, 2)).code).toBe(0);
    const ended = await evotare(['election', 'end-mixing', id, '--reason', reason]);
    expect(ended.code).toBe(0);
    expect(ended.stdout).toMatch(/^The mixing of "mix-cheat" was ended by officials \(board entry \d+\)\.$/m);
    expect(ended.stdout).toMatch(
      /^Mixed by the mix nodes: 0 \(Comisia Electorală Centrală\), 2 \(Partener academic\)$/m,
    );
    expect(ended.stdout).toContain(`Did not mix by the deadline ${deadline}: 1 (Observator al societății civile)`);
    expect(ended.stdout).toContain(`The reason, published on the board: ${reason}`);
    const completed = await finalList(id);
    expect(completed.status).toMatchObject({
      state: 'decrypting',
      completed: { mixNodes: [0, 2], notMixed: [1], deadline, reason },
    });
    const late = await mixRun(id, 1);
    expect(late.code).not.toBe(0);
    expect(late.stderr).toMatch(/mixing is complete: this node was left out/);

    const { list } = await finalList(id);
    expect(multiset(decryptWithTrustees(manifest, await verificationKeys(id), trustees, list))).toEqual(
      multiset(expected),
    );

    // A server (or a mirror) that serves a mix node's proof altered: the node refuses to go on.
    // (Read from entry 0: the node's kept state already holds that proof as checked — SPEC §15.1.)
    rmSync(keptStatePath(keys[1]!, id), { force: true });
    const proxy = await tamperingProxy(server.url, id);
    try {
      const fooled = await evotare(['mix', 'run', '--election', id, '--key', keys[1]!], {
        EVOTARE_SERVER: proxy.url,
      });
      expect(fooled.code).not.toBe(0);
      expect(fooled.stderr).toMatch(
        /error: the board does not verify up to mixing — nothing is shuffled; report it:\nV14\.01 entry \d+: attachment [A-Za-z0-9_-]{43} is not the bytes it names/,
      );
    } finally {
      proxy.server.close();
    }
  }); // it waits for the mixing deadline (20 s after the mix input) and runs nine CLI processes

  it('fails clearly on a wrong passphrase, a wrong election and an unreachable server', async () => {
    const wrong = await evotare(['mix', 'run', '--election', 'mix-all', '--key', keys[0]!], {
      EVOTARE_MIX_PASSPHRASE: 'not the passphrase',
    });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/error: wrong passphrase for the key file/);
    const none = await mixRun('no-such-election', 0);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/error: the server has no election "no-such-election"/);
    const away = await evotare(['mix', 'run', '--election', 'mix-all', '--key', keys[0]!], {
      EVOTARE_SERVER: 'http://127.0.0.1:9',
    });
    expect(away.code).not.toBe(0);
    expect(away.stderr).toMatch(/error: cannot reach the server at http:\/\/127\.0\.0\.1:9/);
    const stranger = join(dir, 'stranger.key');
    expect((await evotare(['mix', 'keygen', '--out', stranger])).code).toBe(0);
    const outsider = await evotare(['mix', 'run', '--election', 'mix-all', '--key', stranger]);
    expect(outsider.code).not.toBe(0);
    expect(outsider.stderr).toMatch(/is not a mix node of "mix-all"/);
  });

  it('refuses to mix on a board whose mix chain does not verify (a forged shuffle written by the server)', {
    timeout: 120_000,
  }, async () => {
    const id = 'mix-forged';
    const trustees = makeLocalTrustees(3);
    const publicKeys = await Promise.all(keys.map((k) => publicKeyOf(k)));
    const { manifest, Y } = await setUp(id, trustees, publicKeys);
    expect((await evotare(['election', 'close', id, '--reason', 'the test is over'])).code).toBe(0);
    // Node 0's key signs an output whose proof is for another shuffle of the same input; a server
    // that writes it without checking (compromised, or buggy) puts a broken chain on the board.
    const { list: input } = await finalList(id);
    const h = manifestHash(manifest);
    const node = (await import('@evotare/mixnode/run')).openMixNodeKey(keys[0]!, PASSPHRASE);
    const st = (output: ReturnType<typeof rowList>) => ({
      manifestHash: h,
      mixNode: { index: 0, publicKey: node.publicKey },
      electionKey: Y,
      input,
      output,
    });
    const a = await genShuffle(Y, input);
    const b = await genShuffle(Y, input);
    const proof = await genShuffleProof(st(b.output), b.witness);
    const outputDigest = rowListDigest(a.output);
    const proofJson = shuffleProofAttachment(proof);
    await server.deps.writer.submit(id, async (batch) => {
      const data = await storeAttachment(batch.tx, id, a.output.bytes);
      const proofRef = await storeAttachment(batch.tx, id, proofJson);
      batch.append(
        'mix-output',
        mixOutputPayload({
          mixNode: 0,
          input: rowListDigest(input),
          output: outputDigest,
          rows: input.count,
          width: input.width,
          data,
          proof: proofRef,
          signature: signMixOutput(h, 0, rowListDigest(input), outputDigest, proofRef.id, node.secretKey),
        }),
      );
    });
    const refused = await mixRun(id, 1);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(
      /error: the board does not verify up to mixing — nothing is shuffled; report it:\nV14\.05 mix-output entry \d+: V14\.05 shuffle of mix node 0/,
    );
  });

  async function publicKeyOf(file: string): Promise<string> {
    const { openMixNodeKey } = await import('@evotare/mixnode/run');
    return toBase64Url(openMixNodeKey(file, PASSPHRASE).publicKey);
  }
});

/** An HTTP proxy to `target` that flips one byte of the first mix-output's proof attachment. */
async function tamperingProxy(target: string, electionId: string): Promise<{ server: Server; url: string }> {
  const page = (await (await fetch(`${target}/api/v1/elections/${electionId}/board?limit=1000`)).json()) as {
    entries: Array<{ type: string; payload: { proof?: { attachment: string } } }>;
  };
  const proofId = page.entries.find((e) => e.type === 'mix-output')!.payload.proof!.attachment;
  const base = new URL(target);
  const server = createServer((req, res) => {
    const upstream = httpRequest(
      { host: base.hostname, port: base.port, path: req.url, method: req.method, headers: req.headers },
      (up) => {
        if (!req.url?.endsWith(`/attachments/${proofId}`)) {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          const body = Buffer.concat(chunks);
          body[100] = body[100] === 0x41 ? 0x42 : 0x41; // still base64url, no longer the proof
          res.writeHead(up.statusCode ?? 502, up.headers);
          res.end(body);
        });
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
