// The outcome of the key ceremony, from its public messages alone (docs/SPEC.md §9.7,
// Algorithm 9.13 VerifyCeremony and Algorithm 9.14 VerificationKeys).
//   QUAL  = dealers with a commitment and a shares message, who never equivocated, and who answered
//           every complaint with a share that matches their commitments
//   Y     = Σ_{i∈QUAL} C_{i,0}
//   VK_j  = Σ_{i∈QUAL} Σ_t j^t·C_{i,t} = Σ_t j^t·A_t  with  A_t = Σ_{i∈QUAL} C_{i,t}
// The trustees, the server and the verifier all run this same function over the same messages.
import { GroupElement, multiScalarMultiply } from '../group.ts';
import type { Manifest } from '../manifest.ts';
import { type CeremonyProblem, readCeremonyBoard } from './board.ts';
import { powers, verifyShare } from './polynomial.ts';
import { ceremonyContext } from './trustee-keys.ts';

export type DisqualificationReason =
  | 'no-commitment'
  | 'no-shares'
  | 'equivocation'
  | 'unanswered-complaint'
  | 'invalid-revealed-share';

export interface Disqualification {
  readonly dealer: number;
  readonly reason: DisqualificationReason;
  /** The check that excluded the dealer and, for complaints, by whom (V09.10 – V09.12). */
  readonly detail: string;
}

export interface CeremonyResult {
  readonly valid: true;
  /** QUAL, in increasing order. */
  readonly qualified: readonly number[];
  readonly disqualified: readonly Disqualification[];
  /** Y, the election public key. */
  readonly electionKey: GroupElement;
  /** verificationKeys[j − 1] = VK_j, for every trustee j = 1 … n. */
  readonly verificationKeys: readonly GroupElement[];
  /** A_t = Σ_{i∈QUAL} C_{i,t}, t = 0 … k−1 (a named intermediate value for a second verifier). */
  readonly aggregateCommitments: readonly GroupElement[];
}

export interface CeremonyFailure {
  readonly valid: false;
  /** The first failed check, with its ID. */
  readonly reason: string;
  /** Every message that should not be on the board. */
  readonly problems: readonly CeremonyProblem[];
  readonly disqualified: readonly Disqualification[];
}

export type CeremonyVerification = CeremonyResult | CeremonyFailure;

/** Algorithm 9.14 VerificationKeys: VK_j = Σ_t j^t·A_t for j = 1 … n. */
export function verificationKeys(aggregateCommitments: readonly GroupElement[], n: number): GroupElement[] {
  return Array.from({ length: n }, (_, at) =>
    multiScalarMultiply(aggregateCommitments, powers(at + 1, aggregateCommitments.length)),
  );
}

/** Algorithm 9.13 VerifyCeremony: replays the whole ceremony; never throws on bad messages. */
export function verifyCeremony(manifest: Manifest, messages: readonly unknown[]): CeremonyVerification {
  const c = ceremonyContext(manifest);
  if ('error' in c) return { valid: false, reason: c.error, problems: [], disqualified: [] };
  const ctx = c.context;
  const board = readCeremonyBoard(ctx, messages);

  const disqualified: Disqualification[] = [];
  const qualified: number[] = [];
  for (const { index: i } of ctx.trustees) {
    const dq = (reason: DisqualificationReason, detail: string) => disqualified.push({ dealer: i, reason, detail });
    const C = board.commitments.get(i);
    if (board.equivocators.has(i)) {
      dq('equivocation', 'V09.11 signed two different messages where one is allowed');
      continue;
    }
    if (C === undefined) {
      dq('no-commitment', 'V09.12 published no valid commitment');
      continue;
    }
    if (!board.shares.has(i)) {
      dq('no-shares', 'V09.12 published no valid shares');
      continue;
    }
    const revealed = board.resolutions.get(i);
    let fault: Disqualification | undefined;
    for (const j of [...(board.complaints.get(i) ?? [])].sort((a, b) => a - b)) {
      const s = revealed?.get(j);
      if (s === undefined) {
        fault = { dealer: i, reason: 'unanswered-complaint', detail: `V09.10 did not answer the complaint of ${j}` };
        break;
      }
      if (!verifyShare(C, j, s)) {
        fault = {
          dealer: i,
          reason: 'invalid-revealed-share',
          detail: `V09.10 the share revealed to ${j} does not match the commitments`,
        };
        break;
      }
    }
    if (fault !== undefined) {
      disqualified.push(fault);
      continue;
    }
    qualified.push(i);
  }

  if (board.problems.length > 0) {
    const first = board.problems[0]!;
    return {
      valid: false,
      reason: `message ${first.position}: ${first.reason}`,
      problems: board.problems,
      disqualified,
    };
  }
  if (qualified.length < ctx.k) {
    return {
      valid: false,
      reason: `V09.13 only ${qualified.length} qualified dealers, the threshold is ${ctx.k}`,
      problems: [],
      disqualified,
    };
  }
  const aggregateCommitments = Array.from({ length: ctx.k }, (_, t) =>
    qualified.reduce((acc, i) => acc.add(board.commitments.get(i)![t]!), GroupElement.identity),
  );
  const electionKey = aggregateCommitments[0]!;
  if (electionKey.isIdentity()) {
    return { valid: false, reason: 'V09.14 the election key is the identity', problems: [], disqualified };
  }
  return {
    valid: true,
    qualified,
    disqualified,
    electionKey,
    verificationKeys: verificationKeys(aggregateCommitments, ctx.n),
    aggregateCommitments,
  };
}
