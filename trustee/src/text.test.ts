// The trustee's messages: complete in Romanian, English and Russian, and chosen by --lang, else
// EVOTARE_LANG, else Romanian — checked on the real program (`evotare-trustee` with a wrong
// passphrase, which fails before it needs a server).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { catalogueProblems } from '@evotare/verifier/i18n';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyFile, PASSPHRASE_VARIABLE } from './key-file.ts';
import { TRUSTEE_TEXT, text } from './text.ts';

describe('the trustee’s messages', () => {
  it('exist in Romanian, English and Russian, none empty or left in English, with the same placeholders', () => {
    expect(Object.keys(TRUSTEE_TEXT).length).toBeGreaterThan(10);
    expect(catalogueProblems(TRUSTEE_TEXT)).toEqual([]);
  });

  it('fill their placeholders, a localized value in each language', () => {
    expect(text('sharesChecked', { list: text('none') })).toEqual({
      ro: 'părți verificate: valabile de la custodele (custozii) niciunul',
      en: 'shares checked: valid from trustee(s) none',
      ru: 'доли проверены: действительны от доверенных лиц нет',
    });
  });
});

describe('evotare-trustee, as a process', () => {
  const program = fileURLToPath(new URL('./main.ts', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'evotare-cli-text-'));
  const keyFile = join(dir, 'trustee.key');
  createKeyFile(keyFile, 'the right passphrase', { logN: 10, r: 8, p: 1 });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** `evotare-trustee … ceremony` with a wrong passphrase: its exit code and what it printed on stderr. */
  async function wrongPassphrase(globals: string[], env: Record<string, string> = {}) {
    const { EVOTARE_LANG: _, ...inherited } = process.env;
    const args = [program, ...globals, 'ceremony', '--election', 'e', '--key', keyFile];
    const r = await promisify(execFile)(process.execPath, args, {
      env: { ...inherited, [PASSPHRASE_VARIABLE]: 'not the passphrase', ...env },
    }).then(
      (ok) => ({ code: 0, stderr: ok.stderr }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    return r.stderr.trim();
  }

  it('says a wrong passphrase in Romanian by default, in Russian with --lang ru', async () => {
    const [ro, ru, en] = await Promise.all([
      wrongPassphrase([]),
      wrongPassphrase(['--lang', 'ru']),
      wrongPassphrase([], { EVOTARE_LANG: 'en' }),
    ]);
    expect(ro).toBe(
      `eroare: fișierul de chei ${keyFile} nu poate fi deschis: frază de acces greșită (sau fișierul a fost modificat)`,
    );
    expect(ru).toBe(
      `ошибка: не удаётся открыть файл ключей ${keyFile}: неверная парольная фраза (или файл был изменён)`,
    );
    expect(en).toBe(`error: cannot open the key file ${keyFile}: wrong passphrase (or the file was altered)`);
  });

  it('takes --lang over EVOTARE_LANG', async () => {
    expect(await wrongPassphrase(['--lang', 'en'], { EVOTARE_LANG: 'ru' })).toMatch(/^error: cannot open the key file/);
  });
});
