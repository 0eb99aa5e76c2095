// Ballot encryption for the demonstration's voters, on worker threads: what each voter's browser
// does on its own device, done here for many voters at once.
import { type ElectionContext, electionContext, encryptAndSignBallot } from '@evotare/crypto/ballot';
import { GroupElement } from '@evotare/crypto/group';
import { ManifestSchema } from '@evotare/crypto/manifest';
import { defineTask } from '@evotare/crypto/parallel/task';
import { signingPublicKey } from '@evotare/crypto/signature';

let cached: { key: string; ctx: ElectionContext } | undefined;

/** Encrypts one ballot per voter; returns the ballots as JSON texts, in order. */
export const encryptBallotsTask = defineTask(
  import.meta.url,
  'encryptBallotsTask',
  (input: {
    manifest: string;
    electionKey: Uint8Array;
    voters: readonly { secretKey: Uint8Array; choices: readonly number[] }[];
  }): string[] => {
    const key = `${input.manifest}\u0000${input.electionKey.join(',')}`;
    if (cached?.key !== key) {
      const manifest = ManifestSchema.parse(JSON.parse(input.manifest));
      cached = { key, ctx: electionContext(manifest, GroupElement.decode(input.electionKey)) };
    }
    const ctx = cached.ctx;
    return input.voters.map((v) => {
      const credential = { secretKey: v.secretKey, publicKey: signingPublicKey(v.secretKey) };
      return JSON.stringify(encryptAndSignBallot(ctx, credential, v.choices));
    });
  },
);
