import { describe, expect, it } from 'vitest';
import { SMALL_CELL_THRESHOLD, suppressColumn } from './suppression.ts';

describe('suppressColumn (small cells of the console’s turnout by country)', () => {
  it('withholds counts from 1 to 9, shows 0 and counts of 10 or more', () => {
    expect(SMALL_CELL_THRESHOLD).toBe(10);
    expect(suppressColumn([0, 9, 10, 250, 1])).toEqual([
      { count: 0 },
      { suppressed: 'small' },
      { count: 10 },
      { count: 250 },
      { suppressed: 'small' },
    ]);
  });

  it('withholds the next smallest cell when only one is small, so that it cannot be derived from the total', () => {
    expect(suppressColumn([40, 3, 12, 0])).toEqual([
      { count: 40 },
      { suppressed: 'small' },
      { suppressed: 'complement' },
      { count: 0 },
    ]);
    // Alone in its column there is nothing to protect it with (and its total is public anyway).
    expect(suppressColumn([3])).toEqual([{ suppressed: 'small' }]);
  });
});
