// The module each thread of a WorkerPool (./pool.ts) runs: it answers the pool's jobs (./serve-tasks.ts).
import { parentPort } from 'node:worker_threads';
import { serveTasks } from './serve-tasks.ts';

if (parentPort === null) throw new Error('crypto/src/parallel/worker.ts runs only as a worker thread');
serveTasks(parentPort);
