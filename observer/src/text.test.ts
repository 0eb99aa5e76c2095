// The observer's messages: complete in Romanian, English and Russian, none left in English, with the
// same placeholders in every language.
import { catalogueProblems } from '@evotare/verifier/i18n';
import { describe, expect, it } from 'vitest';
import { OBSERVER_TEXT, text } from './text.ts';

describe('the observer’s messages', () => {
  it('exist in Romanian, English and Russian, none empty or left in English', () => {
    expect(Object.keys(OBSERVER_TEXT).length).toBeGreaterThan(15);
    expect(catalogueProblems(OBSERVER_TEXT)).toEqual([]);
  });

  it('fill their placeholders in each language', () => {
    expect(text('alarm', { check: 'V12.17', detail: { ro: 'a', en: 'b', ru: 'c' } })).toEqual({
      ro: 'ALARMĂ V12.17: a',
      en: 'ALARM V12.17: b',
      ru: 'ТРЕВОГА V12.17: c',
    });
  });
});
