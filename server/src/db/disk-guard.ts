// Keeps the embedded database (PGlite) away from a full disk. PGlite answers a failed WAL write
// with SQLSTATE 53100, but a full disk can also stop it inside a write that never returns, with
// the main thread spinning: every request then hangs, /healthz too, and SIGTERM is never handled
// (issue 13). So the server refuses writes *before* the disk is full: while the filesystem of the
// data directory has less than `minFreeBytes` free, every INSERT, UPDATE and DELETE fails with
// StorageFullError (answered 503 with Retry-After, logged as an error naming the directory), reads
// still work, and /readyz says "storage full". Writes resume by themselves once space is freed.
import { statfsSync } from 'node:fs';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  UnknownRow,
} from 'kysely';
import type { Logger } from '../log.ts';
import { StorageFullError } from './faults.ts';

const WRITES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);

export interface StorageStatus {
  readonly full: boolean;
  readonly freeBytes: number;
  /** The database met a full disk anyway and stopped: the server must be restarted. */
  readonly halted?: string;
}

export class DiskGuard {
  readonly #dir: string;
  readonly #minFreeBytes: number;
  readonly #log: Logger | undefined;
  readonly #checkEveryMs: number;
  #checkedAt = Number.NEGATIVE_INFINITY;
  #status: StorageStatus = { full: false, freeBytes: Number.POSITIVE_INFINITY };
  #halted: string | undefined;

  constructor(dir: string, options: { minFreeBytes: number; log?: Logger; checkEveryMs?: number }) {
    this.#dir = dir;
    this.#minFreeBytes = options.minFreeBytes;
    this.#log = options.log;
    this.#checkEveryMs = options.checkEveryMs ?? 250;
  }

  /**
   * The database reported a full disk (a write larger than the margin): PGlite is now stuck, and
   * the next query would spin for ever, so every query is refused until the server restarts.
   */
  halt(cause: string): void {
    if (this.#halted !== undefined) return;
    this.#halted = cause;
    this.#log?.error('storage full: the embedded database stopped; free space, then restart the server', {
      dir: this.#dir,
      cause,
    });
  }

  /** The free space, measured at most every `checkEveryMs`. */
  status(): StorageStatus {
    if (this.#halted !== undefined) return { ...this.#status, full: true, halted: this.#halted };
    const now = performance.now();
    if (now - this.#checkedAt < this.#checkEveryMs) return this.#status;
    this.#checkedAt = now;
    let freeBytes: number;
    try {
      const s = statfsSync(this.#dir);
      freeBytes = s.bavail * s.bsize;
    } catch {
      return this.#status; // cannot tell: keep the last answer
    }
    const full = freeBytes < this.#minFreeBytes;
    if (full && !this.#status.full) {
      this.#log?.error('storage full: writes are refused', {
        dir: this.#dir,
        freeMB: Math.floor(freeBytes / 2 ** 20),
        minimumMB: Math.floor(this.#minFreeBytes / 2 ** 20),
      });
    } else if (!full && this.#status.full) {
      this.#log?.info('storage available again: writes resume', { dir: this.#dir });
    }
    this.#status = { full, freeBytes };
    return this.#status;
  }

  /** Throws StorageFullError if the disk is (nearly) full. */
  assertWritable(): void {
    const { full, freeBytes, halted } = this.status();
    if (halted !== undefined) throw new StorageFullError(`the embedded database stopped after: ${halted}`);
    if (full) {
      throw new StorageFullError(
        `the filesystem of ${this.#dir} has ${Math.floor(freeBytes / 2 ** 20)} MB free, less than the ` +
          `${Math.floor(this.#minFreeBytes / 2 ** 20)} MB kept free (EVOTARE_MIN_FREE_MB)`,
      );
    }
  }

  /** A Kysely plugin that calls assertWritable before every write query (every query once halted). */
  plugin(): KyselyPlugin {
    return {
      transformQuery: (args: PluginTransformQueryArgs) => {
        if (this.#halted !== undefined || WRITES.has(args.node.kind)) this.assertWritable();
        return args.node;
      },
      transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => args.result,
    };
  }
}
