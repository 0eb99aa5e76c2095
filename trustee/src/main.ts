#!/usr/bin/env node
// `evotare-trustee`: the trustee's program (docs/OPERATIONS.md), installed alone on the trustee's
// machine: `keygen`, `ceremony`, `decrypt`, against the server at --server (EVOTARE_SERVER).
import { runProgram, withServerOptions } from '@evotare/verifier/remote/program';
import { Command } from 'commander';
import { addTrusteeCommands, TRUSTEE_DESCRIPTION } from './commands.ts';

const program = withServerOptions(new Command('evotare-trustee').description(TRUSTEE_DESCRIPTION));
addTrusteeCommands(program);
await runProgram(program);
