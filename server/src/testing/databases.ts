// The databases every server suite runs against: PGlite always, PostgreSQL when
// EVOTARE_TEST_DATABASE_URL names a server where the tests may create databases (CI always sets
// it: .ci/services). Each suite gets a database of its own, dropped at the end.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../db/database.ts';

export interface TestDatabase {
  readonly name: 'pglite' | 'postgresql';
  open(): Promise<DatabaseHandle & { readonly url?: string }>;
}

const adminUrl = process.env.EVOTARE_TEST_DATABASE_URL;

export const testDatabases: TestDatabase[] = [
  { name: 'pglite', open: () => openDatabase({ inMemory: true }) },
  ...(adminUrl ? [{ name: 'postgresql' as const, open: () => openPostgres(adminUrl) }] : []),
];

/** A fresh, empty PostgreSQL database; closing the handle drops it. */
export async function createPostgresDatabase(admin: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `evotare_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

async function openPostgres(admin: string): Promise<DatabaseHandle & { url: string }> {
  const created = await createPostgresDatabase(admin);
  const handle = await openDatabase({ url: created.url, poolSize: 30 });
  return {
    ...handle,
    url: created.url,
    async close() {
      await handle.close();
      await created.drop();
    },
  };
}
