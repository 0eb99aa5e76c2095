// Domain-separation tags (docs/SPEC.md §3.1, table T1). Every hash, challenge, derived element and
// signed message of e-Votare starts with exactly one of these, so no value made for one purpose can
// be taken for another. Add a tag here and to table T1 together.
export const TAG = {
  // Fiat–Shamir challenges (§3.2)
  schnorr: 'evotare/v1/schnorr',
  chaumPedersen: 'evotare/v1/chaum-pedersen',
  ballotValidity: 'evotare/v1/ballot-validity',
  shuffleChallenges: 'evotare/v1/shuffle-challenges',
  shuffle: 'evotare/v1/shuffle',
  // hash_to_ristretto255 domain separation tags (§3.4)
  optionElement: 'evotare/v1/option',
  generator: 'evotare/v1/generator',
  shuffleGenerator: 'evotare/v1/shuffle-generator',
  // digests (§3.3)
  manifest: 'evotare/v1/manifest',
  electionFingerprint: 'evotare/v1/election-fingerprint',
  trackingCode: 'evotare/v1/tracking-code',
  challengeExpansion: 'evotare/v1/challenge-expansion',
  // the bulletin board (§12) and the electoral roll's commitment (§13.1)
  boardEntry: 'evotare/v1/board-entry',
  roll: 'evotare/v1/roll',
  // Ed25519 signed messages (§6)
  signature: 'evotare/v1/signature',
  // key ceremony (§9)
  dkgCommitment: 'evotare/v1/dkg-commitment',
  dkgShareKey: 'evotare/v1/dkg-share-key',
  dkgShare: 'evotare/v1/dkg-share',
  dkgProofNonce: 'evotare/v1/dkg-proof-nonce',
  dkgEphemeral: 'evotare/v1/dkg-ephemeral',
  // threshold decryption (§10)
  ciphertextList: 'evotare/v1/ciphertext-list',
  partialDecryption: 'evotare/v1/partial-decryption',
  // mix input and tally (§14)
  attachment: 'evotare/v1/attachment',
  // moving a credential to another device (§13.9)
  credentialTransfer: 'evotare/v1/credential-transfer',
} as const;

export type DomainTag = (typeof TAG)[keyof typeof TAG];
