#!/usr/bin/env node
// `evotare`: every official action, from the command line (commander parses the arguments and
// writes the help). `serve` runs the server; the other commands talk to a running server over its
// API with an official's token, so they work the same against PGlite (whose directory the server
// holds locked) and PostgreSQL, on the server's machine or another.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnchorError, readElectionAnchor } from '@evotare/client/src/board-anchor.ts';
import { formatFingerprint, formatFingerprintLong, matchesFingerprint } from '@evotare/crypto/fingerprint';
import type { LocalizedString } from '@evotare/crypto/manifest';
import { addMixCommands, MIX_DESCRIPTION } from '@evotare/mixnode/command';
import { addObserverCommands, OBSERVER_DESCRIPTION } from '@evotare/observer/commands';
import { addTrusteeCommands, TRUSTEE_DESCRIPTION } from '@evotare/trustee/commands';
import { type Language, LocalizedError, type TextValues, verbatim } from '@evotare/verifier/i18n';
import { type ApiClient, apiClient } from '@evotare/verifier/remote/client';
import { runProgram, serverOptionsOf, withServerOptions } from '@evotare/verifier/remote/program';
import { text as remoteText } from '@evotare/verifier/remote/text';
import { Command, Option } from 'commander';
import { exportBoard } from '../board/export.ts';
import { boardFingerprint } from '../board/fingerprint.ts';
import { loadConfig } from '../config.ts';
import type { IssuedCode } from '../credentials/credentials.ts';
import { renderLetters } from '../credentials/letters.ts';
import { prepareSampleElection, SAMPLE_ELECTION_ID } from '../sample.ts';
import { officialTokenFile, startServer } from '../server.ts';
import { addDbCommands } from './db-commands.ts';
import { addOfficialsCommands } from './officials.ts';
import { type CliText, type CliTextKey, text, translate } from './text.ts';
import { promptToken, TokenFileError, tokenFromFileOrEnv } from './token.ts';

