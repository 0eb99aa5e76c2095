// The machinery of the programs' messages: texts filled in each language, the language chosen by
// --lang, else EVOTARE_LANG, else Romanian, and the check that finds what a catalogue lacks.
import { describe, expect, it } from 'vitest';
import { VERIFIER_TEXT } from './cli/text.ts';
import { catalogueProblems, cliLanguage, localizer, textOf, verbatim } from './i18n.ts';
import { REMOTE_TEXT, stateText } from './remote/text.ts';

describe('a catalogue of messages', () => {
  const { text } = localizer({
    none: { ro: 'niciunul', en: 'none', ru: 'нет' },
    checked: { ro: 'verificat: {list}', en: 'checked: {list}', ru: 'проверено: {list}' },
  } as const);

  it('fills the placeholders, a localized value in each language', () => {
    expect(text('checked', { list: text('none') })).toEqual({
      ro: 'verificat: niciunul',
      en: 'checked: none',
      ru: 'проверено: нет',
    });
    expect(text('checked', { list: 'V12.02 hash does not match' }).ru).toBe('проверено: V12.02 hash does not match');
    expect(textOf(new Error('plain')).ro).toBe('plain');
    expect(stateText('mixing').ro).toBe('amestecare');
    expect(stateText('unheard-of')).toEqual(verbatim('unheard-of'));
  });

  it('is in the language of --lang, else EVOTARE_LANG, else Romanian', () => {
    expect(cliLanguage(undefined, {})).toBe('ro');
    expect(cliLanguage(undefined, { EVOTARE_LANG: 'ru' })).toBe('ru');
    expect(cliLanguage(undefined, { EVOTARE_LANG: 'de' })).toBe('ro');
    expect(cliLanguage('en', { EVOTARE_LANG: 'ru' })).toBe('en');
  });

  it('is checked for empty texts, placeholders that differ, and English left in', () => {
    expect(
      catalogueProblems({
        a: { ro: 'valoarea {x}', en: 'the value {y}', ru: 'значение {x}' },
        b: { ro: 'the same words', en: 'the same words', ru: 'те же слова' },
        c: { ro: 'cuvinte', en: 'words', ru: ' ' },
        d: { ro: 'cuvinte', en: 'words', ru: 'слова and words' },
      }),
    ).toEqual(['a: placeholders of en', 'b: left in English', 'c: empty in ru', 'd: Latin words in Russian']);
  });

  it('of reading the board is complete', () => {
    expect(catalogueProblems(REMOTE_TEXT)).toEqual([]);
  });

  it('of the verifier’s program and report is complete', () => {
    expect(catalogueProblems(VERIFIER_TEXT)).toEqual([]);
  });
});
