// The worker-thread side of the WorkerPool (./pool.ts): imports a task's module on first use,
// runs the task on the input it is sent, and posts back the output or the error. One job at a
// time; the module cache lives as long as the thread, so tables and engines are built once.
// ./worker.ts runs it; a program bundled into one file (the built verifier) runs it itself on its
// pool's threads, and its tasks are then found in that same file.
import type { MessagePort } from 'node:worker_threads';
import { isTask, type TaskData } from './task.ts';

export interface JobMessage {
  readonly id: number;
  readonly module: string;
  readonly name: string;
  readonly input: TaskData;
}

export type ResultMessage =
  | { readonly id: number; readonly output: TaskData }
  | {
      readonly id: number;
      readonly error: { readonly name: string; readonly message: string; readonly stack?: string };
    };

/** Copies views to buffers of their own (see packForTransfer in ./pool.ts) and lists all buffers. */
function ownBuffers(data: TaskData, transfer: ArrayBuffer[]): TaskData {
  if (data instanceof Uint8Array) {
    const own = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
    if (own.buffer instanceof ArrayBuffer && !transfer.includes(own.buffer)) transfer.push(own.buffer);
    return own;
  }
  if (Array.isArray(data)) return data.map((d) => ownBuffers(d, transfer));
  if (typeof data === 'object' && data !== null) {
    const out: Record<string, TaskData> = {};
    for (const [k, v] of Object.entries(data)) if (v !== undefined) out[k] = ownBuffers(v as TaskData, transfer);
    return out;
  }
  return data;
}

const modules = new Map<string, Promise<Record<string, unknown>>>();

async function findTask(module: string, name: string) {
  let loading = modules.get(module);
  if (loading === undefined) {
    loading = import(module) as Promise<Record<string, unknown>>;
    modules.set(module, loading);
  }
  const task = (await loading)[name];
  if (!isTask(task)) throw new Error(`${module} exports no task named ${name}`);
  return task;
}

/** Answers the jobs a WorkerPool sends over `port` (the worker thread's parentPort). */
export function serveTasks(port: MessagePort): void {
  port.on('message', async (job: JobMessage) => {
    let result: ResultMessage;
    try {
      const task = await findTask(job.module, job.name);
      result = { id: job.id, output: task.run(job.input) };
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      result = { id: job.id, error: { name: error.name, message: error.message, stack: error.stack } };
    }
    // A task's output is its own: transfer every buffer instead of copying it.
    const transfer: ArrayBuffer[] = [];
    if ('output' in result) result = { id: result.id, output: ownBuffers(result.output, transfer) };
    port.postMessage(result, transfer);
  });
}
