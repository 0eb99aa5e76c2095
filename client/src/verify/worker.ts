// A Web Worker of the verifier page: runs one named task (./tasks.ts) on the input it is sent and
// posts back the output or the error — the browser's side of crypto/src/parallel/worker.ts. It
// says when it is ready.
import type { TaskData } from '@evotare/crypto/parallel/task';
import { TASKS } from './tasks.ts';

interface Job {
  readonly id: number;
  readonly name: string;
  readonly input: TaskData;
}

self.addEventListener('message', (event: MessageEvent<Job>) => {
  const { id, name, input } = event.data;
  try {
    const task = TASKS.get(name);
    if (task === undefined) throw new Error(`no task named ${name}`);
    self.postMessage({ id, output: task.run(input) });
  } catch (e) {
    self.postMessage({ id, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
});

// Messages that arrive while the module is still loading (the crypto engine starts with a top-level
// await) would find no listener and be lost: the pool sends nothing before this.
self.postMessage({ ready: true });
