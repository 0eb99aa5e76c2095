import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BoardEntry, decodeBoardEntry, verifyBoardChain } from '@evotare/crypto/board/entry';
import { merkleTreeHash, verifyConsistencyProof, verifyInclusionProof } from '@evotare/crypto/board/merkle';
import {
  cosignTreeHead,
  decodeSignedTreeHead,
  type SignedTreeHead,
  verifyTreeHead,
  verifyTreeHeadCosignature,
} from '@evotare/crypto/board/tree-head';
import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { canonicalize } from '@evotare/crypto/canonical-json';
import { generateSigningKey } from '@evotare/crypto/signature';
import type { ApiClient } from '@evotare/verifier/remote/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../testing/databases.ts';
import { exampleDefinition, makeParties, rollCsv, startTestServer, type TestServer } from '../testing/harness.ts';
import { ENTRIES_PER_FILE, EXPORT_FORMAT, exportBoard } from './export.ts';

describe.each(testDatabases)('the public board on $name', ({ open }) => {
  let s: TestServer;
  const id = 'board';
  const observer = generateSigningKey();
  const get = async <T>(path: string): Promise<T> =>
    (await s.request('GET', path, { token: null })).json() as Promise<T>;
  const head = async () => {
    const d = decodeSignedTreeHead(await get(`/api/v1/elections/${id}/board/tree-head`));
    if (!('value' in d)) throw new Error('bad head');
    return d.value;
  };

  beforeAll(async () => {
    s = await startTestServer(await open());
    const definition = exampleDefinition(id);
    await s.request('POST', '/api/v1/admin/elections', { body: definition });
    await s.request('PUT', `/api/v1/admin/elections/${id}/parties`, { body: makeParties(definition).parties });
    await s.request('POST', `/api/v1/admin/elections/${id}/key-ceremony`, { body: {} });
    // A few roll imports: each appends an entry (and a tree head).
    for (let i = 0; i < 5; i++) {
      await s.request('POST', `/api/v1/admin/elections/${id}/roll`, { body: { csv: rollCsv(2, 10 * i).csv } });
    }
  });
  afterAll(() => s?.close());

  it('pages through entries that chain and match the signed tree head', async () => {
    const entries: BoardEntry[] = [];
    for (let from: number | null = 0; from !== null; ) {
      const page: { next: number | null; entries: unknown[] } = await get(
        `/api/v1/elections/${id}/board?from=${from}&limit=2`,
      );
      for (const json of page.entries) {
        const d = decodeBoardEntry(json);
        if (!('entry' in d)) throw new Error('bad entry');
        entries.push(d.entry);
      }
      from = page.next;
    }
    expect(entries.map((e) => e.type)).toEqual(['manifest', 'roll', 'roll', 'roll', 'roll', 'roll']);
    expect(verifyBoardChain(entries)).toEqual({ valid: true });
    const h = await head();
    expect(verifyTreeHead(h, s.deps.authority.publicKey)).toEqual({ valid: true });
    expect(h.root).toEqual(merkleTreeHash(entries.map((e) => e.hash)));
    const proof = (await get(`/api/v1/elections/${id}/board/inclusion?position=3`)) as {
      proof: string[];
      entryHash: string;
    };
    expect(
      verifyInclusionProof(
        entries[3]!.hash,
        3,
        h.size,
        proof.proof.map((p) => fromBase64Url(p)),
        h.root,
      ),
    ).toEqual({
      valid: true,
    });
  });

  it('lets a registered observer check consistency and co-sign a head, on the board', async () => {
    const r = await s.request('POST', `/api/v1/admin/elections/${id}/observers`, {
      body: { name: 'Promo-LEX', signingKey: toBase64Url(observer.publicKey) },
    });
    expect(r.status).toBe(201);
    expect(
      (
        await s.request('POST', `/api/v1/admin/elections/${id}/observers`, {
          body: { name: 'Promo-LEX', signingKey: toBase64Url(observer.publicKey) },
        })
      ).status,
    ).toBe(409);

    const heads = ((await get(`/api/v1/elections/${id}/board/tree-heads`)) as { treeHeads: unknown[] }).treeHeads.map(
      (j) => (decodeSignedTreeHead(j) as { value: SignedTreeHead }).value,
    );
    const [older, latest] = [heads[1]!, heads[heads.length - 1]!];
    const c = (await get(`/api/v1/elections/${id}/board/consistency?first=${older.size}&second=${latest.size}`)) as {
      proof: string[];
    };
    expect(
      verifyConsistencyProof(
        older.size,
        latest.size,
        c.proof.map((p) => fromBase64Url(p)),
        older.root,
        latest.root,
      ),
    ).toEqual({ valid: true });

    const latestJson = await get<Record<string, unknown>>(`/api/v1/elections/${id}/board/tree-head`);
    const signature = toBase64Url(cosignTreeHead(latest, observer.secretKey));
    const body = { observerKey: toBase64Url(observer.publicKey), treeHead: latestJson, signature };
    const posted = await s.request('POST', `/api/v1/elections/${id}/board/cosignatures`, { token: null, body });
    expect(posted.status).toBe(201);
    const { position } = (await posted.json()) as { position: number };
    const entry = await get<{ type: string; payload: { observerKey: string; signature: string } }>(
      `/api/v1/elections/${id}/board/entries/${position}`,
    );
    expect(entry.type).toBe('tree-head-cosignature');
    // The same co-signature again (a retry, or anyone replaying it) appends nothing: same position.
    const sizeBefore = (await get<{ size: number }>(`/api/v1/elections/${id}/board/tree-head`)).size;
    const repeats = await Promise.all(
      [1, 2, 3].map(() => s.request('POST', `/api/v1/elections/${id}/board/cosignatures`, { token: null, body })),
    );
    for (const r of repeats) expect(((await r.json()) as { position: number }).position).toBe(position);
    expect((await get<{ size: number }>(`/api/v1/elections/${id}/board/tree-head`)).size).toBe(sizeBefore);
    expect(
      verifyTreeHeadCosignature(
        latest,
        fromBase64Url(entry.payload.observerKey),
        fromBase64Url(entry.payload.signature),
      ),
    ).toEqual({ valid: true });

    // A co-signature that does not verify, or of a head the CEC did not sign, is refused.
    const bad = await s.request('POST', `/api/v1/elections/${id}/board/cosignatures`, {
      token: null,
      body: { ...body, signature: toBase64Url(cosignTreeHead(older, observer.secretKey)) },
    });
    expect(bad.status).toBe(422);
    const forged = { ...latestJson, root: toBase64Url(new Uint8Array(32)) };
    const f = await s.request('POST', `/api/v1/elections/${id}/board/cosignatures`, {
      token: null,
      body: { ...body, treeHead: forged },
    });
    expect(f.status).toBe(422);
  });

  it('exports to plain files that verify without the server', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evotare-export-'));
    try {
      const api: ApiClient = {
        get: async <T>(path: string) => get<T>(path),
        post: () => Promise.reject(new Error('read only')),
        put: () => Promise.reject(new Error('read only')),
        download: (path) => s.request('GET', path, { token: null }),
        upload: () => Promise.reject(new Error('read only')),
      };
      const { size } = await exportBoard(api, id, dir);
      expect(readFileSync(join(dir, 'FORMAT'), 'utf8')).toBe(`${EXPORT_FORMAT}\n`);
      const h = decodeSignedTreeHead(JSON.parse(readFileSync(join(dir, 'tree-head.json'), 'utf8')));
      if (!('value' in h)) throw new Error('bad head');
      expect(h.value.size).toBe(size);
      expect(verifyTreeHead(h.value, s.deps.authority.publicKey)).toEqual({ valid: true });
      const files = readdirSync(join(dir, 'entries')).sort();
      expect(files).toEqual(['0000000000.jsonl']);
      const lines = readFileSync(join(dir, 'entries', files[0]!), 'utf8')
        .trimEnd()
        .split('\n');
      expect(lines).toHaveLength(size);
      const entries = lines.map((line) => {
        expect(canonicalize(JSON.parse(line))).toBe(line); // every line is JCS
        return (decodeBoardEntry(JSON.parse(line)) as { entry: BoardEntry }).entry;
      });
      expect(verifyBoardChain(entries)).toEqual({ valid: true });
      expect(merkleTreeHash(entries.map((e) => e.hash))).toEqual(h.value.root);
      const heads = readFileSync(join(dir, 'tree-heads.jsonl'), 'utf8').trimEnd().split('\n');
      for (const line of heads) {
        const th = (decodeSignedTreeHead(JSON.parse(line)) as { value: SignedTreeHead }).value;
        expect(th.size).toBeLessThanOrEqual(size);
        expect(th.root).toEqual(merkleTreeHash(entries.slice(0, th.size).map((e) => e.hash)));
      }
      expect(ENTRIES_PER_FILE).toBe(10_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
