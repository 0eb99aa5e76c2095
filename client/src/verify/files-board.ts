// A board export (docs/SPEC.md §12.8) chosen in the browser — a directory picked with the file
// input's `webkitdirectory`, or dropped on the page — as a BoardSource for the verifier's own code
// (@evotare/verifier/verify). It reads what verifier/src/export-reader.ts reads from a disk, with
// the same layout problems (V12.01); nothing here checks anything else.
import type { BoardSource, Line } from '@evotare/verifier/board-source';

const EXPORT_FORMAT = 'evotare-board 1';

/** The export's files by their path inside it (`FORMAT`, `entries/0000000000.jsonl`, …). */
export type ExportFiles = ReadonlyMap<string, Blob>;

/** Files as a directory input gives them: their paths start with the chosen directory's name. */
export function exportFilesOf(files: Iterable<File & { webkitRelativePath?: string }>): ExportFiles {
  const out = new Map<string, Blob>();
  for (const f of files) {
    const path = f.webkitRelativePath || f.name;
    const inside = path.includes('/') ? path.slice(path.indexOf('/') + 1) : path;
    out.set(inside, f);
  }
  return out;
}

/** A directory dropped on the page (DataTransferItem.webkitGetAsEntry): its files by path inside it. */
export async function exportFilesDropped(items: DataTransferItemList): Promise<{ name: string; files: ExportFiles }> {
  const out = new Map<string, Blob>();
  const root = [...items].map((i) => i.webkitGetAsEntry()).find((e) => e?.isDirectory) as
    | FileSystemDirectoryEntry
    | undefined;
  if (root === undefined) return { name: '', files: out };
  const walk = async (dir: FileSystemDirectoryEntry, prefix: string): Promise<void> => {
    const reader = dir.createReader();
    for (;;) {
      // readEntries gives the entries a batch at a time, and an empty batch at the end.
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) return;
      for (const e of batch) {
        if (e.isDirectory) await walk(e as FileSystemDirectoryEntry, `${prefix}${e.name}/`);
        else {
          const file = await new Promise<File>((resolve, reject) => (e as FileSystemFileEntry).file(resolve, reject));
          out.set(`${prefix}${e.name}`, file);
        }
      }
    }
  };
  await walk(root, '');
  return { name: root.name, files: out };
}

export class FilesBoard implements BoardSource {
  readonly name: string;
  readonly #files: ExportFiles;

  constructor(files: ExportFiles, name: string) {
    this.#files = files;
    this.name = name;
  }

  async #text(path: string): Promise<string | null> {
    const f = this.#files.get(path);
    return f === undefined ? null : f.text();
  }

  async layoutProblems(): Promise<string[]> {
    if (this.#files.size === 0) return [`${this.name} is not a directory`];
    const problems: string[] = [];
    const format = await this.#text('FORMAT');
    if (format === null) problems.push('FORMAT is missing');
    else if (format.trim() !== EXPORT_FORMAT) problems.push(`FORMAT is "${format.trim()}", not "${EXPORT_FORMAT}"`);
    if (!this.#files.has('tree-head.json')) problems.push('tree-head.json is missing');
    if (![...this.#files.keys()].some((p) => p.startsWith('entries/'))) {
      problems.push('the entries/ directory is missing');
    }
    return problems;
  }

  treeHeadText(): Promise<string | null> {
    return this.#text('tree-head.json');
  }

  /** The entry files in board order (their names are the zero-padded first sequence number). */
  #entryFiles(): string[] {
    return [...this.#files.keys()].filter((p) => /^entries\/\d{10}\.jsonl$/.test(p)).sort();
  }

  async *entryLines(): AsyncGenerator<Line> {
    for (const file of this.#entryFiles()) yield* this.#lines(file);
  }

  async *treeHeadLines(): AsyncGenerator<Line> {
    if (this.#files.has('tree-heads.jsonl')) yield* this.#lines('tree-heads.jsonl');
  }

  /** The lines of a file, read as a stream (an entry file of 10 000 ballots is never one string). */
  async *#lines(path: string): AsyncGenerator<Line> {
    const reader = this.#files.get(path)!.stream().pipeThrough(new TextDecoderStream()).getReader();
    let rest = '';
    let n = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const parts = (rest + value).split('\n');
      rest = parts.pop()!;
      for (const text of parts) {
        n++;
        const line = text.endsWith('\r') ? text.slice(0, -1) : text;
        if (line !== '') yield { where: `${path}:${n}`, text: line };
      }
    }
    n++;
    if (rest !== '') yield { where: `${path}:${n}`, text: rest };
  }

  async attachment(id: string): Promise<Uint8Array | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
    const f = this.#files.get(`attachments/${id}`);
    return f === undefined ? null : new Uint8Array(await f.arrayBuffer());
  }
}
