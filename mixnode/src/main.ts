#!/usr/bin/env node
// `evotare-mix`: the mix node's program (docs/OPERATIONS.md), installed alone on the operator's
// machine: `keygen`, `run`, against the server at --server (EVOTARE_SERVER).
import { runProgram, withServerOptions } from '@evotare/verifier/remote/program';
import { Command } from 'commander';
import { addMixCommands, MIX_DESCRIPTION } from './command.ts';

const program = withServerOptions(new Command('evotare-mix').description(MIX_DESCRIPTION));
addMixCommands(program);
await runProgram(program);
