// `evotare-verify archive DIR FILE`: the archive form of an export (../archive.ts) and its SHA-256,
// for the CEC to publish; `evotare-verify FILE --archive-sha256 HEX` reads it back.
import type { Command } from 'commander';
import { writeBoardArchive } from '../archive.ts';
import { BoardExport } from '../export-reader.ts';
import { EXIT } from './exit.ts';
import { languageOf, translate } from './text.ts';

export function addArchiveCommand(program: Command): void {
  program
    .command('archive')
    .description('write the archive (.tar) of a board export and its SHA-256 (FILE.sha256), to publish')
    .argument('<dir>', 'the export directory')
    .argument('<file>', 'the archive to write')
    .action(async (dir: string, file: string, _opts: unknown, command: Command) => {
      const language = languageOf(command);
      const problems = await new BoardExport(dir).layoutProblems();
      if (problems.length > 0) {
        console.error(translate(language, 'couldNotRead', { board: dir, problems: problems.join('; ') }));
        process.exitCode = EXIT.couldNotRead;
        return;
      }
      const sha256 = await writeBoardArchive(dir, file);
      console.log(translate(language, 'archiveWritten', { file, sha256 }));
    });
}
