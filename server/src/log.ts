// Structured logs: one JSON object per line. Callers pass only what is safe to keep; as a second
// line of defence, fields whose names suggest a secret or a personal number are dropped.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const FORBIDDEN = /idnp|code|token|passphrase|password|secret|authorization|birth/i;

export interface Logger {
  log(level: LogLevel, msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(
  write: (line: string) => void = (line) => process.stdout.write(line),
  minimum: LogLevel = 'info',
): Logger {
  const log = (level: LogLevel, msg: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[level] < ORDER[minimum]) return;
    const safe: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields)) if (!FORBIDDEN.test(k)) safe[k] = v;
    write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...safe })}\n`);
  };
  return {
    log,
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
  };
}

export const silentLogger: Logger = createLogger(() => {});
