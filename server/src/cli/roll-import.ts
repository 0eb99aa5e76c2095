// `evotare roll import`: the electoral roll from a CSV file, read as a stream of records.
//
// The file is decoded strictly (UTF-8 that is not UTF-8 is refused, not turned into U+FFFD; a file
// saved by Excel on Windows is read with --encoding cp1250 through iconv-lite), its line ends
// made LF, and parsed by csv-parse record by record, with the delimiter given (an Excel export in
// Moldova uses ';'), so a quoted field may hold line breaks anywhere in the file. Every record is
// numbered by the line it starts on. A file that is not CSV (a quote never closed, a stray quote)
// or has no records is refused as a whole before anything is sent, with the line named. Then the
// records go to the server in parts (each checked there, §13.1), and the report counts records:
// added, already on the roll (with --skip-existing, left alone without a word each), refused (with
// their lines), and the roll's size as the server has it afterwards.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ApiClient } from '@evotare/verifier/remote/client';
import { CsvError, type Options, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { isRollHeader, ROLL_COLUMNS, type RollError, type RollImportReport, type RollRecord } from '../roll/roll.ts';

export const ROLL_ENCODINGS = ['utf-8', 'cp1250'] as const;
export type RollEncoding = (typeof ROLL_ENCODINGS)[number];

export interface RollImportOptions {
  readonly client: ApiClient;
  readonly electionId: string;
  readonly file: string;
  readonly encoding: RollEncoding;
  /** The field delimiter: ',' or ';' (or any one character). */
  readonly delimiter: string;
  /** Rows whose IDNP is already on the roll are counted, not reported one by one. */
  readonly skipExisting: boolean;
  /** Records per request. */
  readonly batchSize?: number;
  /** Called as the file is read (bytes) and as records are sent (records). */
  readonly onProgress?: (phase: 'read' | 'send', done: number, total: number) => void;
}

export interface RollImportResult {
  readonly records: number;
  readonly added: number;
  readonly skipped: number;
  readonly errors: RollError[];
  readonly rollSize: number;
}

/** The file cannot be imported at all; `line` when a line is to blame. */
export class RollFileError extends Error {
  readonly line: number | null;
  constructor(message: string, line: number | null = null) {
    super(message);
    this.name = 'RollFileError';
    this.line = line;
  }
}

/** Strict decoding to text, counting lines so that an undecodable byte can be placed. */
function decoder(encoding: RollEncoding): Transform {
  if (encoding === 'cp1250') return iconv.decodeStream('win1250') as unknown as Transform;
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _encoding, done) {
      let text: string;
      try {
        text = utf8.decode(chunk, { stream: true });
      } catch {
        // Where: the lines before the first byte that a lenient decoder replaces.
        const loose = new TextDecoder('utf-8').decode(chunk);
        for (const ch of loose.slice(0, Math.max(0, loose.indexOf('\uFFFD')))) if (ch === '\n') line++;
        done(
          new RollFileError(
            `the file is not UTF-8 (a byte that UTF-8 does not allow, on line ${line}): if it was saved by Excel on Windows, give --encoding cp1250`,
            line,
          ),
        );
        return;
      }
      for (const ch of text) if (ch === '\n') line++;
      done(null, text);
    },
    flush(done) {
      try {
        done(null, utf8.decode());
      } catch {
        done(new RollFileError(`the file is not UTF-8: it ends inside a character (line ${line})`, line));
      }
    },
  });
}

/** CRLF (and a lone CR) to LF, also across chunk edges, so that csv-parse counts lines as editors do. */
function lineEnds(): Transform {
  let pendingCr = false;
  return new Transform({
    decodeStrings: false,
    transform(chunk: Buffer | string, _encoding, done) {
      let text = (pendingCr ? '\r' : '') + chunk.toString();
      pendingCr = text.endsWith('\r');
      if (pendingCr) text = text.slice(0, -1);
      done(null, text.replace(/\r\n?/g, '\n'));
    },
    flush(done) {
      done(null, pendingCr ? '\n' : '');
    },
  });
}

interface Parsed {
  readonly record: string[];
  readonly raw: string;
  readonly info: { readonly lines: number };
}

/** The line a record starts on: where it ends, less the line breaks inside it. */
function firstLineOf(p: Parsed): number {
  const body = p.raw.replace(/^\n+/, '').replace(/\n$/, '');
  let breaks = 0;
  for (const ch of body) if (ch === '\n') breaks++;
  return p.info.lines - breaks;
}

