// Small tasks for the tests of the worker pool (pool.test.ts) and as an example of defining tasks.
import { threadId } from 'node:worker_threads';
import { defineTask } from './task.ts';

/** The sum of the bytes, with the thread that computed it. */
export const sumBytes = defineTask(import.meta.url, 'sumBytes', (bytes: Uint8Array) => {
  let sum = 0;
  for (const b of bytes) sum += b;
  return { sum, thread: threadId };
});

/** Spins for about `ms` milliseconds (to show that jobs overlap), then returns its thread. */
export const busyWait = defineTask(import.meta.url, 'busyWait', (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy on purpose
  }
  return threadId;
});

export const fail = defineTask(import.meta.url, 'fail', (message: string): null => {
  const e = new Error(message);
  e.name = 'InvalidEncodingError';
  throw e;
});

/** Ends its thread, as a crash would. */
export const crash = defineTask(import.meta.url, 'crash', (): null => {
  process.exit(3);
});

/** The size of the buffer behind the bytes a worker received. */
export const bufferSize = defineTask(import.meta.url, 'bufferSize', (bytes: Uint8Array) => bytes.buffer.byteLength);
