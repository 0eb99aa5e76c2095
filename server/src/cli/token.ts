// Where the `evotare` CLI finds an official's token — never on its command line, where `ps` and
// the shell's history would show it: a file named by --token-file (or EVOTARE_TOKEN_FILE), the
// environment variable EVOTARE_TOKEN, the file the embedded server wrote on first start
// (<data dir>/official-token), or else, on a terminal, a prompt that does not echo.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

export interface TokenSources {
  readonly tokenFile?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** The token from a file or the environment, or null if none is given. */
export function tokenFromFileOrEnv(sources: TokenSources): string | null {
  const env = sources.env ?? process.env;
  const named = sources.tokenFile ?? env.EVOTARE_TOKEN_FILE;
  if (named !== undefined) return readTokenFile(named);
  if (env.EVOTARE_TOKEN) return env.EVOTARE_TOKEN.trim();
  const fallback = join(resolve(env.EVOTARE_DATA_DIR ?? './data'), 'official-token');
  return existsSync(fallback) ? readTokenFile(fallback) : null;
}

function readTokenFile(file: string): string {
  if (!existsSync(file) || !statSync(file).isFile()) throw new TokenFileError(file);
  return readFileSync(file, 'utf8').trim();
}

export class TokenFileError extends Error {
  readonly file: string;
  constructor(file: string) {
    super(`no token file ${file}`);
    this.file = file;
    this.name = 'TokenFileError';
  }
}

/** Asks for the token on the terminal without echoing it. */
export async function promptToken(question: string): Promise<string> {
  const muted = new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
  process.stderr.write(question);
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  try {
    return await new Promise<string>((resolvePromise) => rl.question('', (answer) => resolvePromise(answer.trim())));
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}
