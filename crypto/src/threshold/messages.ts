// The partial-decryption message of a trustee (docs/SPEC.md §10.4): wire format, creation, and
// Algorithm 10.5 VerifyPartialDecryption from public data alone.
//
//   { "type": "partial-decryption", "electionId", "sender": j, "list": L (32 bytes),
//     "decryptionShares": [D_1 … D_M], "proof": Encode(A1) || Encode(A2) || EncodeScalar(s),
//     "signature": Ed25519, purpose "partial-decryption", over TrusteeMessageBytes(h, m) (§9.2) }
import * as z from 'zod';
import { fromBase64Url, toBase64Url } from '../bytes.ts';
import { signTrusteeMessage, verifyTrusteeMessageSignature } from '../dkg/messages.ts';
import { type CeremonyContext, ceremonyContext } from '../dkg/trustee-keys.ts';
import { GroupElement } from '../group.ts';
import type { Manifest } from '../manifest.ts';
import { decodeChaumPedersenProof, encodeChaumPedersenProof } from '../proofs/chaum-pedersen.ts';
import { decodeOr, invalid, type Verification } from '../result.ts';
import type * as scalar from '../scalar.ts';
import { base64UrlBytes, ElectionIdSchema, TrusteeIndexSchema } from '../wire-schema.ts';
import type { CiphertextList } from './ciphertext-list.ts';
import { type DecryptingTrustee, provePartialDecryption, verifyPartialDecryptionProof } from './partial-decryption.ts';

const Element = base64UrlBytes(32);

export const PartialDecryptionSchema = z.strictObject({
  type: z.literal('partial-decryption'),
  electionId: ElectionIdSchema,
  sender: TrusteeIndexSchema,
  list: base64UrlBytes(32),
  decryptionShares: z.array(Element).min(1),
  proof: base64UrlBytes(96),
  signature: base64UrlBytes(64),
});

export type PartialDecryptionMessage = z.infer<typeof PartialDecryptionSchema>;

const ISSUED = Symbol('verified partial decryption');

/**
 * A partial decryption that passed Algorithm 10.5. Only verifyPartialDecryption makes one, so
 * combinePartialDecryptions cannot be given an unchecked partial, by type or at run time.
 */
export class VerifiedPartialDecryption {
  readonly #issued = true;
  /** j. */
  readonly trustee: number;
  /** L of the list it decrypts. */
  readonly listDigest: Uint8Array;
  /** D_1 … D_M. */
  readonly shares: readonly GroupElement[];

  constructor(token: symbol, trustee: number, listDigest: Uint8Array, shares: readonly GroupElement[]) {
    if (token !== ISSUED) throw new TypeError('only verifyPartialDecryption makes a VerifiedPartialDecryption');
    this.trustee = trustee;
    this.listDigest = listDigest;
    this.shares = shares;
  }

  static isVerified(value: unknown): value is VerifiedPartialDecryption {
    return value instanceof VerifiedPartialDecryption && value.#issued;
  }
}

/**
 * The signed partial decryption of trustee j (Algorithms 10.3 and 9.3). `shares` are D_1 … D_M,
 * computed by decryptionShares, or on worker threads by decryptionSharesOfSlice; they are not
 * checked here (a wrong one makes the proof fail to verify).
 */
export function createPartialDecryption(input: {
  readonly electionId: string;
  readonly trustee: DecryptingTrustee;
  readonly list: CiphertextList;
  readonly shares: readonly GroupElement[];
  readonly secretShare: scalar.Scalar;
  readonly signingKey: Uint8Array;
}): PartialDecryptionMessage {
  const { trustee, list, shares } = input;
  const proof = provePartialDecryption(trustee, list, shares, input.secretShare);
  return signTrusteeMessage<PartialDecryptionMessage>(
    'partial-decryption',
    trustee.manifestHash,
    {
      type: 'partial-decryption',
      electionId: input.electionId,
      sender: trustee.index,
      list: toBase64Url(list.digest),
      decryptionShares: shares.map((d) => toBase64Url(d.encode())),
      proof: toBase64Url(encodeChaumPedersenProof(proof)),
    },
    input.signingKey,
  );
}

