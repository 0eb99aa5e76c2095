// Work the verifier spreads over worker threads (crypto/src/parallel): ballot verification.
import { type ElectionContext, electionContext, verifyBallots } from '@evotare/crypto/ballot';
import { GroupElement } from '@evotare/crypto/group';
import { ManifestSchema } from '@evotare/crypto/manifest';
import { defineTask } from '@evotare/crypto/parallel/task';

let cached: { key: string; ctx: ElectionContext } | undefined;

function contextFor(manifestJson: string, electionKey: Uint8Array): ElectionContext {
  const key = `${manifestJson}\u0000${electionKey.join(',')}`;
  if (cached?.key !== key) {
    cached = {
      key,
      ctx: electionContext(ManifestSchema.parse(JSON.parse(manifestJson)), GroupElement.decode(electionKey)),
    };
  }
  return cached.ctx;
}

/** Algorithm 8.3 on a batch of ballots (JSON texts): '' for a valid ballot, else the reason. */
export const verifyBallotsTask = defineTask(
  import.meta.url,
  'verifyBallotsTask',
  (input: { manifest: string; electionKey: Uint8Array; ballots: readonly string[] }): string[] => {
    const ctx = contextFor(input.manifest, input.electionKey);
    return verifyBallots(
      ctx,
      input.ballots.map((b) => JSON.parse(b)),
    ).map((r) => (r.valid ? '' : r.reason));
  },
);
