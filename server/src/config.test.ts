import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration of a deployment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string) => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };

  it('reads the database URLs and the passphrase from *_FILE secrets, trimmed', () => {
    const c = loadConfig({
      DATABASE_URL_FILE: file('db', 'postgres://evotare_app:pw@postgres/evotare\n'),
      MIGRATION_DATABASE_URL_FILE: file('migration', 'postgres://evotare_owner:pw@postgres/evotare\n'),
      EVOTARE_AUTHORITY_PASSPHRASE_FILE: file('passphrase', 'a long passphrase\n'),
      EVOTARE_DB_POOL_SIZE: '35',
    });
    expect(c).toMatchObject({
      databaseUrl: 'postgres://evotare_app:pw@postgres/evotare',
      migrationDatabaseUrl: 'postgres://evotare_owner:pw@postgres/evotare',
      authorityPassphrase: 'a long passphrase',
      poolSize: 35,
    });
  });

  it('a value in the environment wins over its file; the pool defaults to 20', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://a@b/c',
      DATABASE_URL_FILE: join(dir, 'absent'),
      EVOTARE_AUTHORITY_PASSPHRASE: 'a long passphrase',
    });
    expect(c).toMatchObject({ databaseUrl: 'postgres://a@b/c', migrationDatabaseUrl: null, poolSize: 20 });
  });

  it('refuses an unreadable secret file, a migration URL alone and a pool of zero, naming them', () => {
    expect(() => loadConfig({ DATABASE_URL_FILE: join(dir, 'absent') })).toThrow(/DATABASE_URL_FILE: cannot read/);
    expect(() => loadConfig({ MIGRATION_DATABASE_URL: 'postgres://o@p/e' })).toThrow(ConfigError);
    expect(() => loadConfig({ EVOTARE_DB_POOL_SIZE: '0', EVOTARE_DATA_DIR: dir })).toThrow(/EVOTARE_DB_POOL_SIZE/);
  });
});
