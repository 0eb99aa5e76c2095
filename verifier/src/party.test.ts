// The verifier over the server's API (RemoteBoard) and the parties' rule "verify before acting"
// (docs/SPEC.md §14.3, §14.4), on synthetic boards served by an API double that reads an export —
// and alters what it serves, as a dishonest server or a network in the middle would.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MerkleTree } from '@evotare/crypto/board/merkle';
import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { electionFingerprint, formatFingerprint, formatFingerprintLong } from '@evotare/crypto/fingerprint';
import { manifestHash } from '@evotare/crypto/manifest';
import { generateSigningKey } from '@evotare/crypto/signature';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type Item,
  type SyntheticElection,
  syntheticElection,
  tallySyntheticElection,
  writeExport,
} from './_fixtures.ts';
import { KeptStateError, readKeptState, writeKeptState } from './kept-state.ts';
import { verifyBeforeActing } from './party.ts';
import { checkBoardBeforeActing, followBoard } from './remote/party-check.ts';
import { type BoardApi, RemoteBoard } from './remote-board.ts';
import { verifyBoard, verifyBoardExport } from './verify.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const tallied = syntheticElection(5);
await tallySyntheticElection(tallied);
const ELECTION = tallied.manifest.electionId;

function exportOf(items: readonly Item[], e: SyntheticElection = tallied): string {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-party-'));
  dirs.push(dir);
  writeExport(dir, e, items);
  return dir;
}

const upTo = (type: string) => tallied.items.slice(0, tallied.items.findIndex((x) => x.type === type) + 1);

interface Alter {
  entry?: (json: Record<string, unknown>) => void;
  attachment?: (id: string, bytes: Uint8Array) => Uint8Array;
}

/** The public API of SPEC §13.7 as a server would answer it, read from an export directory. */
function apiOver(dir: string, alter: Alter = {}): BoardApi {
  const base = `/api/v1/elections/${ELECTION}`;
  const lines = readFileSync(join(dir, 'entries', '0000000000.jsonl'), 'utf8')
    .trimEnd()
    .split('\n');
  const heads = readFileSync(join(dir, 'tree-heads.jsonl'), 'utf8').trimEnd().split('\n').filter(Boolean);
  return {
    async get<T>(path: string): Promise<T> {
      const url = new URL(path, 'http://server');
      const n = (name: string) => Number(url.searchParams.get(name) ?? 0);
      if (url.pathname === `${base}/board/tree-head`)
        return JSON.parse(readFileSync(join(dir, 'tree-head.json'), 'utf8'));
      if (url.pathname === `${base}/board`) {
        const entries = lines.slice(n('from'), n('from') + n('limit')).map((l) => {
          const json = JSON.parse(l);
          alter.entry?.(json);
          return json;
        });
        return { entries } as T;
      }
      if (url.pathname === `${base}/board/consistency`) {
        const tree = new MerkleTree();
        for (const l of lines.slice(0, n('second'))) tree.append(fromBase64Url(JSON.parse(l).hash, 32));
        return { proof: tree.consistencyProof(n('first'), n('second')).map(toBase64Url) } as T;
      }
      if (url.pathname === `${base}/board/tree-heads`) {
        const all = heads.map((l) => JSON.parse(l)).filter((h) => h.size >= n('from'));
        return { treeHeads: all.slice(0, n('limit')) } as T;
      }
      throw new Error(`404 ${path}`);
    },
    async download(path: string): Promise<Response> {
      const id = path.split('/').at(-1)!;
      if (!readdirSync(join(dir, 'attachments')).includes(id)) throw new Error(`404 ${path}`);
      const bytes = new Uint8Array(readFileSync(join(dir, 'attachments', id)));
      return new Response((alter.attachment?.(id, bytes) ?? bytes) as BodyInit);
    },
  };
}

const outcomes = (r: { report: { results: readonly { id: string; outcome: string }[] } }) =>
  Object.fromEntries(r.report.results.map((x) => [x.id, x.outcome]));

