// The mix node's messages: complete in Romanian, English and Russian, each with the same
// placeholders in the three (the machinery is tested in @evotare/verifier/i18n.test.ts).
import { catalogueProblems } from '@evotare/verifier/i18n';
import { describe, expect, it } from 'vitest';
import { MIX_TEXT } from './text.ts';

describe('the mix node’s messages', () => {
  it('exist in Romanian, English and Russian, none empty or left in English, with the same placeholders', () => {
    expect(Object.keys(MIX_TEXT).length).toBeGreaterThan(10);
    expect(catalogueProblems(MIX_TEXT)).toEqual([]);
  });
});
