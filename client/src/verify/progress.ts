// The verifier page's progress by group of checks, counted from outside the verifier (which reports
// nothing while it runs): the entries it reads, by type (./CountedBoard), and the jobs it hands to
// the Web Workers, by task (./ProgressPool). The groups are those of table T15 that take the time.
import type { Task, TaskData, TaskRunner } from '@evotare/crypto/parallel/task';
import type { BoardSource, Line } from '@evotare/verifier/board-source';
import { verifyBallotsTask } from '@evotare/verifier/tasks';

export const PROGRESS_GROUPS = ['board', 'ballots', 'shuffles', 'decryptions'] as const;
export type ProgressGroup = (typeof PROGRESS_GROUPS)[number];

/** The group each task the verifier runs on a worker counts for (./tasks.ts). */
const TASK_GROUPS: Readonly<Record<string, ProgressGroup>> = {
  verifyBallotsTask: 'ballots',
  verifyRows: 'shuffles',
  commitChain: 'shuffles',
  commitPermutation: 'shuffles',
  reencryptRows: 'shuffles',
  decryptionSharesTask: 'decryptions',
  combineTask: 'decryptions',
  weightedSumsTask: 'decryptions',
};

/** The entry types read for each group beyond the board's own (V12): ballots, mix outputs, partial decryptions. */
const ENTRY_GROUPS: Readonly<Record<string, ProgressGroup>> = {
  ballot: 'ballots',
  'mix-output': 'shuffles',
  'partial-decryption': 'decryptions',
};

export interface GroupProgress {
  /** Entries of the group read (for `board`: every entry). */
  read: number;
  /** Jobs handed to the workers, and finished. */
  started: number;
  done: number;
  /** Ballots verified by the workers (`ballots` only). */
  items: number;
}

export class Progress {
  readonly groups: Record<ProgressGroup, GroupProgress> = Object.fromEntries(
    PROGRESS_GROUPS.map((g) => [g, { read: 0, started: 0, done: 0, items: 0 }]),
  ) as Record<ProgressGroup, GroupProgress>;

  /** An entry line read (JCS: the entry's own `type` is its last member). */
  entryRead(text: string): void {
    this.groups.board.read++;
    const type = /"type":"([a-z-]+)"\}$/.exec(text)?.[1];
    const group = type === undefined ? undefined : ENTRY_GROUPS[type];
    if (group !== undefined) this.groups[group].read++;
  }
}

/** A board source whose entries are counted as they are read. */
export class CountedBoard implements BoardSource {
  readonly #inner: BoardSource;
  readonly #progress: Progress;
  constructor(inner: BoardSource, progress: Progress) {
    this.#inner = inner;
    this.#progress = progress;
  }
  get name() {
    return this.#inner.name;
  }
  layoutProblems() {
    return this.#inner.layoutProblems();
  }
  treeHeadText() {
    return this.#inner.treeHeadText();
  }
  async *entryLines(from?: number): AsyncGenerator<Line> {
    for await (const line of this.#inner.entryLines(from)) {
      this.#progress.entryRead(line.text);
      yield line;
    }
  }
  treeHeadLines(fromSize?: number) {
    return this.#inner.treeHeadLines(fromSize);
  }
  attachment(id: string, bytes: number) {
    return this.#inner.attachment(id, bytes);
  }
}

/** A task runner whose jobs are counted by group as they start and finish. */
export class ProgressPool implements TaskRunner {
  readonly #inner: TaskRunner;
  readonly #progress: Progress;
  constructor(inner: TaskRunner, progress: Progress) {
    this.#inner = inner;
    this.#progress = progress;
  }
  get size() {
    return this.#inner.size;
  }
  async map<I extends TaskData, O extends TaskData>(task: Task<I, O>, inputs: readonly I[]): Promise<O[]> {
    const group = this.#progress.groups[TASK_GROUPS[task.name] ?? 'board'];
    group.started += inputs.length;
    const outputs = await this.#inner.map(task, inputs);
    group.done += inputs.length;
    if (task.name === verifyBallotsTask.name) {
      for (const input of inputs as readonly TaskData[]) {
        group.items += ((input as { ballots?: readonly unknown[] }).ballots ?? []).length;
      }
    }
    return outputs;
  }
}