describe('RemoteBoard: the verifier over the public API', () => {
  it('gives the same verdict, check by check, as on the export', async () => {
    const dir = exportOf(tallied.items);
    const remote = await verifyBoard(new RemoteBoard(apiOver(dir), ELECTION));
    const local = await verifyBoardExport(dir);
    expect(outcomes(remote)).toEqual(outcomes(local));
    expect(remote.report.failed + remote.report.notRun).toBe(0);
    expect(remote.report.fingerprint).toBe(local.report.fingerprint);
    expect(remote.report.electionId).toBe(ELECTION);
  });

  it('catches an entry altered in transit (V12.06) and an attachment altered in transit (V14.01)', async () => {
    const dir = exportOf(tallied.items);
    const rolled = await verifyBoard(
      new RemoteBoard(
        apiOver(dir, {
          entry: (e) => {
            if (e.type === 'roll') (e.payload as { size: number }).size += 1;
          },
        }),
        ELECTION,
      ),
    );
    expect(outcomes(rolled)['V12.06']).toBe('failed');
    const flipped = await verifyBoard(
      new RemoteBoard(apiOver(dir, { attachment: (_, b) => b.map((x, i) => (i === 7 ? x ^ 1 : x)) }), ELECTION),
    );
    expect(outcomes(flipped)['V14.01']).toBe('failed');
  });

  it('reads a server that cannot be reached as a board that cannot be read (V12.01), not as one that fails', async () => {
    const api: BoardApi = {
      get: () => Promise.reject(new Error('connection refused')),
      download: () => Promise.reject(new Error('connection refused')),
    };
    const r = await verifyBoard(new RemoteBoard(api, ELECTION));
    expect(r.report.results.find((x) => x.id === 'V12.01')?.problems[0]).toMatch(/connection refused/);
    expect(r.report.results.filter((x) => x.outcome === 'failed').map((x) => x.id)).toEqual(['V12.01']);
  });
});

describe('verify before acting (§14.3, §14.4)', () => {
  it('lets a mix node mix a verified mix input, and tells it the current list', async () => {
    const check = await verifyBeforeActing(new RemoteBoard(apiOver(exportOf(upTo('mix-input'))), ELECTION), 'mix');
    expect(check.refusals).toEqual([]);
    expect(check.state?.tally.chain?.current.digest).toEqual(check.state?.tally.mixInput?.digest);
    expect(check.state?.ceremony?.electionKey.equals(tallied.electionKey)).toBe(true);
  });

  it('lets a trustee decrypt only once mixing has completed', async () => {
    const early = await verifyBeforeActing(new RemoteBoard(apiOver(exportOf(upTo('mix-input'))), ELECTION), 'decrypt');
    expect(early.refusals.map((r) => r.check)).toEqual(['V14.06']);
    const done = await verifyBeforeActing(
      new RemoteBoard(apiOver(exportOf(upTo('mixing-completed'))), ELECTION),
      'decrypt',
    );
    expect(done.refusals).toEqual([]);
    expect(done.state?.tally.chain?.completed).toBe(true);
  });

  it('refuses a board with a ballot whose proof does not verify, naming V13.06 and the entry', async () => {
    const items = upTo('mix-input');
    const at = items.findIndex((x) => x.type === 'ballot');
    const b = JSON.parse(JSON.stringify(items[at]!.payload));
    const proof = fromBase64Url(b.contests[0].proof);
    proof[40] = (proof[40] as number) ^ 1;
    b.contests[0].proof = toBase64Url(proof);
    const bad = items.map((x, i) => (i === at ? { type: 'ballot' as const, payload: b } : x));
    for (const step of ['mix', 'decrypt'] as const) {
      const check = await verifyBeforeActing(new RemoteBoard(apiOver(exportOf(bad)), ELECTION), step);
      expect(check.refusals[0]?.check).toBe('V13.06');
      expect(check.refusals[0]?.problem).toMatch(new RegExp(`^entry ${at}: V08`));
    }
  });

  it('V07.01: acts only on the election fingerprint it was given, short or long form', async () => {
    const f = electionFingerprint(
      manifestHash(tallied.manifest),
      fromBase64Url(tallied.manifest.authority.signingKey, 32),
      tallied.electionKey,
    );
    const dir = exportOf(upTo('mix-input'));
    for (const expectFingerprint of [formatFingerprint(f), formatFingerprintLong(f).toLowerCase()]) {
      const ok = await verifyBeforeActing(new RemoteBoard(apiOver(dir), ELECTION), 'mix', { expectFingerprint });
      expect(ok.refusals).toEqual([]);
    }
    const other = formatFingerprint(f).replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const wrong = await verifyBeforeActing(new RemoteBoard(apiOver(dir), ELECTION), 'mix', {
      expectFingerprint: other,
    });
    expect(wrong.refusals.map((r) => r.check)).toEqual(['V07.01']);
    expect(wrong.refusals[0]?.problem).toContain(formatFingerprint(f));
  });

  it('verifies each ballot once when the party keeps what it verified while voting ran', async () => {
    const seen = new Set<string>();
    const added: number[] = [];
    const verifiedBallots = {
      has: (h: Uint8Array) => seen.has(toBase64Url(h)),
      add: (hs: readonly Uint8Array[]) => {
        added.push(hs.length);
        for (const h of hs) seen.add(toBase64Url(h));
      },
    };
    const during = exportOf(upTo('voting-closed').slice(0, -3));
    await verifyBoardExport(during, { verifiedBallots });
    const first = seen.size;
    expect(first).toBeGreaterThan(0);
    const after = await verifyBeforeActing(new RemoteBoard(apiOver(exportOf(upTo('mix-input'))), ELECTION), 'mix', {
      verifiedBallots,
    });
    expect(after.refusals).toEqual([]);
    const ballots = upTo('mix-input').filter((x) => x.type === 'ballot').length;
    expect(seen.size).toBe(ballots);
    expect(added.reduce((a, b) => a + b, 0)).toBe(ballots); // none verified twice
  });
});

