// The observer's program against real servers (docs/SPEC.md §12.11): in a whole election two
// observers follow the board round after round, every head that adds more than co-signatures is
// co-signed by both, the head that holds the result among them, and a voter's receipt is found in
// the co-signed board. Then a CEC that shows two boards: two servers with the same CEC key, started
// from a copy of one data directory after N entries (the test double of a split view), each growing
// on its own; each observer reaches one of them and reads the other's published log — both raise
// the alarm within one head, the webhook hears of it, and a receipt from the other board is refused.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type ElectionContext, electionContext, encryptAndSignBallot } from '@evotare/crypto/ballot';
import { decodeSignedTreeHead } from '@evotare/crypto/board/tree-head';
import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { GroupElement } from '@evotare/crypto/group';
import { type Manifest, ManifestSchema, manifestHash } from '@evotare/crypto/manifest';
import { rowList } from '@evotare/crypto/shuffle/rows';
import { generateSigningKey, type SigningKeyPair } from '@evotare/crypto/signature';
import { rowListDigest } from '@evotare/crypto/tally/list-digest';
import { makePartialDecryption } from '@evotare/crypto/threshold/parallel';
import { ObserverLog } from '@evotare/observer/log';
import { type Observation, Observer } from '@evotare/observer/observer';
import { checkReceiptAgainstCosignedHeads } from '@evotare/observer/receipt';
import { openDatabase } from '@evotare/server/src/db/database.ts';
import {
  exampleDefinition,
  makeParties,
  runCeremonyOverHttp,
  startTestServer,
  type TestParties,
  type TestServer,
} from '@evotare/server/src/testing/harness.ts';
import { mixHonestly } from '@evotare/server/src/testing/honest-mix.ts';
import { activateVoters, type TestVoter } from '@evotare/server/src/testing/voters.ts';
import { apiClient } from '@evotare/verifier/remote/client';
import { RemoteBoard } from '@evotare/verifier/remote-board';
import { verifyBoard } from '@evotare/verifier/verify';
import { serve } from '@hono/node-server';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const observeProgram = fileURLToPath(new URL('../../observer/src/main.ts', import.meta.url));
const evotare = fileURLToPath(new URL('../../server/src/cli/main.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'evotare-observer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The app on 127.0.0.1, as the observer's program reaches a server. */
async function listen(s: TestServer): Promise<{ url: string; close(): Promise<void> }> {
  const server = await new Promise<Server>((resolve) => {
    const h = serve({ fetch: s.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(h as Server));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface Election {
  readonly id: string;
  readonly parties: TestParties;
  readonly voters: TestVoter[];
  readonly ctx: ElectionContext;
  readonly h: Uint8Array;
  readonly Y: GroupElement;
}

/** An election open for voting, with two observers registered. */
async function openElection(s: TestServer, id: string, observers: SigningKeyPair[]): Promise<Election> {
  const admin = (path: string, body: unknown = {}) =>
    s.request('POST', `/api/v1/admin/elections/${id}${path}`, { body });
  const definition = exampleDefinition(id);
  await s.request('POST', '/api/v1/admin/elections', { body: definition });
  const parties = makeParties(definition);
  await s.request('PUT', `/api/v1/admin/elections/${id}/parties`, { body: parties.parties });
  await admin('/key-ceremony');
  for (const [i, o] of observers.entries()) {
    const r = await admin('/observers', { name: `Observer ${i + 1}`, signingKey: toBase64Url(o.publicKey) });
    expect(r.status).toBe(201);
  }
  const voters = await activateVoters(s, id, 3);
  const Y = GroupElement.decode(fromBase64Url(await runCeremonyOverHttp(s, id, parties.trustees), 32));
  expect((await admin('/open')).status).toBe(200);
  const info = (await (await s.request('GET', `/api/v1/elections/${id}`, { token: null })).json()) as {
    manifest: Manifest;
  };
  const manifest = ManifestSchema.parse(info.manifest);
  return { id, parties, voters, ctx: electionContext(manifest, Y), h: manifestHash(manifest), Y };
}

async function cast(s: TestServer, e: Election, voter: number, choices: number[]): Promise<unknown> {
  const r = await s.request('POST', `/api/v1/elections/${e.id}/ballots`, {
    token: null,
    body: encryptAndSignBallot(e.ctx, e.voters[voter]!.credential, choices),
  });
  expect(r.status).toBe(201);
  return r.json();
}

function observer(
  url: string,
  id: string,
  key: SigningKeyPair,
  log: string,
  extra: { peers?: string[]; webhook?: string } = {},
) {
  const said: string[] = [];
  const o = Observer.open({
    api: apiClient(url, null, 'en'),
    server: url,
    electionId: id,
    key,
    log: ObserverLog.open(log),
    ...extra,
    say: (line) => said.push(line.en),
  });
  return { o, said, log };
}

const cosignedSizes = (log: string) =>
  ObserverLog.open(log)
    .lines.filter((l) => l.event === 'head' && l.cosignature !== null)
    .map((l) => (l.event === 'head' ? l.treeHead.size : 0));

describe('observers of an honest election', () => {
  const keys = [generateSigningKey(), generateSigningKey()];
  const logs = [join(dir, 'honest-a.jsonl'), join(dir, 'honest-b.jsonl')];

  it('co-sign every head that adds more than co-signatures, the result’s among them; a receipt is found', {
    timeout: 180_000,
  }, async () => {
    const s = await startTestServer(await openDatabase({ inMemory: true }));
    const http = await listen(s);
    try {
      const id = 'observed';
      const e = await openElection(s, id, keys);
      const watchers = keys.map((k, i) => observer(http.url, id, k, logs[i]!));
      const round = async () => {
        const out: Observation[] = [];
        for (const w of watchers) out.push(await w.o.observe());
        for (const r of out) expect(r.alarms).toEqual([]);
        return out;
      };
      await round();
      const receipt = await cast(s, e, 0, [1, 0]);
      await cast(s, e, 1, [2, 1]);
      await round();

      // The programs themselves: a third observer made with `keygen`, registered, one round of
      // `watch` while voting runs; the receipt checked with `evotare observe check-receipt` (the officials' CLI delegates).
      const env = { ...process.env, EVOTARE_OBSERVER_PASSPHRASE: 'an observer’s passphrase' };
      const keyFile = join(dir, 'third.key');
      const made = await run(process.execPath, [observeProgram, 'keygen', '--out', keyFile, '--kdf-cost', '4'], {
        env,
      });
      const third = made.stdout.trim();
      const registered = await s.request('POST', `/api/v1/admin/elections/${id}/observers`, {
        body: { name: 'Observer 3', signingKey: third },
      });
      expect(registered.status).toBe(201);
      const watched = await run(
        process.execPath,
        [observeProgram, '--lang', 'en', http.url, id, '--key', keyFile, '--once', '--threads', '0'],
        { env },
      );
      expect(watched.stdout).toMatch(/tree head of size \d+ checked .*; co-signed: \d+/);
      const thirdLog = ObserverLog.open(`${keyFile}.${id}.observer.jsonl`);
      expect(thirdLog.started).toMatchObject({ electionId: id, observerKey: third, server: http.url });
      const receiptFile = join(dir, 'receipt.json');
      writeFileSync(receiptFile, JSON.stringify(receipt));
      const checked = await run(process.execPath, [
        evotare,
        '--lang',
        'en',
        'observe',
        'check-receipt',
        receiptFile,
        '--log',
        thirdLog.file,
      ]);
      expect(checked.stdout).toMatch(
        /^V12\.18 the receipt is contained in the head of size \d+ the observer co-signed/,
      );

      await cast(s, e, 2, [0, 0]);
      await cast(s, e, 0, [3, 2]); // a re-vote
      expect((await s.request('POST', `/api/v1/admin/elections/${id}/close`, { body: {} })).status).toBe(200);
      await mixHonestly(async (path, init) => s.app.request(path, init), id, e.h, e.Y, e.parties.mixNodes);
      await decrypt(s, e);
      const last = await round();
      expect(last.every((r) => r.over)).toBe(true);

      // Every head of the CEC's list that adds an entry other than a co-signature is co-signed by both.
      const base = `/api/v1/elections/${id}/board`;
      const heads = (
        (await (await s.request('GET', `${base}/tree-heads?limit=1000`)).json()) as { treeHeads: unknown[] }
      ).treeHeads.map((h) => {
        const d = decodeSignedTreeHead(h);
        if ('error' in d) throw new Error('a malformed head');
        return d.value;
      });
      const entries = (
        (await (await s.request('GET', `${base}?from=0&limit=1000`)).json()) as {
          entries: Array<{ seq: number; type: string; payload: { observerKey?: string; treeHead?: { size: number } } }>;
        }
      ).entries;
      const cosignatures = entries.filter((x) => x.type === 'tree-head-cosignature');
      const cosignedBy = (k: SigningKeyPair) =>
        new Set(
          cosignatures
            .filter((c) => c.payload.observerKey === toBase64Url(k.publicKey))
            .map((c) => c.payload.treeHead!.size),
        );
      const wanted: number[] = [];
      let previous = 0;
      for (const h of heads) {
        if (entries.slice(previous, h.size).some((x) => x.type !== 'tree-head-cosignature')) wanted.push(h.size);
        previous = h.size;
      }
      expect(wanted.length).toBeGreaterThan(10);
      for (const k of keys) expect([...cosignedBy(k)].sort((a, b) => a - b)).toEqual(wanted);
      for (const log of logs) expect(cosignedSizes(log)).toEqual(wanted);
      const result = entries.find((x) => x.type === 'result')!;
      const resultHead = heads.find((h) => h.size > result.seq)!;
      for (const k of keys) expect(cosignedBy(k).has(resultHead.size)).toBe(true);

      // The board with its co-signatures verifies (V12.10, V12.11 among all).
      const { report } = await verifyBoard(new RemoteBoard(apiClient(http.url, null), id));
      expect(report.results.filter((r) => r.outcome !== 'passed').map((r) => r.id)).toEqual([]);

      // V12.18: the voter's receipt is in the co-signed board; an observer that co-signed nothing cannot say.
      const lines = ObserverLog.open(logs[0]!).lines;
      const api = apiClient(http.url, null);
      expect(await checkReceiptAgainstCosignedHeads(receipt, lines, api)).toMatchObject({ outcome: 'contained' });
      expect(await checkReceiptAgainstCosignedHeads(receipt, lines.slice(0, 1), api)).toMatchObject({
        outcome: 'not-yet',
      });
      const altered = { ...(receipt as object), position: 3 };
      expect(await checkReceiptAgainstCosignedHeads(altered, lines, api)).toMatchObject({ outcome: 'not-contained' });
    } finally {
      await http.close();
      await s.close();
    }
  });
});

/** Two trustees decrypt the final list: the result is published. */
async function decrypt(s: TestServer, e: Election): Promise<void> {
  const get = (path: string) => s.request('GET', `/api/v1/elections/${e.id}${path}`, { token: null });
  const status = (await (await get('/mixing')).json()) as { current: { width: number; data: { attachment: string } } };
  const bytes = new Uint8Array(await (await get(`/attachments/${status.current.data.attachment}`)).arrayBuffer());
  const list = rowList(bytes, status.current.width);
  const entries = (
    (await (await get('/board?from=0&limit=1000')).json()) as {
      entries: Array<{ type: string; payload: { verificationKeys?: string[] } }>;
    }
  ).entries;
  const vks = entries.find((x) => x.type === 'election-key')!.payload.verificationKeys!;
  for (const t of e.parties.trustees.slice(0, 2)) {
    const body = await makePartialDecryption(undefined, {
      electionId: e.id,
      trustee: {
        manifestHash: e.h,
        index: t.index,
        verificationKey: GroupElement.decode(fromBase64Url(vks[t.index - 1]!, 32)),
      },
      list,
      listDigest: rowListDigest(list),
      secretShare: t.secretShare!,
      signingKey: t.keys.secret.signingKey,
    });
    const r = await s.request('POST', `/api/v1/elections/${e.id}/partial-decryptions`, { token: null, body });
    expect(r.status).toBe(201);
  }
}

describe('observers shown two boards', () => {
  it('both raise the alarm within one head, and a receipt of the other board is not on the co-signed one', {
    timeout: 180_000,
  }, async () => {
    const authority = generateSigningKey();
    const keys = [generateSigningKey(), generateSigningKey()];
    const logs = [join(dir, 'split-a.jsonl'), join(dir, 'split-b.jsonl')];
    const data = [join(dir, 'data-a'), join(dir, 'data-b')];
    const id = 'split';
    const hooks: Array<{ check: string; electionId: string }> = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        hooks.push(JSON.parse(body));
        res.end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const webhook = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/alarm`;

    // One server, both observers agree on its first N entries.
    let s = await startTestServer(await openDatabase({ dataDir: data[0]! }), { authority });
    let http = await listen(s);
    const e = await openElection(s, id, keys);
    await cast(s, e, 0, [1, 0]);
    for (const [i, k] of keys.entries())
      expect((await observer(http.url, id, k, logs[i]!).o.observe()).alarms).toEqual([]);
    await http.close();
    await s.close();

    // The fork: a copy of the data directory, the same CEC key; each server grows on its own.
    cpSync(data[0]!, data[1]!, { recursive: true });
    const servers = [s, s];
    servers[0] = s = await startTestServer(await openDatabase({ dataDir: data[0]! }), { authority });
    servers[1] = await startTestServer(await openDatabase({ dataDir: data[1]! }), { authority });
    const urls = [await listen(servers[0]), await listen(servers[1])];
    http = urls[0]!;
    try {
      await cast(servers[0]!, e, 1, [1, 1]);
      const otherReceipt = await cast(servers[1]!, e, 1, [2, 0]);
      const a = observer(urls[0]!.url, id, keys[0]!, logs[0]!, { peers: [logs[1]!], webhook });
      const b = observer(urls[1]!.url, id, keys[1]!, logs[1]!, { peers: [logs[0]!], webhook });
      const before = logs.map((l) => cosignedSizes(l).length);

      // A checks first: nothing to compare yet, it co-signs the head of its board.
      expect((await a.o.observe()).alarms).toEqual([]);
      // B is shown the other board: A's co-signed head of the same size has another root.
      const bRound = await b.o.observe();
      expect(bRound.alarms.map((x) => x.check)).toEqual(['V12.17']);
      // A, a round later, finds B's head (the evidence in B's alarm) and raises it too.
      const aRound = await a.o.observe();
      expect(aRound.alarms.map((x) => x.check)).toEqual(['V12.17']);
      // Within one head: A co-signed one head of its fork, B none.
      expect(cosignedSizes(logs[0]!).length - before[0]!).toBe(1);
      expect(cosignedSizes(logs[1]!).length - before[1]!).toBe(0);
      expect(hooks.map((x) => [x.check, x.electionId])).toEqual([
        ['V12.17', id],
        ['V12.17', id],
      ]);
      expect(readFileSync(logs[1]!, 'utf8')).toContain('"event":"alarm"');
      expect(b.said.join('\n')).toMatch(/ALARM V12\.17: split view/);
      // An alarm stands: the observer does not go on past it.
      expect(() => observer(urls[1]!.url, id, keys[1]!, logs[1]!)).toThrow(/already holds an alarm \(V12\.17\)/);

      // The voter of the other board holds a receipt the CEC signed; it is not on the board A co-signed.
      const check = await checkReceiptAgainstCosignedHeads(
        otherReceipt,
        ObserverLog.open(logs[0]!).lines,
        apiClient(urls[0]!.url, null),
      );
      expect(check).toMatchObject({ outcome: 'not-contained' });
    } finally {
      for (const u of urls) await u.close();
      for (const x of servers) await x.close();
      await new Promise((resolve) => hook.close(resolve));
    }
  });
});
