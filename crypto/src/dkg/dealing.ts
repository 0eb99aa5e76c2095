// A dealer's contribution to the ceremony (docs/SPEC.md §9.3, Algorithm 9.5 Deal) and the checks of
// its two messages (part of Algorithm 9.12 VerifyCeremonyMessage): the Feldman commitments with a
// Schnorr proof of knowledge of the constant term, and the shares encrypted to every other trustee.
import { concatBytes, fromBase64Url, lengthPrefixed, toBase64Url, u32be, utf8 } from '../bytes.ts';
import { GroupElement } from '../group.ts';
import {
  decodeSchnorrProof,
  encodeSchnorrProof,
  type ProofContext,
  proveSchnorr,
  verifySchnorr,
} from '../proofs/schnorr.ts';
import { decodeOr, invalid, type Verification } from '../result.ts';
import * as scalar from '../scalar.ts';
import { TAG } from '../tags.ts';
import { Transcript } from '../transcript.ts';
import type { DkgCommitmentMessage, DkgSharesMessage } from './messages.ts';
import { signTrusteeMessage } from './messages.ts';
import { evaluatePolynomial, feldmanCommitments, randomPolynomial } from './polynomial.ts';
import { type EncryptedShare, encryptShare } from './share-encryption.ts';
import type { CeremonyContext } from './trustee-keys.ts';

/** What a dealer must keep (in its secret file) until the ceremony is over. */
export interface DealerSecret {
  readonly index: number;
  /** a_{i,0} … a_{i,k−1}. */
  readonly polynomial: readonly scalar.Scalar[];
}

/**
 * The context of the proof of knowledge of a_{i,0}:
 *   LP(UTF8("evotare/v1/dkg-commitment")) || I2OSP(i, 4) || Encode(C_{i,0}) || … || Encode(C_{i,k−1})
 * binding the purpose, the dealer and its whole commitment vector.
 */
export function commitmentProofContext(
  manifestHash: Uint8Array,
  dealer: number,
  commitments: readonly GroupElement[],
): ProofContext {
  return {
    manifestHash,
    context: concatBytes(lengthPrefixed(utf8(TAG.dkgCommitment)), u32be(dealer), ...commitments.map((c) => c.encode())),
  };
}

/**
 * Algorithm 9.5a DealingSecret: a secret scalar of the dealing — the nonce of the proof of
 * knowledge (tag dkg-proof-nonce, no recipient) or the ephemeral secret of the share for trustee j
 * (tag dkg-ephemeral) — derived from the polynomial and its context rather than drawn, so that a
 * dealer who deals again with its sealed polynomial signs the same bytes, and a server that
 * withholds its first message cannot show two different ones as equivocation (V09.11):
 *   ScalarFromWide(SHA-512(LP(tag) || LP(h) || LP("polynomial") || LP(EncodeScalar(a_0) || …)
 *                         || LP("dealer") || LP(I2OSP(i, 4)) [|| LP("recipient") || LP(I2OSP(j, 4))]))
 */
export function dealingSecret(
  tag: typeof TAG.dkgProofNonce | typeof TAG.dkgEphemeral,
  manifestHash: Uint8Array,
  polynomial: readonly scalar.Scalar[],
  dealer: number,
  recipient?: number,
): scalar.Scalar {
  const t = new Transcript(tag, manifestHash)
    .bytes('polynomial', concatBytes(...polynomial.map(scalar.encode)))
    .u32('dealer', dealer);
  if (recipient !== undefined) t.u32('recipient', recipient);
  const secret = t.challenge();
  // Zero has probability 2^-252; the dealer would then need a new polynomial (Algorithm 9.5a).
  if (secret === 0n) throw new RangeError('this polynomial derives a zero secret: draw another');
  return secret;
}

/**
 * Algorithm 9.5 Deal: the dealer's secret polynomial and its two signed messages. A dealer that
 * saved its polynomial before posting (a trustee's program, which may be interrupted) passes it
 * back to make its messages again: byte for byte the same, since every other secret of the dealing
 * derives from the polynomial (Algorithm 9.5a) and Ed25519 signatures are deterministic.
 */
