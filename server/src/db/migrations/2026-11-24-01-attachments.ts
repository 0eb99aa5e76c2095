// Frozen: never edit a migration once it is on main; add a new dated one instead.
// Attachments (docs/SPEC.md §14.1): byte strings the board's entries refer to by their digest —
// ciphertext lists, shuffle proofs, decryption shares. Stored in chunks so that a list of hundreds
// of thousands of rows is written and served piece by piece, never as one value in memory. Both
// tables are insert-only like the board, with the same trigger.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's TypeScript schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attachment_chunk')
    .addColumn('election_id', 'text', (c) => c.notNull().references('election.id'))
    .addColumn('id', 'bytea', (c) => c.notNull().check(sql`length(id) = 32`))
    .addColumn('idx', 'integer', (c) => c.notNull().check(sql`idx >= 0`))
    .addColumn('data', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('attachment_chunk_pk', ['election_id', 'id', 'idx'])
    .execute();
  // The header row comes last, in the same transaction as the chunks: its presence means complete.
  await db.schema
    .createTable('attachment')
    .addColumn('election_id', 'text', (c) => c.notNull().references('election.id'))
    .addColumn('id', 'bytea', (c) => c.notNull().check(sql`length(id) = 32`))
    .addColumn('size', 'bigint', (c) => c.notNull().check(sql`size >= 0`))
    .addColumn('chunks', 'integer', (c) => c.notNull().check(sql`chunks >= 0`))
    .addPrimaryKeyConstraint('attachment_pk', ['election_id', 'id'])
    .execute();
  for (const table of ['attachment', 'attachment_chunk']) {
    await sql`
      create trigger ${sql.id(`${table}_append_only`)} before update or delete on ${sql.table(table)}
      for each row execute function evotare_reject_change()`.execute(db);
    await sql`
      create trigger ${sql.id(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
      for each statement execute function evotare_reject_change()`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('the board cannot be migrated down');
}
