// Reading the ceremony from the bulletin board (docs/SPEC.md §9.6): Algorithm 9.12
// VerifyCeremonyMessage checks one message from public data alone (the server runs it before it
// appends a message; the verifier runs it again), and ReadCeremonyBoard groups the valid messages
// by dealer, dropping repeats and noting dealers who signed two different messages of one kind.
import { canonicalize } from '../canonical-json.ts';
import type { GroupElement } from '../group.ts';
import { invalid, type Verification } from '../result.ts';
import type * as scalar from '../scalar.ts';
import { verifyComplaintMessage, verifyResolutionMessage } from './complaints.ts';
import { verifyCommitmentMessage, verifySharesMessage } from './dealing.ts';
import { type CeremonyMessage, CeremonyMessageSchema, verifyTrusteeMessageSignature } from './messages.ts';
import type { EncryptedShare } from './share-encryption.ts';
import type { CeremonyContext } from './trustee-keys.ts';

/** A ceremony message that passed Algorithm 9.12, with its decoded contents. */
export type VerifiedCeremonyMessage =
  | { readonly type: 'dkg-commitment'; readonly message: CeremonyMessage; readonly commitments: GroupElement[] }
  | { readonly type: 'dkg-shares'; readonly message: CeremonyMessage; readonly shares: Map<number, EncryptedShare> }
  | { readonly type: 'dkg-complaint'; readonly message: CeremonyMessage; readonly dealer: number }
  | {
      readonly type: 'dkg-resolution';
      readonly message: CeremonyMessage;
      readonly recipient: number;
      readonly share: scalar.Scalar;
    };

/**
 * Algorithm 9.12 VerifyCeremonyMessage: V09.02 well-formed, V09.03 this election and a trustee of
 * it, V09.04 signed by that trustee, then the checks of its type (V09.05 – V09.09).
 */
export function verifyCeremonyMessage(
  ctx: CeremonyContext,
  input: unknown,
): { verified: VerifiedCeremonyMessage } | { error: Verification } {
  const parsed = CeremonyMessageSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: invalid(`V09.02 malformed ceremony message: ${issue?.path.join('.')} ${issue?.message}`) };
  }
  const m = parsed.data;
  if (m.electionId !== ctx.electionId) return { error: invalid(`V09.03 message for election "${m.electionId}"`) };
  if (m.sender > ctx.n) return { error: invalid(`V09.03 there is no trustee ${m.sender}`) };
  const signer = ctx.trustees[m.sender - 1]!;
  if (!verifyTrusteeMessageSignature('trustee-message', ctx.manifestHash, m, signer.signingKey)) {
    return { error: invalid(`V09.04 the signature of trustee ${m.sender} does not verify`) };
  }
  switch (m.type) {
    case 'dkg-commitment': {
      const r = verifyCommitmentMessage(ctx, m);
      return 'error' in r ? r : { verified: { type: m.type, message: m, commitments: r.commitments } };
    }
    case 'dkg-shares': {
      const r = verifySharesMessage(ctx, m);
      return 'error' in r ? r : { verified: { type: m.type, message: m, shares: r.shares } };
    }
    case 'dkg-complaint': {
      const r = verifyComplaintMessage(ctx, m);
      return r.valid ? { verified: { type: m.type, message: m, dealer: m.dealer } } : { error: r };
    }
    case 'dkg-resolution': {
      const r = verifyResolutionMessage(ctx, m);
      return 'error' in r ? r : { verified: { type: m.type, message: m, recipient: m.recipient, share: r.share } };
    }
    default: {
      const never: never = m;
      throw new Error(`unhandled message ${String(never)}`);
    }
  }
}

/** A message the board should not hold: its position in the list and the failed check. */
export interface CeremonyProblem {
  readonly position: number;
  readonly reason: string;
}

/** The valid messages of the ceremony, by dealer. */
export interface CeremonyBoard {
  /** Dealer i → C_{i,0..k−1}. */
  readonly commitments: Map<number, GroupElement[]>;
  /** Dealer i → recipient j → encrypted share. */
  readonly shares: Map<number, Map<number, EncryptedShare>>;
  /** Dealer i → the trustees who complained about it. */
  readonly complaints: Map<number, Set<number>>;
  /** Dealer i → recipient j → revealed s_{i→j}. */
  readonly resolutions: Map<number, Map<number, scalar.Scalar>>;
  /** Dealers who signed two different messages where one is allowed (V09.11). */
  readonly equivocators: Set<number>;
  /** Messages that fail Algorithm 9.12. */
  readonly problems: CeremonyProblem[];
}

/**
 * The slot a message fills (§9.6): one commitment and one shares message per dealer, one
 * resolution per (dealer, recipient), one complaint per (recipient, dealer). The board can refuse
 * a second message for a filled slot; VerifyCeremony copes if it does not.
 */
export function ceremonySlot(m: CeremonyMessage): string {
  switch (m.type) {
    case 'dkg-commitment':
    case 'dkg-shares':
      return `${m.type}/${m.sender}`;
    case 'dkg-complaint':
      return `${m.type}/${m.sender}/${m.dealer}`;
    case 'dkg-resolution':
      return `${m.type}/${m.sender}/${m.recipient}`;
  }
}

/** Same content, signature aside (Ed25519 is deterministic, but a signer need not be). */
function sameContent(a: CeremonyMessage, b: CeremonyMessage): boolean {
  const { signature: _a, ...x } = a;
  const { signature: _b, ...y } = b;
  return canonicalize(x) === canonicalize(y);
}

function mapOf<K, V>(map: Map<number, Map<K, V>>, key: number): Map<K, V> {
  let inner = map.get(key);
  if (inner === undefined) {
    inner = new Map();
    map.set(key, inner);
  }
  return inner;
}

/** ReadCeremonyBoard: verifies every message (Algorithm 9.12) and groups the valid ones. */
export function readCeremonyBoard(ctx: CeremonyContext, messages: readonly unknown[]): CeremonyBoard {
  const board: CeremonyBoard = {
    commitments: new Map(),
    shares: new Map(),
    complaints: new Map(),
    resolutions: new Map(),
    equivocators: new Set(),
    problems: [],
  };
  const seen = new Map<string, CeremonyMessage>();
  for (const [position, input] of messages.entries()) {
    const r = verifyCeremonyMessage(ctx, input);
    if ('error' in r) {
      if (!r.error.valid) board.problems.push({ position, reason: r.error.reason });
      continue;
    }
    const v = r.verified;
    const key = ceremonySlot(v.message);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      // A complaint repeated with another reason is the same complaint; two different dealer
      // messages for one slot are equivocation, which disqualifies the dealer.
      if (v.type !== 'dkg-complaint' && !sameContent(earlier, v.message)) {
        board.equivocators.add(v.message.sender);
      }
      continue;
    }
    seen.set(key, v.message);
    switch (v.type) {
      case 'dkg-commitment':
        board.commitments.set(v.message.sender, v.commitments);
        break;
      case 'dkg-shares':
        board.shares.set(v.message.sender, v.shares);
        break;
      case 'dkg-complaint': {
        let set = board.complaints.get(v.dealer);
        if (set === undefined) {
          set = new Set();
          board.complaints.set(v.dealer, set);
        }
        set.add(v.message.sender);
        break;
      }
      case 'dkg-resolution':
        mapOf(board.resolutions, v.message.sender).set(v.recipient, v.share);
        break;
    }
  }
  return board;
}
