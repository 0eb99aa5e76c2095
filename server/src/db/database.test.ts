import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../testing/databases.ts';
import { type DatabaseHandle, openDatabase } from './database.ts';
import { DataDirectoryInUseError } from './lock-file.ts';
import { APPEND_ONLY_TABLES } from './schema.ts';
import { serializable } from './transaction.ts';

describe.each(testDatabases)('database on $name', ({ open }) => {
  let h: DatabaseHandle;
  const b = (n: number) => new Uint8Array(32).fill(n);
  // One row in every append-only table, and a column of each to try to change.
  const rows: Record<(typeof APPEND_ONLY_TABLES)[number], [Record<string, unknown>, string]> = {
    board_entry: [
      {
        election_id: 'e1',
        seq: 0,
        type: 'manifest',
        time: '2024-10-20T00:00:00.000Z',
        payload: '{}',
        previous: b(0),
        hash: b(1),
      },
      'type',
    ],
    board_node: [{ election_id: 'e1', level: 0, idx: 0, hash: b(2) }, 'hash'],
    tree_head: [{ election_id: 'e1', size: 1, root: b(3), time: '2024-10-20T00:00:00.000Z', signature: b(4) }, 'root'],
    ballot: [{ election_id: 'e1', tracking_code: b(5), credential_key: b(6), seq: 0 }, 'seq'],
    credential: [{ election_id: 'e1', public_key: b(6), voter_id: 1, seq: 0 }, 'seq'],
    revocation: [{ election_id: 'e1', public_key: b(6), reason: 'withdrawn', seq: 0 }, 'reason'],
    observer: [{ election_id: 'e1', signing_key: b(7), name: 'o', seq: 0 }, 'name'],
    audit_log: [{ official: 'x', action: 'y', election_id: 'e1', detail: '{}' }, 'action'],
    authority_key: [{ id: 1, public_key: b(8), sealed: b(9) }, 'sealed'],
    attachment_chunk: [{ election_id: 'e1', id: b(10), idx: 0, data: b(11) }, 'data'],
    attachment: [{ election_id: 'e1', id: b(10), size: 32, chunks: 1 }, 'size'],
  };
  beforeAll(async () => {
    h = await open();
    await h.db
      .insertInto('election')
      .values({ id: 'e1', definition: '{}', state: 'draft', roll_salt: b(0) })
      .execute();
    await h.db
      .insertInto('voter')
      .values({ election_id: 'e1', idnp: '2000000000007', name: 'A', birth_date: '1990-01-01', country: 'IT' })
      .execute();
    for (const [table, [row]] of Object.entries(rows)) {
      await h.db
        .insertInto(table as keyof typeof rows)
        .values(row as never)
        .execute();
    }
  });
  afterAll(() => h?.close());

  it('reads bigint columns as numbers and bytea as bytes', async () => {
    const row = await h.db.selectFrom('board_entry').selectAll().executeTakeFirstOrThrow();
    expect(row.seq).toBe(0);
    expect(row.hash).toBeInstanceOf(Uint8Array);
    expect([...row.hash]).toEqual(new Array(32).fill(1));
  });

  it.each(APPEND_ONLY_TABLES)('rejects UPDATE, DELETE and TRUNCATE on %s', async (table) => {
    const [, column] = rows[table];
    await expect(
      sql`update ${sql.table(table)} set ${sql.ref(column)} = ${sql.ref(column)}`.execute(h.db),
    ).rejects.toThrow(/append-only: UPDATE/);
    await expect(sql`delete from ${sql.table(table)}`.execute(h.db)).rejects.toThrow(/append-only: DELETE/);
    await expect(sql`truncate ${sql.table(table)} cascade`.execute(h.db)).rejects.toThrow(/append-only: TRUNCATE/);
    const count = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(h.db);
    expect(count.rows[0]?.n).toBe(1);
  });

  it('runs serializable transactions', async () => {
    const level = await serializable(h.db, async (tx) => {
      const r = await sql<{ transaction_isolation: string }>`show transaction_isolation`.execute(tx);
      return r.rows[0]?.transaction_isolation;
    });
    expect(level).toBe('serializable');
  });
});

describe('the PGlite data directory', () => {
  it('refuses a second opener with a clear message, and opens again once released', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evotare-lock-'));
    try {
      const first = await openDatabase({ dataDir: dir });
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DataDirectoryInUseError);
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/in use by another e-Votare process/);
      await first.close();
      const again = await openDatabase({ dataDir: dir });
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
