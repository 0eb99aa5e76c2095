// Frozen: never edit a migration once it is on main; add a new dated one instead.
// The voter's postal address, from the roll's optional `address` column (docs/SPEC.md §13.1): the
// activation letter is addressed with it. Not part of the roll's commitment; never published.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's TypeScript schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('voter').addColumn('address', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('the board cannot be migrated down');
}
