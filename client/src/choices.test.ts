import type { Contest, Manifest } from '@evotare/crypto/manifest';
import { describe, expect, it } from 'vitest';
import { choiceLabel, completeSelection, contestChoices, missingContests } from './choices.ts';
import { TEXT } from './text.ts';
import { addAllTexts } from './text-all.ts';

addAllTexts();

const label = (x: string) => ({ ro: x, en: x, ru: x });
const president: Contest = {
  id: 'president',
  title: label('President'),
  allowBlank: true,
  options: [
    { id: 'a', label: label('A') },
    { id: 'b', label: label('B') },
  ],
};
const referendum: Contest = {
  id: 'referendum',
  title: label('Referendum'),
  allowBlank: false,
  options: [
    { id: 'yes', label: label('Yes') },
    { id: 'no', label: label('No') },
  ],
};
const manifest = { contests: [president, referendum] } as unknown as Manifest;

describe('choices (SPEC §7.3)', () => {
  it('are the options in manifest order, then blank where allowed', () => {
    expect(contestChoices(president).map((c) => [c.index, c.optionId])).toEqual([
      [0, 'a'],
      [1, 'b'],
      [2, ''],
    ]);
    expect(choiceLabel(president, 2)).toBe(TEXT.ballotBlank.ro);
    expect(choiceLabel(president, 1)).toBe('B');
    expect(contestChoices(referendum).map((c) => c.optionId)).toEqual(['yes', 'no']);
    expect(choiceLabel(referendum, 2)).toBeNull();
  });
  it('must be made in every contest before the ballot is encrypted', () => {
    expect(missingContests(manifest, [])).toEqual([0, 1]);
    expect(missingContests(manifest, [2])).toEqual([1]);
    expect(missingContests(manifest, [2, 2])).toEqual([1]); // no blank in the referendum
    expect(completeSelection(manifest, [2, undefined])).toBeNull();
    expect(completeSelection(manifest, [2, 1])).toEqual([2, 1]);
  });
});
