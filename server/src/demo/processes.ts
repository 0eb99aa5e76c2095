// The processes of a demonstration election: the server, the officials' CLI, trustees, mix nodes
// and the verifier, each a separate Node process, as they would be on separate machines.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
export const VERIFIER = fileURLToPath(new URL('../../../verifier/src/main.ts', import.meta.url));
/** The trustee's and the mix node's own programs (evotare-trustee, evotare-mix). */
export const TRUSTEE = fileURLToPath(import.meta.resolve('@evotare/trustee/main'));
export const MIX = fileURLToPath(import.meta.resolve('@evotare/mixnode/main'));

export interface Finished {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Peak resident memory, sampled from /proc, of this process and every process started here. */
export class MemoryWatch {
  readonly #pids = new Set<number>();
  #peakBytes = process.memoryUsage().rss;
  readonly #timer: NodeJS.Timeout;

  constructor() {
    this.#timer = setInterval(() => this.sample(), 250);
    this.#timer.unref();
  }

  watch(child: ChildProcess): void {
    if (child.pid !== undefined) this.#pids.add(child.pid);
    child.once('exit', () => {
      if (child.pid !== undefined) this.#pids.delete(child.pid);
    });
  }

  sample(): void {
    let total = process.memoryUsage().rss;
    for (const pid of this.#pids) {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (m) total += Number(m[1]) * 1024;
      } catch {
        // the process has just ended
      }
    }
    this.#peakBytes = Math.max(this.#peakBytes, total);
  }

  get peakMb(): number {
    return Math.round(this.#peakBytes / 2 ** 20);
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}

export interface Runner {
  readonly memory: MemoryWatch;
  /** Runs a Node script to its end; rejects with its stderr when it fails, unless `allowFailure`. */
  node(
    script: string,
    args: readonly string[],
    env?: Record<string, string>,
    allowFailure?: boolean,
  ): Promise<Finished>;
  /** Starts a Node script and returns it running; `onLine` sees every line it prints. */
  start(
    script: string,
    args: readonly string[],
    env: Record<string, string>,
    onLine?: (line: string) => void,
  ): ChildProcess;
}

export function runner(baseEnv: Record<string, string>, memory: MemoryWatch): Runner {
  const start = (
    script: string,
    args: readonly string[],
    env: Record<string, string>,
    onLine?: (line: string) => void,
  ) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: { ...process.env, ...baseEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    memory.watch(child);
    if (onLine) {
      let buffered = '';
      const feed = (d: Buffer) => {
        buffered += d.toString();
        const lines = buffered.split(/\r?\n|\r/);
        buffered = lines.pop() ?? '';
        for (const l of lines) if (l.trim() !== '') onLine(l);
      };
      child.stdout!.on('data', feed);
      child.stderr!.on('data', feed);
    }
    return child;
  };
  return {
    memory,
    start,
    node: (script, args, env = {}, allowFailure = false) =>
      new Promise((resolve, reject) => {
        const child = start(script, args, env);
        let stdout = '';
        let stderr = '';
        child.stdout!.on('data', (d: Buffer) => {
          stdout += d.toString();
        });
        child.stderr!.on('data', (d: Buffer) => {
          stderr += d.toString();
        });
        child.once('error', reject);
        child.once('exit', (code) => {
          const done = { code: code ?? 1, stdout, stderr };
          if (code === 0 || allowFailure) resolve(done);
          else reject(new Error(`${args.slice(0, 3).join(' ')}: ${stderr.trim() || stdout.trim() || `exit ${code}`}`));
        });
      }),
  };
}

/** Starts `evotare serve` and resolves with its address once it listens (read from its English line). */
export function startServer(run: Runner, env: Record<string, string>): Promise<{ url: string; process: ChildProcess }> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = run.start(CLI, ['--lang', 'en', 'serve'], env, (line) => {
      output += `${line}\n`;
      const m = /running at (http:\/\/\S+)/.exec(line);
      if (m) resolve({ url: m[1]!, process: child });
    });
    child.once('exit', (code) => reject(new Error(`the server stopped (exit ${code}):\n${output}`)));
  });
}

export function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
