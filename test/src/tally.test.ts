// A whole election to its result through the real programs, as separate processes talking HTTP to a
// server on 127.0.0.1: officials use `evotare`, three trustees each run `evotare-trustee …` with
// their own key file (keygen, the key ceremony phase by phase — one of them following it with
// --wait — and the decryption), mix nodes shuffle, and voters cast through the API with re-votes
// and a paper vote; three mix nodes run `evotare-mix run`. Trustee 2 stays away: trustees 1 and 3 decrypt, after a forged partial
// decryption was refused. The published result must equal the choices the test made. The trustee
// program's failures are checked too: wrong passphrase, wrong election, unreachable server, a
// board that does not verify (served through a proxy that alters it).
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { electionContext, encryptAndSignBallot } from '@evotare/crypto/ballot';
import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { GroupElement } from '@evotare/crypto/group';
import { type Manifest, ManifestSchema, manifestHash } from '@evotare/crypto/manifest';
import { generateSigningKey } from '@evotare/crypto/signature';
import { exampleDefinition } from '@evotare/server/src/elections/example.ts';
import type { RunningServer } from '@evotare/server/src/server.ts';
import { rollCsv } from '@evotare/server/src/testing/harness.ts';
import { startRealServer } from '@evotare/server/src/testing/real-server.ts';
import { keptStatePath } from '@evotare/verifier/kept-state';
import { apiClient } from '@evotare/verifier/remote/client';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../server/src/cli/main.ts', import.meta.url));
const trusteeProgram = fileURLToPath(new URL('../../trustee/src/main.ts', import.meta.url));
const mixProgram = fileURLToPath(new URL('../../mixnode/src/main.ts', import.meta.url));
const run = promisify(execFile);

const databases = [
  { name: 'pglite', postgres: false },
  ...(process.env.EVOTARE_TEST_DATABASE_URL ? [{ name: 'postgresql', postgres: true }] : []),
];

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A proxy in front of the server that serves an altered board: `alter` may change the body of any
 * GET response (entries, attachments) before it reaches the trustee.
 */
