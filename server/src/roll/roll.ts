// Importing the electoral roll (docs/SPEC.md §13.1, docs/OPERATIONS.md): columns idnp, name,
// birth_date (YYYY-MM-DD), country (ISO 3166-1 alpha-2 of residence), and optionally address (the
// postal address the activation letter goes to). Rows come as CSV text, or as records that
// `evotare roll import` has already parsed from the file (streamed, in its encoding and with its
// delimiter); every bad row is reported with its line number and the good rows are kept. The roll
// is never published: once the board exists, each import appends only the roll's size and its
// commitment (§13.1).
import { toBase64Url } from '@evotare/crypto/bytes';
import type { ElectionDefinition } from '@evotare/crypto/manifest';
import { parse } from 'csv-parse/sync';
import { recordOfficialAction } from '../audit.ts';
import type { Deps } from '../deps.ts';
import { type Refusal, wrongState } from '../refusal.ts';
import { err, ok, type Result } from '../result.ts';
import { currentRollCommitment } from './commitment.ts';
import { isValidIdnp } from './idnp.ts';

export interface RollError {
  readonly line: number;
  readonly message: string;
}

export interface RollImportReport {
  readonly added: number;
  /** Rows whose IDNP was already on the roll, left as they were (`skipExisting`). */
  readonly skipped: number;
  readonly errors: RollError[];
  readonly rollSize: number;
}

interface Row {
  readonly line: number;
  readonly idnp: string;
  readonly name: string;
  readonly birthDate: string;
  readonly country: string;
  readonly address: string | null;
}

/** A row as the CLI sends it: the file's fields by column name, and the line the record starts on. */
export interface RollRecord {
  readonly line: number;
  readonly idnp: string;
  readonly name: string;
  readonly birth_date: string;
  readonly country: string;
  readonly address?: string;
}

export const ROLL_COLUMNS = ['idnp', 'name', 'birth_date', 'country'] as const;
export const ROLL_OPTIONAL_COLUMNS = ['address'] as const;
const MAX_ADDRESS = 500;

/** Whether a header (already split) is the roll's: the four columns, and `address` after them if any. */
export function isRollHeader(header: readonly string[]): boolean {
  const h = header.map((c) => c.trim().toLowerCase());
  return (
    (h.length === 4 || (h.length === 5 && h[4] === ROLL_OPTIONAL_COLUMNS[0])) &&
    ROLL_COLUMNS.every((c, i) => h[i] === c)
  );
}

function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** The latest date of birth of a voter who is 18 on the first day of the voting window. */
function adultBy(electionDay: string): string {
  const latestBirth = new Date(`${electionDay}T00:00:00Z`);
  latestBirth.setUTCFullYear(latestBirth.getUTCFullYear() - 18);
  return latestBirth.toISOString().slice(0, 10);
}

/** The problems of one record (§13.1), or none; duplicates are the caller's to find. */
function rowProblems(r: Omit<RollRecord, 'line'>, latestBirth: string): string[] {
  const problems: string[] = [];
  if (!isValidIdnp(r.idnp)) problems.push('the IDNP is not 13 digits with a valid control digit');
  if (r.name.length < 1 || r.name.length > 200) problems.push('the name must have 1 to 200 characters');
  if (!isRealDate(r.birth_date)) problems.push('the date of birth must be a date YYYY-MM-DD');
  else if (r.birth_date > latestBirth) problems.push('the voter is not 18 on election day');
  if (!/^[A-Z]{2}$/.test(r.country)) problems.push('the country must be an ISO 3166-1 alpha-2 code (e.g. IT)');
  if (r.address !== undefined && r.address.length > MAX_ADDRESS)
    problems.push(`the address must have at most ${MAX_ADDRESS} characters`);
  return problems;
}

/** Checks records (already parsed); `seen` carries the IDNPs of earlier records of the same file. */
export function checkRollRecords(
  records: readonly RollRecord[],
  electionDay: string,
  seen: Map<string, number> = new Map(),
): { rows: Row[]; errors: RollError[] } {
  const latestBirth = adultBy(electionDay);
  const rows: Row[] = [];
  const errors: RollError[] = [];
  for (const r of records) {
    const problems = rowProblems(r, latestBirth);
    if (problems.length === 0 && seen.has(r.idnp)) problems.push(`the IDNP is already on line ${seen.get(r.idnp)}`);
    if (problems.length > 0) {
      errors.push({ line: r.line, message: problems.join('; ') });
      continue;
    }
    seen.set(r.idnp, r.line);
    const address = r.address === undefined || r.address.trim() === '' ? null : r.address.replace(/\r\n?/g, '\n');
    rows.push({ line: r.line, idnp: r.idnp, name: r.name, birthDate: r.birth_date, country: r.country, address });
  }
  return { rows, errors };
}

