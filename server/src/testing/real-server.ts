// The real server for whole-system tests, started as `evotare serve` starts it (configuration from
// environment variables, listening on 127.0.0.1 on a free port): on PGlite in `dataDir`, or, with
// `postgres`, on a database of its own on the server EVOTARE_TEST_DATABASE_URL names. Closing it
// also drops that database.
import { loadConfig } from '../config.ts';
import { silentLogger } from '../log.ts';
import { type RunningServer, startServer } from '../server.ts';
import { createPostgresDatabase } from './databases.ts';

export async function startRealServer(
  dataDir: string,
  postgres: boolean,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const e: Record<string, string> = { EVOTARE_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', ...env };
  let drop = async () => {};
  if (postgres) {
    const created = await createPostgresDatabase(process.env.EVOTARE_TEST_DATABASE_URL!);
    drop = created.drop;
    e.DATABASE_URL = created.url;
    e.EVOTARE_AUTHORITY_PASSPHRASE = 'a passphrase for the tests';
    // One instance: it may make the first official and write its token, as on PGlite.
    e.EVOTARE_BOOTSTRAP_OFFICIAL ??= '1';
  }
  let server: RunningServer;
  try {
    server = await startServer(loadConfig(e), silentLogger);
  } catch (error) {
    await drop();
    throw error;
  }
  return {
    ...server,
    async close() {
      await server.close();
      await drop();
    },
  };
}
