// `evotare codes issue`: activation codes to disk, batch by batch, so that nothing is lost when the
// program, the network or the machine stops half-way.
//
// The codes exist only in the server's answer (the database keeps a slow hash), so the one thing
// that must not happen is a code issued on the server and never written down. The output
// directory holds a journal (journal.jsonl, one JSON object a line, each line fsynced):
//   { election }                      the first line: whose codes these are
//   { batch, mode, idnps }            before a request: exactly whom it is about to issue to
//   { saved, count }                  after that batch's codes-NNNN.csv and letters-NNNN.pdf are on
//                                     disk (each written to a temporary name, fsynced, renamed, and
//                                     the directory fsynced)
// Issuing takes the voters without a code from the server (…/activation-codes/pending), writes the
// intent, then asks for codes for exactly those voters (`newOnly`, so that a voter who got a code
// meanwhile from someone else keeps it). A batch whose intent is in the journal but not its `saved`
// line may or may not have been issued on the server: it is issued again to the same voters (a
// re-issue replaces a code nobody ever saw; the server says which codes it replaced, and those
// are reported). The same happens when a request times out or fails and is tried again. The last
// step writes codes.csv, every saved batch in one file.
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { type ApiClient, ApiError } from '@evotare/verifier/remote/client';
import { stringify } from 'csv-stringify/sync';
import type { IssuedCode } from '../credentials/credentials.ts';
import { type LetterContext, renderLettersPdf } from '../credentials/letters.ts';

export const JOURNAL = 'journal.jsonl';

export interface CodesIssueOptions {
  readonly client: ApiClient;
  readonly electionId: string;
  readonly outDir: string;
  /** Re-issue to these voters (their live credential is revoked); otherwise, every voter without a code. */
  readonly idnps?: readonly string[];
  /** Voters per request, CSV and letters file (at most 1,000, the server's limit). */
  readonly batchSize: number;
  /** Tries of a request that fails for want of an answer (network, time-out, 5xx). */
  readonly attempts: number;
  /** Wait before the second try (ms); doubled each try, at most 30 s. */
  readonly retryDelayMs?: number;
  readonly letters: LetterContext;
  /** Renders a batch's letters (default: renderLettersPdf; the benchmark times it). */
  readonly renderLetters?: typeof renderLettersPdf;
  readonly onProgress?: (done: number, total: number) => void;
  /** Told before a failed request is tried again. */
  readonly onRetry?: (attempt: number, error: Error) => void;
}

export interface CodesIssueReport {
  /** Codes written by this run, re-issued ones included. */
  readonly issued: number;
  /** Batches this run wrote. */
  readonly batches: number;
  /** Batches of an earlier, interrupted run that this run issued again. */
  readonly resumedBatches: number[];
  /** Voters whose code was issued on the server but never saved, and who got a new one. */
  readonly reissued: string[];
  /** IDNPs asked for (`--idnp`) that this directory already holds a code for, from an earlier run. */
  readonly alreadySaved: string[];
  /** The batch files of the directory, and codes.csv. */
  readonly files: string[];
  readonly codesFile: string;
}

type Mode = 'new' | 'reissue';
type JournalLine =
  | { readonly election: string }
  | { readonly batch: number; readonly mode: Mode; readonly idnps: string[] }
  | { readonly saved: number; readonly count: number };

interface Journal {
  readonly intents: Map<number, { mode: Mode; idnps: string[] }>;
  readonly saved: Set<number>;
}

export class CodesDirectoryError extends Error {}

const batchName = (n: number, ext: string) =>
  `${ext === 'csv' ? 'codes' : 'letters'}-${String(n).padStart(4, '0')}.${ext}`;

