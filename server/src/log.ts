// Structured logs through pino: one JSON object per line on stdout (nothing else goes there: the
// CLI's banner lines are on stderr), with the level as a word and the time in ISO 8601. Callers
// pass only what is safe to keep; as a second line of defence, fields whose names suggest a secret
// or a personal number are dropped, and pino's redaction censors such fields one level down
// (`{ request: { token } }`), so a token, an activation code or a passphrase cannot reach a log.
import pino from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const FORBIDDEN = /idnp|code|token|passphrase|password|secret|authorization|birth|cookie/i;

/** Nested fields censored by pino (its paths have no patterns: the usual names, one level down). */
const REDACTED = [
  'token',
  'code',
  'activationCode',
  'passphrase',
  'password',
  'secret',
  'authorization',
  'cookie',
  'idnp',
  'birthDate',
].flatMap((name) => [`*.${name}`, `*.headers.${name}`]);

export interface Logger {
  log(level: LogLevel, msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(write?: (line: string) => void, minimum: LogLevel = 'info'): Logger {
  const destination = write ? { write } : pino.destination({ dest: 1, sync: true });
  const logger = pino(
    {
      level: minimum,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED, censor: '[redacted]' },
    },
    destination,
  );
  const log = (level: LogLevel, msg: string, fields: Record<string, unknown> = {}) => {
    const safe: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields)) if (!FORBIDDEN.test(k) && v !== undefined) safe[k] = v;
    logger[level](safe, msg);
  };
  return {
    log,
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
  };
}

export const silentLogger: Logger = createLogger(() => {});
