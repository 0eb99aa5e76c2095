// The trustee's commands (`evotare-trustee keygen|ceremony|decrypt`, also `evotare trustee …`): the
// trustee's program runs on the trustee's own machine and talks to the server over HTTP only
// (@evotare/verifier/remote/client); it imports nothing of the server, so it can be installed and
// audited on its own. The secrets stay in the trustee's passphrase-protected file.

import { WorkerPool } from '@evotare/crypto/parallel/pool';
import type { Localized } from '@evotare/verifier/i18n';
import { apiClient } from '@evotare/verifier/remote/client';
import {
  checkExpectationsWellFormed,
  expectFingerprintOption,
  expectManifestHashOption,
} from '@evotare/verifier/remote/expectations';
import { followOptions, followWhileVoting } from '@evotare/verifier/remote/party-check';
import { serverOptionsOf } from '@evotare/verifier/remote/program';
import { type Command, Option } from 'commander';
import { takePartInCeremony } from './ceremony.ts';
import { decryptFinalList } from './decrypt.ts';
import { createKeyFile, openKeyFile, PASSPHRASE_VARIABLE, partyFilesOf, readPassphrase } from './key-file.ts';
import { requireBinding } from './membership.ts';
import { TrusteeServer } from './server-api.ts';
import { text } from './text.ts';

const languageOf = (command: Command) => serverOptionsOf(command).language;

const sayIn = (command: Command) => (line: Localized) => console.log(line[languageOf(command)]);

function serverOf(command: Command, electionId: string): TrusteeServer {
  const { server, language } = serverOptionsOf(command);
  return new TrusteeServer(apiClient(server, null, language), server, electionId);
}

/** What `ceremony` and `decrypt` both take. */
interface ElectionOptions {
  readonly election: string;
  readonly key: string;
  readonly passphraseFile?: string;
  readonly expectFingerprint?: string;
}

const passphraseOption = () =>
  new Option('--passphrase-file <file>', `a file holding the key file's passphrase (default: $${PASSPHRASE_VARIABLE})`);

/** The trustee's description, for the program's help. */
export const TRUSTEE_DESCRIPTION =
  "a trustee's program: keys, the key ceremony, and the partial decryption (run on the trustee's machine)";

/** Adds `keygen`, `ceremony` and `decrypt` to `trustee` (the program itself, or `evotare trustee`). */
export function addTrusteeCommands(trustee: Command): Command {
  trustee
    .command('keygen')
    .description("make a trustee's keys in a new passphrase-protected file; prints the public keys to register")
    .requiredOption('--out <file>', 'the new key file (kept by the trustee, never shared)')
    .option('--name <name>', "the trustee's name, printed with the public keys as `election parties` expects it")
    .addOption(passphraseOption())
    .addOption(
      new Option('--kdf-cost <logN>', 'scrypt cost 2^logN (trials and tests only; default 17)')
        .argParser((v) => Number.parseInt(v, 10))
        .hideHelp(),
    )
    .action((opts: { out: string; name?: string; passphraseFile?: string; kdfCost?: number }, command: Command) => {
      const passphrase = readPassphrase(opts.passphraseFile);
      const scrypt = opts.kdfCost === undefined ? undefined : { logN: opts.kdfCost, r: 8, p: 1 };
      const keys = createKeyFile(opts.out, passphrase, scrypt);
      console.log(JSON.stringify({ ...(opts.name === undefined ? {} : { name: opts.name }), ...keys }, null, 2));
      console.error(text('keysSealed', { file: opts.out })[languageOf(command)]);
    });

  trustee
    .command('ceremony')
    .description('take part in the key ceremony; run again after each phase closes, or use --wait')
    .requiredOption('--election <id>', 'the election')
    .requiredOption('--key <file>', 'your key file (from `trustee keygen`)')
    .addOption(passphraseOption())
    .option('--wait', 'keep following the ceremony until it is over')
    .addOption(expectManifestHashOption())
    .addOption(expectFingerprintOption())
    .action(async (opts: ElectionOptions & { wait?: boolean; expectManifestHash?: string }, command) => {
      const expected = { manifestHash: opts.expectManifestHash, fingerprint: opts.expectFingerprint };
      checkExpectationsWellFormed(expected);
      const keyFile = openKeyFile(opts.key, readPassphrase(opts.passphraseFile));
      await takePartInCeremony(serverOf(command, opts.election), keyFile, {
        say: sayIn(command),
        wait: opts.wait === true,
        expected,
      });
    });

  trustee
    .command('decrypt')
    .description(
      'verify the whole board (ballots, ceremony, mix chain), then post your partial decryption of the final mixed list',
    )
    .requiredOption('--election <id>', 'the election')
    .requiredOption('--key <file>', 'your key file, after the ceremony')
    .addOption(passphraseOption())
    .option('--threads <n>', 'worker threads (default: all cores)', (v) => Number.parseInt(v, 10))
    .option('--no-progress', 'no progress bars')
    .addOption(expectFingerprintOption())
    .action(async (opts: ElectionOptions & { threads?: number; progress: boolean }, command) => {
      checkExpectationsWellFormed({ fingerprint: opts.expectFingerprint });
      const keyFile = openKeyFile(opts.key, readPassphrase(opts.passphraseFile));
      await decryptFinalList(serverOf(command, opts.election), keyFile, {
        say: sayIn(command),
        language: languageOf(command),
        threads: opts.threads,
        progress: opts.progress && process.stderr.isTTY === true,
        ...(opts.expectFingerprint === undefined ? {} : { expectFingerprint: opts.expectFingerprint }),
      });
    });

  trustee
    .command('follow')
    .description(
      'while voting and mixing run, verify the board every so often (each ballot and each shuffle as it lands) and keep what was verified, so that decrypt verifies only the rest',
    )
    .requiredOption('--election <id>', 'the election')
    .requiredOption('--key <file>', 'your key file, after the ceremony')
    .addOption(passphraseOption())
    .option('--threads <n>', 'worker threads (default: all cores)', (v) => Number.parseInt(v, 10))
    .addOption(followOptions()[0]!)
    .addOption(followOptions()[1]!)
    .action(async (opts: ElectionOptions & { threads?: number; every: number; once?: boolean }, command) => {
      const keyFile = openKeyFile(opts.key, readPassphrase(opts.passphraseFile));
      requireBinding(keyFile.secrets, opts.election, false);
      const pool =
        opts.threads === 0 ? undefined : new WorkerPool(opts.threads === undefined ? {} : { size: opts.threads });
      try {
        await followWhileVoting(serverOf(command, opts.election).api, opts.election, {
          party: 'trustee',
          ...(pool === undefined ? {} : { pool }),
          ...partyFilesOf(keyFile, opts.election),
          say: sayIn(command),
          everySeconds: opts.every,
          once: opts.once === true,
          through: 'mixing',
        });
      } finally {
        await pool?.close();
      }
    });

  return trustee;
}
