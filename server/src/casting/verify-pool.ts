// Ballot verification on long-lived worker threads. Requests that arrive while the workers are
// busy wait in a queue; a worker that becomes free takes up to `maxBatch` of them for one batched
// verification (one MSM for all their proofs), so the batch grows with the load by itself.
// The threads start on start() (the server calls it once it listens: loading crypto/ on them
// would otherwise compete with the server's own start for the cores) or on the first ballot,
// which waits in the queue until its thread has started: a ballot never fails for it.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { toBase64Url } from '@evotare/crypto/bytes';
import { manifestHash } from '@evotare/crypto/manifest';
import type { Verification } from '@evotare/crypto/result';
import type { BallotVerifier, VerificationContext } from './verifier.ts';
import type { FromWorker, ToWorker } from './verify-worker.ts';

interface Pending {
  readonly key: string;
  readonly ballot: unknown;
  resolve(v: Verification): void;
  reject(e: unknown): void;
}

interface Slot {
  readonly worker: Worker;
  readonly contexts: Set<string>;
  busy: boolean;
  /** The batch it is verifying. */
  current: number | null;
}

export interface PoolOptions {
  /** Worker threads (default: one per core but one, which the event loop, HTTP and JSON need). */
  readonly threads?: number;
  /** Ballots per batch at most. */
  readonly maxBatch?: number;
}

export class BallotVerifierPool implements BallotVerifier {
  readonly #threads: number;
  #slots: Slot[] = [];
  readonly #queue: Pending[] = [];
  readonly #inFlight = new Map<number, Pending[]>();
  readonly #contexts = new Map<string, VerificationContext>();
  readonly #maxBatch: number;
  #nextId = 1;
  #closed = false;

  constructor(options: PoolOptions = {}) {
    this.#threads = options.threads ?? Math.max(1, availableParallelism() - 1);
    this.#maxBatch = options.maxBatch ?? 64;
  }

  /** Starts the worker threads (once; verify() does if nobody did). */
  start(): void {
    if (this.#slots.length > 0 || this.#closed) return;
    this.#slots = Array.from({ length: this.#threads }, () => {
      const worker = new Worker(new URL('./verify-worker.ts', import.meta.url));
      const slot: Slot = { worker, contexts: new Set(), busy: false, current: null };
      worker.on('message', (m: FromWorker) => this.#settle(slot, m));
      worker.on('error', (e) => this.#fail(slot, e));
      worker.unref();
      return slot;
    });
  }

  verify(context: VerificationContext, ballot: unknown): Promise<Verification> {
    if (this.#closed) return Promise.reject(new Error('the verifier pool is closed'));
    this.start();
    const key = `${context.electionId}/${toBase64Url(manifestHash(context.manifest))}/${toBase64Url(context.electionKey)}`;
    if (!this.#contexts.has(key)) this.#contexts.set(key, context);
    return new Promise((resolve, reject) => {
      this.#queue.push({ key, ballot, resolve, reject });
      this.#dispatch();
    });
  }

  load(): { queued: number; verifying: number } {
    let verifying = 0;
    for (const batch of this.#inFlight.values()) verifying += batch.length;
    return { queued: this.#queue.length, verifying };
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (this.#queue.length === 0) return;
      if (slot.busy) continue;
      const key = this.#queue[0]!.key;
      const batch: Pending[] = [];
      for (let i = 0; i < this.#queue.length && batch.length < this.#maxBatch; ) {
        if (this.#queue[i]!.key === key) batch.push(...this.#queue.splice(i, 1));
        else i++;
      }
      if (!slot.contexts.has(key)) {
        const c = this.#contexts.get(key)!;
        slot.worker.postMessage({
          kind: 'context',
          key,
          manifest: c.manifest,
          electionKey: c.electionKey,
        } satisfies ToWorker);
        slot.contexts.add(key);
      }
      const id = this.#nextId++;
      this.#inFlight.set(id, batch);
      slot.busy = true;
      slot.current = id;
      slot.worker.postMessage({ kind: 'verify', id, key, ballots: batch.map((p) => p.ballot) } satisfies ToWorker);
    }
  }

  #settle(slot: Slot, m: FromWorker): void {
    slot.busy = false;
    slot.current = null;
    const batch = this.#inFlight.get(m.id);
    this.#inFlight.delete(m.id);
    if (batch) {
      if (m.kind === 'verified') for (const [i, p] of batch.entries()) p.resolve(m.results[i]!);
      else for (const p of batch) p.reject(new Error(`ballot verification failed: ${m.error}`));
    }
    this.#dispatch();
  }

  #fail(slot: Slot, e: unknown): void {
    // A worker that crashed is a bug; fail what it held and keep serving with the others.
    slot.busy = true;
    if (slot.current !== null) {
      for (const p of this.#inFlight.get(slot.current) ?? []) p.reject(e);
      this.#inFlight.delete(slot.current);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const p of this.#queue.splice(0)) p.reject(new Error('the verifier pool is closed'));
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }
}
