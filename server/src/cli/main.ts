#!/usr/bin/env node
// `evotare`: every official action, from the command line (commander parses the arguments and
// writes the help). `serve` runs the server; the other commands talk to a running server over its
// API with an official's token, so they work the same against PGlite (whose directory the server
// holds locked) and PostgreSQL, on the server's machine or another.
//
// Each top-level command is registered by a function that imports its own modules, and a run
// registers only the command it runs (all of them for the help, an unknown command or none): a
// server's start does not load the PDF letters, the CSV import or the parties' programs
// (docs/PERFORMANCE.md, "The cold start"; ./serve.test.ts checks which modules `serve` loads,
// ./main.test.ts that the help and the messages are what they were).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalizedString } from '@evotare/crypto/manifest';
import { type Language, LocalizedError, type TextValues, verbatim } from '@evotare/verifier/i18n';
import { type ApiClient, type ApiClientOptions, apiClient } from '@evotare/verifier/remote/client';
import { runProgram, serverOptionsOf, withServerOptions } from '@evotare/verifier/remote/program';
import { text as remoteText } from '@evotare/verifier/remote/text';
import type { Command } from 'commander';
import { InvalidArgumentError, Option, Command as Program } from 'commander';
import type { LetterContext } from '../credentials/letters.ts';
import type { CodesIssueReport } from './codes-issue.ts';
import type { RollEncoding } from './roll-import.ts';
import { type CliText, type CliTextKey, text, translate } from './text.ts';
import { promptToken, TokenFileError, tokenFromFileOrEnv } from './token.ts';

const program = withServerOptions(
  new Program()
    .name('evotare')
    .description('e-Votare: internet voting for the Central Electoral Commission of the Republic of Moldova'),
).addOption(
  new Option(
    '--token-file <file>',
    "a file holding an official's token (else EVOTARE_TOKEN, else <data dir>/official-token, else a prompt); never the token itself on the command line",
  ).env('EVOTARE_TOKEN_FILE'),
);

/** The language of the CLI's messages: --lang, else EVOTARE_LANG, else Romanian. */
const language = (): Language => serverOptionsOf(program).language;

/** A text of the catalogue in the CLI's language. */
const t = <K extends CliTextKey>(key: K, ...values: TextValues<CliText, K>): string =>
  translate(language(), key, ...values);

/** The token typed at the prompt, once per run (asked before a command that needs one runs). */
let promptedToken: string | null = null;

function officialToken(): string | null {
  const o = program.opts<{ tokenFile?: string }>();
  try {
    return tokenFromFileOrEnv(o.tokenFile === undefined ? {} : { tokenFile: o.tokenFile }) ?? promptedToken;
  } catch (err) {
    if (err instanceof TokenFileError) throw new LocalizedError(text('tokenFileMissing', { file: err.file }));
    throw err;
  }
}

function api(options: ApiClientOptions = {}): ApiClient {
  return apiClient(program.opts<{ server: string }>().server, officialToken(), language(), options);
}

/** Commands that need no official's token (the parties' programs have their own keys). */
const WITHOUT_TOKEN = new Set(['serve', 'board', 'mix', 'trustee', 'bootstrap']);

program.hook('preAction', async (_program, action) => {
  const path: string[] = [];
  for (let c: Command | null = action; c && c !== program; c = c.parent) path.push(c.name());
  if (path.some((name) => WITHOUT_TOKEN.has(name)) || !process.stdin.isTTY) return;
  if (officialToken() === null) promptedToken = await promptToken(t('tokenPrompt'));
});

/** A commander parser of an integer from 1 to `max`. */
const positiveInt = (max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`an integer from 1 to ${max}`);
  return n;
};
const e = (id: string) => `/api/v1/admin/elections/${encodeURIComponent(id)}`;
const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

/**
 * The election fingerprint (docs/SPEC.md §7.4) computed from the public board as the booth computes
 * it (Algorithm 7.6: the chain to the `election-key` entry, a signed tree head, the key ceremony
 * recomputed) — never the server's convenience field. Refuses before the election key exists, and
 * when `expected` (a fingerprint published out of band) is given and does not match.
 */
