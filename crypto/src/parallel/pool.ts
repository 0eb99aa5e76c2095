// A long-lived pool of worker threads for Node (node:worker_threads) that runs named pure tasks
// (./task.ts) over chunks of data and returns their outputs in order.
//
//   const pool = new WorkerPool();               // one worker per core, started now
//   const sums = await pool.map(sumChunk, chunks); // outputs in the order of chunks
//   await pool.close();                           // or: await using pool = new WorkerPool();
//
// Workers start once and are reused: each imports a task's module on first use and keeps it, so
// per-thread state that a module builds (the group engine, fixed-base tables) is built once per
// thread, not once per job. Inputs and outputs cross threads by structured clone, as bytes and
// plain values (TaskData). A worker holds the process open only while it has a job, so a program
// that forgets close() still exits; close() terminates the threads.
//
// Only programs import this module (server, mix node, verifier CLI, benchmarks, tests); pure code
// takes a TaskRunner parameter and never imports node:*.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { JobMessage, ResultMessage } from './serve-tasks.ts';
import type { Task, TaskData, TaskRunner } from './task.ts';

const WORKER_URL = new URL('./worker.ts', import.meta.url);

export interface WorkerPoolOptions {
  /** Number of worker threads; default os.availableParallelism(). */
  readonly size?: number;
  /**
   * The module each thread runs: by default ./worker.ts. A program bundled into one file gives
   * that file, which serves the jobs itself on a worker thread (./serve-tasks.ts).
   */
  readonly worker?: URL;
}

interface Job {
  readonly message: JobMessage;
  readonly resolve: (output: TaskData) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | undefined;
}

/**
 * Prepares data for postMessage. Structured clone copies the whole ArrayBuffer behind a view, so a
 * chunk of a big list sent as a subarray would carry the entire list: such views are copied to
 * their own buffer first, and those copies (ours alone) are transferred rather than cloned again.
 * Views that span their whole buffer are cloned, since the caller may still use them.
 */
export function packForTransfer(data: TaskData, transfer: ArrayBuffer[]): TaskData {
  if (data instanceof Uint8Array) {
    if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength) return data;
    const own = data.slice();
    transfer.push(own.buffer);
    return own;
  }
  if (Array.isArray(data)) return data.map((d) => packForTransfer(d, transfer));
  if (typeof data === 'object' && data !== null) {
    const out: Record<string, TaskData> = {};
    for (const [k, v] of Object.entries(data)) if (v !== undefined) out[k] = packForTransfer(v as TaskData, transfer);
    return out;
  }
  return data;
}

/** The error a task threw in its worker, with the same name and message. */
function rebuildError(error: { name: string; message: string; stack?: string }, task: string): Error {
  const e = new Error(error.message);
  e.name = error.name;
  e.stack = `${error.name}: ${error.message}\n    in task ${task} on a worker thread${
    error.stack === undefined ? '' : `\n${error.stack.split('\n').slice(1).join('\n')}`
  }`;
  return e;
}

export class WorkerPool implements TaskRunner {
  readonly size: number;
  readonly #worker: URL;
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  #nextId = 0;
  #closed = false;

  constructor(options: WorkerPoolOptions = {}) {
    const size = options.size ?? availableParallelism();
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`a pool needs at least one worker, got ${size}`);
    this.size = size;
    this.#worker = options.worker ?? WORKER_URL;
    for (let i = 0; i < size; i++) this.#slots.push(this.#startSlot());
  }

  #startSlot(): Slot {
    const slot: Slot = { worker: new Worker(this.#worker), job: undefined };
    this.#watch(slot);
    return slot;
  }

  #watch(slot: Slot): void {
    const { worker } = slot;
    worker.unref();
    worker.on('message', (result: ResultMessage) => {
      const job = slot.job;
      if (job === undefined || job.message.id !== result.id) return;
      slot.job = undefined;
      if ('error' in result) job.reject(rebuildError(result.error, job.message.name));
      else job.resolve(result.output);
      this.#dispatch();
    });
    // A worker that dies (an uncaught error outside a task, process.exit in a task, out of memory)
    // fails its job and is replaced, so one bad job does not shrink the pool.
    const lost = (reason: Error) => {
      if (slot.worker !== worker || this.#closed) return;
      worker.removeAllListeners();
      const job = slot.job;
      slot.job = undefined;
      slot.worker = new Worker(this.#worker);
      this.#watch(slot);
      job?.reject(reason);
      this.#dispatch();
    };
    worker.on('error', (e) => lost(e instanceof Error ? e : new Error(String(e))));
    worker.on('exit', (code) => lost(new Error(`worker thread exited with code ${code}`)));
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (slot.job !== undefined) continue;
      const job = this.#queue.shift();
      if (job === undefined) {
        slot.worker.unref();
        continue;
      }
      slot.job = job;
      slot.worker.ref();
      const transfer: ArrayBuffer[] = [];
      const input = packForTransfer(job.message.input, transfer);
      slot.worker.postMessage({ ...job.message, input }, transfer);
    }
  }

  /** Runs one task on the next free worker. */
  run<I extends TaskData, O extends TaskData>(task: Task<I, O>, input: I): Promise<O> {
    if (this.#closed) return Promise.reject(new Error('the worker pool is closed'));
    return new Promise<O>((resolve, reject) => {
      const message: JobMessage = { id: this.#nextId++, module: task.module, name: task.name, input };
      this.#queue.push({ message, resolve: resolve as (output: TaskData) => void, reject });
      this.#dispatch();
    });
  }

  /** Runs `task` on every input, spread over the workers; outputs in input order. */
  map<I extends TaskData, O extends TaskData>(task: Task<I, O>, inputs: readonly I[]): Promise<O[]> {
    return Promise.all(inputs.map((input) => this.run(task, input)));
  }

  /** Fails queued and running jobs and terminates every worker. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const closed = new Error('the worker pool is closed');
    for (const job of this.#queue.splice(0)) job.reject(closed);
    await Promise.all(
      this.#slots.map(async (slot) => {
        const job = slot.job;
        slot.job = undefined;
        job?.reject(closed);
        await slot.worker.terminate();
      }),
    );
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
