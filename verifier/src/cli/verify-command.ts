// `evotare-verify [verify] DIR|ARCHIVE`: every check of table T15 on a board export (§12.8) or its
// archive, the report for people (in the language asked for) or as JSON. A board that cannot be
// read is said to be so, with its own exit status, and never reported as one that does not verify.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { normalizeFingerprint } from '@evotare/crypto/fingerprint';
import { WorkerPool } from '@evotare/crypto/parallel/pool';
import { type Command, InvalidArgumentError } from 'commander';
import { isArchive, type OpenedArchive, openBoardArchive } from '../archive.ts';
import { BoardExport } from '../export-reader.ts';
import type { Language } from '../i18n.ts';
import { exitStatus, formatReport, verdictOf } from '../report.ts';
import { verifyBoard } from '../verify.ts';
import { VERIFIER_VERSION } from '../version.ts';
import { EXIT, isReadError } from './exit.ts';
import type { ProgramOptions } from './program.ts';
import { languageOf, translate } from './text.ts';

interface VerifyOptions {
  readonly json?: boolean;
  readonly explain?: boolean;
  readonly threads: number;
  readonly receipt?: string;
  readonly expectFingerprint?: string;
  readonly archiveSha256?: string;
}

function threads(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 256) throw new InvalidArgumentError('a whole number from 0 to 256');
  return n;
}

function fingerprint(text: string): string {
  if (normalizeFingerprint(text) === null) {
    throw new InvalidArgumentError('20 to 52 characters of Crockford base32, as XXXX-XXXX-XXXX-XXXX-XXXX');
  }
  return text;
}

function sha256Hex(text: string): string {
  if (!/^[0-9a-fA-F]{64}$/.test(text)) throw new InvalidArgumentError('64 hexadecimal digits');
  return text.toLowerCase();
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Says that the board could not be read — never that it does not verify — and sets exit status 3. */
function couldNotRead(board: string, problems: readonly string[], json: boolean, language: Language): void {
  if (json) {
    console.log(JSON.stringify({ version: VERIFIER_VERSION, board, verdict: 'could-not-read', problems }, null, 2));
  } else {
    console.error(translate(language, 'couldNotRead', { board, problems: problems.join('; ') }));
  }
  process.exitCode = EXIT.couldNotRead;
}

async function verifyCommand(path: string, options: VerifyOptions, language: Language, program: ProgramOptions) {
  const json = options.json === true;
  let receipt: unknown;
  if (options.receipt !== undefined) {
    try {
      receipt = JSON.parse(readFileSync(options.receipt, 'utf8'));
    } catch (e) {
      console.error(translate(language, 'cannotReadReceipt', { file: options.receipt, reason: messageOf(e) }));
      process.exitCode = EXIT.couldNotRead;
      return;
    }
  }
  let archive: OpenedArchive | undefined;
  if (isArchive(path)) {
    try {
      archive = await openBoardArchive(path);
    } catch (e) {
      return couldNotRead(path, [messageOf(e)], json, language);
    }
    if (options.archiveSha256 !== undefined && archive.sha256 !== options.archiveSha256) {
      console.error(
        translate(language, 'archiveDigestMismatch', {
          file: path,
          seen: archive.sha256,
          expected: options.archiveSha256,
        }),
      );
      archive.close();
      process.exitCode = EXIT.doesNotVerify;
      return;
    }
  }
  const source = new BoardExport(archive?.dir ?? path);
  const problems = await source.layoutProblems();
  if (problems.length > 0) {
    archive?.close();
    return couldNotRead(path, problems, json, language);
  }
  const pool =
    options.threads > 0
      ? new WorkerPool({ size: options.threads, ...(program.worker === undefined ? {} : { worker: program.worker }) })
      : undefined;
  try {
    const verified = await verifyBoard(source, {
      ...(pool === undefined ? {} : { pool }),
      receipt,
      ...(options.expectFingerprint === undefined ? {} : { expectFingerprint: options.expectFingerprint }),
    });
    const report = {
      version: VERIFIER_VERSION,
      ...verified.report,
      board: path,
      ...(archive === undefined ? {} : { archive: { file: path, sha256: archive.sha256 } }),
    };
    console.log(
      json
        ? JSON.stringify({ ...report, verdict: verdictOf(report) }, null, 2)
        : formatReport(report, options.explain === true, language),
    );
    process.exitCode = exitStatus(report);
  } catch (e) {
    if (isReadError(e)) couldNotRead(path, [messageOf(e)], json, language);
    else {
      console.error(translate(language, 'internalError', { reason: messageOf(e) }));
      process.exitCode = EXIT.internalError;
    }
  } finally {
    await pool?.close();
    archive?.close();
  }
}

export function addVerifyCommand(program: Command, options: ProgramOptions): void {
  program
    .command('verify', { isDefault: true })
    .description(
      'verify a board export (evotare-verify fetch, evotare board export) or its archive; the default command',
    )
    .argument('<board>', 'the export directory, or its archive (.tar)')
    .option('--json', 'print the report as JSON')
    .option('--explain', 'print the named intermediate values of each check')
    .option('--receipt <file>', 'also check this voter’s receipt (JSON) against the board')
    .option(
      '--expect-fingerprint <fp>',
      'the election fingerprint the CEC published (short or long form, §7.4); fail unless the board has it',
      fingerprint,
    )
    .option(
      '--archive-sha256 <hex>',
      'the SHA-256 the CEC published for the archive; fail unless it is that',
      sha256Hex,
    )
    .option('--threads <n>', 'worker threads for the proofs (0: none)', threads, availableParallelism())
    .action(async (path: string, opts: VerifyOptions, command: Command) => {
      await verifyCommand(path, opts, languageOf(command), options);
    });
}