/** The ceremony context of a manifest, or the context itself. */
function contextOf(manifest: Manifest | CeremonyContext): { context: CeremonyContext } | { error: Verification } {
  if ('trustees' in manifest && 'manifestHash' in manifest) return { context: manifest };
  const c = ceremonyContext(manifest);
  return 'error' in c ? { error: invalid(c.error) } : c;
}

/**
 * Algorithm 10.5 VerifyPartialDecryption, steps 1 – 3 and the count of step 4: V10.01 well-formed,
 * for this election, from a trustee; V10.02 signed by that trustee; V10.03 for the list whose
 * digest is `listDigest`; V10.04 one share for each of its `count` ciphertexts. The decoding of the
 * shares and the proof (V10.04, V10.05) are left to the caller (here, or on threads: ./parallel.ts).
 */
export function readPartialDecryption(
  ctx: CeremonyContext,
  listDigest: Uint8Array,
  count: number,
  input: unknown,
): { message: PartialDecryptionMessage } | { error: Verification } {
  const parsed = PartialDecryptionSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: invalid(`V10.01 malformed partial decryption: ${issue?.path.join('.')} ${issue?.message}`) };
  }
  const m = parsed.data;
  if (m.electionId !== ctx.electionId) return { error: invalid(`V10.01 partial decryption for "${m.electionId}"`) };
  if (m.sender > ctx.n) return { error: invalid(`V10.01 there is no trustee ${m.sender}`) };
  const signer = ctx.trustees[m.sender - 1]!;
  if (!verifyTrusteeMessageSignature('partial-decryption', ctx.manifestHash, m, signer.signingKey)) {
    return { error: invalid(`V10.02 the signature of trustee ${m.sender} does not verify`) };
  }
  const digest = fromBase64Url(m.list, 32);
  if (!digest.every((b, i) => b === listDigest[i])) {
    return { error: invalid('V10.03 the partial decryption is for another list') };
  }
  if (m.decryptionShares.length !== count) {
    return { error: invalid(`V10.04 expected ${count} decryption shares, got ${m.decryptionShares.length}`) };
  }
  return { message: m };
}

/**
 * Algorithm 10.5 VerifyPartialDecryption: V10.01 well-formed, for this election, from a trustee;
 * V10.02 signed by that trustee; V10.03 for this list; V10.04 one valid element per ciphertext;
 * V10.05 the batched proof against VK_j. `verificationKeys` are those of VerifyCeremony.
 */
export function verifyPartialDecryption(
  manifest: Manifest | CeremonyContext,
  verificationKeys: readonly GroupElement[],
  list: CiphertextList,
  input: unknown,
): { verified: VerifiedPartialDecryption } | { error: Verification } {
  const c = contextOf(manifest);
  if ('error' in c) return c;
  const ctx = c.context;
  const read = readPartialDecryption(ctx, list.digest, list.a.length, input);
  if ('error' in read) return read;
  const m = read.message;
  const shares = decodeOr('V10.04 decryption share', () =>
    GroupElement.decodeMany(m.decryptionShares.map((d) => fromBase64Url(d, 32))),
  );
  if ('error' in shares) return shares;
  const proof = decodeOr('V10.05 proof', () => decodeChaumPedersenProof(fromBase64Url(m.proof, 96)));
  if ('error' in proof) return proof;
  const verificationKey = verificationKeys[m.sender - 1];
  if (verificationKey === undefined) return { error: invalid(`V10.05 no verification key for trustee ${m.sender}`) };
  const trustee = { manifestHash: ctx.manifestHash, index: m.sender, verificationKey };
  if (!verifyPartialDecryptionProof(trustee, list, shares.value, proof.value)) {
    return { error: invalid(`V10.05 the proof of partial decryption of trustee ${m.sender} does not verify`) };
  }
  return { verified: new VerifiedPartialDecryption(ISSUED, m.sender, list.digest, shares.value) };
}
