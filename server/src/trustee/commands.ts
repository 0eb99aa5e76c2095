// `evotare trustee …`: the trustee's program. It runs on the trustee's own machine and talks to the
// server over HTTP only (../cli/client.ts); it imports nothing of the server but that client, so
// it can be audited on its own. The secrets stay in the trustee's passphrase-protected file.
import { Command, Option } from 'commander';
import { type ApiClient, apiClient } from '../cli/client.ts';
import { cliLanguage, type Language, type Localized, text } from '../cli/text.ts';
import { takePartInCeremony } from './ceremony.ts';
import { decryptFinalList } from './decrypt.ts';
import { createKeyFile, openKeyFile, PASSPHRASE_VARIABLE, readPassphrase } from './key-file.ts';
import { TrusteeServer } from './server-api.ts';

interface GlobalOptions {
  readonly server: string;
  readonly lang: string;
}

/** The language of the program's messages: the global --lang (or EVOTARE_LANG). */
const languageOf = (command: Command): Language => cliLanguage(command.optsWithGlobals<GlobalOptions>().lang);

const sayIn = (language: Language) => (line: Localized) => console.log(line[language]);

function serverOf(command: Command, electionId: string): TrusteeServer {
  const o = command.optsWithGlobals<GlobalOptions>();
  const api: ApiClient = apiClient(o.server, null, languageOf(command));
  return new TrusteeServer(api, o.server, electionId);
}

const passphraseOption = () =>
  new Option('--passphrase-file <file>', `a file holding the key file's passphrase (default: $${PASSPHRASE_VARIABLE})`);

export function trusteeCommand(): Command {
  const trustee = new Command('trustee').description(
    "a trustee's program: keys, the key ceremony, and the partial decryption (run on the trustee's machine)",
  );

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
    .action(async (opts: { election: string; key: string; passphraseFile?: string; wait?: boolean }, command) => {
      const keyFile = openKeyFile(opts.key, readPassphrase(opts.passphraseFile));
      await takePartInCeremony(serverOf(command, opts.election), keyFile, {
        say: sayIn(languageOf(command)),
        wait: opts.wait === true,
      });
    });

  trustee
    .command('decrypt')
    .description('check the mix chain on the board, then post your partial decryption of the final mixed list')
    .requiredOption('--election <id>', 'the election')
    .requiredOption('--key <file>', 'your key file, after the ceremony')
    .addOption(passphraseOption())
    .option('--threads <n>', 'worker threads (default: all cores)', (v) => Number.parseInt(v, 10))
    .option('--no-progress', 'no progress bars')
    .action(
      async (
        opts: { election: string; key: string; passphraseFile?: string; threads?: number; progress: boolean },
        command,
      ) => {
        const keyFile = openKeyFile(opts.key, readPassphrase(opts.passphraseFile));
        const language = languageOf(command);
        await decryptFinalList(serverOf(command, opts.election), keyFile, {
          say: sayIn(language),
          language,
          threads: opts.threads,
          progress: opts.progress && process.stderr.isTTY === true,
        });
      },
    );

  return trustee;
}
