// Officials get a role (what they may do: server/src/officials/roles.ts) and may be given an
// expiry. Officials made before roles existed could do everything: they become administrators.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's TypeScript schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('official')
    .addColumn('role', 'text', (c) =>
      c.notNull().defaultTo('administrator').check(sql`role in ('administrator', 'roll-clerk', 'observer')`),
    )
    .execute();
  await db.schema.alterTable('official').addColumn('expires_at', 'timestamptz').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('official').dropColumn('expires_at').dropColumn('role').execute();
}
