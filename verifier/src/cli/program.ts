// The command line of the standalone verifier, `evotare-verify` (docs/SPEC.md §15):
//   evotare-verify [verify] DIR|ARCHIVE   verify a board export, or its archive
//   evotare-verify fetch URL ELECTION DIR  download the board through the public API, checked as it comes
//   evotare-verify archive DIR FILE        the archive of an export, and its SHA-256, to publish
// Each command lives in its own file and is added here; --lang and --version are the program's.
// Exit status: ./exit.ts.
import { Command, Option } from 'commander';
import { LANGUAGES } from '../i18n.ts';
import { VERIFIER_VERSION } from '../version.ts';
import { addArchiveCommand } from './archive-command.ts';
import { EXIT } from './exit.ts';
import { addFetchCommand } from './fetch-command.ts';
import { addVerifyCommand } from './verify-command.ts';

export interface ProgramOptions {
  /** The module the worker threads run: the built file itself, when the program is bundled (../bundle.ts). */
  readonly worker?: URL;
}

export function verifierProgram(options: ProgramOptions = {}): Command {
  const program = new Command('evotare-verify')
    .description('Verify an e-Votare bulletin board (docs/SPEC.md §15), or fetch it from the public API.')
    .version(VERIFIER_VERSION, '-V, --version', 'print the verifier’s version')
    .addOption(new Option('--lang <lang>', 'language of the messages').choices(LANGUAGES).env('EVOTARE_LANG'))
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : EXIT.usage));
  addVerifyCommand(program, options);
  addFetchCommand(program);
  addArchiveCommand(program);
  return program;
}
