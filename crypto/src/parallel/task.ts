// Tasks that can run on another thread: the pure half of crypto/src/parallel/.
//
// A Task is a pure function from TaskData to TaskData, defined in a module that a worker thread
// can import by URL and exported under its name. Code that wants parallelism (the shuffle, threshold
// decryption, the verifier) defines its tasks with defineTask, splits its work into chunks, and calls
// runTasks(runner, task, chunks): with a TaskRunner (the WorkerPool of ./pool.ts) the chunks run on
// worker threads, without one they run here, in order, with the same code and the same data.
//
// Pure modules import this file only; ./pool.ts and ./worker.ts use Node's worker_threads and are
// imported by the programs (server, mix node, verifier CLI, benchmarks) that own a pool.

/**
 * What crosses between threads: bytes, numbers, strings, booleans, null, and arrays and plain
 * objects of these. Group elements and scalars travel as their encodings (§2.1, §2.2), never as
 * objects, so a task decodes — and so validates — everything it receives.
 */
export type TaskData =
  | Uint8Array
  | number
  | string
  | boolean
  | null
  | readonly TaskData[]
  | { readonly [key: string]: TaskData | undefined };

/** A named pure function that a worker can find: `(await import(module))[name]` is this object. */
export interface Task<I extends TaskData, O extends TaskData> {
  /** URL of the module that exports the task (its `import.meta.url`). */
  readonly module: string;
  /** The name under which that module exports it. */
  readonly name: string;
  readonly run: (input: I) => O;
}

/**
 * Defines a task. Call it at the top level of a module and export the result under `name`:
 *   export const sumChunk = defineTask(import.meta.url, 'sumChunk', (input: Uint8Array) => ...);
 */
export function defineTask<I extends TaskData, O extends TaskData>(
  module: string,
  name: string,
  run: (input: I) => O,
): Task<I, O> {
  return Object.freeze({ module, name, run });
}

export function isTask(value: unknown): value is Task<TaskData, TaskData> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Task<TaskData, TaskData>).module === 'string' &&
    typeof (value as Task<TaskData, TaskData>).name === 'string' &&
    typeof (value as Task<TaskData, TaskData>).run === 'function'
  );
}

/** Runs tasks somewhere else (on worker threads) and gives back their outputs in input order. */
export interface TaskRunner {
  /** How many tasks run at the same time; callers size their chunks by it. */
  readonly size: number;
  map<I extends TaskData, O extends TaskData>(task: Task<I, O>, inputs: readonly I[]): Promise<O[]>;
}

/**
 * Runs `task` over `inputs` on the runner, or here and in order when there is none. Outputs come
 * back in input order either way. A task that throws rejects the whole call.
 */
export async function runTasks<I extends TaskData, O extends TaskData>(
  runner: TaskRunner | undefined,
  task: Task<I, O>,
  inputs: readonly I[],
): Promise<O[]> {
  if (runner !== undefined) return runner.map(task, inputs);
  return inputs.map((input) => task.run(input));
}

/** A half-open range [start, end) of item indices. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

/**
 * Splits `count` items into contiguous ranges for `parallelism` threads: about `perThread` ranges
 * per thread (so a slow thread does not hold up the rest), each of at least `minSize` and at most
 * `maxSize` items (the last may be smaller), covering 0 .. count-1 in order.
 */
export function chunkRanges(
  count: number,
  options: { parallelism: number; perThread?: number; minSize?: number; maxSize?: number },
): Range[] {
  const { parallelism, perThread = 4, minSize = 1, maxSize = Number.MAX_SAFE_INTEGER } = options;
  if (count <= 0) return [];
  const wanted = Math.max(1, parallelism * perThread);
  const size = Math.min(maxSize, Math.max(minSize, Math.ceil(count / wanted)));
  const ranges: Range[] = [];
  for (let start = 0; start < count; start += size) ranges.push({ start, end: Math.min(count, start + size) });
  return ranges;
}