async function checkedFingerprint(id: string, expected?: string): Promise<Uint8Array> {
  const [{ AnchorError, readElectionAnchor }, { formatFingerprint, matchesFingerprint }] = await Promise.all([
    import('@evotare/client/src/board-anchor.ts'),
    import('@evotare/crypto/fingerprint'),
  ]);
  const client = api();
  let fingerprint: Uint8Array | null;
  try {
    fingerprint = (await readElectionAnchor((path) => client.get(`/api/v1${path}`), id)).fingerprint;
  } catch (err) {
    if (err instanceof AnchorError)
      throw new LocalizedError(remoteText('boardDoesNotVerify', { reason: verbatim(err.message) }));
    throw err;
  }
  if (fingerprint === null) throw new LocalizedError(text('noFingerprintYet', { id }));
  if (expected !== undefined && !matchesFingerprint(expected, fingerprint)) {
    throw new LocalizedError(text('fingerprintMismatch', { computed: formatFingerprint(fingerprint), expected }));
  }
  return fingerprint;
}

// --- serve ---------------------------------------------------------------------------------------

function addServeCommand(): void {
  program
    .command('serve')
    .description('run the server (PORT, DATABASE_URL, EVOTARE_DATA_DIR, … — see docs/OPERATIONS.md)')
    .option('--sample', 'on an empty installation, prepare a sample election ready to vote in')
    .option('--sample-on-embedded', 'as --sample, but only on the embedded database, never on PostgreSQL (npm start)')
    .action(async (opts: { sample?: boolean; sampleOnEmbedded?: boolean }) => {
      const { loadConfig } = await import('../config.ts');
      const config = loadConfig();
      for (const note of config.notes) console.error(`note: ${note}`);
      const { officialTokenFile, startServer } = await import('../server.ts');
      const server = await startServer(config);
      // A public open sample election on an empty PostgreSQL would be a pilot's first election.
      if (opts.sample || (opts.sampleOnEmbedded && config.databaseUrl === null)) {
        const [{ prepareSampleElection, SAMPLE_ELECTION_ID }, { boardFingerprint }] = await Promise.all([
          import('../sample.ts'),
          import('../board/fingerprint.ts'),
        ]);
        const voters = await prepareSampleElection(server.deps, config.dataDir);
        if (voters) {
          console.error(`\n${t('sampleOpen', { id: SAMPLE_ELECTION_ID })}`);
          for (const v of voters.slice(0, 5)) console.error(`  ${v.idnp}  ${v.birthDate}  ${v.code}   (${v.name})`);
          const fingerprint = await boardFingerprint(server.deps.db, SAMPLE_ELECTION_ID);
          if (fingerprint) console.error(t('sampleFingerprint', { fingerprint: fingerprint.short }));
          console.error(t('sampleBrowser', { url: server.url }));
          console.error(t('sampleFiles', { dir: join(config.dataDir, 'sample') }));
        }
      }
      // Banner lines go to stderr: stdout holds only the JSON logs.
      const tokenFile = officialTokenFile(config);
      console.error(
        `\n${existsSync(tokenFile) ? t('running', { url: server.url, file: tokenFile }) : t('runningBootstrap', { url: server.url })}`,
      );
      const stop = () => {
        server.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

// --- elections -----------------------------------------------------------------------------------

function addElectionCommands(): void {
  const election = program.command('election').description('create and run elections');
  election
    .command('create')
    .argument('<definition.json>', 'the election definition (examples/presidential-2024.json)')
    .action(async (file: string) => print(await api().post('/api/v1/admin/elections', readJson(file))));
  election
    .command('parties')
    .description("register the trustees' and mix nodes' public keys (a draft election)")
    .argument('<election>')
    .argument('<parties.json>', '{ trustees: [{name, signingKey, encryptionKey}], mixNodes: [{name, signingKey}] }')
    .action(async (id: string, file: string) => print(await api().put(`${e(id)}/parties`, readJson(file))));
  election
    .command('key-ceremony')
    .description('freeze the manifest and start the key ceremony')
    .argument('<election>')
    .action(async (id: string) => print(await api().post(`${e(id)}/key-ceremony`, {})));
  election
    .command('close-phase')
    .description("close the key ceremony's current phase (the last one derives the election key)")
    .argument('<election>')
    .action(async (id: string) => print(await api().post(`${e(id)}/key-ceremony/close-phase`, {})));
  election
    .command('open')
    .description('open voting now (it opens by itself when the voting window begins; never before)')
    .argument('<election>')
    .action(async (id: string) => print(await api().post(`${e(id)}/open`, {})));
  election
    .command('close')
    .description('close voting (it closes by itself at the end of the voting window; before it, only with --reason)')
    .argument('<election>')
    .option(
      '--reason <text>',
      'why voting closes before the end of its window (1–500 characters; published on the board)',
    )
    .action(async (id: string, opts: { reason?: string }) =>
      print(await api().post(`${e(id)}/close`, opts.reason === undefined ? {} : { reason: opts.reason })),
    );
  election
    .command('publish-result')
    .description('publish the result once k trustees have decrypted (done by itself when the k-th posts)')
    .argument('<election>')
    .action(async (id: string) => print(await api().post(`${e(id)}/result`, {})));
  election
    .command('end-mixing')
    .description(
      'end the mixing with the outputs accepted so far (at least two), from the mixing deadline on (docs/SPEC.md §14.3)',
    )
    .argument('<election>')
    .requiredOption(
      '--reason <text>',
      'why the mixing ends without every mix node (1–500 characters; published on the board)',
    )
    .action(async (id: string, opts: { reason: string }) => {
      const client = api();
      const ended = await client.post<{
        position: number;
        mixNodes: number[];
        notMixed: number[];
        deadline: string;
        reason: string;
      }>(`${e(id)}/mixing/end`, { reason: opts.reason });
      const status = await client.get<{ mixNodes: Array<{ index: number; name: string }> }>(
        `/api/v1/elections/${encodeURIComponent(id)}/mixing`,
      );
      const nodes = (list: number[]) => list.map((nu) => `${nu} (${status.mixNodes[nu]?.name ?? '?'})`).join(', ');
      console.log(t('mixingEnded', { id, position: ended.position }));
      console.log(t('mixingEndedMixed', { nodes: nodes(ended.mixNodes) }));
      console.log(t('mixingEndedLeftOut', { deadline: ended.deadline, nodes: nodes(ended.notMixed) }));
      console.log(t('mixingEndedReason', { reason: ended.reason }));
    });
  election
    .command('fingerprint')
    .description('the election fingerprint, computed from the checked board: what the CEC publishes out of band')
    .argument('<election>')
    .option('--expect-fingerprint <text>', 'refuse unless the board gives this fingerprint (short or long form)')
    .action(async (id: string, opts: { expectFingerprint?: string }) => {
      const { formatFingerprint, formatFingerprintLong } = await import('@evotare/crypto/fingerprint');
      const f = await checkedFingerprint(id, opts.expectFingerprint);
      console.log(t('fingerprintShown', { id, short: formatFingerprint(f), long: formatFingerprintLong(f) }));
    });
  election
    .command('status')
    .argument('[election]', 'one election (default: list all)')
    .action(async (id?: string) => print(await api().get(id ? e(id) : '/api/v1/admin/elections')));
}

// --- roll, codes, credentials --------------------------------------------------------------------

/** Refused lines printed one by one at most; the count says the rest. */
const ROLL_ERRORS_SHOWN = 100;

async function addRollCommands(): Promise<void> {
  const [{ default: cliProgress }, { importRollFile, ROLL_ENCODINGS, RollFileError }] = await Promise.all([
    import('cli-progress'),
    import('./roll-import.ts'),
  ]);
  program
    .command('roll')
    .description('the electoral roll')
    .command('import')
    .description(
      'import voters from CSV (read as a stream of records; nothing is imported from a file that is not CSV)',
    )
    .argument('<election>')
    .argument('<roll.csv>', 'columns idnp,name,birth_date,country[,address]')
    .addOption(
      new Option('--encoding <encoding>', "the file's character encoding (cp1250: Excel on Windows)")
        .choices([...ROLL_ENCODINGS])
        .default('utf-8'),
    )
    .option('--delimiter <char>', "the field delimiter (an Excel export uses ';')", ',')
    .option('--skip-existing', 'voters already on the roll are counted, not reported line by line (a re-import)')
    .action(
      async (id: string, file: string, opts: { encoding: RollEncoding; delimiter: string; skipExisting?: boolean }) => {
        if ([...opts.delimiter].length !== 1 || /["\r\n]/.test(opts.delimiter))
          throw new LocalizedError(text('rollDelimiter', { delimiter: opts.delimiter }));
        const bar = process.stderr.isTTY
          ? new cliProgress.SingleBar(
              { format: '{phase} {bar} {value}/{total}', stream: process.stderr, hideCursor: true },
              cliProgress.Presets.shades_classic,
            )
          : null;
        let shown: string | null = null;
        let result: Awaited<ReturnType<typeof importRollFile>>;
        try {
          result = await importRollFile({
            client: api(),
            electionId: id,
            file,
            encoding: opts.encoding,
            delimiter: opts.delimiter,
            skipExisting: opts.skipExisting === true,
            onProgress: (phase, done, total) => {
              if (bar === null) return;
              if (shown !== phase) {
                bar.stop();
                bar.start(total, done, { phase: t(phase === 'read' ? 'rollReading' : 'rollSending') });
                shown = phase;
              }
              bar.update(done);
            },
          });
        } catch (err) {
          if (err instanceof RollFileError)
            throw new LocalizedError(text('rollFileRefused', { file, reason: err.message }));
          if ((err as NodeJS.ErrnoException).code === 'ENOENT')
            throw new LocalizedError(text('rollFileRefused', { file, reason: 'no such file' }));
          throw err;
        } finally {
          bar?.stop();
        }
        for (const err of result.errors.slice(0, ROLL_ERRORS_SHOWN))
          console.error(t('rollLine', { line: err.line, message: err.message }));
        if (result.errors.length > ROLL_ERRORS_SHOWN)
          console.error(t('rollMoreErrors', { count: result.errors.length - ROLL_ERRORS_SHOWN }));
        console.log(
          t('rollImportedRecords', {
            records: result.records,
            added: result.added,
            skipped: result.skipped,
            refused: result.errors.length,
            size: result.rollSize,
          }),
        );
        if (result.errors.length > 0) process.exitCode = 2;
      },
    );
}

async function addCodesCommands(): Promise<void> {
  const [
    { default: cliProgress },
    { AUTHORITY_NAME },
    { formatFingerprint },
    { CodesDirectoryError, issueCodesToDisk },
  ] = await Promise.all([
    import('cli-progress'),
    import('../elections/elections.ts'),
    import('@evotare/crypto/fingerprint'),
    import('./codes-issue.ts'),
  ]);
  program
    .command('codes')
    .description('activation codes')
    .command('issue')
    .description(
      'issue codes (to every voter without one, or re-issue to the given IDNPs) as CSV and PDF letters, batch by batch; run again on the same --out to resume',
    )
    .argument('<election>')
    .requiredOption(
      '--out <dir>',
      'where to write codes-NNNN.csv and letters-NNNN.pdf per batch, and codes.csv (keep them safe: the codes exist nowhere else)',
    )
    .addOption(
      new Option('--helpline <text>', 'the help line printed on the letters (phone, e-mail, web page)')
        .env('EVOTARE_HELPLINE')
        .makeOptionMandatory(),
    )
    .option('--idnp <idnp...>', 're-issue to these voters (a lost device: their credential is revoked)')
    .option('--booth <url>', 'the address printed on the letters', 'https://vot.cec.md')
    .option(
      '--fingerprint-page <url>',
      'where the CEC publishes the election fingerprint (printed on the letters)',
      'https://cec.md',
    )
    .option('--return-address <text>', "the sender's address in the envelope window", `${AUTHORITY_NAME}, Chișinău`)
    .option('--expect-fingerprint <text>', 'refuse unless the board gives this fingerprint (the one the CEC published)')
    .option('--batch-size <n>', 'voters per request and per file (1–1000)', positiveInt(1000), 1000)
    .option('--timeout <seconds>', 'give up on a request after this long, and try again', positiveInt(3600), 120)
    .option('--attempts <n>', 'tries of a request that got no answer', positiveInt(100), 5)
    .action(
      async (
        id: string,
        opts: {
          out: string;
          helpline: string;
          idnp?: string[];
          booth: string;
          fingerprintPage: string;
          returnAddress: string;
          expectFingerprint?: string;
          batchSize: number;
          timeout: number;
          attempts: number;
        },
      ) => {
        // Before any code is issued: letters print the fingerprint, which exists once the key does.
        const fingerprint = formatFingerprint(await checkedFingerprint(id, opts.expectFingerprint));
        const client = api({ timeoutMs: opts.timeout * 1000 });
        const info = await client.get<{
          id: string;
          title: LocalizedString;
          votingWindow: LetterContext['votingWindow'];
        }>(e(id));
        const bar = process.stderr.isTTY
          ? new cliProgress.SingleBar(
              { format: '{bar} {value}/{total} {eta_formatted}', stream: process.stderr, hideCursor: true },
              cliProgress.Presets.shades_classic,
            )
          : null;
        let started = false;
        let report: CodesIssueReport;
        try {
          report = await issueCodesToDisk({
            client,
            electionId: id,
            outDir: opts.out,
            ...(opts.idnp ? { idnps: opts.idnp } : {}),
            batchSize: opts.batchSize,
            attempts: opts.attempts,
            letters: {
              election: info,
              boothUrl: opts.booth,
              fingerprint,
              fingerprintPage: opts.fingerprintPage,
              votingWindow: info.votingWindow,
              helpline: opts.helpline,
              returnAddress: opts.returnAddress,
            },
            onProgress: (done, total) => {
              if (!started) bar?.start(total, done);
              started = true;
              bar?.setTotal(total);
              bar?.update(done);
            },
            onRetry: (attempt, error) => console.error(t('codesRetry', { attempt, reason: error.message })),
          });
        } catch (err) {
          if (err instanceof CodesDirectoryError) throw new LocalizedError(verbatim(err.message));
          throw err;
        } finally {
          bar?.stop();
        }
        if (report.resumedBatches.length > 0) {
          console.log(t('codesResumed', { batches: report.resumedBatches.join(', ') }));
          console.log(t('codesReissued', { count: report.reissued.length, idnps: report.reissued.join(' ') || '—' }));
        }
        if (report.alreadySaved.length > 0)
          console.log(
            t('codesAlreadySaved', { count: report.alreadySaved.length, idnps: report.alreadySaved.join(' ') }),
          );
        console.log(
          t('codesSaved', {
            count: report.issued,
            batches: report.batches,
            dir: opts.out,
            files: 'codes-NNNN.csv, letters-NNNN.pdf',
            file: report.codesFile,
          }),
        );
        console.log(t('lettersFingerprint', { fingerprint, page: opts.fingerprintPage }));
      },
    );
}

function addCredentialsCommands(): void {
  program
    .command('credentials')
    .description('credentials')
    .command('revoke')
    .description("revoke a voter's credential: after a vote on paper at a consulate, or by decision")
    .argument('<election>')
    .requiredOption('--idnp <idnp>')
    .addOption(new Option('--reason <reason>').choices(['voted-in-person', 'withdrawn']).default('voted-in-person'))
    .action(async (id: string, opts: { idnp: string; reason: string }) =>
      print(await api().post(`${e(id)}/revocations`, { idnp: opts.idnp, reason: opts.reason })),
    );
}

// --- board, observers, officials -----------------------------------------------------------------

async function addBoardCommands(): Promise<void> {
  const { exportBoard } = await import('../board/export.ts');
  program
    .command('board')
    .description('the bulletin board')
    .command('export')
    .description('export the whole board to a directory of plain files (docs/SPEC.md §12.8); needs no token')
    .argument('<election>')
    .argument('<dir>')
    .action(async (id: string, dir: string) => {
      const o = program.opts<{ server: string }>();
      const r = await exportBoard(apiClient(o.server, null, language()), id, dir, (done, total) =>
        process.stderr.write(`\r${t('exportProgress', { done, total })}`),
      );
      process.stderr.write('\n');
      console.log(t('boardExported', { size: r.size, files: r.files, dir }));
    });
}

function addObserversCommands(): void {
  program
    .command('observers')
    .description('accredited observers')
    .command('add')
    .argument('<election>')
    .requiredOption('--name <name>')
    .requiredOption('--key <signingKey>', "the observer's Ed25519 public key (base64url)")
    .action(async (id: string, opts: { name: string; key: string }) =>
      print(await api().post(`${e(id)}/observers`, { name: opts.name, signingKey: opts.key })),
    );
}

async function addOfficials(): Promise<void> {
  const { addOfficialsCommands } = await import('./officials.ts');
  addOfficialsCommands(
    program.command('officials').description('CEC officials who may use this CLI, and their roles'),
    {
      api,
      t: (key, values = {}) =>
        (translate as (l: Language, k: CliTextKey, v: object) => string)(language(), key, values),
    },
  );
}

// --- the parties' programs, for an official's convenience (each installs alone as evotare-mix, evotare-trustee, evotare-observe) ---

async function addMix(): Promise<void> {
  const { addMixCommands, MIX_DESCRIPTION } = await import('@evotare/mixnode/command');
  addMixCommands(program.command('mix').description(MIX_DESCRIPTION));
}

async function addTrustee(): Promise<void> {
  const { addTrusteeCommands, TRUSTEE_DESCRIPTION } = await import('@evotare/trustee/commands');
  addTrusteeCommands(program.command('trustee').description(TRUSTEE_DESCRIPTION));
}

async function addObserve(): Promise<void> {
  const { addObserverCommands, OBSERVER_DESCRIPTION } = await import('@evotare/observer/commands');
  addObserverCommands(program.command('observe').description(OBSERVER_DESCRIPTION));
}

async function addDb(): Promise<void> {
  const { addDbCommands } = await import('./db-commands.ts');
  addDbCommands(program.command('db').description('the PostgreSQL database: migrations and roles'));
}

// --- which commands this run registers --------------------------------------------------------

/** Every top-level command, in the order the help lists them, with the function that registers it. */
const COMMANDS: ReadonlyArray<readonly [name: string, register: () => void | Promise<void>]> = [
  ['serve', addServeCommand],
  ['election', addElectionCommands],
  ['roll', addRollCommands],
  ['codes', addCodesCommands],
  ['credentials', addCredentialsCommands],
  ['board', addBoardCommands],
  ['observers', addObserversCommands],
  ['officials', addOfficials],
  ['mix', addMix],
  ['trustee', addTrustee],
  ['observe', addObserve],
  ['db', addDb],
];

/** The command word of the command line: its first argument that is not a global option or an option's value. */
function commandWord(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return args[i + 1];
    if (!arg.startsWith('-') || arg === '-') return arg;
    if (arg.includes('=')) continue;
    const option = program.options.find((o) => o.long === arg || o.short === arg);
    if (option?.required || option?.optional) i++;
  }
  return undefined;
}

// A known command registers alone; anything else (the help, an unknown word, none) registers every
// command, so that commander's help and its "unknown command" suggestions are what they always were.
const word = commandWord(process.argv.slice(2));
const only = COMMANDS.find(([name]) => name === word);
for (const [, register] of only ? [only] : COMMANDS) await register();

await runProgram(program);
