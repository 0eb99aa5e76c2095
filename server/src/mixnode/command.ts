// `evotare mix keygen` and `evotare mix run`: the mix node's commands (docs/OPERATIONS.md). The
// passphrase of the key file comes from EVOTARE_MIX_PASSPHRASE or from a file (--passphrase-file),
// never from the command line, where other users of the machine could read it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { toBase64Url } from '@evotare/crypto/bytes';
import { sealSecret } from '@evotare/crypto/secret-file';
import { generateSigningKey } from '@evotare/crypto/signature';
import { Command, Option } from 'commander';
import { apiClient } from '../cli/client.ts';
import { progress } from './progress.ts';
import { MixNodeError, runMixNode } from './run.ts';

export const PASSPHRASE_ENV = 'EVOTARE_MIX_PASSPHRASE';

function passphrase(file: string | undefined): string {
  if (file !== undefined) {
    try {
      return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (e) {
      throw new MixNodeError(`cannot read the passphrase file ${file}: ${(e as Error).message}`);
    }
  }
  const fromEnv = process.env[PASSPHRASE_ENV];
  if (fromEnv === undefined || fromEnv === '') {
    throw new MixNodeError(`give the key file's passphrase in ${PASSPHRASE_ENV} or with --passphrase-file`);
  }
  return fromEnv;
}

const passphraseFile = () =>
  new Option('--passphrase-file <file>', `file holding the key file's passphrase (default: $${PASSPHRASE_ENV})`);

/** The `mix` command; `globals` gives the program's --server and --lang. */
export function mixCommand(globals: () => { server: string; lang: string }): Command {
  const mix = new Command('mix').description('run a mix node: shuffle the encrypted ballots with a proof');

  mix
    .command('keygen')
    .description("create the mix node's Ed25519 key in a passphrase-protected file; prints the public key")
    .requiredOption('--out <file>', 'the key file to create')
    .addOption(passphraseFile())
    .action((opts: { out: string; passphraseFile?: string }) => {
      if (existsSync(opts.out)) throw new MixNodeError(`${opts.out} exists; a key file is never overwritten`);
      const key = generateSigningKey();
      writeFileSync(opts.out, sealSecret(key.secretKey, passphrase(opts.passphraseFile), { kind: 'mix-node' }), {
        mode: 0o600,
        flag: 'wx',
      });
      console.error(
        `key written to ${opts.out}; officials register this public key with \`evotare election parties\`:`,
      );
      console.log(toBase64Url(key.publicKey));
    });

  mix
    .command('run')
    .description('check the board and the mix chain so far, shuffle the current list with a proof, sign and upload it')
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
    .action(
      async (opts: { election: string; key: string; passphraseFile?: string; threads?: number; wait?: number }) => {
        const g = globals();
        const show = progress();
        try {
          const report = await runMixNode(
            apiClient(g.server, null, g.lang),
            {
              electionId: opts.election,
              keyFile: opts.key,
              passphrase: passphrase(opts.passphraseFile),
              ...(opts.threads === undefined ? {} : { threads: opts.threads }),
              ...(opts.wait === undefined ? {} : { waitSeconds: opts.wait }),
            },
            show,
          );
          show.stop();
          const times = Object.entries(report.seconds)
            .map(([step, s]) => `${step} ${s} s`)
            .join(', ');
          if (report.outcome === 'already') {
            console.log(
              `mix node ${report.mixNode} (${report.name}) had already mixed election "${report.electionId}"`,
            );
          } else {
            console.log(
              `mix node ${report.mixNode} (${report.name}) mixed ${report.rows} rows of width ${report.width} of election "${report.electionId}": board entry ${report.position}${report.completed ? '; mixing is complete' : ''}`,
            );
          }
          console.log(`times: ${times}`);
        } finally {
          show.stop();
        }
      },
    );
  return mix;
}
