// The archive form of a board export (docs/SPEC.md §12.8, "Archive form"), chosen or dropped in the
// browser: a POSIX tar holding the export under `evotare-board/`, as `evotare-verify archive` writes
// it and the CEC publishes it beside its SHA-256 — or that tar gzipped (.tar.gz), which the CLI
// reads too. The file is read once, as a stream: its SHA-256 is computed on the way (what the page
// shows, to compare with the published one), a gzip is inflated by the browser's own
// DecompressionStream, and the tar is parsed by modern-tar (a maintained, dependency-free tar reader
// on Web Streams); each plain file under `evotare-board/` is kept as a Blob, which the browser may
// hold on disk, so a large board is never one string or one buffer. As the CLI, only plain files are
// taken (no links); the export is then read as a directory is (./files-board.ts).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { createTarDecoder } from 'modern-tar';
import type { ExportFiles } from './files-board.ts';

export const ARCHIVE_ROOT = 'evotare-board/';

/** Why an archive could not be read: what the page says (in its language) and the detail. */
export type ArchiveProblem =
  | { readonly kind: 'zip' }
  | { readonly kind: 'not-tar' }
  | { readonly kind: 'unreadable'; readonly reason: string }
  | { readonly kind: 'no-board' };

export class ArchiveError extends Error {
  readonly problem: ArchiveProblem;
  constructor(problem: ArchiveProblem) {
    super(problem.kind === 'unreadable' ? `${problem.kind}: ${problem.reason}` : problem.kind);
    this.name = 'ArchiveError';
    this.problem = problem;
  }
}

export interface OpenedArchive {
  readonly files: ExportFiles;
  /** The SHA-256 of the file as given (the archive the CEC publishes, gzipped or not), lowercase hex. */
  readonly sha256: string;
}

/** The form of a file by its first bytes: gzip, tar (ustar or GNU magic at 257), zip, or none of these. */
async function formOf(file: Blob): Promise<'gzip' | 'tar' | 'zip' | 'unknown'> {
  const head = new Uint8Array(await file.slice(0, 512).arrayBuffer());
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  const magic = new TextDecoder().decode(head.subarray(257, 262));
  return head.length === 512 && magic === 'ustar' ? 'tar' : 'unknown';
}

/**
 * Opens the archive `file`: the export's files by their path inside `evotare-board/`, and the
 * file's SHA-256; `onRead` is told how many of its bytes have been read so far.
 */
export async function openBoardArchive(file: Blob, onRead?: (bytes: number) => void): Promise<OpenedArchive> {
  const form = await formOf(file);
  if (form === 'zip') throw new ArchiveError({ kind: 'zip' });
  if (form === 'unknown') throw new ArchiveError({ kind: 'not-tar' });
  const hash = sha256.create();
  let read = 0;
  const hashed = file.stream().pipeThrough(
    new TransformStream<Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>>({
      transform(chunk, controller) {
        hash.update(chunk);
        read += chunk.length;
        onRead?.(read);
        controller.enqueue(chunk);
      },
    }),
  );
  const tar = form === 'gzip' ? hashed.pipeThrough(new DecompressionStream('gzip')) : hashed;
  const files = new Map<string, Blob>();
  try {
    for await (const entry of tar.pipeThrough(createTarDecoder({ strict: true }))) {
      const name = entry.header.name;
      const inside = name.startsWith(ARCHIVE_ROOT) ? name.slice(ARCHIVE_ROOT.length) : '';
      if ((entry.header.type ?? 'file') === 'file' && inside !== '' && !inside.split('/').includes('..')) {
        files.set(inside, await new Response(entry.body).blob());
      } else await entry.body.cancel();
    }
  } catch (e) {
    throw new ArchiveError({ kind: 'unreadable', reason: e instanceof Error ? e.message : String(e) });
  }
  if (files.size === 0) throw new ArchiveError({ kind: 'no-board' });
  return { files, sha256: bytesToHex(hash.digest()) };
}