/** Parses the CSV text; `firstLine` is the file line of the text's first line (for chunked uploads). */
export function parseRoll(csv: string, electionDay: string, firstLine = 1): { rows: Row[]; errors: RollError[] } {
  const errors: RollError[] = [];
  const at = (line: number) => line + firstLine - 1;
  const records = parse(csv, {
    bom: true,
    info: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    on_skip: (e: { lines?: number; message: string } | undefined) => {
      if (e) errors.push({ line: at(e.lines ?? 0), message: `not valid CSV: ${e.message}` });
    },
  }) as unknown as Array<{ info: { lines: number }; record: string[] }>;
  const [header, ...body] = records;
  if (!header || !isRollHeader(header.record)) {
    return {
      rows: [],
      errors: [
        { line: at(header?.info.lines ?? 1), message: `the header must be: ${ROLL_COLUMNS.join(',')}[,address]` },
      ],
    };
  }
  const width = header.record.length;
  const fields: RollRecord[] = [];
  for (const { info, record } of body) {
    if (record.length !== width) {
      errors.push({ line: at(info.lines), message: `expected ${width} columns, found ${record.length}` });
      continue;
    }
    const [idnp, name, birth_date, country, address] = record as [string, string, string, string, string?];
    fields.push({
      line: at(info.lines),
      idnp,
      name,
      birth_date,
      country,
      ...(address === undefined ? {} : { address }),
    });
  }
  const checked = checkRollRecords(fields, electionDay);
  return { rows: checked.rows, errors: [...errors, ...checked.errors] };
}

/** What an import request carries: CSV text (numbered from `firstLine`), or parsed records. */
export type RollInput =
  | { readonly csv: string; readonly firstLine?: number }
  | { readonly records: readonly RollRecord[]; readonly skipExisting?: boolean };

export async function importRoll(
  deps: Deps,
  electionId: string,
  input: RollInput,
  official: string,
): Promise<Result<RollImportReport, Refusal>> {
  const allowed = ['draft', 'key-ceremony', 'open'] as const;
  const skipExisting = 'records' in input && input.skipExisting === true;
  const { value } = await deps.writer.submit(electionId, async (batch): Promise<Result<RollImportReport, Refusal>> => {
    const e = batch.election;
    if (e === null) return err({ kind: 'election-not-found' });
    if (!(allowed as readonly string[]).includes(e.state)) return err(wrongState(e.state, allowed));
    const definition = JSON.parse(e.definition) as ElectionDefinition;
    const electionDay = definition.votingWindow.opens.slice(0, 10);
    const { rows, errors } =
      'csv' in input
        ? parseRoll(input.csv, electionDay, input.firstLine ?? 1)
        : checkRollRecords(input.records, electionDay);
    let added = 0;
    let skipped = 0;
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      const inserted = await batch.tx
        .insertInto('voter')
        .values(
          chunk.map((r) => ({
            election_id: electionId,
            idnp: r.idnp,
            name: r.name,
            birth_date: r.birthDate,
            country: r.country,
            address: r.address,
          })),
        )
        .onConflict((oc) => oc.columns(['election_id', 'idnp']).doNothing())
        .returning('idnp')
        .execute();
      added += inserted.length;
      const fresh = new Set(inserted.map((r) => r.idnp));
      for (const r of chunk) {
        if (fresh.has(r.idnp)) continue;
        if (skipExisting) skipped++;
        else errors.push({ line: r.line, message: 'the IDNP is already on the roll' });
      }
    }
    errors.sort((a, b) => a.line - b.line);
    // The commitment (every row, hashed) only when it goes on the board: a draft has no board yet,
    // and a roll imported in parts would otherwise be read whole once per part.
    let rollSize: number;
    if (e.state !== 'draft' && added > 0) {
      const roll = await currentRollCommitment(batch.tx, electionId, e.roll_salt);
      batch.append('roll', { size: roll.size, commitment: toBase64Url(roll.commitment) });
      rollSize = roll.size;
    } else {
      const n = await batch.tx
        .selectFrom('voter')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('election_id', '=', electionId)
        .executeTakeFirstOrThrow();
      rollSize = Number(n.n);
    }
    await recordOfficialAction(batch.tx, official, 'roll.import', electionId, {
      added,
      skipped,
      errors: errors.length,
    });
    return ok({ added, skipped, errors, rollSize });
  });
  return value;
}
