import { verifyBoardChain } from '@evotare/crypto/board/entry';
import { merkleTreeHash, verifyConsistencyProof, verifyInclusionProof } from '@evotare/crypto/board/merkle';
import { verifyTreeHead } from '@evotare/crypto/board/tree-head';
import { generateSigningKey } from '@evotare/crypto/signature';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { openDatabase } from '../db/database.ts';
import { testDatabases } from '../testing/databases.ts';
import {
  consistencyProof,
  entryFromRow,
  firstTreeHeadContaining,
  inclusionProof,
  latestTreeHead,
  readEntryRows,
  treeHeads,
} from './board.ts';
import { NodeCache } from './nodes.ts';
import { BoardWriter } from './writer.ts';

const authority = generateSigningKey();

describe.each(testDatabases)('board writer on $name', ({ name, open }) => {
  let h: DatabaseHandle & { url?: string };
  let writer: BoardWriter;
  const nodes = new NodeCache();
  beforeAll(async () => {
    h = await open();
    writer = new BoardWriter(h.db, authority, { nodes });
    for (const id of ['e1', 'e2']) {
      await h.db
        .insertInto('election')
        .values({ id, definition: '{}', state: 'open', roll_salt: new Uint8Array(32) })
        .execute();
    }
  });
  afterAll(() => h?.close());

  async function allEntries(electionId: string) {
    return (await readEntryRows(h.db, electionId, 0, 100_000)).map(entryFromRow);
  }

  it('appends concurrent jobs in batches that keep the chain, the tree and the signed heads consistent', async () => {
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        writer.submit(i % 5 === 0 ? 'e2' : 'e1', async (batch) => batch.append('ballot', { i }).seq),
      ),
    );
    for (const electionId of ['e1', 'e2']) {
      const entries = await allEntries(electionId);
      expect(entries).toHaveLength(electionId === 'e1' ? 240 : 60);
      expect(verifyBoardChain(entries)).toEqual({ valid: true });
      const head = await latestTreeHead(h.db, electionId);
      expect(head?.size).toBe(entries.length);
      expect(verifyTreeHead(head!, authority.publicKey)).toEqual({ valid: true });
      expect(head!.root).toEqual(merkleTreeHash(entries.map((e) => e.hash)));
      // Every stored head is a prefix of the latest, and has the right root.
      for (const th of await treeHeads(h.db, electionId, 0, 1000)) {
        expect(th.root).toEqual(merkleTreeHash(entries.slice(0, th.size).map((e) => e.hash)));
      }
    }
    // Every job got a position inside the tree head it was answered with.
    for (const r of results) {
      expect(r.treeHead).not.toBeNull();
      expect(r.value).toBeLessThan(r.treeHead!.size);
    }
  });

  it('proves inclusion of every entry and consistency between any two heads', async () => {
    const entries = await allEntries('e1');
    const heads = await treeHeads(h.db, 'e1', 0, 1000);
    const last = heads[heads.length - 1]!;
    for (const e of entries) {
      const proof = await inclusionProof(h.db, nodes, 'e1', e.seq, last.size);
      expect(proof.ok).toBe(true);
      if (!proof.ok) continue;
      expect(verifyInclusionProof(e.hash, e.seq, last.size, proof.value.proof, last.root)).toEqual({ valid: true });
      const first = await firstTreeHeadContaining(h.db, 'e1', e.seq);
      expect(first!.size).toBeGreaterThan(e.seq);
    }
    for (const a of heads) {
      for (const b of heads.filter((x) => x.size >= a.size).slice(0, 5)) {
        const proof = await consistencyProof(h.db, nodes, 'e1', a.size, b.size);
        expect(proof.ok && verifyConsistencyProof(a.size, b.size, proof.value.proof, a.root, b.root)).toEqual({
          valid: true,
        });
      }
    }
  });

  it('refuses proofs for sizes without a signed head', async () => {
    const r = await inclusionProof(h.db, nodes, 'e1', 0, 1_000_000);
    expect(r.ok).toBe(false);
    const c = await consistencyProof(h.db, nodes, 'e1', 0, 5);
    expect(c.ok).toBe(false);
  });

  it('fails only the job that throws, and commits the others', async () => {
    const before = (await allEntries('e2')).length;
    const outcomes = await Promise.allSettled([
      writer.submit('e2', async (b) => b.append('ballot', { ok: 1 }).seq),
      writer.submit('e2', async () => {
        throw new Error('a bug');
      }),
      writer.submit('e2', async (b) => b.append('ballot', { ok: 2 }).seq),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const entries = await allEntries('e2');
    expect(entries.length).toBe(before + 2);
    expect(verifyBoardChain(entries)).toEqual({ valid: true });
  });

  it.runIf(name === 'postgresql')(
    'serialises three server instances appending to one board, without conflicts',
    async () => {
      const others = [
        await openDatabase({ url: h.url!, poolSize: 5 }),
        await openDatabase({ url: h.url!, poolSize: 5 }),
      ];
      try {
        // Small batches, so that the instances take turns many times.
        const writers = [writer, ...others.map((o) => new BoardWriter(o.db, authority, { maxBatch: 3 }))];
        const before = writers.map((w) => ({ ...w.stats }));
        await Promise.all(
          Array.from({ length: 180 }, (_, i) =>
            writers[i % 3]!.submit('e1', async (b) => b.append('ballot', { instance: i % 3, i })),
          ),
        );
        const entries = await allEntries('e1');
        expect(verifyBoardChain(entries)).toEqual({ valid: true });
        const head = await latestTreeHead(h.db, 'e1');
        expect(head!.root).toEqual(merkleTreeHash(entries.map((e) => e.hash)));
        // The advisory lock is taken before the snapshot: a writer that waited reads the new tail.
        const committed = writers.reduce((n, w, i) => n + w.stats.committed - before[i]!.committed, 0);
        const retried = writers.reduce((n, w, i) => n + w.stats.retried - before[i]!.retried, 0);
        expect(committed).toBeGreaterThan(20);
        expect(retried).toBe(0);
      } finally {
        for (const o of others) await o.close();
      }
    },
  );
});
