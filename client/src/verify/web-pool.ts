// A TaskRunner (crypto/src/parallel/task.ts) over Web Workers, one per core the browser reports:
// what the verifier's worker-thread pool (crypto/src/parallel/pool.ts) is for the CLI. Each job
// goes to the next free worker (a worker is free once it has said it is ready); outputs come back
// in input order.
import type { Task, TaskData, TaskRunner } from '@evotare/crypto/parallel/task';

interface Pending {
  readonly resolve: (output: TaskData) => void;
  readonly reject: (error: Error) => void;
}

export class WebWorkerPool implements TaskRunner {
  readonly size: number;
  readonly #workers: Worker[] = [];
  readonly #idle: Worker[] = [];
  readonly #queue: Array<{ message: { id: number; name: string; input: TaskData }; pending: Pending }> = [];
  readonly #pending = new Map<number, Pending>();
  #next = 0;
  /** Jobs finished so far, for a progress display. */
  done = 0;

  constructor(workerUrl: URL, size = Math.max(1, navigator.hardwareConcurrency || 1)) {
    this.size = size;
    for (let i = 0; i < size; i++) {
      const w = new Worker(workerUrl, { type: 'module' });
      w.addEventListener(
        'message',
        (event: MessageEvent<{ id: number; output?: TaskData; error?: string; ready?: true }>) => {
          if (event.data.ready) {
            this.#release(w);
            return;
          }
          const p = this.#pending.get(event.data.id);
          this.#pending.delete(event.data.id);
          this.done++;
          if (event.data.error !== undefined) p?.reject(new Error(event.data.error));
          else p?.resolve(event.data.output!);
          this.#release(w);
        },
      );
      w.addEventListener('error', (event) => {
        for (const p of this.#pending.values()) p.reject(new Error(event.message || 'a worker failed'));
        this.#pending.clear();
      });
      this.#workers.push(w);
    }
  }

  #release(w: Worker): void {
    const job = this.#queue.shift();
    if (job === undefined) {
      this.#idle.push(w);
      return;
    }
    this.#pending.set(job.message.id, job.pending);
    w.postMessage(job.message);
  }

  #run(name: string, input: TaskData): Promise<TaskData> {
    return new Promise((resolve, reject) => {
      const message = { id: this.#next++, name, input };
      const pending = { resolve, reject };
      const w = this.#idle.pop();
      if (w === undefined) this.#queue.push({ message, pending });
      else {
        this.#pending.set(message.id, pending);
        w.postMessage(message);
      }
    });
  }

  async map<I extends TaskData, O extends TaskData>(task: Task<I, O>, inputs: readonly I[]): Promise<O[]> {
    return (await Promise.all(inputs.map((input) => this.#run(task.name, input)))) as O[];
  }

  /** Jobs handed to the pool so far. */
  get started(): number {
    return this.#next;
  }

  close(): void {
    for (const w of this.#workers) w.terminate();
  }
}
