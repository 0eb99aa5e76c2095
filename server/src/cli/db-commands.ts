// `evotare db …`: the database commands an operator runs before the servers start (a deployment's
// one-shot `migrate` service, docker-compose.yml). They talk to PostgreSQL directly, not to a server.
import type { Command } from 'commander';
import { Option } from 'commander';
import { ConfigError, secretSetting } from '../config.ts';
import { migrateAsOwner } from '../db/database.ts';

export function addDbCommands(db: Command): void {
  db.command('migrate')
    .description(
      'run the migrations as the owner role (MIGRATION_DATABASE_URL, else DATABASE_URL; or *_FILE) and grant the runtime role the servers connect as its privileges (docs/OPERATIONS.md, PostgreSQL roles)',
    )
    .addOption(
      new Option('--grant-to <role>', 'the runtime role: SELECT/INSERT everywhere, no UPDATE/DELETE on the board').env(
        'EVOTARE_RUNTIME_ROLE',
      ),
    )
    .action(async (opts: { grantTo?: string }) => {
      const url = secretSetting(process.env, 'MIGRATION_DATABASE_URL') ?? secretSetting(process.env, 'DATABASE_URL');
      if (url === undefined) throw new ConfigError('set MIGRATION_DATABASE_URL (or DATABASE_URL): the owner role');
      const ran = await migrateAsOwner(url, opts.grantTo ?? null);
      console.log(JSON.stringify({ migrations: ran, runtimeRole: opts.grantTo ?? null }, null, 2));
    });
}
