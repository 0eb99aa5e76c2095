// What every program that talks to the server's API shares on its command line (the officials'
// `evotare`, `evotare-trustee`, `evotare-mix`): the server's address and the language of the
// messages as global options, and one way to end — a failure is one line in that language and a
// non-zero exit, never a stack trace.
import { type Command, Option } from 'commander';
import { cliLanguage, type Language, textOf } from '../i18n.ts';
import { ApiError } from './client.ts';
import { translate } from './text.ts';

/** Adds --server (EVOTARE_SERVER) and --lang (EVOTARE_LANG) to a program. */
export function withServerOptions(program: Command): Command {
  return program
    .addOption(
      new Option('--server <url>', 'the e-Votare server').env('EVOTARE_SERVER').default('http://127.0.0.1:8080'),
    )
    .addOption(
      new Option('--lang <lang>', 'language of messages').choices(['ro', 'en', 'ru']).env('EVOTARE_LANG').default('ro'),
    );
}

/** The global options as a command (or one of its subcommands) sees them. */
export function serverOptionsOf(command: Command): { server: string; language: Language } {
  const o = command.optsWithGlobals<{ server: string; lang?: string }>();
  return { server: o.server, language: cliLanguage(o.lang) };
}

/** Parses the command line and runs the command; a failure is printed, in the chosen language, and exits 1. */
export async function runProgram(program: Command): Promise<void> {
  try {
    await program.parseAsync();
  } catch (err) {
    console.error(translate(serverOptionsOf(program).language, 'error', { message: textOf(err) }));
    if (err instanceof ApiError && err.problem?.errors) console.error(JSON.stringify(err.problem.errors, null, 2));
    process.exitCode = 1;
  }
}
