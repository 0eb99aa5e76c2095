// Exporting the whole board to a directory of plain files (docs/SPEC.md §12.8) is the verifier's
// download (verifier/src/remote/fetch-export.ts, also `evotare-verify fetch`): read through the
// public API like any observer would, every page checked against the signed tree head as it comes,
// resumable, so anyone can make the same export with the same code.
import type { ApiClient } from '@evotare/verifier/remote/client';
import { fetchBoardExport } from '@evotare/verifier/remote/fetch-export';

export { EXPORT_FORMAT } from '@evotare/verifier/export-reader';
export { ENTRIES_PER_FILE, entriesFileName } from '@evotare/verifier/remote/fetch-export';

export async function exportBoard(
  api: ApiClient,
  electionId: string,
  dir: string,
  progress: (done: number, total: number) => void = () => {},
): Promise<{ size: number; files: number; attachments: number }> {
  const { size, files, attachments } = await fetchBoardExport(api, electionId, dir, { entries: progress });
  return { size, files, attachments };
}
