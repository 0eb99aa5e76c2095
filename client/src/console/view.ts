// The console's reading of the server's answer (server/src/console/console.ts, whose shape these
// types repeat: the booth's bundle does not import server code): which actions the stage allows,
// and how a withheld cell reads.
import { formatNumber } from '../i18n.ts';
import { ct } from './text.ts';

export interface ElectionListing {
  readonly id: string;
  readonly state: string;
  readonly title: Record<string, string>;
}

export type Cell = { readonly count: number } | { readonly suppressed: 'small' | 'complement' };

export interface ConsoleView {
  readonly official: { readonly name: string; readonly role: 'administrator' | 'roll-clerk' | 'observer' };
  readonly election: {
    readonly id: string;
    readonly title: Record<string, string>;
    readonly state: string;
    readonly ceremonyPhase: 'dealing' | 'complaints' | 'resolution' | 'done' | null;
    readonly votingWindow: { readonly opens: string; readonly closes: string };
    readonly threshold: number | null;
    readonly next: string;
  };
  readonly trustees: ReadonlyArray<{
    readonly index: number;
    readonly name: string;
    readonly dealt: boolean;
    readonly sharesChecked: 'pending' | 'accepted' | 'complained';
    readonly complaintsFiled: number;
    readonly complaintsAgainst: number;
    readonly qualified: boolean | null;
    readonly decrypted: boolean;
  }>;
  readonly turnout: {
    readonly rollSize: number;
    readonly voters: number;
    readonly ballots: number;
    readonly threshold: number;
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
