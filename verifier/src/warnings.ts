// Warnings (docs/SPEC.md §15): what the verifier reports about a board that may well verify, but
// whose election an auditor should question. They change neither the checks nor the exit status.
import type { Manifest } from '@evotare/crypto/manifest';

/** W07.01 (§7.1): a threshold of one trustee, allowed for test elections only. */
export function manifestWarnings(manifest: Manifest | undefined): string[] {
  if (manifest?.trustees.threshold !== 1) return [];
  return [
    `W07.01 the manifest's threshold is k = 1 (of ${manifest.trustees.members.length} trustees): any one trustee can decrypt every ballot alone; a real election needs k ≥ 2`,
  ];
}
