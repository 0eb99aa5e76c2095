// The observer's own log (docs/SPEC.md §12.11): an append-only file of JSON lines, kept on the
// observer's disk, never sent to the server. It records which election and CEC key it watches, every
// signed tree head it checked (with its co-signature, when it co-signed it) and every alarm. It lets
// the observer resume from the last head it checked, and it is what the observer publishes for other
// observers to compare with (their `--peer`), and what `check-receipt` reads.
//
//   {"event":"started","electionId":…,"observerKey":…,"authorityKey":…,"server":…,"time":…}
//   {"event":"head","treeHead":{…signed tree head…},"cosignature":σ|null,"position":p|null,"time":…}
//   {"event":"alarm","check":"V12.15","detail":…,"evidence":{…},"time":…}
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { decodeSignedTreeHead, type SignedTreeHead, type SignedTreeHeadJson } from '@evotare/crypto/board/tree-head';
import { canonicalize } from '@evotare/crypto/canonical-json';
import { LocalizedError, verbatim } from '@evotare/verifier/i18n';
import { text } from './text.ts';

export interface StartedLine {
  readonly event: 'started';
  readonly electionId: string;
  readonly observerKey: string;
  readonly authorityKey: string;
  readonly server: string;
  readonly time: string;
}

export interface HeadLine {
  readonly event: 'head';
  readonly treeHead: SignedTreeHeadJson;
  /** The observer's co-signature (Algorithm 12.8), or null for a head it checked but did not co-sign. */
  readonly cosignature: string | null;
  /** Where the board put the co-signature, as the server answered. */
  readonly position: number | null;
  readonly time: string;
}

export interface AlarmLine {
  readonly event: 'alarm';
  /** The observer's check that failed (§12.11), or a check of table T15. */
  readonly check: string;
  readonly detail: string;
  /** What shows it: the heads concerned, signed by the CEC. */
  readonly evidence: Readonly<Record<string, unknown>>;
  readonly time: string;
}

export type LogLine = StartedLine | HeadLine | AlarmLine;

/** Parses the lines of an observer's log (its own, or a peer's); a torn last line is left out. */
export function parseLog(content: string): LogLine[] {
  const lines = content.split('\n').filter((l) => l.trim() !== '');
  const out: LogLine[] = [];
  lines.forEach((line, i) => {
    try {
      const value = JSON.parse(line) as LogLine;
      if (typeof value === 'object' && value !== null && typeof value.event === 'string') out.push(value);
    } catch (e) {
      if (i < lines.length - 1) throw new Error(`line ${i + 1} is not JSON: ${(e as Error).message}`);
    }
  });
  return out;
}

/** The heads an observer's log says it checked and co-signed, decoded (the others left out). */
export function cosignedHeads(lines: readonly LogLine[]): SignedTreeHead[] {
  const out: SignedTreeHead[] = [];
  for (const l of lines) {
    if (l.event !== 'head' || l.cosignature === null) continue;
    const d = decodeSignedTreeHead(l.treeHead);
    if (!('error' in d)) out.push(d.value);
  }
  return out;
}

export class ObserverLog {
  readonly file: string;
  readonly lines: LogLine[];

  private constructor(file: string, lines: LogLine[]) {
    this.file = file;
    this.lines = lines;
  }

  /** Opens the log (empty if the file does not exist yet). */
  static open(file: string): ObserverLog {
    if (!existsSync(file)) return new ObserverLog(file, []);
    try {
      return new ObserverLog(file, parseLog(readFileSync(file, 'utf8')));
    } catch (e) {
      throw new LocalizedError(text('logUnreadable', { file, reason: verbatim((e as Error).message) }));
    }
  }

  get started(): StartedLine | undefined {
    return this.lines.find((l): l is StartedLine => l.event === 'started');
  }

  get alarms(): AlarmLine[] {
    return this.lines.filter((l): l is AlarmLine => l.event === 'alarm');
  }

  /** The last head the observer checked: where it resumes. */
  get lastHead(): SignedTreeHead | undefined {
    for (let i = this.lines.length - 1; i >= 0; i--) {
      const l = this.lines[i]!;
      if (l.event !== 'head') continue;
      const d = decodeSignedTreeHead(l.treeHead);
      if (!('error' in d)) return d.value;
    }
    return undefined;
  }

  /** Appends one line; each is written whole, with its line feed, before the call returns. */
  append(line: LogLine): void {
    appendFileSync(this.file, `${canonicalize(line as never)}\n`, { mode: 0o644 });
    this.lines.push(line);
  }
}
