// The server's pool of worker threads for the tally's heavy checks (crypto/src/parallel): a mix
// node's shuffle proof, which CheckShuffleProof splits over the threads. Started on first use and
// then kept (each thread keeps the engine and its tables), so a server that never mixes starts no
// thread. Ballots have their own pool (./casting/verify-pool.ts), sized for many small jobs.

import { availableParallelism } from 'node:os';
import { WorkerPool } from '@evotare/crypto/parallel/pool';
import type { Task, TaskData, TaskRunner } from '@evotare/crypto/parallel/task';

export class ServerWorkers implements TaskRunner {
  readonly size: number;
  #pool: WorkerPool | null = null;
  #closed = false;

  constructor(size: number = availableParallelism()) {
    this.size = size;
  }

  map<I extends TaskData, O extends TaskData>(task: Task<I, O>, inputs: readonly I[]): Promise<O[]> {
    if (this.#closed) return Promise.reject(new Error('the server is closing'));
    this.#pool ??= new WorkerPool({ size: this.size });
    return this.#pool.map(task, inputs);
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#pool?.close();
  }
}