async function tamperingProxy(target: string, alter: (path: string, body: Buffer) => Buffer): Promise<Server> {
  const proxy = createServer(async (req, res) => {
    const upstream = await fetch(new URL(req.url!, target), { method: req.method, headers: { accept: '*/*' } });
    const body = alter(req.url!, Buffer.from(await upstream.arrayBuffer()));
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    res.end(body);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return proxy;
}

describe.each(databases)('an election to its result through the trustees’ programs, on $name', ({ postgres }) => {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-tally-'));
  const dataDir = join(dir, 'data');
  const id = 'md-tally-e2e';
  let server: RunningServer;
  const passphrases = ['first trustee’s passphrase', 'al doilea custode', 'третий доверенный'];
  const keyFile = (t: number) => join(dir, `trustee-${t}.key`);

  /** Runs one of the programs (`evotare`, `evotare-trustee`, `evotare-mix`) to its end. */
  const runProgram = async (program: string, args: string[], env: Record<string, string> = {}): Promise<Outcome> => {
    try {
      const r = await run(process.execPath, [program, '--lang', 'en', ...args], {
        env: { ...process.env, EVOTARE_SERVER: server.url, EVOTARE_DATA_DIR: dataDir, ...env },
      });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, stdout: x.stdout, stderr: x.stderr };
    }
  };
  const evotare = (args: string[], env: Record<string, string> = {}) => runProgram(cli, args, env);
  const official = async (...args: string[]) => {
    const r = await evotare(args);
    if (r.code !== 0) throw new Error(`evotare ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const trustee = (t: number, args: string[], options: { passphrase?: string; server?: string } = {}) =>
    runProgram(
      trusteeProgram,
      [
        ...(options.server === undefined ? [] : ['--server', options.server]),
        ...args,
        ...(args[0] === 'keygen' ? [] : ['--election', id, '--key', keyFile(t)]),
      ],
      { EVOTARE_TRUSTEE_PASSPHRASE: options.passphrase ?? passphrases[t - 1]! },
    );

  beforeAll(async () => {
    server = await startRealServer(dataDir, postgres);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs from keys to the published result, with one trustee absent', { timeout: 240_000 }, async () => {
    const definition = { ...exampleDefinition(), electionId: id };
    writeFileSync(join(dir, 'definition.json'), JSON.stringify(definition));
    await official('election', 'create', join(dir, 'definition.json'));

    // Each trustee makes its keys on its own machine; the officials register the public halves.
    writeFileSync(join(dir, 'passphrase-2'), `${passphrases[1]}\n`);
    const publicKeys = [];
    for (const t of [1, 2, 3]) {
      const name = definition.trustees.members[t - 1]!.name;
      const args = ['keygen', '--out', keyFile(t), '--name', name, '--kdf-cost', '10'];
      const r =
        t === 2 ? await trustee(t, [...args, '--passphrase-file', join(dir, 'passphrase-2')]) : await trustee(t, args);
      expect(r.code).toBe(0);
      publicKeys.push(JSON.parse(r.stdout));
    }
    expect(readFileSync(keyFile(1), 'utf8')).not.toContain(publicKeys[0].signingKey);
    expect((await trustee(1, ['keygen', '--out', keyFile(1)])).stderr).toMatch(/exists already/);
    // So does each mix node's operator, with `evotare-mix`.
    const mixKey = (nu: number) => join(dir, `mix-node-${nu}.key`);
    const mixEnv = { EVOTARE_MIX_PASSPHRASE: 'mix node passphrase' };
    const mixNodes = [];
    for (const [nu, m] of definition.mixNodes.entries()) {
      const r = await runProgram(mixProgram, ['keygen', '--out', mixKey(nu)], mixEnv);
      expect(r.code).toBe(0);
      mixNodes.push({ name: m.name, signingKey: r.stdout.trim() });
    }
    writeFileSync(join(dir, 'parties.json'), JSON.stringify({ trustees: publicKeys, mixNodes }));
    await official('election', 'parties', id, join(dir, 'parties.json'));
    const roll = rollCsv(6);
    writeFileSync(join(dir, 'roll.csv'), roll.csv);
    await official('roll', 'import', id, join(dir, 'roll.csv'));
    await official('election', 'key-ceremony', id);

    // The key ceremony: trustee 3 follows it with --wait; 1 and 2 run once per phase.
    const following: ChildProcess = spawn(
      process.execPath,
      [trusteeProgram, '--lang', 'en', 'ceremony', '--election', id, '--key', keyFile(3), '--wait'],
      { env: { ...process.env, EVOTARE_SERVER: server.url, EVOTARE_TRUSTEE_PASSPHRASE: passphrases[2]! } },
    );
    let followed = '';
    following.stdout!.on('data', (d: Buffer) => {
      followed += d.toString();
    });
    following.stderr!.on('data', (d: Buffer) => {
      followed += d.toString();
    });
    const finished = new Promise<number | null>((resolve) => following.once('exit', resolve));
    const state = async () =>
      await apiClient(server.url, null).get<{ phase: string; messages: unknown[] }>(`/api/v1/elections/${id}/ceremony`);
    while ((await state()).messages.length < 2) await new Promise((r) => setTimeout(r, 100));
    // A trustee told to expect another manifest hash than the board's does nothing; told the right one, it deals.
    const served = await apiClient(server.url, null).get<{ manifest: Manifest }>(`/api/v1/elections/${id}`);
    const h = toBase64Url(manifestHash(ManifestSchema.parse(served.manifest)));
    const other = toBase64Url(new Uint8Array(32));
    const otherManifest = await trustee(1, ['ceremony', '--expect-manifest-hash', other]);
    expect(otherManifest.code).not.toBe(0);
    expect(otherManifest.stderr).toContain(
      `the manifest hash of the board’s entry 0, ${h}, is not the one expected, ${other}`,
    );
    const dealt = await trustee(1, ['ceremony', '--expect-manifest-hash', h]);
    expect(dealt.stdout).toContain(`manifest hash of the board’s entry 0: ${h}`);
    expect(dealt.stdout).toMatch(/commitments posted/);
    const second = await trustee(2, ['ceremony', '--passphrase-file', join(dir, 'passphrase-2')], { passphrase: '' });
    expect(second.stdout).toMatch(/shares checked: valid from trustee\(s\) 1, 3/); // its shares closed dealing
    expect((await trustee(1, ['ceremony'])).stdout).toMatch(/shares checked: valid from trustee\(s\) 2, 3/);
    while (!followed.includes('shares checked')) await new Promise((r) => setTimeout(r, 100));
    expect(JSON.parse(await official('election', 'close-phase', id))).toMatchObject({ phase: 'done' });
    expect(await finished).toBe(0);
    expect(followed).toMatch(/key share derived and sealed/);
    // Each trustee prints the election fingerprint it computed; one told to expect another seals nothing.
    const [, shortForm, longForm] = /fingerprint, computed from the board: (\S+) \(long form (\S+)\)/.exec(followed)!;
    const wrongFingerprint = 'AAAA-BBBB-CCCC-DDDD-EEEE';
    const refusedToSeal = await trustee(1, ['ceremony', '--expect-fingerprint', wrongFingerprint]);
    expect(refusedToSeal.code).not.toBe(0);
    expect(refusedToSeal.stderr).toContain(
      `the election fingerprint computed from the board, ${shortForm}, is not the one expected, ${wrongFingerprint}`,
    );
    expect(refusedToSeal.stdout).not.toMatch(/sealed/);
    for (const t of [1, 2]) {
      const r = await trustee(t, ['ceremony', '--expect-fingerprint', t === 1 ? shortForm! : longForm!]);
      expect(r.stdout).toMatch(/key share derived and sealed/);
      expect(r.stdout).toMatch(/ceremony complete: qualified dealers 1, 2, 3/);
      expect(r.stdout).toContain(
        `the election fingerprint, computed from the board: ${shortForm} (long form ${longForm})`,
      );
    }

    // Voting: six voters; two re-vote; one votes on paper afterwards; one never votes.
    await official('codes', 'issue', id, '--out', join(dir, 'letters'), '--helpline', '+373 22 000 000');
    const codes = (
      parse(readFileSync(join(dir, 'letters', 'codes.csv')), { bom: true, columns: true }) as Array<{
        idnp: string;
        name: string;
        country: string;
        code: string;
      }>
    ).map((r) => [r.idnp, r.name, r.country, r.code].join(','));
    const births = new Map(
      roll.csv
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => [l.split(',')[0]!, l.split(',')[2]!]),
    );
    await official('election', 'open', id);
    const api = apiClient(server.url, null, 'en');
    const election = await api.get<{ manifest: Manifest; electionKey: string }>(`/api/v1/elections/${id}`);
    const manifest = ManifestSchema.parse(election.manifest);
    const Y = GroupElement.decode(fromBase64Url(election.electionKey, 32));
    const ctx = electionContext(manifest, Y);
    const credentials: Array<{ idnp: string; credential: ReturnType<typeof generateSigningKey> }> = [];
    for (const line of codes) {
      const [idnp, , , code] = line.split(',');
      const credential = generateSigningKey();
      await api.post(`/api/v1/elections/${id}/credentials`, {
        idnp,
        birthDate: births.get(idnp!),
        code,
        credentialKey: toBase64Url(credential.publicKey),
      });
      credentials.push({ idnp: idnp!, credential });
    }
    const last = new Map<number, number[]>();
    const cast = async (voter: number, choices: number[]) => {
      await api.post(
        `/api/v1/elections/${id}/ballots`,
        encryptAndSignBallot(ctx, credentials[voter]!.credential, choices),
      );
      last.set(voter, choices);
    };
    await cast(0, [1, 0]);
    await cast(1, [0, 1]);
    await cast(2, [1, 1]);
    await cast(3, [11, 2]);
    await cast(4, [5, 0]);
    await cast(1, [1, 0]); // re-votes
    await cast(4, [2, 2]);
    await official('credentials', 'revoke', id, '--idnp', credentials[2]!.idnp); // voted on paper
    last.delete(2);
    await official('election', 'close', id, '--reason', 'the test is over');

    // Decrypting before mixing is complete: refused.
    expect((await trustee(1, ['decrypt'])).stderr).toMatch(/is mixing: trustees decrypt only the final mixed list/);
    // A mix node told to expect another fingerprint shuffles nothing; told the right one, it mixes.
    const mixRun = (nu: number, fingerprint: string) =>
      runProgram(
        mixProgram,
        ['run', '--election', id, '--key', mixKey(nu), '--threads', '1', '--expect-fingerprint', fingerprint],
        mixEnv,
      );
    const misled = await mixRun(0, wrongFingerprint);
    expect(misled.code).not.toBe(0);
    expect(misled.stderr).toMatch(/nothing is shuffled; report it:\nV07\.01 the board's election fingerprint is /);
    expect(misled.stderr).toContain(`is ${shortForm}, not ${wrongFingerprint}`);
    for (const nu of definition.mixNodes.keys()) {
      const r = await mixRun(nu, longForm!.toLowerCase());
      expect(r.code, r.stderr).toBe(0);
    }

    // The trustee program's failures, each with a clear message and a non-zero status.
    const wrongPassphrase = await trustee(1, ['decrypt'], { passphrase: 'not the passphrase' });
    expect(wrongPassphrase.code).not.toBe(0);
    expect(wrongPassphrase.stderr).toMatch(/cannot open the key file .*: wrong passphrase/);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const nobody = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await trustee(1, ['decrypt'], { server: nobody });
    expect(unreachable.code).not.toBe(0);
    expect(unreachable.stderr).toContain(`cannot reach the server at ${nobody}`);
    expect(unreachable.stderr).toMatch(/ECONNREFUSED/);
    // (The officials' `evotare trustee …` is the same program.)
    const otherElection = await evotare(['trustee', 'decrypt', '--election', 'md-other', '--key', keyFile(1)], {
      EVOTARE_TRUSTEE_PASSPHRASE: passphrases[0]!,
    });
    expect(otherElection.code).not.toBe(0);
    expect(otherElection.stderr).toMatch(/belongs to the election "md-tally-e2e", not "md-other"/);

    // A network that alters what trustee 1 reads of the board, read from entry 0 (its kept state,
    // from its check after the close, would spare it the ballots it verified then — SPEC §15.1).
    rmSync(keptStatePath(keyFile(1), id), { force: true });
    const alteredBallot = await tamperingProxy(server.url, (path, body) =>
      path.includes('/board?') ? Buffer.from(body.toString().replace('"ciphertext":"', '"ciphertext":"A')) : body,
    );
    const alteredList = await tamperingProxy(server.url, (path, body) => {
      if (!path.includes('/attachments/')) return body;
      const copy = Buffer.from(body);
      copy[copy.length - 1]! ^= 1;
      return copy;
    });
    try {
      const atProxy = (p: Server) => `http://127.0.0.1:${(p.address() as AddressInfo).port}`;
      const chain = await trustee(1, ['decrypt'], { server: atProxy(alteredBallot) });
      expect(chain.code).not.toBe(0);
      expect(chain.stderr).toMatch(/the board does not verify up to decryption .*\nV12\.0\d entry \d+: /);
      const list = await trustee(1, ['decrypt'], { server: atProxy(alteredList) });
      expect(list.code).not.toBe(0);
      expect(list.stderr).toMatch(
        /nothing is decrypted; report it:\nV14\.01 entry \d+: attachment .* is not the bytes/,
      );
    } finally {
      alteredBallot.close();
      alteredList.close();
    }
    const status = await api.get<{ state: string }>(`/api/v1/elections/${id}`);
    expect(status.state).toBe('decrypting');

    // A forged partial decryption (trustee 3's, claimed by trustee 2) is refused.
    const forged = await fetch(new URL(`/api/v1/elections/${id}/partial-decryptions`, server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'partial-decryption',
        electionId: id,
        sender: 2,
        list: toBase64Url(new Uint8Array(32)),
        decryptionShares: [toBase64Url(new Uint8Array(32))],
        proof: toBase64Url(new Uint8Array(96)),
        signature: toBase64Url(new Uint8Array(64)),
      }),
    });
    expect(forged.status).toBe(422);

    // Trustee 2 stays away; 1 and 3 decrypt, and the result is published.
    const misinformed = await trustee(1, ['decrypt', '--expect-fingerprint', wrongFingerprint]);
    expect(misinformed.code).not.toBe(0);
    expect(misinformed.stderr).toMatch(
      /nothing is decrypted; report it:\nV07\.01 .* is [0-9A-Z-]+, not AAAA-BBBB-CCCC-DDDD-EEEE/,
    );
    const one = await trustee(1, ['decrypt', '--threads', '2', '--expect-fingerprint', shortForm!]);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/board verified up to entry \d+ \(.*3 shuffle\(s\)\)/);
    expect(one.stdout).toMatch(/the election fingerprint, computed from the board: [0-9A-Z]{4}(-[0-9A-Z]{4}){4} /);
    expect(one.stdout).toMatch(/partial decryption accepted at position \d+ \(1 of the 2 needed\)/);
    expect((await trustee(1, ['decrypt'])).stdout).toMatch(/on the board already/);
    const three = await trustee(3, ['decrypt']);
    expect(three.code).toBe(0);
    expect(three.stdout).toMatch(/the result is published at position \d+/);

    const published = await api.get<{
      state: string;
      result: {
        decryptedBy: number[];
        contests: Array<{ counts: Record<string, number>; blank?: number; invalid: number }>;
        turnout: Record<string, number>;
      };
    }>(`/api/v1/elections/${id}/result`);
    expect(published.state).toBe('tallied');
    expect(published.result.decryptedBy).toEqual([1, 3]);
    // The count of the choices the test made: each voter's last ballot, the paper voter's none.
    manifest.contests.forEach((contest, c) => {
      const expected: Record<string, number> = Object.fromEntries(contest.options.map((o) => [o.id, 0]));
      let blank = 0;
      for (const choices of last.values()) {
        const option = contest.options[choices[c]!];
        if (option === undefined) blank++;
        else expected[option.id]!++;
      }
      expect(published.result.contests[c]).toEqual({ id: contest.id, counts: expected, blank, invalid: 0 });
    });
    expect(published.result.turnout).toMatchObject({
      ballotsReceived: 7,
      credentialsCounted: 4,
      ballotsSuperseded: 2,
      credentialsRevoked: 1,
      ballotsOfRevokedCredentials: 1,
    });
    const page = await (await fetch(new URL(`/elections/${id}/results?lang=en`, server.url))).text();
    const names = definition.trustees.members.map((m) => m.name);
    expect(page).toContain(`Decrypted by: ${names[0]}, ${names[2]}`);
    expect((await trustee(3, ['decrypt'])).stderr).toMatch(/is published already/);
  });
});
