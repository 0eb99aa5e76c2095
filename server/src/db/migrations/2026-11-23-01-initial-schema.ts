// Frozen: never edit a migration once it is on main; add a new dated one instead.
// Written against Kysely<any> so it does not change when the TypeScript schema does.
import { type Kysely, sql } from 'kysely';

const APPEND_ONLY = [
  'board_entry',
  'board_node',
  'tree_head',
  'ballot',
  'credential',
  'revocation',
  'observer',
  'audit_log',
  'authority_key',
];

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's TypeScript schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('election')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('draft', 'key-ceremony', 'open', 'closed', 'mixing', 'decrypting', 'tallied')`),
    )
    .addColumn('parties', 'text')
    .addColumn('manifest', 'text')
    .addColumn('manifest_hash', 'bytea')
    .addColumn('election_key', 'bytea')
    .addColumn('roll_salt', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('board_entry')
    .addColumn('election_id', 'text', (c) => c.notNull().references('election.id'))
    .addColumn('seq', 'bigint', (c) => c.notNull().check(sql`seq >= 0`))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('previous', 'bytea', (c) => c.notNull().check(sql`length(previous) = 32`))
    .addColumn('hash', 'bytea', (c) => c.notNull().check(sql`length(hash) = 32`))
    .addPrimaryKeyConstraint('board_entry_pk', ['election_id', 'seq'])
    .execute();
  await db.schema.createIndex('board_entry_type').on('board_entry').columns(['election_id', 'type', 'seq']).execute();

  await db.schema
    .createTable('board_node')
    .addColumn('election_id', 'text', (c) => c.notNull().references('election.id'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('board_node_pk', ['election_id', 'level', 'idx'])
    .execute();

  await db.schema
    .createTable('tree_head')
    .addColumn('election_id', 'text', (c) => c.notNull().references('election.id'))
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('root', 'bytea', (c) => c.notNull())
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('signature', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('tree_head_pk', ['election_id', 'size'])
    .execute();

  await db.schema
    .createTable('ballot')
    .addColumn('election_id', 'text', (c) => c.notNull().references('election.id'))
    .addColumn('tracking_code', 'bytea', (c) => c.notNull())
    .addColumn('credential_key', 'bytea', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ballot_pk', ['election_id', 'tracking_code'])
    .addUniqueConstraint('ballot_seq', ['election_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('ballot_credential')
    .on('ballot')
    .columns(['election_id', 'credential_key', 'seq'])
    .execute();

  await db.schema
    .createTable('voter')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('election_id', 'text', (c) => c.notNull().references('election.id'))
    .addColumn('idnp', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('voted_in_person', 'boolean', (c) => c.notNull().defaultTo(false))
    .addUniqueConstraint('voter_idnp', ['election_id', 'idnp'])
    .execute();

  await db.schema
    .createTable('activation_code')
    .addColumn('voter_id', 'bigint', (c) => c.primaryKey().references('voter.id'))
    .addColumn('hash', 'bytea', (c) => c.notNull())
    .addColumn('salt', 'bytea', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('credential')
    .addColumn('election_id', 'text', (c) => c.notNull().references('election.id'))
    .addColumn('public_key', 'bytea', (c) => c.notNull())
    .addColumn('voter_id', 'bigint', (c) => c.notNull().references('voter.id'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('credential_pk', ['election_id', 'public_key'])
    .execute();
  await db.schema.createIndex('credential_voter').on('credential').columns(['voter_id', 'seq']).execute();

  await db.schema
    .createTable('revocation')
    .addColumn('election_id', 'text', (c) => c.notNull())
    .addColumn('public_key', 'bytea', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('revocation_pk', ['election_id', 'public_key'])
    .addForeignKeyConstraint('revocation_credential', ['election_id', 'public_key'], 'credential', [
      'election_id',
      'public_key',
    ])
    .execute();

  await db.schema
    .createTable('observer')
    .addColumn('election_id', 'text', (c) => c.notNull().references('election.id'))
    .addColumn('signing_key', 'bytea', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('observer_pk', ['election_id', 'signing_key'])
    .execute();

  await db.schema
    .createTable('official')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('token_hash', 'bytea', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('time', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('official', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('election_id', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('authority_key')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('public_key', 'bytea', (c) => c.notNull())
    .addColumn('sealed', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The board and what indexes it can only grow: no UPDATE, DELETE or TRUNCATE, whoever asks.
  await sql`
    create function evotare_reject_change() returns trigger language plpgsql as $$
    begin
      raise exception 'the bulletin board is append-only: % on % is not allowed', tg_op, tg_table_name
        using errcode = 'EV001';
    end
    $$`.execute(db);
  for (const table of APPEND_ONLY) {
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
