// A long-lived worker thread that verifies ballots (crypto's batched Algorithm 8.3). It keeps the
// context of each election it has seen (precomputed tables for G, Y and the options).
import { parentPort } from 'node:worker_threads';
import { type ElectionContext, electionContext, verifyBallots } from '@evotare/crypto/ballot';
import { GroupElement } from '@evotare/crypto/group';
import type { Manifest } from '@evotare/crypto/manifest';
import type { Verification } from '@evotare/crypto/result';

export type ToWorker =
  | { readonly kind: 'context'; readonly key: string; readonly manifest: Manifest; readonly electionKey: Uint8Array }
  | { readonly kind: 'verify'; readonly id: number; readonly key: string; readonly ballots: readonly unknown[] };

export type FromWorker =
  | { readonly kind: 'verified'; readonly id: number; readonly results: Verification[] }
  | { readonly kind: 'failed'; readonly id: number; readonly error: string };

const contexts = new Map<string, ElectionContext>();

parentPort!.on('message', (m: ToWorker) => {
  if (m.kind === 'context') {
    contexts.set(m.key, electionContext(m.manifest, GroupElement.decodeNonIdentity(m.electionKey)));
    return;
  }
  try {
    const ctx = contexts.get(m.key);
    if (ctx === undefined) throw new Error(`no context ${m.key}`);
    parentPort!.postMessage({
      kind: 'verified',
      id: m.id,
      results: verifyBallots(ctx, m.ballots),
    } satisfies FromWorker);
  } catch (e) {
    parentPort!.postMessage({ kind: 'failed', id: m.id, error: String(e) } satisfies FromWorker);
  }
});
