// The observer's commands (`evotare-observe …`, also `evotare observe …`): `keygen` makes the key the
// officials register, `watch` (the default: `evotare-observe URL ELECTION --key FILE`) follows the
// board and co-signs what it checked, `check-receipt` checks a voter's receipt against the heads it
// co-signed. The program talks to the server over its public API only and imports nothing of the
// server. Exit status: 0 done, 1 an alarm (or a receipt not on the co-signed board), 2 could not
// check (yet), 3 bad usage.
import { readFileSync } from 'node:fs';
import { toBase64Url } from '@evotare/crypto/bytes';
import { WorkerPool } from '@evotare/crypto/parallel/pool';
import { cliLanguage, type Language, LocalizedError, textOf, verbatim } from '@evotare/verifier/i18n';
import { ApiError, apiClient } from '@evotare/verifier/remote/client';
import { checkExpectationsWellFormed, expectFingerprintOption } from '@evotare/verifier/remote/expectations';
import { verifiedBallotsPath } from '@evotare/verifier/remote/party-check';
import { VerifiedBallotsFile } from '@evotare/verifier/verified-ballots';
import { type Command, Option } from 'commander';
import { createObserverKey, openObserverKey, PASSPHRASE_VARIABLE, readPassphrase } from './key.ts';
import { ObserverLog } from './log.ts';
import { Observer } from './observer.ts';
import { checkReceiptAgainstCosignedHeads } from './receipt.ts';
import { text, translate } from './text.ts';

export const OBSERVER_DESCRIPTION =
  "an observer's program: follows the board, checks every signed tree head, co-signs what it checked, raises an alarm on a split view";

/** Exit statuses (as the verifier's: 1 failed, 2 could not be checked). */
export const EXIT = { alarm: 1, notChecked: 2 } as const;

const languageOf = (command: Command): Language =>
  cliLanguage(command.optsWithGlobals<{ lang?: string }>().lang ?? undefined);

const passphraseOption = () =>
  new Option('--passphrase-file <file>', `file holding the key file's passphrase (default: $${PASSPHRASE_VARIABLE})`);

const int = (v: string) => Number.parseInt(v, 10);

/** The default log of an observer's key for an election: beside the key. */
export const logPath = (keyFile: string, electionId: string) => `${keyFile}.${electionId}.observer.jsonl`;

interface WatchOptions {
  readonly key: string;
  readonly passphraseFile?: string;
  readonly log?: string;
  readonly peer: string[];
  readonly webhook?: string;
  readonly every: number;
  readonly once?: boolean;
  readonly latestOnly?: boolean;
  readonly threads?: number;
  readonly expectFingerprint?: string;
}

