// The tasks the verifier runs on other threads (crypto/src/parallel/task.ts), by name: what a Web
// Worker of the verifier page can run. The same task objects the CLI's worker threads import.
import type { Task, TaskData } from '@evotare/crypto/parallel/task';
import { commitChain, commitPermutation, reencryptRows, verifyRows } from '@evotare/crypto/shuffle/tasks';
import { combineTask, decryptionSharesTask, weightedSumsTask } from '@evotare/crypto/threshold/tasks';
import { verifyBallotsTask } from '@evotare/verifier/tasks';

export const TASKS: ReadonlyMap<string, Task<TaskData, TaskData>> = new Map(
  [
    verifyBallotsTask,
    verifyRows,
    commitChain,
    commitPermutation,
    reencryptRows,
    combineTask,
    decryptionSharesTask,
    weightedSumsTask,
  ].map((t) => [t.name, t as unknown as Task<TaskData, TaskData>]),
);
