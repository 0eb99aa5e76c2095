// A trustee's long-term keys and the ceremony's view of the trustees (docs/SPEC.md §9.1).
//   - an Ed25519 key that signs every ceremony message and partial decryption (§6);
//   - a ristretto255 key pair (x, X = x·G) to which the other trustees encrypt their shares (§9.4).
// The public halves go into the manifest (trustees.members[i−1].signingKey / encryptionKey); a
// trustee's index i is its 1-based position in that list.
import * as z from 'zod';
import { fromBase64Url, fromUtf8, toBase64Url } from '../bytes.ts';
import { canonicalBytes } from '../canonical-json.ts';
import { GroupElement, generatorBase } from '../group.ts';
import { type Manifest, manifestHash } from '../manifest.ts';
import * as scalar from '../scalar.ts';
import { generateSigningKey, isValidSigningPublicKey } from '../signature.ts';
import { base64UrlBytes, ElectionIdSchema } from '../wire-schema.ts';

export interface TrusteeSecretKeys {
  /** Ed25519 secret key (32 bytes, RFC 8032). */
  readonly signingKey: Uint8Array;
  /** x: the scalar of the share-encryption key. */
  readonly encryptionKey: scalar.Scalar;
}

/** What goes into the manifest, encoded as it appears there (base64url). */
export interface TrusteePublicKeys {
  readonly signingKey: string;
  readonly encryptionKey: string;
}

export interface TrusteeKeys {
  readonly secret: TrusteeSecretKeys;
  readonly public: TrusteePublicKeys;
}

/** Algorithm 9.1 GenerateTrusteeKeys. */
export function generateTrusteeKeys(): TrusteeKeys {
  const signing = generateSigningKey();
  const x = scalar.randomNonZero();
  return {
    secret: { signingKey: signing.secretKey, encryptionKey: x },
    public: {
      signingKey: toBase64Url(signing.publicKey),
      encryptionKey: toBase64Url(generatorBase().multiply(x).encode()),
    },
  };
}

/** One trustee as the ceremony sees it: index, decoded public keys. */
export interface Trustee {
  readonly index: number;
  readonly signingKey: Uint8Array;
  readonly encryptionKey: GroupElement;
}

/** The public parameters every ceremony algorithm starts from (§9.1). */
export interface CeremonyContext {
  readonly manifest: Manifest;
  readonly manifestHash: Uint8Array;
  readonly electionId: string;
  /** n: number of trustees. */
  readonly n: number;
  /** k: threshold, the number of trustees needed to decrypt. */
  readonly k: number;
  /** trustees[i − 1] is trustee i. */
  readonly trustees: readonly Trustee[];
}

/**
 * Algorithm 9.2 CeremonyContext: decodes the trustees' keys of a manifest (already validated by
 * ManifestSchema). V09.01: every encryption key is a canonical, non-identity element and every
 * signing key an acceptable Ed25519 key (§6.4); otherwise the ceremony cannot run.
 */
export function ceremonyContext(manifest: Manifest): { context: CeremonyContext } | { error: string } {
  const trustees: Trustee[] = [];
  for (const [at, member] of manifest.trustees.members.entries()) {
    const index = at + 1;
    let signingKey: Uint8Array;
    let encryptionKey: GroupElement;
    try {
      signingKey = fromBase64Url(member.signingKey, 32);
      encryptionKey = GroupElement.decodeNonIdentity(fromBase64Url(member.encryptionKey, 32));
    } catch (e) {
      return { error: `V09.01 trustee ${index}: ${(e as Error).message}` };
    }
    if (!isValidSigningPublicKey(signingKey)) {
      return { error: `V09.01 trustee ${index}: the signing key is not an acceptable Ed25519 key` };
    }
    trustees.push({ index, signingKey, encryptionKey });
  }
  return {
    context: {
      manifest,
      manifestHash: manifestHash(manifest),
      electionId: manifest.electionId,
      n: trustees.length,
      k: manifest.trustees.threshold,
      trustees,
    },
  };
}

/** ceremonyContext for callers that hold a manifest they trust: throws on invalid keys. */
export function requireCeremonyContext(manifest: Manifest): CeremonyContext {
  const c = ceremonyContext(manifest);
  if ('error' in c) throw new RangeError(c.error);
  return c.context;
}

// A trustee's secrets at rest, as the payload of a secret file of kind "trustee" (§9.9): its keys,
// and as the ceremony goes on its dealer polynomial (to answer complaints) and its key share.
const Scalar32 = base64UrlBytes(32);

export const TrusteeSecretsSchema = z.strictObject({
  version: z.literal(1),
  signingKey: Scalar32,
  encryptionKey: Scalar32,
  electionId: ElectionIdSchema.optional(),
  polynomial: z.array(Scalar32).min(1).max(32).optional(),
  secretShare: Scalar32.optional(),
});

export interface TrusteeSecrets extends TrusteeSecretKeys {
  /** The election whose ceremony the polynomial and the key share belong to. */
  readonly electionId?: string;
  /** The dealer's coefficients a_0 … a_{k−1}, kept until the ceremony is over. */
  readonly polynomial?: readonly scalar.Scalar[];
  /** x_j, the trustee's share of the election secret key. */
  readonly secretShare?: scalar.Scalar;
}

/** UTF8(JCS(TrusteeSecretsSchema value)), to be sealed with sealSecret(…, { kind: 'trustee' }). */
export function encodeTrusteeSecrets(secrets: TrusteeSecrets): Uint8Array {
  return canonicalBytes({
    version: 1,
    signingKey: toBase64Url(secrets.signingKey),
    encryptionKey: toBase64Url(scalar.encode(secrets.encryptionKey)),
    electionId: secrets.electionId,
    polynomial: secrets.polynomial?.map((a) => toBase64Url(scalar.encode(a))),
    secretShare: secrets.secretShare === undefined ? undefined : toBase64Url(scalar.encode(secrets.secretShare)),
  });
}

/** Inverse of encodeTrusteeSecrets; throws on anything else. */
export function decodeTrusteeSecrets(bytes: Uint8Array): TrusteeSecrets {
  const s = TrusteeSecretsSchema.parse(JSON.parse(fromUtf8(bytes)));
  const decodeScalar = (text: string) => scalar.decode(fromBase64Url(text, 32));
  return {
    signingKey: fromBase64Url(s.signingKey, 32),
    encryptionKey: decodeScalar(s.encryptionKey),
    ...(s.electionId === undefined ? {} : { electionId: s.electionId }),
    ...(s.polynomial === undefined ? {} : { polynomial: s.polynomial.map(decodeScalar) }),
    ...(s.secretShare === undefined ? {} : { secretShare: decodeScalar(s.secretShare) }),
  };
}