export function addObserverCommands(observe: Command): Command {
  observe
    .command('keygen')
    .description("make the observer's Ed25519 key in a new passphrase-protected file; prints the public key")
    .requiredOption('--out <file>', 'the key file to create')
    .addOption(passphraseOption())
    .addOption(new Option('--kdf-cost <logN>', 'scrypt cost 2^logN (tests only; default 17)').argParser(int).hideHelp())
    .action((opts: { out: string; passphraseFile?: string; kdfCost?: number }, command: Command) => {
      const scrypt = opts.kdfCost === undefined ? undefined : { logN: opts.kdfCost, r: 8, p: 1 };
      const publicKey = createObserverKey(opts.out, readPassphrase(opts.passphraseFile), scrypt);
      console.error(translate(languageOf(command), 'observerKeyWritten', { file: opts.out }));
      console.log(toBase64Url(publicKey));
    });

  observe
    .command('watch', { isDefault: true })
    .description('follow the board of an election, check and co-sign each new tree head, until the result')
    .argument('<url>', 'the e-Votare server')
    .argument('<election>', 'the election')
    .requiredOption('--key <file>', "the observer's key file (from `keygen`)")
    .addOption(passphraseOption())
    .option('--log <file>', "the observer's own log (default: <key>.<election>.observer.jsonl)")
    .option(
      '--peer <log>',
      "another observer's published log (a file or an http(s) URL) to compare heads with; repeat for more",
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option('--webhook <url>', 'POST each alarm there as JSON')
    .addOption(expectFingerprintOption())
    .addOption(new Option('--every <seconds>', 'read the board again every so often').default(10).argParser(int))
    .option('--once', 'one round, then stop')
    .option('--latest-only', 'co-sign only the newest head of each round')
    .option('--threads <n>', 'worker threads for the ballots (default: all cores; 0: none)', int)
    .action(async (url: string, election: string, opts: WatchOptions, command: Command) => {
      checkExpectationsWellFormed({ fingerprint: opts.expectFingerprint });
      const lang = languageOf(command);
      const say = (line: { [l in Language]: string }) => console.log(line[lang]);
      const key = openObserverKey(opts.key, readPassphrase(opts.passphraseFile));
      const log = ObserverLog.open(opts.log ?? logPath(opts.key, election));
      const kept = VerifiedBallotsFile.open(verifiedBallotsPath(opts.key, election), election, key);
      const pool =
        opts.threads === 0 ? undefined : new WorkerPool(opts.threads === undefined ? {} : { size: opts.threads });
      const observer = Observer.open({
        api: apiClient(url, null, lang),
        server: url,
        electionId: election,
        key,
        log,
        peers: opts.peer,
        ...(opts.webhook === undefined ? {} : { webhook: opts.webhook }),
        ...(pool === undefined ? {} : { pool }),
        verifiedBallots: kept,
        latestOnly: opts.latestOnly === true,
        ...(opts.expectFingerprint === undefined ? {} : { expectFingerprint: opts.expectFingerprint }),
        say,
      });
      try {
        for (;;) {
          try {
            const round = await observer.observe();
            if (round.alarms.length > 0) {
              process.exitCode = EXIT.alarm;
              return;
            }
            if (round.over) {
              say(text('observationOver'));
              return;
            }
          } catch (e) {
            // The server could not be read: said, and tried again. A request it refuses (an
            // observer it does not know, an election that does not exist) is not tried again.
            const refused = e instanceof ApiError && e.status >= 400 && e.status < 500;
            if (opts.once || refused) throw e;
            say(text('error', { message: textOf(e) }));
          } finally {
            kept.save();
          }
          if (opts.once) return;
          await new Promise((resolve) => setTimeout(resolve, opts.every * 1000));
        }
      } finally {
        await pool?.close();
      }
    });

  observe
    .command('check-receipt')
    .description("check that a voter's receipt is on the board as the observer co-signed it (V12.18)")
    .argument('<receipt>', "the voter's receipt (JSON)")
    .requiredOption('--log <file>', "the observer's log")
    .option('--server <url>', 'the server to ask for the proofs (default: the one the log names)')
    .action(async (file: string, opts: { log: string; server?: string }, command: Command) => {
      const lang = languageOf(command);
      let receipt: unknown;
      try {
        receipt = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        throw new LocalizedError(text('receiptUnreadable', { file, reason: verbatim((e as Error).message) }));
      }
      const log = ObserverLog.open(opts.log);
      const server = opts.server ?? log.started?.server ?? 'http://127.0.0.1:8080';
      let check: Awaited<ReturnType<typeof checkReceiptAgainstCosignedHeads>>;
      try {
        check = await checkReceiptAgainstCosignedHeads(receipt, log.lines, apiClient(server, null, lang));
      } catch (e) {
        console.log(translate(lang, 'receiptUnchecked', { reason: textOf(e) }));
        process.exitCode = EXIT.notChecked;
        return;
      }
      switch (check.outcome) {
        case 'contained':
          console.log(translate(lang, 'receiptFound', { size: check.size, position: check.position }));
          return;
        case 'not-yet':
          console.log(translate(lang, 'receiptNotYet', { size: check.size }));
          process.exitCode = EXIT.notChecked;
          return;
        case 'not-contained':
          console.log(translate(lang, 'receiptNotContained', { reason: verbatim(check.reason) }));
          process.exitCode = EXIT.alarm;
          return;
        default:
          check satisfies never;
      }
    });

  return observe;
}
