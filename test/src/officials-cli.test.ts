// Officials through the real `evotare` CLI: the first administrator made by `evotare officials
// bootstrap` in the database (no server running it, no token left on a server's disk) works on
// every instance of that database — on PostgreSQL, two server instances; a second bootstrap is
// refused; tokens come from --token-file or EVOTARE_TOKEN (never --token); a roll clerk cannot
// close voting; a revoked official is refused.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadConfig } from '@evotare/server/src/config.ts';
import { silentLogger } from '@evotare/server/src/log.ts';
import { type RunningServer, startServer } from '@evotare/server/src/server.ts';
import { createPostgresDatabase } from '@evotare/server/src/testing/databases.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../server/src/cli/main.ts', import.meta.url));
const run = promisify(execFile);

const databases = [
  { name: 'pglite', postgres: false },
  ...(process.env.EVOTARE_TEST_DATABASE_URL ? [{ name: 'postgresql', postgres: true }] : []),
];

describe.each(databases)('evotare officials, on $name', ({ postgres }) => {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-officials-'));
  const adminToken = join(dir, 'admin-token');
  let database: { url: string; drop(): Promise<void> } | null = null;
  const servers: RunningServer[] = [];
  const base = (dataDir: string): Record<string, string> => ({
    EVOTARE_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    EVOTARE_LOG_LEVEL: 'error',
    ...(database ? { DATABASE_URL: database.url, EVOTARE_AUTHORITY_PASSPHRASE: 'a passphrase for the tests' } : {}),
  });
  const evotare = async (env: Record<string, string>, ...args: string[]) => {
    try {
      const r = await run(process.execPath, [cli, '--lang', 'en', ...args], { env: { ...process.env, ...env } });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, stdout: x.stdout, stderr: x.stderr };
    }
  };

  beforeAll(async () => {
    if (postgres) database = await createPostgresDatabase(process.env.EVOTARE_TEST_DATABASE_URL!);
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  // Timeouts allow for a loaded machine: each step starts a Node process (about a second when idle).
  it('bootstraps in the database, then every instance accepts the token', { timeout: 120_000 }, async () => {
    const first = base(join(dir, 'one'));
    const made = await evotare(first, 'officials', 'bootstrap', '--out', adminToken);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain(`first administrator, cec-admin: the token is in ${adminToken}`);
    expect(statSync(adminToken).mode & 0o777).toBe(0o600);
    expect(readFileSync(adminToken, 'utf8').trim()).toMatch(/^evo_[A-Za-z0-9_-]{43}$/);
    const again = await evotare(first, 'officials', 'bootstrap', '--name', 'someone');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('an administrator is already active (cec-admin)');

    // The servers: on PostgreSQL two instances of one database, each with a data directory of its
    // own; on PGlite the one that holds the directory. None writes a token file of its own.
    servers.push(await startServer(loadConfig(first), silentLogger));
    if (postgres) servers.push(await startServer(loadConfig(base(join(dir, 'two'))), silentLogger));
    for (const s of servers) {
      const listed = await evotare({ EVOTARE_SERVER: s.url }, '--token-file', adminToken, 'officials', 'list');
      expect(listed.code).toBe(0);
      expect(listed.stdout).toMatch(/^cec-admin\tadministrator\t—\tactive$/m);
    }
    expect(existsSync(join(dir, 'one', 'official-token'))).toBe(false);
  });

  // Once, on the last database (PostgreSQL when there is one): the roles do not depend on it.
  it.runIf(postgres || databases.length === 1)(
    'gives a roll clerk no power to close voting, revokes, and has no --token option',
    {
      timeout: 120_000,
    },
    async () => {
      const server = servers.at(-1)!;
      const env = { EVOTARE_SERVER: server.url, EVOTARE_TOKEN_FILE: adminToken };
      const added = await evotare(env, 'officials', 'add', 'Clerk Ion', '--role', 'roll-clerk');
      expect(added.code).toBe(0);
      expect(added.stdout).toContain('role: roll-clerk');
      const clerk = /token (evo_[A-Za-z0-9_-]{43})/.exec(added.stdout)![1]!;
      const asClerk = { EVOTARE_SERVER: server.url, EVOTARE_TOKEN: clerk };
      const close = await evotare(asClerk, 'election', 'close', 'any-election');
      expect(close.code).toBe(1);
      expect(close.stderr).toContain('Your role does not allow this action');
      expect((await evotare(asClerk, 'officials', 'list')).code).toBe(0);

      const revoked = await evotare(env, 'officials', 'revoke', 'Clerk Ion');
      expect(revoked.stdout).toContain('the token of official Clerk Ion is revoked from now on');
      const refused = await evotare(asClerk, 'officials', 'list');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('An electoral official must authenticate');

      const argv = await evotare({ EVOTARE_SERVER: server.url }, '--token', clerk, 'officials', 'list');
      expect(argv.code).not.toBe(0);
      expect(argv.stderr).toContain("unknown option '--token'");
      const missing = await evotare(
        { EVOTARE_SERVER: server.url },
        '--token-file',
        join(dir, 'nope'),
        'officials',
        'list',
      );
      expect(missing.stderr).toContain(`the token file ${join(dir, 'nope')} does not exist`);
    },
  );
});