describe('a board that ends at any signed tree head (§12.8)', () => {
  it('V14.12 is not run, not failed, on a board that ends after the k-th partial decryption', async () => {
    const r = await verifyBoardExport(exportOf(tallied.items.filter((x) => x.type !== 'result')));
    expect(r.report.failed).toBe(0);
    expect(outcomes(r)['V14.12']).toBe('not-run');
  });

  it('V13.01: voting cannot open before the roll is on the board', async () => {
    const r = await verifyBoardExport(exportOf(tallied.items.filter((x) => x.type !== 'roll')));
    expect(r.report.results.find((x) => x.id === 'V13.01')?.problems[0]).toMatch(/no roll entry/);
  });
});

describe('a party that keeps its verified state (§15.1)', () => {
  const remote = (items: readonly Item[], e: SyntheticElection = tallied) =>
    new RemoteBoard(apiOver(exportOf(items, e)), ELECTION);
  const ballotsIn = (items: readonly Item[]) => items.filter((x) => x.type === 'ballot').length;
  const during = upTo('voting-closed').slice(0, -4);

  it('reads only the tail, and reaches the verdict of a whole reading, check by check, at every step', async () => {
    const first = await verifyBoard(remote(during), { keepState: true });
    expect(first.reading).toEqual({
      from: 0,
      entries: during.length,
      ballotsVerified: ballotsIn(during),
      shufflesVerified: 0,
    });
    let kept = first.keep!;
    expect(kept).toBeDefined();
    let at = during.length;
    for (const step of ['mix-input', 'mix-output', 'mixing-completed', 'result'] as const) {
      const items = step === 'mix-output' ? tallied.items.slice(0, upTo('mix-input').length + 1) : upTo(step);
      const resumed = await verifyBoard(remote(items), { resume: kept, keepState: true });
      const whole = await verifyBoard(remote(items));
      expect(outcomes(resumed)).toEqual(outcomes(whole));
      expect(resumed.report.results.map((r) => r.summary)).toEqual(whole.report.results.map((r) => r.summary));
      expect(resumed.reading.from).toBe(at);
      expect(resumed.reading.entries).toBe(items.length - at);
      expect(resumed.reading.ballotsVerified).toBe(ballotsIn(items.slice(at)));
      expect(resumed.reading.shufflesVerified).toBe(items.slice(at).filter((x) => x.type === 'mix-output').length);
      expect(resumed.state?.tally.chain?.current.digest).toEqual(whole.state?.tally.chain?.current.digest);
      kept = resumed.keep!;
      at = items.length;
    }
  });

  it('a mix node and a trustee that followed act after verifying only what came since (counters)', async () => {
    const key = generateSigningKey();
    const dir = mkdtempSync(join(tmpdir(), 'evotare-kept-'));
    dirs.push(dir);
    const own = { keptState: { file: join(dir, 'kept'), key }, say: () => {} };
    await followBoard(apiOver(exportOf(during)), ELECTION, { party: 'mix-node', ...own });
    const mixInput = upTo('mix-input');
    const mix = await checkBoardBeforeActing(apiOver(exportOf(mixInput)), ELECTION, 'mix', {
      party: 'mix-node',
      ...own,
    });
    expect(mix.reading.from).toBe(during.length);
    expect(mix.reading.entries).toBe(mixInput.length - during.length);
    expect(mix.reading.ballotsVerified).toBe(ballotsIn(mixInput.slice(during.length)));
    // a trustee following through the mixing checks each shuffle as it lands: at the end only the tail is left
    const lastShuffle = tallied.items.findLastIndex((x) => x.type === 'mix-output');
    await followBoard(apiOver(exportOf(tallied.items.slice(0, lastShuffle))), ELECTION, { party: 'trustee', ...own });
    const done = upTo('mixing-completed');
    const trustee = await checkBoardBeforeActing(apiOver(exportOf(done)), ELECTION, 'decrypt', {
      party: 'trustee',
      ...own,
    });
    expect(trustee.reading).toEqual({
      from: lastShuffle,
      entries: done.length - lastShuffle,
      ballotsVerified: 0,
      shufflesVerified: 1,
    });
    expect(trustee.state.tally.chain?.completed).toBe(true);
  });

  it('refuses a kept-state file that is not the party’s, and verifies the whole board instead, saying so', async () => {
    const key = generateSigningKey();
    const dir = mkdtempSync(join(tmpdir(), 'evotare-kept-'));
    dirs.push(dir);
    const file = join(dir, 'kept');
    const kept = (await verifyBoard(remote(during), { keepState: true })).keep!;
    // a state claiming more ballots verified than there are, re-signed by someone else
    writeKeptState(file, { ...kept, ballotCount: kept.ballotCount + 1 }, generateSigningKey());
    expect(() => readKeptState(file, ELECTION, key)).toThrow(KeptStateError);
    writeKeptState(file, kept, key);
    const bytes = readFileSync(file);
    bytes[bytes.length - 100]! ^= 1;
    writeFileSync(file, bytes);
    expect(() => readKeptState(file, ELECTION, key)).toThrow(/not signed by this party/);
    expect(() => readKeptState(file, 'another-election', key)).toThrow(KeptStateError);
    const said: string[] = [];
    const items = upTo('mix-input');
    const check = await checkBoardBeforeActing(apiOver(exportOf(items)), ELECTION, 'mix', {
      party: 'mix-node',
      keptState: { file, key },
      say: (l) => said.push(l.en),
    });
    expect(said[0]).toMatch(
      /state kept of this board is refused .*not signed by this party.*verifying the whole board from entry 0/,
    );
    expect(check.reading.from).toBe(0);
    expect(check.reading.entries).toBe(items.length);
    expect(readKeptState(file, ELECTION, key)?.treeHead).toContain(`"size":${items.length}`); // kept again, good
  });

  it('refuses a board whose new head does not extend the kept one, naming V12.10', async () => {
    const kept = (await verifyBoard(remote(during), { keepState: true })).keep!;
    // another board under the same election id: the server rewrote history
    const other = syntheticElection(5);
    await tallySyntheticElection(other);
    const rewritten = await verifyBeforeActing(remote(other.items.slice(0, upTo('mix-input').length), other), 'mix', {
      resume: kept,
    });
    const v1210 = rewritten.refusals.find((r) => r.check === 'V12.10');
    expect(v1210?.problem).toMatch(/not consistent with the head of size \d+ verified before \(kept state\)/);
    expect(rewritten.reading.entries).toBe(0);
    const shorter = await verifyBeforeActing(remote(during.slice(0, -2)), 'mix', { resume: kept });
    expect(shorter.refusals.find((r) => r.check === 'V12.10')?.problem).toMatch(/it is smaller/);
  });
});
