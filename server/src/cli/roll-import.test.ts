// `evotare roll import` against the real app (listening on 127.0.0.1): the files officials actually
// have — Excel's CP1250 and ';', a BOM and CRLF, addresses with line breaks anywhere — and the ones
// that must be refused whole.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiClient } from '@evotare/verifier/remote/client';
import { serve } from '@hono/node-server';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../testing/databases.ts';
import { exampleDefinition, rollCsv, startTestServer, type TestServer } from '../testing/harness.ts';
import { importRollFile, RollFileError, type RollImportOptions } from './roll-import.ts';

describe.each(testDatabases)('roll import from files, on $name', ({ open }) => {
  let s: TestServer;
  let server: Server;
  let url = '';
  const dir = mkdtempSync(join(tmpdir(), 'evotare-roll-'));
  let elections = 0;

  beforeAll(async () => {
    s = await startTestServer(await open());
    server = await new Promise<Server>((resolve) => {
      const listening = serve({ fetch: s.app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
        resolve(listening as Server),
      );
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh draft election, and the import options for a file of `bytes`. */
  async function setUp(bytes: string | Buffer, options: Partial<RollImportOptions> = {}) {
    const electionId = `roll-${++elections}`;
    expect((await s.request('POST', '/api/v1/admin/elections', { body: exampleDefinition(electionId) })).status).toBe(
      201,
    );
    const file = join(dir, `${electionId}.csv`);
    writeFileSync(file, bytes);
    return {
      client: apiClient(url, s.token, 'en'),
      electionId,
      file,
      encoding: 'utf-8' as const,
      delimiter: ',',
      skipExisting: false,
      ...options,
    };
  }
  const names = async (electionId: string) =>
    (
      await s.deps.db
        .selectFrom('voter')
        .select(['idnp', 'name', 'address'])
        .where('election_id', '=', electionId)
        .orderBy('id')
        .execute()
    ).map((r) => ({ idnp: r.idnp, name: r.name, address: r.address }));
  const refused = async (o: RollImportOptions) => {
    const e = await importRollFile(o).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RollFileError);
    return e as RollFileError;
  };

  const roll = rollCsv(3);
  const [a, b, c] = roll.idnps as [string, string, string];

  it('reads CP1250 with --encoding cp1250, and refuses it as UTF-8 naming the line', async () => {
    const text = `idnp,name,birth_date,country\n${a},Ştefan Ţurcanu,1980-01-01,IT\n${b},Ana Bălan-Îngeraş,1981-02-02,DE\n`;
    const bytes = iconv.encode(text, 'win1250');
    const o = await setUp(bytes);
    const e = await refused(o);
    expect(e.message).toMatch(/not UTF-8 .* line 2\).*--encoding cp1250/);
    expect(await names(o.electionId)).toEqual([]);
    const r = await importRollFile({ ...o, encoding: 'cp1250' });
    expect(r).toMatchObject({ records: 2, added: 2, errors: [], rollSize: 2 });
    expect((await names(o.electionId)).map((v) => v.name)).toEqual(['Ştefan Ţurcanu', 'Ana Bălan-Îngeraş']);
  });

  it("reads ';' with a BOM and CRLF, and says to give --delimiter when the header shows it", async () => {
    const text = `\ufeffidnp;name;birth_date;country\r\n${a};"Popescu; Ion";1980-01-01;IT\r\n${b};Ana;1981-02-02;DE\r\n`;
    const o = await setUp(text);
    const e = await refused(o);
    expect(e.message).toMatch(/the header must be .*give --delimiter/);
    const r = await importRollFile({ ...o, delimiter: ';' });
    expect(r).toMatchObject({ records: 2, added: 2, errors: [], rollSize: 2 });
    expect((await names(o.electionId))[0]!.name).toBe('Popescu; Ion');
  });

  it('keeps quoted line breaks across 5,000-line boundaries, and numbers lines as the file does', async () => {
    const voters = rollCsv(11_000).csv.trim().split('\n').slice(1);
    const lines = ['idnp,name,birth_date,country,address'];
    const multiline = new Map<number, string>();
    let line = 1;
    voters.forEach((v, i) => {
      // Addresses of three lines across file lines 5,000 and 10,000 (a CRLF inside them too).
      const at = line + 1;
      const near = (at >= 4996 && at <= 5000) || (at >= 9996 && at <= 10000);
      const address = near ? `Via Roma ${i}\r\n00100 Roma\nItalia` : `Str. ${i}`;
      if (near) multiline.set(i, address);
      lines.push(`${v},"${address}"`);
      line += near ? 3 : 1;
    });
    // A bad IDNP on the last line: its number counts the line breaks inside the addresses.
    const total = line + 1;
    lines.push('1234567890123,Greșit,1980-01-01,IT,Str. 1');
    const o = await setUp(`${lines.join('\r\n')}\r\n`);
    const r = await importRollFile(o);
    expect(r).toMatchObject({ records: 11_001, added: 11_000, rollSize: 11_000 });
    expect(r.errors).toEqual([{ line: total, message: 'the IDNP is not 13 digits with a valid control digit' }]);
    expect(multiline.size).toBeGreaterThanOrEqual(4);
    const stored = await names(o.electionId);
    for (const [i, address] of multiline) expect(stored[i]!.address).toBe(address.replace(/\r\n/g, '\n'));
  });

  it('refuses a file with a quote never closed, naming the line, and imports nothing', async () => {
    const o = await setUp(
      `idnp,name,birth_date,country\n${a},Ana,1980-01-01,IT\n${b},"Ion,1981-02-02,DE\n${c},Maria,1982-03-03,FR\n`,
    );
    const e = await refused(o);
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/line 3: a quote opened in this record is never closed/);
    expect(await names(o.electionId)).toEqual([]);
    const stray = await setUp(`idnp,name,birth_date,country\n${a},Ana,1980-01-01,IT\n${b},Ion "Vodă",1981-02-02,DE\n`);
    expect((await refused(stray)).message).toMatch(/line 3: not valid CSV/);
  });

  it('refuses an empty file, and one with a header and no voters', async () => {
    expect((await refused(await setUp(''))).message).toBe('the file is empty');
    expect((await refused(await setUp('\ufeff\r\n\r\n'))).message).toMatch(/no header and no voters/);
    expect((await refused(await setUp('idnp,name,birth_date,country\r\n'))).message).toMatch(/header but no voters/);
  });

  it('counts records, and with --skip-existing leaves a re-imported roll alone without a line each', async () => {
    const text = `${roll.csv}${a},Dublură,1980-01-01,IT\n1234567890123,Greșit,1980-01-01,IT\n`;
    const o = await setUp(text);
    const first = await importRollFile(o);
    expect(first).toMatchObject({ records: 5, added: 3, skipped: 0, rollSize: 3 });
    expect(first.errors).toEqual([
      { line: 5, message: 'the IDNP is already on line 2' },
      { line: 6, message: 'the IDNP is not 13 digits with a valid control digit' },
    ]);
    const again = await importRollFile(o);
    expect(again.errors.filter((e) => e.message === 'the IDNP is already on the roll')).toHaveLength(3);
    const skipped = await importRollFile({ ...o, skipExisting: true });
    expect(skipped).toMatchObject({ records: 5, added: 0, skipped: 3, rollSize: 3 });
    expect(skipped.errors).toHaveLength(2);
  });

  it('imports 100,000 voters with progress, and reports the roll size', { timeout: 120_000 }, async () => {
    const o = await setUp(rollCsv(100_000).csv);
    const phases = new Map<string, number>();
    const started = performance.now();
    const r = await importRollFile({ ...o, onProgress: (phase, done) => phases.set(phase, done) });
    const seconds = (performance.now() - started) / 1000;
    expect(r).toMatchObject({ records: 100_000, added: 100_000, errors: [], rollSize: 100_000 });
    expect(phases.get('send')).toBe(100_000);
    expect(phases.get('read')).toBeGreaterThan(4_000_000);
    // Seconds on a quiet machine; the bound is for a loaded CI runner.
    expect(seconds).toBeLessThan(90);
  });
});
