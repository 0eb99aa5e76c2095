// The entry of the built verifier (verifier/scripts/build.ts): one JavaScript file that is the whole
// program and, on the threads of its own worker pool, the worker too. A task names the module that
// exports it (crypto/src/parallel/task.ts); bundled, every task's module is this file, so this file
// exports every task the verifier runs, and a worker thread started on it serves them
// (crypto/src/parallel/serve-tasks.ts) instead of running the program.
import { isMainThread, parentPort } from 'node:worker_threads';
import { serveTasks } from '@evotare/crypto/parallel/serve-tasks';
import { verifierProgram } from './cli/program.ts';

export * from '@evotare/crypto/shuffle/tasks';
export * from '@evotare/crypto/threshold/tasks';
export * from './tasks.ts';

if (isMainThread) await verifierProgram({ worker: new URL(import.meta.url) }).parseAsync();
else serveTasks(parentPort!);
