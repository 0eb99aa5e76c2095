// Importing the electoral roll from CSV (docs/OPERATIONS.md): columns idnp, name, birth_date
// (YYYY-MM-DD), country (ISO 3166-1 alpha-2 of residence). Every bad row is reported with its line
// number and the good rows are kept. The roll is never published: once the board exists, each
// import appends only the roll's size and its commitment (§13.1).
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
  readonly errors: RollError[];
  readonly rollSize: number;
}

interface Row {
  readonly line: number;
  readonly idnp: string;
  readonly name: string;
  readonly birthDate: string;
  readonly country: string;
}

const COLUMNS = ['idnp', 'name', 'birth_date', 'country'];

function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
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
  if (!header || header.record.map((h) => h.toLowerCase()).join(',') !== COLUMNS.join(',')) {
    return {
      rows: [],
      errors: [{ line: at(header?.info.lines ?? 1), message: `the header must be: ${COLUMNS.join(',')}` }],
    };
  }
  const latestBirth = new Date(`${electionDay}T00:00:00Z`);
  latestBirth.setUTCFullYear(latestBirth.getUTCFullYear() - 18);
  const adultBy = latestBirth.toISOString().slice(0, 10);
  const seen = new Map<string, number>();
  const rows: Row[] = [];
  for (const { info, record } of body) {
    const line = at(info.lines);
    if (record.length !== 4) {
      errors.push({ line, message: `expected 4 columns, found ${record.length}` });
      continue;
    }
    const [idnp, name, birthDate, country] = record as [string, string, string, string];
    const problems: string[] = [];
    if (!isValidIdnp(idnp)) problems.push('the IDNP is not 13 digits with a valid control digit');
    if (name.length < 1 || name.length > 200) problems.push('the name must have 1 to 200 characters');
    if (!isRealDate(birthDate)) problems.push('the date of birth must be a date YYYY-MM-DD');
    else if (birthDate > adultBy) problems.push('the voter is not 18 on election day');
    if (!/^[A-Z]{2}$/.test(country)) problems.push('the country must be an ISO 3166-1 alpha-2 code (e.g. IT)');
    if (problems.length === 0 && seen.has(idnp)) problems.push(`the IDNP is already on line ${seen.get(idnp)}`);
    if (problems.length > 0) {
      errors.push({ line, message: problems.join('; ') });
      continue;
    }
    seen.set(idnp, line);
    rows.push({ line, idnp, name, birthDate, country });
  }
  return { rows, errors };
}

export async function importRoll(
  deps: Deps,
  electionId: string,
  csv: string,
  official: string,
  firstLine = 1,
): Promise<Result<RollImportReport, Refusal>> {
  const allowed = ['draft', 'key-ceremony', 'open'] as const;
  const { value } = await deps.writer.submit(electionId, async (batch): Promise<Result<RollImportReport, Refusal>> => {
    const e = batch.election;
    if (e === null) return err({ kind: 'election-not-found' });
    if (!(allowed as readonly string[]).includes(e.state)) return err(wrongState(e.state, allowed));
    const definition = JSON.parse(e.definition) as ElectionDefinition;
    const { rows, errors } = parseRoll(csv, definition.votingWindow.opens.slice(0, 10), firstLine);
    let added = 0;
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
          })),
        )
        .onConflict((oc) => oc.columns(['election_id', 'idnp']).doNothing())
        .returning('idnp')
        .execute();
      added += inserted.length;
      const fresh = new Set(inserted.map((r) => r.idnp));
      for (const r of chunk)
        if (!fresh.has(r.idnp)) errors.push({ line: r.line, message: 'the IDNP is already on the roll' });
    }
    errors.sort((a, b) => a.line - b.line);
    const roll = await currentRollCommitment(batch.tx, electionId, e.roll_salt);
    if (e.state !== 'draft' && added > 0)
      batch.append('roll', { size: roll.size, commitment: toBase64Url(roll.commitment) });
    await recordOfficialAction(batch.tx, official, 'roll.import', electionId, { added, errors: errors.length });
    return ok({ added, errors, rollSize: roll.size });
  });
  return value;
}
