// `evotare-verify fetch URL ELECTION DIR [--archive FILE]`: the board of an election downloaded
// through the public API into an export directory (§12.8), every page checked against the CEC's
// signed tree head as it comes (../remote/fetch-export.ts); run again, it goes on where it stopped.
// Progress on stderr. What the server serves that does not check is refused with the ID of the
// check that caught it (exit 1); a server that cannot be reached is "could not fetch" (exit 3).
import { type Command, InvalidArgumentError } from 'commander';
import { writeBoardArchive } from '../archive.ts';
import { type Language, textOf } from '../i18n.ts';
import { BoardCheckError } from '../remote/board-follower.ts';
import { ApiError, apiClient } from '../remote/client.ts';
import { AttachmentError } from '../remote/download.ts';
import { fetchBoardExport, LocalExportError } from '../remote/fetch-export.ts';
import { EXIT, isReadError } from './exit.ts';
import { languageOf, translate } from './text.ts';

function serverUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value;
  } catch {
    // not a URL
  }
  throw new InvalidArgumentError('an http:// or https:// address');
}

/** One line of progress on stderr: redrawn in place on a terminal, one line per step otherwise. */
function progressLine(line: string, last: boolean): void {
  if (process.stderr.isTTY) process.stderr.write(`\r${line}${last ? '\n' : ''}`);
  else process.stderr.write(`${line}\n`);
}

interface FetchOptions {
  readonly archive?: string;
  readonly page: number;
}

function pageSize(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError('a whole number from 1 to 1000');
  return n;
}

async function fetchCommand(
  server: string,
  electionId: string,
  dir: string,
  options: FetchOptions,
  language: Language,
) {
  const { archive } = options;
  try {
    let resumedSaid = false;
    const fetched = await fetchBoardExport(
      apiClient(server, null, language),
      electionId,
      dir,
      {
        entries: (done, total, resumed) => {
          if (resumed > 0 && !resumedSaid) {
            process.stderr.write(`${translate(language, 'fetchResumed', { count: resumed })}\n`);
            resumedSaid = true;
          }
          progressLine(translate(language, 'fetchEntries', { done, total }), done === total);
        },
        attachments: (done, total) =>
          progressLine(translate(language, 'fetchAttachments', { done, total }), done === total),
      },
      { page: options.page },
    );
    console.log(translate(language, 'fetchDone', { size: fetched.size, attachments: fetched.attachments, dir }));
    if (archive !== undefined) {
      const sha256 = await writeBoardArchive(dir, archive);
      console.log(translate(language, 'archiveWritten', { file: archive, sha256 }));
    }
  } catch (e) {
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (e instanceof BoardCheckError || e instanceof AttachmentError) {
      const reason = e.text[language];
      const check = reason.startsWith(e.check) ? '' : e.check;
      console.error(translate(language, 'fetchRefused', { check, reason, dir }).replace('  ', ' '));
      process.exitCode = EXIT.doesNotVerify;
    } else if (e instanceof ApiError || e instanceof LocalExportError || isReadError(e)) {
      console.error(translate(language, 'fetchCannotRead', { reason: textOf(e)[language] }));
      process.exitCode = EXIT.couldNotRead;
    } else {
      console.error(translate(language, 'internalError', { reason: textOf(e)[language] }));
      process.exitCode = EXIT.internalError;
    }
  }
}

export function addFetchCommand(program: Command): void {
  program
    .command('fetch')
    .description('download the board through the public API, each page checked against the signed tree head; resumable')
    .argument('<url>', 'the e-Votare server, e.g. https://evot.cec.md', serverUrl)
    .argument('<election>', 'the election’s id')
    .argument('<dir>', 'the export directory to write (or to go on writing)')
    .option('--archive <file>', 'also write the archive of the export (.tar) and its SHA-256 (FILE.sha256)')
    .option('--page <n>', 'entries per request, each page checked by an inclusion proof', pageSize, 1000)
    .action(async (url: string, election: string, dir: string, opts: FetchOptions, command: Command) => {
      await fetchCommand(url, election, dir, opts, languageOf(command));
    });
}
