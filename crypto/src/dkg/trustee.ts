// A trustee's own steps over the ceremony board (docs/SPEC.md §9.5, §9.7): check the shares sent
// to it and complain (Algorithm 9.10 ReviewShares), answer the complaints against it (Algorithm
// 9.11 AnswerComplaints), and at the end derive its key share (Algorithm 9.15 DeriveSecretShare).
// Each reads the board afresh, so a trustee needs to keep nothing but its secret file between steps.
import { type GroupElement, generatorBase } from '../group.ts';
import type { Manifest } from '../manifest.ts';
import * as scalar from '../scalar.ts';
import { readCeremonyBoard } from './board.ts';
import { verifyCeremony } from './ceremony.ts';
import { answerComplaint, makeComplaint } from './complaints.ts';
import type { DealerSecret } from './dealing.ts';
import type { DkgComplaintMessage, DkgResolutionMessage } from './messages.ts';
import { evaluatePolynomial, feldmanCommitments, verifyShare } from './polynomial.ts';
import { decryptShare } from './share-encryption.ts';
import { type CeremonyContext, requireCeremonyContext } from './trustee-keys.ts';

export interface TrusteeIdentity {
  /** j: this trustee's index. */
  readonly index: number;
  readonly signingKey: Uint8Array;
  /** x_j of the share-encryption key. */
  readonly encryptionKey: scalar.Scalar;
}

function receivedShare(
  ctx: CeremonyContext,
  board: ReturnType<typeof readCeremonyBoard>,
  dealer: number,
  me: TrusteeIdentity,
): { share: scalar.Scalar } | { complaint: 'undecryptable' | 'invalid-share' } {
  const encrypted = board.shares.get(dealer)?.get(me.index);
  if (encrypted === undefined) return { complaint: 'undecryptable' };
  const s = decryptShare(
    {
      manifestHash: ctx.manifestHash,
      dealer,
      recipient: me.index,
      recipientKey: ctx.trustees[me.index - 1]!.encryptionKey,
    },
    me.encryptionKey,
    encrypted,
  );
  if (s === undefined) return { complaint: 'undecryptable' };
  if (!verifyShare(board.commitments.get(dealer)!, me.index, s)) return { complaint: 'invalid-share' };
  return { share: s };
}

/**
 * Algorithm 9.10 ReviewShares: decrypts and checks (Algorithm 9.7) the share of every dealer who
 * published both messages, and returns a signed complaint for each bad one.
 */
export function reviewShares(
  manifest: Manifest,
  messages: readonly unknown[],
  me: TrusteeIdentity,
): { accepted: number[]; complaints: DkgComplaintMessage[] } {
  const ctx = requireCeremonyContext(manifest);
  const board = readCeremonyBoard(ctx, messages);
  const accepted: number[] = [];
  const complaints: DkgComplaintMessage[] = [];
  for (const { index: dealer } of ctx.trustees) {
    if (dealer === me.index || !board.commitments.has(dealer) || !board.shares.has(dealer)) continue;
    const r = receivedShare(ctx, board, dealer, me);
    if ('share' in r) accepted.push(dealer);
    else complaints.push(makeComplaint(ctx, me.index, dealer, r.complaint, me.signingKey));
  }
  return { accepted, complaints };
}

/** Algorithm 9.11 AnswerComplaints: a resolution for every complaint against this dealer. */
export function answerComplaints(
  manifest: Manifest,
  messages: readonly unknown[],
  dealer: DealerSecret,
  signingKey: Uint8Array,
): DkgResolutionMessage[] {
  const ctx = requireCeremonyContext(manifest);
  const board = readCeremonyBoard(ctx, messages);
  const against = [...(board.complaints.get(dealer.index) ?? [])].sort((a, b) => a - b);
  const answered = board.resolutions.get(dealer.index);
  return against.filter((j) => !answered?.has(j)).map((j) => answerComplaint(ctx, dealer, j, signingKey));
}

export interface TrusteeKeyShare {
  /** x_j = Σ_{i∈QUAL} s_{i→j}. */
  readonly secretShare: scalar.Scalar;
  readonly qualified: readonly number[];
  readonly electionKey: GroupElement;
  readonly verificationKey: GroupElement;
}

/**
 * Algorithm 9.15 DeriveSecretShare: after the complaint phase, runs VerifyCeremony and adds up the
 * shares of the qualified dealers — its own f_j(j), the share a dealer revealed where this trustee
 * complained, the decrypted one otherwise — and checks x_j·G = VK_j.
 */
export function deriveSecretShare(
  manifest: Manifest,
  messages: readonly unknown[],
  me: TrusteeIdentity,
  dealer?: DealerSecret,
): { ok: true; keyShare: TrusteeKeyShare } | { ok: false; reason: string } {
  const outcome = verifyCeremony(manifest, messages);
  if (!outcome.valid) return { ok: false, reason: outcome.reason };
  const ctx = requireCeremonyContext(manifest);
  const board = readCeremonyBoard(ctx, messages);
  let x = 0n;
  for (const i of outcome.qualified) {
    if (i === me.index) {
      if (dealer === undefined || dealer.index !== me.index) {
        return { ok: false, reason: `trustee ${me.index} is qualified but its dealer polynomial was not given` };
      }
      const own = feldmanCommitments(dealer.polynomial);
      const published = board.commitments.get(i)!;
      if (own.length !== published.length || own.some((c, t) => !c.equals(published[t]!))) {
        return { ok: false, reason: 'the given dealer polynomial is not the one committed to on the board' };
      }
      x = scalar.add(x, evaluatePolynomial(dealer.polynomial, me.index));
      continue;
    }
    const complained = board.complaints.get(i)?.has(me.index) ?? false;
    const revealed = complained ? board.resolutions.get(i)?.get(me.index) : undefined;
    if (revealed !== undefined) {
      x = scalar.add(x, revealed);
      continue;
    }
    const r = receivedShare(ctx, board, i, me);
    if (!('share' in r)) {
      return { ok: false, reason: `the share from dealer ${i} is bad and no complaint was made in time` };
    }
    x = scalar.add(x, r.share);
  }
  const verificationKey = outcome.verificationKeys[me.index - 1]!;
  if (!generatorBase().multiply(x).equals(verificationKey)) {
    return { ok: false, reason: `x_${me.index}·G is not the verification key VK_${me.index}` };
  }
  return {
    ok: true,
    keyShare: { secretShare: x, qualified: outcome.qualified, electionKey: outcome.electionKey, verificationKey },
  };
}