const program = withServerOptions(
  new Command()
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

function api(): ApiClient {
  return apiClient(program.opts<{ server: string }>().server, officialToken(), language());
}

/** Commands that need no official's token (the parties' programs have their own keys). */
const WITHOUT_TOKEN = new Set(['serve', 'board', 'mix', 'trustee', 'bootstrap']);

program.hook('preAction', async (_program, action) => {
  const path: string[] = [];
  for (let c: Command | null = action; c && c !== program; c = c.parent) path.push(c.name());
  if (path.some((name) => WITHOUT_TOKEN.has(name)) || !process.stdin.isTTY) return;
  if (officialToken() === null) promptedToken = await promptToken(t('tokenPrompt'));
});

const LETTERS_PER_FILE = 1000;
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

program
  .command('serve')
  .description('run the server (PORT, DATABASE_URL, EVOTARE_DATA_DIR, … — see docs/OPERATIONS.md)')
  .option('--sample', 'on an empty installation, prepare a sample election ready to vote in')
  .action(async (opts: { sample?: boolean }) => {
    const config = loadConfig();
    for (const note of config.notes) console.error(`note: ${note}`);
    const server = await startServer(config);
    if (opts.sample) {
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

// --- elections -----------------------------------------------------------------------------------

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
  .argument('<election>')
  .action(async (id: string) => print(await api().post(`${e(id)}/open`, {})));
election
  .command('close')
  .argument('<election>')
  .action(async (id: string) => print(await api().post(`${e(id)}/close`, {})));
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
    const f = await checkedFingerprint(id, opts.expectFingerprint);
    console.log(t('fingerprintShown', { id, short: formatFingerprint(f), long: formatFingerprintLong(f) }));
  });
election
  .command('status')
  .argument('[election]', 'one election (default: list all)')
  .action(async (id?: string) => print(await api().get(id ? e(id) : '/api/v1/admin/elections')));

// --- roll, codes, credentials --------------------------------------------------------------------

const ROLL_CHUNK_LINES = 5000;

program
  .command('roll')
  .description('the electoral roll')
  .command('import')
  .argument('<election>')
  .argument('<roll.csv>', 'columns idnp,name,birth_date,country')
  .action(async (id: string, file: string) => {
    const lines = readFileSync(file, 'utf8').split(/\r?\n/);
    const [header, ...rows] = lines;
    let added = 0;
    const errors: Array<{ line: number; message: string }> = [];
    let rollSize = 0;
    for (let i = 0; i < rows.length; i += ROLL_CHUNK_LINES) {
      const chunk = rows.slice(i, i + ROLL_CHUNK_LINES);
      if (chunk.every((l) => l.trim() === '')) continue;
      // The header travels with every chunk, as line firstLine − 1 … so lines keep their numbers.
      const r = await api().post<{ added: number; errors: typeof errors; rollSize: number }>(`${e(id)}/roll`, {
        csv: `${header}\n${chunk.join('\n')}\n`,
        firstLine: i + 1,
      });
      added += r.added;
      errors.push(...r.errors);
      rollSize = r.rollSize;
    }
    for (const err of errors) console.error(t('rollLine', { line: err.line, message: err.message }));
    console.log(t('rollImported', { added, refused: errors.length, size: rollSize }));
    if (errors.length > 0) process.exitCode = 2;
  });

program
  .command('codes')
  .description('activation codes')
  .command('issue')
  .description('issue codes (to every voter without one, or re-issue to the given IDNPs) as CSV and printable letters')
  .argument('<election>')
  .requiredOption(
    '--out <dir>',
    'where to write codes.csv and letters-NNNN.html, 1,000 letters a file (keep them safe: the codes exist nowhere else)',
  )
  .option('--idnp <idnp...>', 're-issue to these voters (a lost device: their credential is revoked)')
  .option('--booth <url>', 'the address printed on the letters', 'https://vot.cec.md')
  .option(
    '--fingerprint-page <url>',
    'where the CEC publishes the election fingerprint (printed on the letters)',
    'https://cec.md',
  )
  .option('--expect-fingerprint <text>', 'refuse unless the board gives this fingerprint (the one the CEC published)')
  .action(
    async (
      id: string,
      opts: { out: string; idnp?: string[]; booth: string; fingerprintPage: string; expectFingerprint?: string },
    ) => {
      // Before any code is issued: letters print the fingerprint, which exists once the key does.
      const fingerprint = formatFingerprint(await checkedFingerprint(id, opts.expectFingerprint));
      const client = api();
      const codes: IssuedCode[] = [];
      if (opts.idnp) {
        for (let i = 0; i < opts.idnp.length; i += 1000) {
          const r = await client.post<{ codes: IssuedCode[] }>(`${e(id)}/activation-codes`, {
            idnps: opts.idnp.slice(i, i + 1000),
          });
          codes.push(...r.codes);
        }
      } else {
        for (;;) {
          const r = await client.post<{ codes: IssuedCode[]; remaining: number }>(`${e(id)}/activation-codes`, {
            limit: 1000,
          });
          codes.push(...r.codes);
          if (r.remaining === 0 || r.codes.length === 0) break;
        }
      }
      const info = await client.get<{ id: string; title: LocalizedString }>(e(id));
      mkdirSync(opts.out, { recursive: true, mode: 0o700 });
      const csv = [
        'idnp,name,country,code',
        ...codes.map((c) => [c.idnp, `"${c.name.replace(/"/g, '""')}"`, c.country, c.code].join(',')),
      ];
      writeFileSync(join(opts.out, 'codes.csv'), `${csv.join('\n')}\n`, { mode: 0o600 });
      // Letters in print batches of LETTERS_PER_FILE, each file rendered and written on its own, so
      // that issuing codes to 300,000 voters does not hold 300,000 letters in memory at once.
      const files: string[] = [];
      for (let first = 0; first < codes.length; first += LETTERS_PER_FILE) {
        const name = `letters-${String(files.length + 1).padStart(4, '0')}.html`;
        const batch = codes.slice(first, first + LETTERS_PER_FILE);
        const letters = await renderLetters(batch, info, opts.booth, {
          short: fingerprint,
          publishedAt: opts.fingerprintPage,
        });
        writeFileSync(join(opts.out, name), letters, { mode: 0o600 });
        files.push(name);
      }
      console.log(
        t('codesWritten', {
          count: codes.length,
          file: join(opts.out, 'codes.csv'),
          files: files.length,
          names: files.length > 2 ? `${files[0]} … ${files.at(-1)}` : files.join(', '),
        }),
      );
      console.log(t('lettersFingerprint', { fingerprint, page: opts.fingerprintPage }));
    },
  );

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

// --- board, observers, officials -----------------------------------------------------------------

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

addOfficialsCommands(program.command('officials').description('CEC officials who may use this CLI, and their roles'), {
  api,
  t: (key, values = {}) => (translate as (l: Language, k: CliTextKey, v: object) => string)(language(), key, values),
});

// --- the parties' programs, for an official's convenience (each installs alone as evotare-mix, evotare-trustee, evotare-observe) ---

addMixCommands(program.command('mix').description(MIX_DESCRIPTION));
addTrusteeCommands(program.command('trustee').description(TRUSTEE_DESCRIPTION));
addObserverCommands(program.command('observe').description(OBSERVER_DESCRIPTION));
addDbCommands(program.command('db').description('the PostgreSQL database: migrations and roles'));

await runProgram(program);
