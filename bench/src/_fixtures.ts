// Synthetic elections for the benchmarks: one contest of k options, keys made on the spot.

import { toBase64Url } from '@evotare/crypto/bytes';
import { generateKeyPair } from '@evotare/crypto/elgamal';
import type { Manifest } from '@evotare/crypto/manifest';
import { generateSigningKey } from '@evotare/crypto/signature';

const text = (s: string) => ({ ro: s, en: s, ru: s });
const key = () => toBase64Url(generateSigningKey().publicKey);

/** A manifest with one contest of `k` options (no blank) and throwaway party keys. */
export function syntheticManifest(k: number, electionId = `bench-k${k}`): Manifest {
  return {
    version: 1,
    electionId,
    title: text(`Benchmark election, ${k} options`),
    votingWindow: { opens: '2026-01-01T00:00:00Z', closes: '2026-01-02T00:00:00Z' },
    mixingPeriod: 3600,
    contests: [
      {
        id: 'contest',
        title: text('Contest'),
        allowBlank: false,
        options: Array.from({ length: k }, (_, i) => ({ id: `option-${i + 1}`, label: text(`Option ${i + 1}`) })),
      },
    ],
    authority: { name: 'CEC', signingKey: key() },
    trustees: { threshold: 1, members: [{ name: 'Trustee', signingKey: key(), encryptionKey: key() }] },
    mixNodes: [
      { name: 'Mix 1', signingKey: key() },
      { name: 'Mix 2', signingKey: key() },
    ],
  };
}

export function electionKeyPair() {
  return generateKeyPair();
}
