// The shape of the console's data (GET /api/v1/admin/elections/:id/console), defined here once:
// the server (server/src/console/console.ts) builds it, the page reads it. Also: which actions
// the stage allows, and how a withheld cell reads.
import { formatNumber } from '../i18n.ts';
import type { NEXT_STEPS } from './steps.ts';
import { ct } from './text.ts';

export type ElectionState = 'draft' | 'key-ceremony' | 'open' | 'closed' | 'mixing' | 'decrypting' | 'tallied';

export interface ElectionListing {
  readonly id: string;
  readonly state: ElectionState;
  readonly title: Record<string, string>;
}

/** A count, or one withheld: fewer than the threshold, or withheld so another cannot be derived from the total. */
export type Cell = { readonly count: number } | { readonly suppressed: 'small' | 'complement' };

export type OfficialRole = 'administrator' | 'roll-clerk' | 'observer';
export type CeremonyPhase = 'dealing' | 'complaints' | 'resolution' | 'done';

/** What officials do next, as a key the console words in its language. */
export type NextStep = (typeof NEXT_STEPS)[number];

export interface TrusteeCeremony {
  readonly index: number;
  readonly name: string;
  readonly dealt: boolean;
  /** Whether this trustee checked the shares it received: pending until the complaint phase closes. */
  readonly sharesChecked: 'pending' | 'accepted' | 'complained';
  readonly complaintsFiled: number;
  readonly complaintsAgainst: number;
  readonly resolutions: number;
  /** In the qualified set of the election key (null before the key exists). */
  readonly qualified: boolean | null;
  readonly decrypted: boolean;
}

export interface ConsoleView {
  readonly official: { readonly name: string; readonly role: OfficialRole };
  readonly election: {
    readonly id: string;
    readonly title: Record<string, string>;
    readonly state: ElectionState;
    readonly ceremonyPhase: CeremonyPhase | null;
    readonly votingWindow: { readonly opens: string; readonly closes: string };
    readonly threshold: number | null;
    readonly next: NextStep;
  };
  readonly trustees: readonly TrusteeCeremony[];
  readonly turnout: {
    readonly rollSize: number;
    readonly voters: number;
    readonly ballots: number;
    /** Cells under this count are withheld. */
    readonly threshold: number;
    /** UTC hours (YYYY-MM-DDTHH:00Z) with ballots cast and voters casting their first ballot. */
    readonly byHour: ReadonlyArray<{ readonly hour: string; readonly ballots: number; readonly firstBallots: number }>;
    readonly byCountry: ReadonlyArray<{ readonly country: string; readonly roll: Cell; readonly voted: Cell }>;
  };
  readonly credentials: {
    readonly codesIssued: number;
    readonly activated: number;
    readonly revoked: number;
    readonly votedInPerson: number;
  };
  readonly mixing: {
    readonly nodes: ReadonlyArray<{ readonly index: number; readonly name: string; readonly mixed: boolean }>;
    readonly deadline: string | null;
    readonly completed: boolean;
  };
  readonly decryption: { readonly posted: number; readonly needed: number | null; readonly resultPublished: boolean };
  readonly board: {
    readonly size: number;
    readonly treeHead: { readonly size: number; readonly time: string } | null;
    readonly observers: ReadonlyArray<{ readonly name: string; readonly cosignedSize: number | null }>;
    readonly cosignatures: number;
  };
  readonly actions: ReadonlyArray<{
    readonly time: string;
    readonly official: string;
    readonly action: string;
    readonly detail: string;
  }>;
}

export type Action =
  | 'start-ceremony'
  | 'close-phase'
  | 'open-voting'
  | 'close-voting'
  | 'end-mixing'
  | 'publish-result';

/** The officials' actions the election's stage allows now (the server checks again). */
export function availableActions(v: ConsoleView): Action[] {
  switch (v.election.next) {
    case 'start-ceremony':
      return ['start-ceremony'];
    case 'close-complaints':
    case 'close-resolution':
      return ['close-phase'];
    case 'open-voting':
      return ['open-voting'];
    case 'close-voting':
      return ['close-voting'];
    case 'mix':
      return v.mixing.deadline !== null && Date.parse(v.mixing.deadline) <= Date.now() ? ['end-mixing'] : [];
    case 'decrypt':
      return v.decryption.needed !== null && v.decryption.posted >= v.decryption.needed ? ['publish-result'] : [];
    default:
      return [];
  }
}

/** A count, or "<10" for a small cell, or "hidden" for one withheld to protect another. */
export function cellText(cell: Cell, threshold: number): string {
  if ('count' in cell) return formatNumber(cell.count);
  return cell.suppressed === 'small' ? ct('smallCell', { n: threshold }) : ct('complementCell');
}
