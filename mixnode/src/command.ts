// `evotare-mix keygen` and `evotare-mix run` (also `evotare mix …`): the mix node's commands
// (docs/OPERATIONS.md). The
// passphrase of the key file comes from EVOTARE_MIX_PASSPHRASE or from a file (--passphrase-file),
// never from the command line, where other users of the machine could read it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { toBase64Url } from '@evotare/crypto/bytes';
import { WorkerPool } from '@evotare/crypto/parallel/pool';
import { sealSecret } from '@evotare/crypto/secret-file';
import { generateSigningKey } from '@evotare/crypto/signature';
import type { Localized } from '@evotare/verifier/i18n';
import { apiClient } from '@evotare/verifier/remote/client';
import { checkExpectationsWellFormed, expectFingerprintOption } from '@evotare/verifier/remote/expectations';
import { followOptions, followWhileVoting, partyFiles } from '@evotare/verifier/remote/party-check';
import { serverOptionsOf } from '@evotare/verifier/remote/program';
import { type Command, Option } from 'commander';
import { progress } from './progress.ts';
import { MixNodeError, openMixNodeKey, runMixNode } from './run.ts';
import { text } from './text.ts';

export const PASSPHRASE_ENV = 'EVOTARE_MIX_PASSPHRASE';

function passphrase(file: string | undefined): string {
  if (file !== undefined) {
    try {
      return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (e) {
      throw new MixNodeError(text('cannotReadPassphraseFile', { file, reason: (e as Error).message }));
    }
  }
  const fromEnv = process.env[PASSPHRASE_ENV];
  if (fromEnv === undefined || fromEnv === '') {
    throw new MixNodeError(text('mixPassphraseMissing', { variable: PASSPHRASE_ENV }));
  }
  return fromEnv;
}

/** The steps `times:` lists, as MixReport.seconds names them. */
const STEP_NAMES: Readonly<Record<string, Localized>> = {
  following: text('stepFollowing'),
  board: text('stepBoard'),
  shuffle: text('stepShuffle'),
  prove: text('stepProve'),
  upload: text('stepUpload'),
};

/** What `run` and `follow` both take. */
interface NodeOptions {
  readonly election: string;
  readonly key: string;
  readonly passphraseFile?: string;
  readonly threads?: number;
}

const passphraseFile = () =>
  new Option('--passphrase-file <file>', `file holding the key file's passphrase (default: $${PASSPHRASE_ENV})`);

/** The mix node's description, for the program's help. */
export const MIX_DESCRIPTION = 'run a mix node: shuffle the encrypted ballots with a proof';

/** Adds `keygen` and `run` to `mix` (the program itself, or `evotare mix`). */
export function addMixCommands(mix: Command): Command {
  mix
    .command('keygen')
    .description("create the mix node's Ed25519 key in a passphrase-protected file; prints the public key")
    .requiredOption('--out <file>', 'the key file to create')
    .addOption(passphraseFile())
    .action((opts: { out: string; passphraseFile?: string }, command: Command) => {
      if (existsSync(opts.out)) throw new MixNodeError(text('mixKeyExists', { file: opts.out }));
      const key = generateSigningKey();
      writeFileSync(opts.out, sealSecret(key.secretKey, passphrase(opts.passphraseFile), { kind: 'mix-node' }), {
        mode: 0o600,
        flag: 'wx',
      });
      console.error(text('mixKeyWritten', { file: opts.out })[serverOptionsOf(command).language]);
      console.log(toBase64Url(key.publicKey));
    });

  mix
    .command('run')
    .description('verify the whole board up to the current list, shuffle it with a proof, sign and upload it')
    .requiredOption('--election <id>', 'the election')
    .requiredOption('--key <file>', "the mix node's key file (from `evotare mix keygen`)")
    .addOption(passphraseFile())
    .addOption(
      new Option('--threads <n>', 'worker threads (default: one per core)').argParser((v) => Number.parseInt(v, 10)),
    )
    .addOption(
      new Option('--wait <seconds>', 'give up if voting has not closed by then (default: wait)').argParser((v) =>
        Number.parseInt(v, 10),
      ),
    )
    .addOption(
      new Option(
        '--follow <seconds>',
        'while voting runs, verify the new ballots every so often (0: only at the close)',
      )
        .default(60)
        .argParser((v) => Number.parseInt(v, 10)),
    )
    .addOption(expectFingerprintOption())
    .action(
      async (opts: NodeOptions & { wait?: number; follow: number; expectFingerprint?: string }, command: Command) => {
        checkExpectationsWellFormed({ fingerprint: opts.expectFingerprint });
        const { server, language: lang } = serverOptionsOf(command);
        const show = progress(lang);
        try {
          const report = await runMixNode(
            apiClient(server, null, lang),
            {
              electionId: opts.election,
              keyFile: opts.key,
              passphrase: passphrase(opts.passphraseFile),
              ...(opts.threads === undefined ? {} : { threads: opts.threads }),
              ...(opts.wait === undefined ? {} : { waitSeconds: opts.wait }),
              followSeconds: opts.follow,
              ...(opts.expectFingerprint === undefined ? {} : { expectFingerprint: opts.expectFingerprint }),
            },
            show,
          );
          show.stop();
          const times = Object.entries(report.seconds)
            .map(([step, s]) => text('stepTime', { step: STEP_NAMES[step] ?? step, seconds: s })[lang])
            .join(', ');
          const node = { node: report.mixNode, name: report.name, id: report.electionId };
          if (report.outcome === 'already') {
            console.log(text('mixAlready', node)[lang]);
          } else {
            const done = text('mixDone', {
              ...node,
              rows: report.rows,
              width: report.width,
              position: report.position ?? '?',
            });
            console.log(`${done[lang]}${report.completed ? text('mixingComplete')[lang] : ''}`);
          }
          console.log(text('times', { list: times })[lang]);
        } finally {
          show.stop();
        }
      },
    );
  mix
    .command('follow')
    .description(
      'while voting runs, verify the board every so often and keep what was verified (signed, beside the key file), so that run verifies only the rest',
    )
    .requiredOption('--election <id>', 'the election')
    .requiredOption('--key <file>', "the mix node's key file")
    .addOption(passphraseFile())
    .addOption(
      new Option('--threads <n>', 'worker threads (default: one per core)').argParser((v) => Number.parseInt(v, 10)),
    )
    .addOption(followOptions()[0]!)
    .addOption(followOptions()[1]!)
    .action(async (opts: NodeOptions & { every: number; once?: boolean }, command: Command) => {
      const key = openMixNodeKey(opts.key, passphrase(opts.passphraseFile));
      const { server, language } = serverOptionsOf(command);
      await using pool = new WorkerPool(opts.threads === undefined ? {} : { size: opts.threads });
      await followWhileVoting(apiClient(server, null, language), opts.election, {
        party: 'mix-node',
        pool,
        ...partyFiles(opts.key, opts.election, key),
        say: (line) => console.error(line[language]),
        everySeconds: opts.every,
        once: opts.once === true,
      });
    });

  return mix;
}
