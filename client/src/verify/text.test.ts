// The verifier page's words: complete in Romanian, English and Russian, none left in English, with
// the same placeholders in every language.
import { catalogueProblems } from '@evotare/verifier/i18n';
import { describe, expect, it } from 'vitest';
import { PAGE_TEXT, translate } from './text.ts';

describe('the verifier page’s text', () => {
  it('is complete in the three languages', () => {
    expect(catalogueProblems(PAGE_TEXT)).toEqual([]);
  });

  it('fills its placeholders', () => {
    expect(translate('ru', 'verdictPassed', { count: 39, seconds: '2.0' })).toBe(
      'ДОСКА ПРОХОДИТ ПРОВЕРКУ: все 39 проверок пройдены (2.0 с)',
    );
  });
});
