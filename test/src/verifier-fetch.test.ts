// `evotare-verify fetch` as an auditor runs it (docs/SPEC.md §12.8, §15): the board of an election
// downloaded through the public API of a running server, with a test proxy on the way that can
// alter a page in transit or cut the connection. An altered page is refused with the ID of the
// check that caught it; an interrupted download goes on where it stopped once run again, after
// checking again what is on disk, even when the board grew meanwhile; an export that is missing or
// cut short is "could not read" (exit 3), never "does not verify"; the archive form reads back.
import { execFile } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appendBoardEntry, type BoardEntryType, encodeBoardEntry } from '@evotare/crypto/board/entry';
import { fromBase64Url } from '@evotare/crypto/bytes';
import { testDatabases } from '@evotare/server/src/testing/databases.ts';
import {
  exampleDefinition,
  makeParties,
  rollCsv,
  runCeremonyOverHttp,
  startTestServer,
  type TestServer,
} from '@evotare/server/src/testing/harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const VERIFIER = fileURLToPath(new URL('../../verifier/src/main.ts', import.meta.url));

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function verifier(...args: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(process.execPath, [VERIFIER, '--lang', 'en', ...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** What the proxy does with a response: pass it, replace its body, or cut the connection. */
type Intercept = (path: string, body: string) => string | 'cut' | undefined;

interface Page {
  entries: { seq: number; type: BoardEntryType; time: string; previous: string; payload: { size: number } }[];
}

describe('evotare-verify fetch, through a proxy that can alter pages', () => {
  const id = 'fetched';
  const work = mkdtempSync(join(tmpdir(), 'evotare-fetch-'));
  let s: TestServer;
  let proxy: Server;
  let url: string;
  let intercept: Intercept | undefined;
  let size: number;
  let imported = 0;
  const roll = async (n: number) => {
    for (let i = 0; i < n; i++, imported++) {
      await s.request('POST', `/api/v1/admin/elections/${id}/roll`, { body: { csv: rollCsv(2, 10 * imported).csv } });
    }
  };

  beforeAll(async () => {
    s = await startTestServer(await testDatabases[0]!.open());
    const definition = exampleDefinition(id);
    await s.request('POST', '/api/v1/admin/elections', { body: definition });
    const parties = makeParties(definition);
    await s.request('PUT', `/api/v1/admin/elections/${id}/parties`, { body: parties.parties });
    await s.request('POST', `/api/v1/admin/elections/${id}/key-ceremony`, { body: {} });
    await runCeremonyOverHttp(s, id, parties.trustees);
    await roll(2); // with pages of 2 entries, a dozen pages
    size = ((await (await s.request('GET', `/api/v1/elections/${id}/board/tree-head`)).json()) as { size: number })
      .size;
    proxy = createServer(async (req, res) => {
      res.on('error', () => {});
      const r = await s.request('GET', req.url!, { token: null });
      const body = Buffer.from(await r.arrayBuffer());
      const changed = intercept?.(req.url!, body.toString('utf8'));
      if (changed === 'cut') {
        req.socket.destroy();
        return;
      }
      res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
      res.end(changed ?? body);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    proxy?.closeAllConnections();
    if (proxy !== undefined) await new Promise((resolve) => proxy.close(resolve));
    await s?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const isPage = (path: string, from: number) => path.startsWith(`/api/v1/elections/${id}/board?from=${from}&`);

  it('downloads every page checked, and the export verifies as far as the board goes', async () => {
    intercept = undefined;
    const dir = join(work, 'honest');
    const fetched = await verifier('fetch', url, id, dir, '--page', '2', '--archive', join(work, 'honest.tar'));
    expect(fetched.stderr).toContain(`entries downloaded and checked: ${size} of ${size}`);
    expect(fetched.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['FORMAT', 'entries', 'tree-head.json', 'tree-heads.jsonl']);
    const report = await verifier(dir, '--json', '--threads', '0');
    const json = JSON.parse(report.stdout);
    expect(json.electionId).toBe(id);
    expect(json.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(
      json.results.filter((r: { id: string; outcome: string }) => r.id.startsWith('V12.') && r.outcome !== 'passed'),
    ).toEqual([]);
    expect(json.results.filter((r: { outcome: string }) => r.outcome === 'failed')).toEqual([]);
    // no ballots yet: incomplete, its own exit status
    expect(json.verdict).toBe('incomplete');
    expect(report.code).toBe(4);

    // the archive reads back as the directory does, and its digest is the one written beside it
    const sha256 = readFileSync(join(work, 'honest.tar.sha256'), 'utf8').split(' ')[0]!;
    const fromArchive = await verifier(
      join(work, 'honest.tar'),
      '--json',
      '--threads',
      '0',
      '--archive-sha256',
      sha256,
    );
    expect(JSON.parse(fromArchive.stdout).archive.sha256).toBe(sha256);
    expect(JSON.parse(fromArchive.stdout).results).toEqual(json.results);
    const other = await verifier(join(work, 'honest.tar'), '--archive-sha256', '0'.repeat(64));
    expect(other.code).toBe(1);
    expect(other.stderr).toContain(`is ${sha256}, not ${'0'.repeat(64)} as published`);
  });

  it('refuses a page altered in transit, naming the check that caught it', async () => {
    // a roll's size changed: the entry's hash no longer is its content's (V12.06)
    intercept = (path, body) => {
      if (!isPage(path, size - 2)) return undefined; // a roll entry
      const page = JSON.parse(body) as Page;
      page.entries[0]!.payload.size += 1000;
      return JSON.stringify(page);
    };
    const dir = join(work, 'altered');
    const r = await verifier('fetch', url, id, dir, '--page', '1');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/REFUSED: V12\.06 the hash chain .* entry \d+: hash does not match its content/);
    expect(existsSync(join(dir, 'tree-head.json'))).toBe(false);
    // what was checked before stays; nothing of the altered page was written
    expect(
      readFileSync(join(dir, 'entries', '0000000000.jsonl'), 'utf8')
        .trimEnd()
        .split('\n'),
    ).toHaveLength(size - 2);

    // the same change with the page's hashes and links redone: only the signed head can tell (V12.09)
    intercept = (path, body) => {
      if (!isPage(path, size - 2)) return undefined; // a roll entry
      const page = JSON.parse(body) as Page;
      let head = { seq: page.entries[0]!.seq - 1, hash: fromBase64Url(page.entries[0]!.previous, 32), time: '' };
      page.entries = page.entries.map((e, i) => {
        const payload = i === 0 ? { ...e.payload, size: e.payload.size + 1000 } : e.payload;
        const redone = appendBoardEntry(head, e.type, new Date(e.time), payload);
        head = { seq: redone.seq, hash: redone.hash, time: redone.time };
        return encodeBoardEntry(redone) as unknown as Page['entries'][number];
      });
      return JSON.stringify(page);
    };
    const again = await verifier('fetch', url, id, join(work, 'rehashed'), '--page', '1');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`REFUSED: V12.09 entry ${size - 2} is not in the signed tree head of size ${size}`);
  });

  it('goes on where it stopped after an interruption, checking again what is on disk, as the board grows', async () => {
    const dir = join(work, 'resumed');
    intercept = (path) => (isPage(path, 4) ? 'cut' : undefined);
    const cut = await verifier('fetch', url, id, dir, '--page', '2');
    expect(cut.code).toBe(3);
    expect(cut.stderr).toContain('COULD NOT FETCH');
    expect(existsSync(join(dir, 'FETCHING'))).toBe(true);
    // an unfinished download is not an export
    const early = await verifier(dir);
    expect(early.code).toBe(3);
    expect(early.stderr).toContain('the download was not finished');
    // the interruption also cut a line short as it was written
    appendFileSync(join(dir, 'entries', '0000000000.jsonl'), '{"hash":"abc');

    intercept = undefined;
    await roll(3); // the board grows meanwhile
    const resumed = await verifier('fetch', url, id, dir, '--page', '2');
    expect(resumed.stderr).toContain('resuming: 4 entries on disk checked again');
    expect(resumed.stderr).toContain(`entries downloaded and checked: ${size + 3} of ${size + 3}`);
    expect(resumed.code).toBe(0);
    const report = JSON.parse((await verifier(dir, '--json', '--threads', '0')).stdout);
    expect(
      report.results.filter((r: { id: string; outcome: string }) => r.id.startsWith('V12.') && r.outcome !== 'passed'),
    ).toEqual([]);

    // a server that rewrote what it showed before is caught by the consistency proof (V12.10)
    intercept = (path, body) => {
      if (!path.includes('/board/consistency')) return undefined;
      const proof = JSON.parse(body) as { proof: string[] };
      proof.proof = proof.proof.map(() => 'A'.repeat(43));
      return JSON.stringify(proof);
    };
    const older = join(work, 'older');
    cpSync(join(work, 'honest'), older, { recursive: true }); // the first export, brought up to date
    const forked = await verifier('fetch', url, id, older, '--page', '2');
    expect(forked.code).toBe(1);
    expect(forked.stderr).toContain(
      `REFUSED: V12.10 the signed tree head of size ${size + 3} does not extend the one of size ${size}`,
    );
  });

  it('says "could not read", with its own exit status, for a missing directory or a file cut short', async () => {
    const missing = await verifier(join(work, 'no-such-export'));
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('COULD NOT READ');
    expect(missing.stdout).not.toContain('DOES NOT VERIFY');

    const file = join(work, 'honest', 'entries', '0000000000.jsonl');
    truncateSync(file, readFileSync(file).length - 10);
    const cut = await verifier(join(work, 'honest'), '--json');
    expect(cut.code).toBe(3);
    expect(JSON.parse(cut.stdout)).toMatchObject({
      verdict: 'could-not-read',
      problems: ['entries/0000000000.jsonl is cut short: it does not end with a line feed'],
    });
    const usage = await verifier('--threads', 'many', join(work, 'honest'));
    expect(usage.code).toBe(2);
  });
});
