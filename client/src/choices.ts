// The choices of a contest as the voter sees them (docs/SPEC.md §7.3): its options in manifest
// order, then blank where the contest allows it; a choice is its position in that list, which is
// what crypto/ballot encrypts.
import type { Contest, Manifest } from '@evotare/crypto/manifest';
import { local, t } from './i18n.ts';

export interface Choice {
  readonly index: number;
  /** The option's id, or '' for blank (as in the option elements of §7.2). */
  readonly optionId: string;
  /** In the current language. */
  readonly label: string;
}

export function contestChoices(contest: Contest): Choice[] {
  const choices: Choice[] = contest.options.map((o, index) => ({ index, optionId: o.id, label: local(o.label) }));
  if (contest.allowBlank) choices.push({ index: contest.options.length, optionId: '', label: t('ballotBlank') });
  return choices;
}

export function choiceLabel(contest: Contest, index: number): string | null {
  return contestChoices(contest)[index]?.label ?? null;
}

/** One entry per contest: the chosen index, or undefined while the voter has not chosen. */
export type Selection = ReadonlyArray<number | undefined>;

/** The contests (indices) still without a choice. */
export function missingContests(manifest: Manifest, selection: Selection): number[] {
  return manifest.contests.flatMap((contest, i) => {
    const choice = selection[i];
    return choice !== undefined && choice >= 0 && choice < contestChoices(contest).length ? [] : [i];
  });
}

/** The selection as the list of choices EncryptBallot takes, once every contest has one. */
export function completeSelection(manifest: Manifest, selection: Selection): number[] | null {
  return missingContests(manifest, selection).length === 0 ? selection.map((c) => c!) : null;
}
