#!/usr/bin/env node
// `evotare-observe`: the observer's program (docs/SPEC.md §12.11, docs/OPERATIONS.md), installed
// alone on the observer's machine: `keygen`, `[watch] URL ELECTION --key FILE`, `check-receipt FILE`.
import { runProgram } from '@evotare/verifier/remote/program';
import { Command, Option } from 'commander';
import { addObserverCommands, OBSERVER_DESCRIPTION } from './commands.ts';

const program = new Command('evotare-observe')
  .description(OBSERVER_DESCRIPTION)
  .addOption(
    new Option('--lang <lang>', 'language of messages').choices(['ro', 'en', 'ru']).env('EVOTARE_LANG').default('ro'),
  )
  .exitOverride((e) => {
    // Bad usage exits 3, as the verifier's (commander's own help and version exit 0).
    process.exit(e.exitCode === 0 ? 0 : 3);
  });
addObserverCommands(program);
await runProgram(program);
