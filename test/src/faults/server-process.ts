// The real server as a child process (`evotare serve --sample`), so that a scenario can kill it
// with SIGKILL and start it again on the same data directory or database and port. Its log lines
// (JSON) are kept for the checks: no unhandled error, no stack trace.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { freePort } from './postgres-cluster.ts';

const cli = fileURLToPath(new URL('../../../server/src/cli/main.ts', import.meta.url));

export interface ServerOptions {
  readonly dataDir: string;
  /** PostgreSQL; without, PGlite in dataDir. */
  readonly databaseUrl?: string;
  readonly env?: Record<string, string>;
}

export class ServerProcess {
  readonly url: string;
  readonly logs: Array<Record<string, unknown>> = [];
  /** Everything else it printed (the sample election's voters on the first start). */
  text = '';
  /** How the process last ended (null while it runs). */
  exited: { code: number | null; signal: string | null } | null = null;
  readonly #crash = new AbortController();
  #killing = false;
  readonly #options: ServerOptions;
  readonly #port: number;
  #child: ChildProcess | null = null;

  private constructor(options: ServerOptions, port: number) {
    this.#options = options;
    this.#port = port;
    this.url = `http://127.0.0.1:${port}`;
  }

  static async start(options: ServerOptions): Promise<ServerProcess> {
    const s = new ServerProcess(options, await freePort());
    await s.restart();
    return s;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** Starts the process (again) and waits until /readyz answers 200. */
  async restart(timeoutMs = 60_000): Promise<void> {
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      HOST: '127.0.0.1',
      PORT: String(this.#port),
      EVOTARE_DATA_DIR: this.#options.dataDir,
      EVOTARE_LOG_LEVEL: 'debug',
      EVOTARE_ACTIVATION_CODE_COST: '10',
      EVOTARE_RATE_LIMIT_CASTING: '100000',
      EVOTARE_RATE_LIMIT_ACTIVATION: '100000',
      ...(this.#options.databaseUrl
        ? {
            DATABASE_URL: this.#options.databaseUrl,
            EVOTARE_AUTHORITY_PASSPHRASE: 'a passphrase for the faults',
            EVOTARE_BOOTSTRAP_OFFICIAL: '1',
          }
        : {}),
      ...this.#options.env,
    };
    this.exited = null;
    this.#killing = false;
    const child = spawn(process.execPath, [cli, '--lang', 'en', 'serve', '--sample'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    child.on('exit', (code, signal) => {
      this.exited = { code, signal };
      if (!this.#killing) {
        const how = signal ?? `exit code ${code}`;
        this.#crash.abort(new Error(`the server ended by itself (${how}): ${stderr.slice(-3000)}`));
      }
    });
    let buffered = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const l of lines) {
        if (!l.startsWith('{')) {
          this.text += `${l}\n`;
          continue;
        }
        try {
          this.logs.push(JSON.parse(l) as Record<string, unknown>);
        } catch {
          // not a log line
        }
      }
    });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
      // The banner (address, sample voters) is on stderr; stdout holds only JSON logs.
      this.text += c;
    });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${stderr}`);
      if ((await fetch(`${this.url}/readyz`).catch(() => null))?.status === 200) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the server did not become ready in ${timeoutMs} ms: ${stderr}`);
  }

  /** Sends `signal` and waits for the process to end; resolves to its exit code or signal. */
  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | string | null> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = once(child, 'exit');
    this.#killing = true;
    child.kill(signal);
    const [code, sig] = (await exited) as [number | null, string | null];
    return code ?? sig;
  }

  /**
   * Aborted, for good, when the process ends without kill() — a crash — with an error giving its
   * exit status and the end of its stderr: a scenario stops at once instead of casting at a dead
   * port until its time-outs.
   */
  get crashed(): AbortSignal {
    return this.#crash.signal;
  }

  /** `p`, or the crash's error if the process ends by itself first. */
  unlessCrashed<T>(p: Promise<T>): Promise<T> {
    const signal = this.#crash.signal;
    if (signal.aborted) return Promise.reject(signal.reason);
    let onAbort = () => {};
    const crash = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
    });
    return Promise.race([p, crash]).finally(() => signal.removeEventListener('abort', onAbort));
  }

  get alive(): boolean {
    return this.#child !== null && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** Log lines that betray a bug: an unhandled error, or any line with a stack trace. */
  bugs(): Array<Record<string, unknown>> {
    return this.logs.filter((l) => l.msg === 'unhandled error' || 'stack' in l);
  }
}