async function readJournal(dir: string, electionId: string): Promise<Journal> {
  const journal: Journal = { intents: new Map(), saved: new Set() };
  let text: string;
  try {
    text = await readFile(join(dir, JOURNAL), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return journal;
    throw e;
  }
  // Every line ends with a line feed once it is on disk; what follows the last one (a line cut by a
  // crash) is ignored, and what it said is redone.
  text
    .split('\n')
    .slice(0, -1)
    .forEach((line, i) => {
      const entry = JSON.parse(line) as JournalLine;
      if ('election' in entry) {
        if (i === 0 && entry.election !== electionId)
          throw new CodesDirectoryError(`${dir} holds the codes of election "${entry.election}"`);
      } else if ('batch' in entry) journal.intents.set(entry.batch, { mode: entry.mode, idnps: entry.idnps });
      else journal.saved.add(entry.saved);
    });
  return journal;
}

/** Writes `bytes` to `dir/name` so that after a crash the file is either whole or absent. */
async function writeDurably(dir: string, name: string, bytes: Uint8Array | string): Promise<void> {
  const temporary = join(dir, `.${name}.tmp`);
  const file = await open(temporary, 'w', 0o600);
  try {
    await file.writeFile(bytes);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, join(dir, name));
  await syncDirectory(dir);
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function appendJournal(dir: string, line: JournalLine): Promise<void> {
  const file = await open(join(dir, JOURNAL), 'a', 0o600);
  try {
    await file.appendFile(`${JSON.stringify(line)}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
}

const CSV_COLUMNS = ['idnp', 'name', 'country', 'address', 'code'] as const;

/**
 * The codes as CSV for a spreadsheet: a UTF-8 BOM (Excel then reads the diacritics right), CRLF,
 * and every cell that a spreadsheet would run as a formula (= + - @ tab CR first) escaped.
 */
export function codesCsv(codes: readonly IssuedCode[], withHeader = true): string {
  return stringify(
    codes.map((c) => ({ ...c, address: c.address ?? '' })),
    {
      bom: withHeader,
      header: withHeader,
      columns: [...CSV_COLUMNS],
      escape_formulas: true,
      record_delimiter: 'windows',
    },
  );
}

function isTransient(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 0 || e.status === 429 || e.status >= 500);
}

interface IssuedBatch {
  readonly codes: IssuedCode[];
  readonly replaced: string[];
}

/** Calls `call(attempt)` until it answers, tries run out, or it fails other than for want of an answer. */
async function withRetries<T>(o: CodesIssueOptions, call: (attempt: number) => Promise<T>): Promise<T> {
  let delay = o.retryDelayMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (e) {
      if (!isTransient(e) || attempt >= o.attempts) throw e;
      o.onRetry?.(attempt, e as Error);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 30_000);
    }
  }
}

/**
 * Issues codes to exactly `idnps` (a batch whose intent is in the journal): the first try of a new
 * batch only to voters still without a code; every later try, and a resumed batch, re-issues (the
 * try before may have issued codes whose answer never arrived).
 */
function issueBatch(o: CodesIssueOptions, idnps: string[], mode: Mode, resumed: boolean): Promise<IssuedBatch> {
  const path = `/api/v1/admin/elections/${encodeURIComponent(o.electionId)}/activation-codes`;
  return withRetries(o, async (attempt) => {
    const newOnly = mode === 'new' && attempt === 1 && !resumed;
    const r = await o.client.post<{ codes: IssuedCode[]; replaced: string[] }>(path, {
      idnps,
      ...(newOnly ? { newOnly: true } : {}),
    });
    // In a batch of new codes, a replaced code is one this program never saved.
    return { codes: r.codes, replaced: mode === 'new' ? r.replaced : [] };
  });
}

export async function issueCodesToDisk(o: CodesIssueOptions): Promise<CodesIssueReport> {
  const dir = o.outDir;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const journal = await readJournal(dir, o.electionId);
  if (journal.intents.size === 0 && journal.saved.size === 0) await appendJournal(dir, { election: o.electionId });

  const reissued: string[] = [];
  const resumedBatches: number[] = [];
  let issued = 0;
  let batches = 0;
  let next = Math.max(0, ...journal.intents.keys()) + 1;
  let done = 0;
  let total = 0;

  const save = async (n: number, result: IssuedBatch) => {
    await writeDurably(dir, batchName(n, 'pdf'), await (o.renderLetters ?? renderLettersPdf)(result.codes, o.letters));
    await writeDurably(dir, batchName(n, 'csv'), codesCsv(result.codes));
    await appendJournal(dir, { saved: n, count: result.codes.length });
    journal.saved.add(n);
    issued += result.codes.length;
    batches++;
    reissued.push(...result.replaced);
    done += result.codes.length;
    o.onProgress?.(done, total);
  };
  const run = async (mode: Mode, idnps: string[]) => {
    const n = next++;
    await appendJournal(dir, { batch: n, mode, idnps });
    journal.intents.set(n, { mode, idnps });
    await save(n, await issueBatch(o, idnps, mode, false));
  };

  // 1. What an interrupted run left unsaved.
  const unfinished = [...journal.intents].filter(([n]) => !journal.saved.has(n)).sort(([a], [b]) => a - b);
  total += unfinished.reduce((sum, [, b]) => sum + b.idnps.length, 0);
  for (const [n, { mode, idnps }] of unfinished) {
    resumedBatches.push(n);
    await save(n, await issueBatch(o, idnps, mode, true));
  }

  // 2. This run's own work.
  const alreadySaved: string[] = [];
  if (o.idnps) {
    const saved = new Set([...journal.intents].filter(([n]) => journal.saved.has(n)).flatMap(([, b]) => b.idnps));
    const wanted = [...new Set(o.idnps)].filter((i) => {
      if (!saved.has(i)) return true;
      alreadySaved.push(i);
      return false;
    });
    total += wanted.length;
    o.onProgress?.(done, total);
    for (let i = 0; i < wanted.length; i += o.batchSize) await run('reissue', wanted.slice(i, i + o.batchSize));
  } else {
    const pendingPath = `/api/v1/admin/elections/${encodeURIComponent(o.electionId)}/activation-codes/pending?limit=${o.batchSize}`;
    for (let first = true; ; first = false) {
      const pending = await withRetries(o, () => o.client.get<{ idnps: string[]; remaining: number }>(pendingPath));
      if (first) {
        total += pending.remaining;
        o.onProgress?.(done, total);
      }
      if (pending.idnps.length === 0) break;
      await run('new', pending.idnps);
    }
  }

  // 3. Every saved batch in one file, in batch order (one code per voter: a voter is in one batch).
  const files: string[] = [];
  const rows: string[] = [];
  for (const n of [...journal.saved].sort((a, b) => a - b)) {
    files.push(batchName(n, 'csv'), batchName(n, 'pdf'));
    const text = await readFile(join(dir, batchName(n, 'csv')), 'utf8');
    rows.push(text.slice(text.indexOf('\r\n') + 2));
  }
  const codesFile = join(dir, 'codes.csv');
  await writeDurably(dir, 'codes.csv', codesCsv([]) + rows.join(''));
  return { issued, batches, resumedBatches, reissued, alreadySaved, files, codesFile };
}
