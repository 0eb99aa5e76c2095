// Encryption of a share to its recipient: ECIES on ristretto255 with XChaCha20-Poly1305
// (docs/SPEC.md §9.4, Algorithms 9.8 EncryptShare and 9.9 DecryptShare).
//
//   e given (the dealer derives it, §9.3), E = e·G, S = e·X_j      (recipient: S = x_j·E)
//   K = SHA-512(LP(tag_key) || LP(h) || LP("shared") || LP(S) || LP("ephemeral") || LP(E)
//               || LP("recipient-key") || LP(X_j) || LP("dealer") || LP(I2OSP(i, 4))
//               || LP("recipient") || LP(I2OSP(j, 4)))
//   key = K[0..32], nonce = K[32..56]   (a fresh key per share, so the nonce never repeats)
//   AD  = LP(tag_share) || LP(h) || I2OSP(i, 4) || I2OSP(j, 4)
//   c   = XChaCha20-Poly1305(key, nonce, EncodeScalar(s), AD)        — 48 bytes
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { concatBytes, lengthPrefixed, u32be, utf8 } from '../bytes.ts';
import { type GroupElement, generatorBase } from '../group.ts';
import * as scalar from '../scalar.ts';
import { TAG } from '../tags.ts';
import { Transcript } from '../transcript.ts';

export const SHARE_CIPHERTEXT_SIZE = 48;

export interface EncryptedShare {
  /** E = e·G. */
  readonly ephemeral: GroupElement;
  /** XChaCha20-Poly1305 ciphertext and tag of EncodeScalar(s), 48 bytes. */
  readonly ciphertext: Uint8Array;
}

/** Who sends a share to whom, in which election. */
export interface ShareAddress {
  readonly manifestHash: Uint8Array;
  /** i: the dealer's index. */
  readonly dealer: number;
  /** j: the recipient's index. */
  readonly recipient: number;
  /** X_j: the recipient's encryption key from the manifest. */
  readonly recipientKey: GroupElement;
}

function shareCipher(address: ShareAddress, shared: GroupElement, ephemeral: GroupElement) {
  const k = new Transcript(TAG.dkgShareKey, address.manifestHash)
    .element('shared', shared)
    .element('ephemeral', ephemeral)
    .element('recipient-key', address.recipientKey)
    .u32('dealer', address.dealer)
    .u32('recipient', address.recipient)
    .digest();
  const ad = concatBytes(
    lengthPrefixed(utf8(TAG.dkgShare)),
    lengthPrefixed(address.manifestHash),
    u32be(address.dealer),
    u32be(address.recipient),
  );
  return xchacha20poly1305(k.subarray(0, 32), k.subarray(32, 56), ad);
}

/**
 * Algorithm 9.8 EncryptShare with the ephemeral secret e ≠ 0, which the dealer derives from its
 * polynomial (Algorithm 9.5a), so that dealing again gives the same bytes.
 */
export function encryptShare(address: ShareAddress, s: scalar.Scalar, e: scalar.Scalar): EncryptedShare {
  if (e === 0n) throw new RangeError('the ephemeral secret of a share is not zero');
  const ephemeral = generatorBase().multiply(e);
  const shared = address.recipientKey.multiply(e);
  return { ephemeral, ciphertext: shareCipher(address, shared, ephemeral).encrypt(scalar.encode(s)) };
}

/**
 * Algorithm 9.9 DecryptShare: the share, or undefined when the ciphertext does not authenticate or
 * does not hold a canonical scalar — either is grounds for a complaint (§9.5).
 */
export function decryptShare(
  address: ShareAddress,
  recipientSecretKey: scalar.Scalar,
  share: EncryptedShare,
): scalar.Scalar | undefined {
  if (share.ciphertext.length !== SHARE_CIPHERTEXT_SIZE || share.ephemeral.isIdentity()) return undefined;
  const shared = share.ephemeral.multiply(recipientSecretKey);
  let plaintext: Uint8Array;
  try {
    plaintext = shareCipher(address, shared, share.ephemeral).decrypt(share.ciphertext);
  } catch {
    return undefined;
  }
  try {
    return scalar.decode(plaintext);
  } catch {
    return undefined;
  }
}
