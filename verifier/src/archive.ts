// The archive form of a board export (docs/SPEC.md §12.8): one tar file that the CEC can publish
// beside its SHA-256, and that `evotare-verify` reads as it reads the directory. The archive holds
// the export's files under `evotare-board/`, in name order, as plain files without owner, times set
// to zero, so that the same export archived twice gives the same bytes. Read back, only plain files
// and directories are taken (no links), inside a directory of its own.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { create, extract } from 'tar';

export const ARCHIVE_ROOT = 'evotare-board';

/** SHA-256 of a file, in lowercase hex. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const piece of createReadStream(file)) hash.update(piece as Buffer);
  return hash.digest('hex');
}

/** The export's files, relative to `dir`, in name order (FETCHING and stray files left out). */
function exportFiles(dir: string): string[] {
  const files = ['FORMAT', 'tree-head.json', 'tree-heads.jsonl'].filter((f) => existsSync(join(dir, f)));
  for (const sub of ['entries', 'attachments']) {
    if (!existsSync(join(dir, sub))) continue;
    for (const f of readdirSync(join(dir, sub)).sort()) {
      if (statSync(join(dir, sub, f)).isFile()) files.push(`${sub}/${f}`);
    }
  }
  return files;
}

/**
 * Writes the archive of the export `dir` to `file`, and its digest to `file.sha256` in the form
 * `sha256sum -c` reads; returns the digest.
 */
export async function writeBoardArchive(dir: string, file: string): Promise<string> {
  await create(
    { file, cwd: dir, prefix: ARCHIVE_ROOT, portable: true, mtime: new Date(0), noDirRecurse: true },
    exportFiles(dir),
  );
  const sha256 = await sha256File(file);
  writeFileSync(`${file}.sha256`, `${sha256}  ${basename(file)}\n`);
  return sha256;
}

export interface OpenedArchive {
  /** The export directory, unpacked. */
  readonly dir: string;
  readonly sha256: string;
  close(): void;
}

/** Unpacks an archive into a temporary directory (removed by close); throws when it cannot be read. */
export async function openBoardArchive(file: string): Promise<OpenedArchive> {
  const sha256 = await sha256File(file);
  const tmp = mkdtempSync(join(tmpdir(), 'evotare-board-'));
  const close = () => rmSync(tmp, { recursive: true, force: true });
  try {
    await extract({
      file,
      cwd: tmp,
      strict: true,
      filter: (_path, entry) => 'type' in entry && (entry.type === 'File' || entry.type === 'Directory'),
    });
  } catch (e) {
    close();
    throw new Error(`${file} is not a readable tar archive: ${e instanceof Error ? e.message : String(e)}`);
  }
  const dir = join(tmp, ARCHIVE_ROOT);
  if (!existsSync(dir)) {
    close();
    throw new Error(`${file} holds no ${ARCHIVE_ROOT}/ directory`);
  }
  return { dir, sha256, close };
}

/** Whether `path` names an archive rather than an export directory. */
export function isArchive(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}
