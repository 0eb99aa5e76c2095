// What the mix-node program shows while it works: a progress bar per long step on a terminal
// (cli-progress), one line per step otherwise (logs, tests, CI), and the time each step took; in
// the operator's language.
import type { Task, TaskData, TaskRunner } from '@evotare/crypto/parallel/task';
import type { Language, Localized } from '@evotare/verifier/i18n';
import cliProgress from 'cli-progress';
import { text } from './text.ts';

export interface Step {
  /** Sets how much there is to do (it may grow as work is found). */
  total(n: number): void;
  /** Sets how much is done. */
  update(done: number): void;
  /** Ends the step; returns its duration in seconds. */
  done(note?: Localized): number;
}

export interface Progress {
  step(label: Localized, unit: Localized): Step;
  log(line: Localized): void;
  stop(): void;
}

const seconds = (ms: number) => Math.round(ms) / 1000;

/** Bars on a terminal (stderr), plain lines elsewhere. */
export function progress(language: Language, stream: NodeJS.WriteStream = process.stderr): Progress {
  const bars = stream.isTTY
    ? new cliProgress.MultiBar(
        {
          stream,
          format: ' {label} [{bar}] {percentage}% | {value}/{total} {unit} | {duration_formatted}',
          hideCursor: true,
          clearOnComplete: false,
          stopOnComplete: false,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  return {
    step(label, unit) {
      const started = performance.now();
      const bar = bars?.create(1, 0, { label: label[language].padEnd(28), unit: unit[language] });
      if (bars === null) stream.write(`${text('stepStarted', { label })[language]}\n`);
      let total = 1;
      return {
        total(n) {
          total = Math.max(1, n);
          bar?.setTotal(total);
        },
        update(done) {
          bar?.update(done);
        },
        done(note) {
          const s = seconds(performance.now() - started);
          if (bar) {
            bar.update(total);
            bar.stop();
          }
          const line = (
            note === undefined
              ? text('stepDone', { label, seconds: s })
              : text('stepDoneNote', { label, seconds: s, note })
          )[language];
          if (bars) bars.log(`${line}\n`);
          else stream.write(`${line}\n`);
          return s;
        },
      };
    },
    log(localized) {
      const line = localized[language];
      if (bars) bars.log(`${line}\n`);
      else stream.write(`${line}\n`);
    },
    stop() {
      bars?.stop();
    },
  };
}

/**
 * A TaskRunner that counts the chunks a step hands to the pool and reports them done: the shuffle
 * and its proof split their work into chunks (crypto/src/parallel), so the bar follows them without
 * the crypto code knowing about bars.
 */
export class CountingRunner implements TaskRunner {
  readonly size: number;
  readonly #inner: TaskRunner;
  #step: Step | null = null;
  #total = 0;
  #done = 0;

  constructor(inner: TaskRunner) {
    this.#inner = inner;
    this.size = inner.size;
  }

  /** Reports the chunks run from now on to `step`. */
  reportTo(step: Step | null): void {
    this.#step = step;
    this.#total = 0;
    this.#done = 0;
  }

  map<I extends TaskData, O extends TaskData>(task: Task<I, O>, inputs: readonly I[]): Promise<O[]> {
    this.#total += inputs.length;
    this.#step?.total(this.#total);
    return Promise.all(
      inputs.map(async (input) => {
        const [output] = await this.#inner.map(task, [input]);
        this.#done++;
        this.#step?.update(this.#done);
        return output!;
      }),
    );
  }
}
