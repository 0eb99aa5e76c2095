// The worker-thread side of the WorkerPool (./pool.ts): imports a task's module on first use,
// runs the task on the input it is sent, and posts back the output or the error. One job at a
// time; the module cache lives as long as the thread, so tables and engines are built once.
import { parentPort } from 'node:worker_threads';
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

if (parentPort === null) throw new Error('crypto/src/parallel/worker.ts runs only as a worker thread');
const port = parentPort;

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

port.on('message', async (job: JobMessage) => {
  let result: ResultMessage;
  try {
    const task = await findTask(job.module, job.name);
    result = { id: job.id, output: task.run(job.input) };
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    result = { id: job.id, error: { name: error.name, message: error.message, stack: error.stack } };
  }
  port.postMessage(result);
});
