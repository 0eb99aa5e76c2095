// The CLI's own messages: complete in Romanian, English and Russian, and chosen by --lang, else
// EVOTARE_LANG, else Romanian — checked on the real program (`evotare trustee` with a wrong
// passphrase, which fails before it needs a server).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../http/i18n.ts';
import { createKeyFile, PASSPHRASE_VARIABLE } from '../trustee/key-file.ts';
import { cliLanguage, type Localized, TEXT, text, textOf } from './text.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the CLI’s messages', () => {
  it('exist in Romanian, English and Russian, none empty, each with the same placeholders', () => {
    for (const [key, t] of Object.entries(TEXT)) {
      for (const l of LANGUAGES) expect(t[l].trim(), `${key}.${l}`).not.toBe('');
      expect(placeholders(t.en), key).toEqual(placeholders(t.ro));
      expect(placeholders(t.ru), key).toEqual(placeholders(t.ro));
    }
  });

  it('are not left in English in Romanian or Russian', () => {
    const texts: Record<string, Localized> = TEXT;
    // Left as they are: placeholders, commands and options, board entry types, check numbers.
    const words = (s: string) =>
      s.replace(/\{\w+\}|`[^`]*`|\(evotare [a-z ]+\)|--[a-z-]+|\b[a-z]+(-[a-z]+)+\b|V\d\d\.\d\d|[A-Z_]{4,}/g, '');
    const same = Object.keys(texts).filter(
      (k) => /[a-z]{4}/.test(words(texts[k]!.en)) && (texts[k]!.ro === texts[k]!.en || texts[k]!.ru === texts[k]!.en),
    );
    expect(same).toEqual([]);
    const latin = Object.keys(texts).filter((k) => /\b[a-z]{4,}\b/.test(words(texts[k]!.ru)));
    expect(latin).toEqual([]);
  });

  it('fill their placeholders, a localized value in each language', () => {
    const line = text('sharesChecked', { list: text('none') });
    expect(line).toEqual({
      ro: 'părți verificate: valabile de la custodele (custozii) niciunul',
      en: 'shares checked: valid from trustee(s) none',
      ru: 'доли проверены: действительны от доверенных лиц нет',
    });
    expect(text('boardDoesNotVerify', { reason: 'V12.02 hash does not match' }).ru).toBe(
      'доска не проходит проверку: V12.02 hash does not match',
    );
    expect(textOf(new Error('plain')).ro).toBe('plain');
  });

  it('are in the language of --lang, else EVOTARE_LANG, else Romanian', () => {
    expect(cliLanguage(undefined, {})).toBe('ro');
    expect(cliLanguage(undefined, { EVOTARE_LANG: 'ru' })).toBe('ru');
    expect(cliLanguage(undefined, { EVOTARE_LANG: 'de' })).toBe('ro');
    expect(cliLanguage('en', { EVOTARE_LANG: 'ru' })).toBe('en');
  });
});

describe('evotare trustee, as a process', () => {
  const cli = fileURLToPath(new URL('./main.ts', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'evotare-cli-text-'));
  const keyFile = join(dir, 'trustee.key');
  createKeyFile(keyFile, 'the right passphrase', { logN: 10, r: 8, p: 1 });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** `evotare … trustee ceremony` with a wrong passphrase: its exit code and what it printed on stderr. */
  async function wrongPassphrase(globals: string[], env: Record<string, string> = {}) {
    const { EVOTARE_LANG: _, ...inherited } = process.env;
    const args = [cli, ...globals, 'trustee', 'ceremony', '--election', 'e', '--key', keyFile];
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
