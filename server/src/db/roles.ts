// The two PostgreSQL roles of a deployment (docs/OPERATIONS.md, "PostgreSQL roles"). The owner
// role runs the migrations and owns every table, view and trigger. The runtime role, the one the
// servers connect as, may read and insert everywhere but may update and delete only the tables
// that are not append-only; ALTER, DROP, TRUNCATE and disabling a trigger are the owner's alone in
// PostgreSQL, so the runtime role can neither rewrite the board nor take its triggers away.
import { type Kysely, sql } from 'kysely';
import { migrations } from './migrations/index.ts';

/** Kysely's own bookkeeping: the runtime role reads it (to see the schema is current), no more. */
const MIGRATION_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

export class DatabaseRoleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseRoleError';
  }
}

/**
 * The migrations not yet run on `db`, by name (read-only: creates nothing). It reads Kysely's
 * migration table itself, two small queries: Kysely's Migrator.getMigrations finds the table by
 * reading the whole catalogue (≈ 90 ms of every start on PGlite).
 */
// biome-ignore lint/suspicious/noExplicitAny: works before and after any migration
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const table = await sql<{ present: boolean }>`select to_regclass('kysely_migration') is not null as present`.execute(
    db,
  );
  const done = new Set<string>();
  if (table.rows[0]?.present) {
    for (const { name } of (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows) {
      done.add(name);
    }
  }
  return Object.keys(migrations)
    .filter((name) => !done.has(name))
    .sort();
}

// biome-ignore lint/suspicious/noExplicitAny: runs on any schema
export async function currentRole(db: Kysely<any>): Promise<string> {
  return (await sql<{ role: string }>`select current_user as role`.execute(db)).rows[0]!.role;
}

/** Whether `role` owns the board's first table, i.e. could alter or drop it. */
// biome-ignore lint/suspicious/noExplicitAny: runs on any schema
export async function ownsBoard(db: Kysely<any>, role: string): Promise<boolean> {
  const { rows } = await sql<{ owns: boolean }>`
    select coalesce(pg_has_role(${role}, c.relowner, 'USAGE'), false) as owns
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relname = 'board_entry'`.execute(db);
  return rows[0]?.owns ?? false;
}

/** Refuses a runtime role that does not exist, is a superuser or is (a member of) the owner. */
// biome-ignore lint/suspicious/noExplicitAny: runs on any schema
export async function checkRuntimeRole(db: Kysely<any>, role: string): Promise<void> {
  const r = (
    await sql<{ super: boolean; owner: boolean }>`
      select rolsuper as super, pg_has_role(${role}, current_user, 'USAGE') as owner
      from pg_roles where rolname = ${role}`.execute(db)
  ).rows[0];
  if (r === undefined) throw new DatabaseRoleError(`the runtime role ${role} does not exist`);
  if (r.super) throw new DatabaseRoleError(`the runtime role ${role} is a superuser: it must be an ordinary role`);
  if (r.owner) {
    throw new DatabaseRoleError(
      `the runtime role ${role} is, or is a member of, the role that runs the migrations: it must be a separate role`,
    );
  }
}

/**
 * Gives `role` what a server needs on every table of the current schema, and nothing more:
 * SELECT and INSERT everywhere, UPDATE and DELETE only where there is no `<table>_append_only`
 * trigger, SELECT only on views and on Kysely's migration tables. Idempotent: each table's
 * privileges are revoked first, so a table that became append-only loses UPDATE and DELETE.
 * Refuses a role that is a superuser or a member of the owner (either could do anything).
 */
// biome-ignore lint/suspicious/noExplicitAny: runs on any schema
export async function grantRuntimeRole(db: Kysely<any>, role: string): Promise<void> {
  await checkRuntimeRole(db, role);
  const { rows: relations } = await sql<{ name: string; kind: string; appendOnly: boolean }>`
    select c.relname as name, c.relkind as kind,
      exists (select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgname = c.relname || '_append_only')
        as "appendOnly"
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v')
    order by c.relname`.execute(db);
  const who = sql.id(role);
  const schema = sql.id((await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s);
  await db.transaction().execute(async (tx) => {
    await sql`grant usage on schema ${schema} to ${who}`.execute(tx);
    for (const { name, kind, appendOnly } of relations) {
      const table = sql.table(name);
      await sql`revoke all on ${table} from ${who}`.execute(tx);
      if (kind === 'v' || MIGRATION_TABLES.has(name)) await sql`grant select on ${table} to ${who}`.execute(tx);
      else if (appendOnly) await sql`grant select, insert on ${table} to ${who}`.execute(tx);
      else await sql`grant select, insert, update, delete on ${table} to ${who}`.execute(tx);
    }
    await sql`grant usage, select on all sequences in schema ${schema} to ${who}`.execute(tx);
  });
}
