// Reading a board export (docs/SPEC.md §12.8, §14.1): plain files, no server.
//   FORMAT                      "evotare-board 1"
//   tree-head.json              the signed tree head the export stops at
//   tree-heads.jsonl            every signed tree head up to it, by size
//   entries/<first seq>.jsonl   the entries, one JCS line each, in board order
//   attachments/<id>            attachments, named by the base64url of their id
import {
  closeSync,
  createReadStream,
  existsSync,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { BoardSource, Line } from './board-source.ts';

export const EXPORT_FORMAT = 'evotare-board 1';

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Why a file of lines (§12.8: each line followed by a line feed) cannot be read whole, or null. */
function cutShort(file: string): string | null {
  if (!existsSync(file)) return null;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const { size } = fstatSync(fd);
    if (size === 0) return 'is empty';
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] === 0x0a ? null : 'is cut short: it does not end with a line feed';
  } catch (e) {
    return `cannot be read: ${e instanceof Error ? e.message : String(e)}`;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export class BoardExport implements BoardSource {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  get name(): string {
    return this.dir;
  }

  /** Problems with the directory's layout (V12.01); empty when it can be read. */
  async layoutProblems(): Promise<string[]> {
    const problems: string[] = [];
    if (!existsSync(this.dir) || !statSync(this.dir).isDirectory()) return [`${this.dir} is not a directory`];
    const format = this.#read('FORMAT');
    if (format === null) problems.push('FORMAT is missing');
    else if (format.trim() !== EXPORT_FORMAT) problems.push(`FORMAT is "${format.trim()}", not "${EXPORT_FORMAT}"`);
    if (existsSync(join(this.dir, 'FETCHING'))) {
      problems.push('FETCHING is there: the download was not finished (run evotare-verify fetch again)');
    }
    const head = this.#read('tree-head.json');
    if (head === null) problems.push('tree-head.json is missing');
    else if (!isJson(head)) problems.push('tree-head.json is cut short or not JSON');
    if (!existsSync(join(this.dir, 'entries'))) problems.push('the entries/ directory is missing');
    else if (this.entryFiles().length === 0) problems.push('the entries/ directory holds no entry file');
    for (const name of [...this.entryFiles().map((f) => join('entries', f)), 'tree-heads.jsonl']) {
      const problem = cutShort(join(this.dir, name));
      if (problem !== null) problems.push(`${name} ${problem}`);
    }
    return problems;
  }

  #read(name: string): string | null {
    try {
      return readFileSync(join(this.dir, name), 'utf8');
    } catch {
      return null;
    }
  }

  async treeHeadText(): Promise<string | null> {
    return this.#read('tree-head.json');
  }

  /** The entry files in board order (their names are the zero-padded first sequence number). */
  entryFiles(): string[] {
    try {
      return readdirSync(join(this.dir, 'entries'))
        .filter((f) => /^\d{10}\.jsonl$/.test(f))
        .sort();
    } catch {
      return [];
    }
  }

  /** Every line of the entry files from line `from` on (counting from 0 over all files), in order, streamed. */
  async *entryLines(from = 0): AsyncGenerator<Line> {
    let n = 0;
    for (const file of this.entryFiles()) {
      for await (const line of this.#lines(join('entries', file))) if (n++ >= from) yield line;
    }
  }

  /** The lines of tree-heads.jsonl, from the first whose size is at least `fromSize` on. */
  async *treeHeadLines(fromSize = 0): AsyncGenerator<Line> {
    if (!existsSync(join(this.dir, 'tree-heads.jsonl'))) return;
    let reached = fromSize === 0;
    for await (const line of this.#lines('tree-heads.jsonl')) {
      reached ||= headSize(line.text) >= fromSize;
      if (reached) yield line;
    }
  }

  async *#lines(name: string): AsyncGenerator<Line> {
    const lines = createInterface({
      input: createReadStream(join(this.dir, name)),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    let n = 0;
    for await (const text of lines) {
      n++;
      if (text !== '') yield { where: `${name}:${n}`, text };
    }
  }

  /** The bytes of an attachment, or null when the export lacks it. */
  async attachment(idText: string): Promise<Uint8Array | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(idText)) return null;
    try {
      return new Uint8Array(await readFile(join(this.dir, 'attachments', idText)));
    } catch {
      return null;
    }
  }
}

/** The `size` of a tree-head line, or +∞ if it has none (such a line is given to the verifier, which reports it). */
function headSize(text: string): number {
  try {
    const size = (JSON.parse(text) as { size?: unknown }).size;
    return typeof size === 'number' ? size : Number.POSITIVE_INFINITY;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
