// Complaints and their public resolution (docs/SPEC.md §9.5).
//   A recipient j whose share from dealer i does not decrypt, or does not match i's commitments,
//   publishes a complaint. Dealer i must answer by revealing s_{i→j} in clear; anybody checks it
//   against C_i (Algorithm 9.7 VerifyShare). A dealer who does not answer, or reveals a share that
//   does not match, is disqualified (Algorithm 9.13 VerifyCeremony).
import { fromBase64Url, toBase64Url } from '../bytes.ts';
import { decodeOr, invalid, type Verification } from '../result.ts';
import * as scalar from '../scalar.ts';
import type { DealerSecret } from './dealing.ts';
import {
  type ComplaintReason,
  type DkgComplaintMessage,
  type DkgResolutionMessage,
  signTrusteeMessage,
} from './messages.ts';
import { evaluatePolynomial } from './polynomial.ts';
import type { CeremonyContext } from './trustee-keys.ts';

/** A signed complaint by trustee `recipient` against `dealer`. */
export function makeComplaint(
  ctx: CeremonyContext,
  recipient: number,
  dealer: number,
  reason: ComplaintReason,
  signingKey: Uint8Array,
): DkgComplaintMessage {
  return signTrusteeMessage<DkgComplaintMessage>(
    'trustee-message',
    ctx.manifestHash,
    { type: 'dkg-complaint', electionId: ctx.electionId, sender: recipient, dealer, reason },
    signingKey,
  );
}

/** Type-specific checks of a dkg-complaint (V09.08): the accused is another trustee. */
export function verifyComplaintMessage(ctx: CeremonyContext, message: DkgComplaintMessage): Verification {
  if (message.dealer > ctx.n) return invalid(`V09.08 there is no trustee ${message.dealer}`);
  if (message.dealer === message.sender) return invalid('V09.08 a trustee cannot complain about itself');
  return { valid: true };
}

/** One step of Algorithm 9.11 AnswerComplaints: the dealer reveals s_{i→j} = f_i(j). */
export function answerComplaint(
  ctx: CeremonyContext,
  dealer: DealerSecret,
  recipient: number,
  signingKey: Uint8Array,
): DkgResolutionMessage {
  return signTrusteeMessage<DkgResolutionMessage>(
    'trustee-message',
    ctx.manifestHash,
    {
      type: 'dkg-resolution',
      electionId: ctx.electionId,
      sender: dealer.index,
      recipient,
      share: toBase64Url(scalar.encode(evaluatePolynomial(dealer.polynomial, recipient))),
    },
    signingKey,
  );
}

/**
 * Type-specific checks of a dkg-resolution (V09.09): the recipient is another trustee and the
 * share a canonical scalar. Whether it matches the dealer's commitments is V09.10, checked by
 * VerifyCeremony, which has the commitments.
 */
export function verifyResolutionMessage(
  ctx: CeremonyContext,
  message: DkgResolutionMessage,
): { share: scalar.Scalar } | { error: Verification } {
  if (message.recipient > ctx.n) return { error: invalid(`V09.09 there is no trustee ${message.recipient}`) };
  if (message.recipient === message.sender) {
    return { error: invalid('V09.09 a dealer cannot reveal a share to itself') };
  }
  const s = decodeOr('V09.09 revealed share', () => scalar.decode(fromBase64Url(message.share, 32)));
  return 'error' in s ? s : { share: s.value };
}
