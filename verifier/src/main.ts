#!/usr/bin/env node
// evotare-verify: checks an exported bulletin board against docs/SPEC.md, with no server.
//   evotare-verify DIR [--json] [--explain] [--threads N] [--receipt FILE] [--expect-fingerprint FP]
// Exit status: 0 the board verifies, 1 a check failed, 2 a check could not be run, 3 bad usage.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { normalizeFingerprint } from '@evotare/crypto/fingerprint';
import { WorkerPool } from '@evotare/crypto/parallel/pool';
import { Command, InvalidArgumentError } from 'commander';
import { exitStatus, formatReport } from './report.ts';
import { verifyBoardExport } from './verify.ts';

interface Options {
  readonly json?: boolean;
  readonly explain?: boolean;
  readonly threads: number;
  readonly receipt?: string;
  readonly expectFingerprint?: string;
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

const program = new Command('evotare-verify')
  .description('Verify an exported e-Votare bulletin board (docs/SPEC.md §15).')
  .argument('<dir>', 'the board export directory (evotare board export)')
  .option('--json', 'print the report as JSON')
  .option('--explain', 'print the named intermediate values of each check')
  .option('--receipt <file>', 'also check this voter’s receipt (JSON) against the board')
  .option(
    '--expect-fingerprint <fp>',
    'the election fingerprint the CEC published (short or long form, §7.4); fail unless the board has it',
    fingerprint,
  )
  .option('--threads <n>', 'worker threads for the proofs (0: none)', threads, availableParallelism())
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 3))
  .action(async (dir: string, options: Options) => {
    let receipt: unknown;
    if (options.receipt !== undefined) {
      try {
        receipt = JSON.parse(readFileSync(options.receipt, 'utf8'));
      } catch (e) {
        console.error(
          `evotare-verify: cannot read the receipt ${options.receipt}: ${e instanceof Error ? e.message : e}`,
        );
        process.exit(3);
      }
    }
    const pool = options.threads > 0 ? new WorkerPool({ size: options.threads }) : undefined;
    try {
      const { report } = await verifyBoardExport(dir, {
        ...(pool === undefined ? {} : { pool }),
        receipt,
        ...(options.expectFingerprint === undefined ? {} : { expectFingerprint: options.expectFingerprint }),
      });
      console.log(options.json ? JSON.stringify(report, null, 2) : formatReport(report, options.explain === true));
      process.exitCode = exitStatus(report);
    } catch (e) {
      console.error(`evotare-verify: could not verify ${dir}: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 2;
    } finally {
      await pool?.close();
    }
  });

await program.parseAsync();
