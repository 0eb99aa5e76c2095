// Trustees that run on this machine: the `npm start` sample election and the tests. Each step is
// the public crypto function a real trustee's program runs (docs/SPEC.md §9): deal, review the
// shares and complain, answer complaints, derive the key share. Real trustees run these on their
// own machines (`evotare trustee …`, with the tally pipeline).
import type { DealerSecret } from '@evotare/crypto/dkg/dealing';
import { deal } from '@evotare/crypto/dkg/dealing';
import { answerComplaints, deriveSecretShare, reviewShares, type TrusteeIdentity } from '@evotare/crypto/dkg/trustee';
import { generateTrusteeKeys, requireCeremonyContext, type TrusteeKeys } from '@evotare/crypto/dkg/trustee-keys';
import type { Manifest } from '@evotare/crypto/manifest';
import type * as scalar from '@evotare/crypto/scalar';

export interface LocalTrustee {
  readonly index: number;
  readonly keys: TrusteeKeys;
  dealer?: DealerSecret;
  secretShare?: scalar.Scalar;
}

export function makeLocalTrustees(n: number): LocalTrustee[] {
  return Array.from({ length: n }, (_, i) => ({ index: i + 1, keys: generateTrusteeKeys() }));
}

function identity(t: LocalTrustee): TrusteeIdentity {
  return { index: t.index, signingKey: t.keys.secret.signingKey, encryptionKey: t.keys.secret.encryptionKey };
}

/** How the trustees reach the board: through the API, or the services directly. */
export interface CeremonyBoardAccess {
  manifest(): Promise<Manifest>;
  messages(): Promise<unknown[]>;
  post(message: unknown): Promise<void>;
  /** An official closes the current phase; returns the phase the ceremony is in afterwards. */
  closePhase(): Promise<string>;
}

/** Runs the whole ceremony with every trustee local; leaves each trustee's key share on it. */
export async function runLocalCeremony(board: CeremonyBoardAccess, trustees: LocalTrustee[]): Promise<void> {
  const manifest = await board.manifest();
  const ctx = requireCeremonyContext(manifest);
  for (const t of trustees) {
    const d = deal(ctx, t.index, t.keys.secret.signingKey);
    t.dealer = d.secret;
    await board.post(d.commitment);
    await board.post(d.shares);
  }
  // Dealing closed by itself once every trustee dealt.
  const dealt = await board.messages();
  for (const t of trustees) {
    for (const complaint of reviewShares(manifest, dealt, identity(t)).complaints) await board.post(complaint);
  }
  let phase = await board.closePhase();
  if (phase === 'resolution') {
    const complained = await board.messages();
    for (const t of trustees) {
      if (t.dealer === undefined) continue;
      for (const r of answerComplaints(manifest, complained, t.dealer, t.keys.secret.signingKey)) await board.post(r);
    }
    phase = await board.closePhase();
  }
  if (phase !== 'done') throw new Error(`the ceremony did not finish (phase ${phase})`);
  const final = await board.messages();
  for (const t of trustees) {
    const share = deriveSecretShare(manifest, final, identity(t), t.dealer);
    if (!share.ok) throw new Error(`trustee ${t.index}: ${share.reason}`);
    t.secretShare = share.keyShare.secretShare;
  }
}
