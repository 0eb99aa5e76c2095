#!/usr/bin/env node
// evotare-verify, run from its sources (`npm run verify -- DIR`); the installed program is the
// built one (./bundle.ts). The commands: ./cli/program.ts; the exit status: ./cli/exit.ts.
import { verifierProgram } from './cli/program.ts';

await verifierProgram().parseAsync();