/** Reads and checks the whole file's form; the records with the lines they start on. */
async function readRoll(o: RollImportOptions): Promise<{ records: RollRecord[]; refused: RollError[] }> {
  const { size } = await stat(o.file);
  if (size === 0) throw new RollFileError('the file is empty');
  const records: RollRecord[] = [];
  const refused: RollError[] = [];
  const seen = new Map<string, number>();
  let width = 0;
  let lastLine = 0;
  let read = 0;
  const input = createReadStream(o.file);
  input.on('data', (chunk) => {
    read += chunk.length;
    o.onProgress?.('read', read, size);
  });
  // The header is checked as soon as it is parsed, before any later record can fail the parse: a
  // file with another delimiter is then told so, rather than that a later line is not CSV.
  let headerProblem: RollFileError | null = null;
  let headerSeen = false;
  const checkHeader = (record: string[]) => {
    headerSeen = true;
    if (isRollHeader(record)) return;
    const other = record.join('').match(/[;,\t]/)?.[0];
    const hint =
      other !== undefined && other !== o.delimiter
        ? ` (is the delimiter ${JSON.stringify(other)}? give --delimiter)`
        : '';
    headerProblem = new RollFileError(
      `the header must be ${ROLL_COLUMNS.join(o.delimiter)}[${o.delimiter}address], found ${JSON.stringify(record.join(o.delimiter))}${hint}`,
      1,
    );
  };
  const parser = parse({
    // With `info` and `raw`, csv-parse hands on_record the record wrapped as Parsed.
    on_record: ((parsed: Parsed) => {
      if (!headerSeen) checkHeader(parsed.record);
      return parsed;
    }) as unknown as Options['on_record'],
    bom: true,
    delimiter: o.delimiter,
    record_delimiter: '\n',
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
    raw: true,
  });
  try {
    await pipeline(input, decoder(o.encoding), lineEnds(), parser, async (source: AsyncIterable<Parsed>) => {
      for await (const p of source) {
        if (headerProblem !== null) throw headerProblem;
        const line = firstLineOf(p);
        lastLine = p.info.lines;
        if (width === 0) {
          width = p.record.length;
          continue;
        }
        if (p.record.length !== width) {
          refused.push({ line, message: `expected ${width} columns, found ${p.record.length}` });
          continue;
        }
        const [idnp, name, birth_date, country, address] = p.record as [string, string, string, string, string?];
        // A second line of the same voter: found here, since the server sees the file in parts.
        const first = seen.get(idnp);
        if (first !== undefined) {
          refused.push({ line, message: `the IDNP is already on line ${first}` });
          continue;
        }
        seen.set(idnp, line);
        records.push({ line, idnp, name, birth_date, country, ...(address === undefined ? {} : { address }) });
      }
    });
  } catch (e) {
    if (e instanceof RollFileError) throw e;
    if (headerProblem !== null) throw headerProblem;
    if (e instanceof CsvError) {
      if (e.code === 'CSV_QUOTE_NOT_CLOSED')
        throw new RollFileError(
          `line ${lastLine + 1}: a quote opened in this record is never closed (nothing was imported)`,
          lastLine + 1,
        );
      const at = (e as CsvError & { lines?: number }).lines ?? lastLine + 1;
      throw new RollFileError(`line ${at}: not valid CSV: ${e.message} (nothing was imported)`, at);
    }
    throw e;
  }
  if (width === 0) throw new RollFileError('the file has no header and no voters');
  if (records.length === 0 && refused.length === 0) throw new RollFileError('the file has a header but no voters');
  return { records, refused };
}

export async function importRollFile(o: RollImportOptions): Promise<RollImportResult> {
  const { records, refused } = await readRoll(o);
  const path = `/api/v1/admin/elections/${encodeURIComponent(o.electionId)}`;
  const batchSize = o.batchSize ?? 10_000;
  let added = 0;
  let skipped = 0;
  const errors = [...refused];
  const total = records.length + refused.length;
  o.onProgress?.('send', refused.length, total);
  for (let i = 0; i < records.length; i += batchSize) {
    const part = records.slice(i, i + batchSize);
    const r = await o.client.post<RollImportReport>(`${path}/roll`, { records: part, skipExisting: o.skipExisting });
    added += r.added;
    skipped += r.skipped;
    errors.push(...r.errors);
    o.onProgress?.('send', refused.length + i + part.length, total);
  }
  errors.sort((a, b) => a.line - b.line);
  const { rollSize } = await o.client.get<{ rollSize: number }>(path);
  return { records: total, added, skipped, errors, rollSize };
}
