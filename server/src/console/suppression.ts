// Small-cell suppression for the officials' console: counts derived from the private roll (voters
// and turnout by country of residence) are shown only when at least SMALL_CELL_THRESHOLD people
// are in the cell. A count of 3 voters in one country, next to a public list of who lives there,
// says too much about how few people voted and who they may be; national statistics offices use
// the same rule of thumb (cells below 10 withheld). The total is public (the roll's size and the
// ballots are on the board), so a single withheld cell could be worked out by subtraction: when
// exactly one cell of a column is withheld, the next smallest is withheld too ("complement").
// Counts by hour are not suppressed: the board already shows every ballot with its time.

import type { Cell } from '@evotare/client/src/console/view.ts';

export const SMALL_CELL_THRESHOLD = 10;

/** Withholds the cells of one column (counts that add up to a published total). */
export function suppressColumn(counts: readonly number[], threshold = SMALL_CELL_THRESHOLD): Cell[] {
  const cells: Cell[] = counts.map((n) => (n > 0 && n < threshold ? { suppressed: 'small' } : { count: n }));
  const withheld = cells.filter((c) => 'suppressed' in c).length;
  if (withheld === 1) {
    let smallest = -1;
    counts.forEach((n, i) => {
      const shown = cells[i]!;
      if ('count' in shown && n > 0 && (smallest === -1 || n < counts[smallest]!)) smallest = i;
    });
    if (smallest !== -1) cells[smallest] = { suppressed: 'complement' };
  }
  return cells;
}
