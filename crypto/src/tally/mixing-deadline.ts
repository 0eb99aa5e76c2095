// The mixing deadline (docs/SPEC.md §14.3, Algorithm 14.2): until it, mixing completes only when
// every mix node of the manifest has mixed; from it on, officials may end the mixing with the
// outputs accepted so far (at least two), giving a reason, and the board names the nodes left out.
// The manifest fixes the period and the voting window, so a mix node knows from the manifest alone
// the earliest moment it can be left out, `votingWindow.closes` + `mixingPeriod`; and since the
// period runs from the `mix-input` entry at the earliest, a late close or a late mix input never
// shortens the time the nodes have to mix.
import { isBoardTime } from '../board/entry.ts';
import type { Manifest } from '../manifest.ts';

/**
 * Algorithm 14.2 MixingDeadline(manifest, t_in): the later of `votingWindow.closes` and the time
 * `t_in` of the `mix-input` entry, plus `mixingPeriod` seconds, as a board time (§12.1).
 */
export function mixingDeadline(
  manifest: Pick<Manifest, 'votingWindow' | 'mixingPeriod'>,
  mixInputTime: string,
): string {
  if (!isBoardTime(mixInputTime)) throw new RangeError(`${mixInputTime} is not a board time`);
  const from = Math.max(Date.parse(manifest.votingWindow.closes), Date.parse(mixInputTime));
  const deadline = new Date(from + manifest.mixingPeriod * 1000).toISOString();
  if (!isBoardTime(deadline)) throw new RangeError('the mixing deadline falls after the year 9999');
  return deadline;
}

/** The longest reason officials may give for ending the mixing early, in characters (§14.3). */
export const MAX_MIXING_END_REASON = 500;
