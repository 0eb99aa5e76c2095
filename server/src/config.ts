// The server's settings, from the environment (docs/OPERATIONS.md lists them).

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { LogLevel } from './log.ts';

export interface Config {
  readonly port: number;
  readonly host: string;
  /** PostgreSQL URL; without it, PGlite in `dataDir`. */
  readonly databaseUrl: string | null;
  /** The owner role's URL: migrations run through it and the runtime role is granted (db/roles.ts). */
  readonly migrationDatabaseUrl: string | null;
  /** PostgreSQL connections per instance. */
  readonly poolSize: number;
  readonly dataDir: string;
  readonly authorityPassphrase: string;
  readonly trustProxy: boolean;
  readonly verifyThreads: number | undefined;
  readonly logLevel: LogLevel;
  /** Requests per minute (and burst) per client address; undefined: the defaults of ./app.ts. */
  readonly rateLimits: { readonly activation?: number; readonly casting?: number; readonly lookup?: number };
  /** log2 of scrypt's N for new activation codes (§13.3); each hash keeps its own parameters. */
  readonly activationCodeCost: number;
  /**
   * Whether elections with a threshold of one trustee may be created (SPEC §7.1): for test
   * elections only, since one trustee can then decrypt every ballot alone.
   */
  readonly allowThresholdOne: boolean;
  /** PGlite: writes are refused while the data directory's filesystem has less free (bytes). */
  readonly minFreeBytes: number;
  /** Open HTTP connections at most; more are closed at once. */
  readonly maxConnections: number;
  /** Time a client has to send its request headers, and its whole request (ms). */
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  /**
   * Whether the server makes the first administrator on an empty database and writes its token to
   * `<dataDir>/official-token`: by default with the embedded database only (one instance, whose
   * data directory is the database's). With PostgreSQL, several instances share the database and
   * `evotare officials bootstrap` makes the first administrator instead (EVOTARE_BOOTSTRAP_OFFICIAL=1
   * keeps the old way for a single instance, e.g. tests and the demo).
   */
  readonly bootstrapOfficial: boolean;
  /** Notes for the operator, e.g. that a trial passphrase was generated. */
  readonly notes: string[];
}

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).optional(),
  EVOTARE_DB_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(20),
  EVOTARE_DATA_DIR: z.string().min(1).default('./data'),
  EVOTARE_AUTHORITY_PASSPHRASE: z.string().min(1).optional(),
  EVOTARE_AUTHORITY_PASSPHRASE_FILE: z.string().min(1).optional(),
  EVOTARE_TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0'),
  EVOTARE_VERIFY_THREADS: z.coerce.number().int().min(1).max(256).optional(),
  EVOTARE_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  EVOTARE_RATE_LIMIT_ACTIVATION: z.coerce.number().int().min(1).optional(),
  EVOTARE_RATE_LIMIT_CASTING: z.coerce.number().int().min(1).optional(),
  EVOTARE_RATE_LIMIT_LOOKUP: z.coerce.number().int().min(1).optional(),
  EVOTARE_MIN_FREE_MB: z.coerce.number().int().min(0).default(64),
  EVOTARE_MAX_CONNECTIONS: z.coerce.number().int().min(1).default(4096),
  EVOTARE_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  EVOTARE_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  EVOTARE_ACTIVATION_CODE_COST: z.coerce.number().int().min(10).max(20).default(14),
  EVOTARE_ALLOW_THRESHOLD_ONE: z.enum(['0', '1', 'true', 'false']).default('0'),
  EVOTARE_BOOTSTRAP_OFFICIAL: z.enum(['0', '1', 'true', 'false']).optional(),
});

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * A setting that may be a secret (a URL with a password): NAME, else the content of the file that
 * NAME_FILE names (a container secret, /run/secrets/…), trimmed.
 */
export function secretSetting(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  if (value) return value;
  const file = env[`${name}_FILE`];
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (e) {
    throw new ConfigError(`${name}_FILE: cannot read ${file}: ${(e as Error).message}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) throw new ConfigError(`invalid environment: ${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  const dataDir = resolve(e.EVOTARE_DATA_DIR);
  const databaseUrl = secretSetting(env, 'DATABASE_URL');
  const migrationDatabaseUrl = secretSetting(env, 'MIGRATION_DATABASE_URL');
  if (migrationDatabaseUrl !== undefined && databaseUrl === undefined) {
    throw new ConfigError('MIGRATION_DATABASE_URL needs DATABASE_URL, the runtime role the server connects as');
  }
  const notes: string[] = [];
  let passphrase = secretSetting(env, 'EVOTARE_AUTHORITY_PASSPHRASE');
  if (passphrase === undefined) {
    if (databaseUrl !== undefined) {
      throw new ConfigError(
        'set EVOTARE_AUTHORITY_PASSPHRASE or EVOTARE_AUTHORITY_PASSPHRASE_FILE: the CEC authority key is sealed with it',
      );
    }
    // A one-command trial on PGlite: a generated passphrase kept next to the data.
    const file = join(dataDir, 'authority-passphrase');
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
    }
    passphrase = readFileSync(file, 'utf8').trim();
    notes.push(
      `trial mode: the authority passphrase was generated in ${file}; for a pilot, set EVOTARE_AUTHORITY_PASSPHRASE_FILE to a file kept elsewhere`,
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: databaseUrl ?? null,
    migrationDatabaseUrl: migrationDatabaseUrl ?? null,
    poolSize: e.EVOTARE_DB_POOL_SIZE,
    dataDir,
    authorityPassphrase: passphrase,
    trustProxy: e.EVOTARE_TRUST_PROXY === '1' || e.EVOTARE_TRUST_PROXY === 'true',
    verifyThreads: e.EVOTARE_VERIFY_THREADS,
    logLevel: e.EVOTARE_LOG_LEVEL,
    rateLimits: {
      activation: e.EVOTARE_RATE_LIMIT_ACTIVATION,
      casting: e.EVOTARE_RATE_LIMIT_CASTING,
      lookup: e.EVOTARE_RATE_LIMIT_LOOKUP,
    },
    activationCodeCost: e.EVOTARE_ACTIVATION_CODE_COST,
    allowThresholdOne: e.EVOTARE_ALLOW_THRESHOLD_ONE === '1' || e.EVOTARE_ALLOW_THRESHOLD_ONE === 'true',
    minFreeBytes: e.EVOTARE_MIN_FREE_MB * 2 ** 20,
    maxConnections: e.EVOTARE_MAX_CONNECTIONS,
    headersTimeoutMs: e.EVOTARE_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: Math.max(e.EVOTARE_REQUEST_TIMEOUT_MS, e.EVOTARE_HEADERS_TIMEOUT_MS),
    bootstrapOfficial:
      e.EVOTARE_BOOTSTRAP_OFFICIAL === undefined
        ? e.DATABASE_URL === undefined
        : e.EVOTARE_BOOTSTRAP_OFFICIAL === '1' || e.EVOTARE_BOOTSTRAP_OFFICIAL === 'true',
    notes,
  };
}