export function deal(
  ctx: CeremonyContext,
  dealer: number,
  signingKey: Uint8Array,
  polynomial: readonly scalar.Scalar[] = randomPolynomial(ctx.k),
): { secret: DealerSecret; commitment: DkgCommitmentMessage; shares: DkgSharesMessage } {
  if (!Number.isInteger(dealer) || dealer < 1 || dealer > ctx.n) throw new RangeError(`no trustee ${dealer}`);
  if (polynomial.length !== ctx.k) throw new RangeError(`a dealer's polynomial has ${ctx.k} coefficients`);
  const C = feldmanCommitments(polynomial);
  const proof = proveSchnorr(
    commitmentProofContext(ctx.manifestHash, dealer, C),
    polynomial[0]!,
    C[0]!,
    dealingSecret(TAG.dkgProofNonce, ctx.manifestHash, polynomial, dealer),
  );
  const commitment = signTrusteeMessage<DkgCommitmentMessage>(
    'trustee-message',
    ctx.manifestHash,
    {
      type: 'dkg-commitment',
      electionId: ctx.electionId,
      sender: dealer,
      commitments: C.map((c) => toBase64Url(c.encode())),
      proof: toBase64Url(encodeSchnorrProof(proof)),
    },
    signingKey,
  );
  const entries = ctx.trustees
    .filter((t) => t.index !== dealer)
    .map((t) => {
      const s = evaluatePolynomial(polynomial, t.index);
      const e = encryptShare(
        { manifestHash: ctx.manifestHash, dealer, recipient: t.index, recipientKey: t.encryptionKey },
        s,
        dealingSecret(TAG.dkgEphemeral, ctx.manifestHash, polynomial, dealer, t.index),
      );
      return {
        recipient: t.index,
        ephemeral: toBase64Url(e.ephemeral.encode()),
        ciphertext: toBase64Url(e.ciphertext),
      };
    });
  const shares = signTrusteeMessage<DkgSharesMessage>(
    'trustee-message',
    ctx.manifestHash,
    { type: 'dkg-shares', electionId: ctx.electionId, sender: dealer, shares: entries },
    signingKey,
  );
  return { secret: { index: dealer, polynomial }, commitment, shares };
}

/**
 * The type-specific checks of a dkg-commitment message (V09.05, V09.06): exactly k commitments,
 * each a non-identity element, and a valid proof of knowledge of the constant term. Returns the
 * decoded commitments.
 */
export function verifyCommitmentMessage(
  ctx: CeremonyContext,
  message: DkgCommitmentMessage,
): { commitments: GroupElement[] } | { error: Verification } {
  if (message.commitments.length !== ctx.k) {
    return { error: invalid(`V09.05 expected ${ctx.k} commitments, got ${message.commitments.length}`) };
  }
  const decoded = decodeOr('V09.05 commitment', () =>
    GroupElement.decodeMany(
      message.commitments.map((c) => fromBase64Url(c, 32)),
      { nonIdentity: true },
    ),
  );
  if ('error' in decoded) return decoded;
  const C = decoded.value;
  const proof = decodeOr('V09.06 proof of knowledge', () => decodeSchnorrProof(fromBase64Url(message.proof, 64)));
  if ('error' in proof) return proof;
  const v = verifySchnorr(commitmentProofContext(ctx.manifestHash, message.sender, C), C[0]!, proof.value);
  if (!v.valid) return { error: invalid(`V09.06 the proof of knowledge of a_${message.sender},0 does not verify`) };
  return { commitments: C };
}

/**
 * The type-specific checks of a dkg-shares message (V09.07): one share for every other trustee,
 * in increasing recipient order, each with a non-identity ephemeral element. Returns them decoded.
 */
export function verifySharesMessage(
  ctx: CeremonyContext,
  message: DkgSharesMessage,
): { shares: Map<number, EncryptedShare> } | { error: Verification } {
  const expected = ctx.trustees.map((t) => t.index).filter((j) => j !== message.sender);
  const got = message.shares.map((s) => s.recipient);
  if (got.length !== expected.length || got.some((j, at) => j !== expected[at])) {
    return {
      error: invalid(`V09.07 shares must go to trustees ${expected.join(', ')} in this order, got ${got.join(', ')}`),
    };
  }
  const decoded = decodeOr('V09.07 ephemeral element', () =>
    GroupElement.decodeMany(
      message.shares.map((s) => fromBase64Url(s.ephemeral, 32)),
      { nonIdentity: true },
    ),
  );
  if ('error' in decoded) return decoded;
  const shares = new Map<number, EncryptedShare>();
  for (const [at, entry] of message.shares.entries()) {
    shares.set(entry.recipient, { ephemeral: decoded.value[at]!, ciphertext: fromBase64Url(entry.ciphertext) });
  }
  return { shares };
}
