// The officials' CLI messages: complete in Romanian, English and Russian, each with the same
// placeholders in the three (the machinery is tested in @evotare/verifier/i18n.test.ts).
import { catalogueProblems } from '@evotare/verifier/i18n';
import { describe, expect, it } from 'vitest';
import { TEXT, text } from './text.ts';

describe('the officials’ CLI messages', () => {
  it('exist in Romanian, English and Russian, none empty or left in English, with the same placeholders', () => {
    expect(Object.keys(TEXT).length).toBeGreaterThan(5);
    expect(catalogueProblems(TEXT)).toEqual([]);
  });

  it('include the messages of reading the board', () => {
    expect(text('error', { message: text('rollLine', { line: 3, message: 'x' }) }).ru).toBe('ошибка: строка 3: x');
  });
});
