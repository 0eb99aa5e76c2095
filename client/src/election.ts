// An election as the booth needs it: its state, the manifest, the CEC's signing key from the
// manifest, and — once the key ceremony is over — the election key, as an ElectionContext for
// crypto/ballot, with the election fingerprint (docs/SPEC.md §7.4). The manifest and the keys are
// those of the public board, checked by Algorithm 7.6 (./board-anchor.ts): the election API's
// manifest, hash and keys are a convenience that must agree with the board, or the booth refuses.
import { type ElectionContext, electionContext } from '@evotare/crypto/ballot';
import type { ElectionAnchor } from '@evotare/crypto/board/anchor';
import { equalBytes, toBase64Url } from '@evotare/crypto/bytes';
import { type Manifest, ManifestSchema, manifestHash } from '@evotare/crypto/manifest';
import * as z from 'zod';
import { type Api, electionPath } from './api.ts';
import { AnchorError, readElectionAnchor } from './board-anchor.ts';

export const ELECTION_STATES = ['draft', 'key-ceremony', 'open', 'closed', 'mixing', 'decrypting', 'tallied'] as const;
export type ElectionState = (typeof ELECTION_STATES)[number];

const Localized = z.object({ ro: z.string(), en: z.string(), ru: z.string() });

export const ElectionSummarySchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  state: z.enum(ELECTION_STATES),
  title: Localized,
  votingWindow: z.object({ opens: z.string(), closes: z.string() }),
});
export type ElectionSummary = z.infer<typeof ElectionSummarySchema>;

const PublicElectionSchema = ElectionSummarySchema.extend({
  manifest: z.unknown().nullable(),
  manifestHash: z.string().nullable(),
  electionKey: z.string().nullable(),
  authorityKey: z.string(),
});

export interface LoadedElection {
  readonly summary: ElectionSummary;
  readonly manifest: Manifest;
  readonly manifestHash: Uint8Array;
  /** The CEC's signing key, as the manifest names it (receipts and tree heads are checked with it). */
  readonly authorityKey: Uint8Array;
  /** Null until the key ceremony has produced the election key. */
  readonly ctx: ElectionContext | null;
  /** ElectionFingerprint(h, pk_CEC, Y) of the board (Algorithm 7.4); null while ctx is. */
  readonly fingerprint: Uint8Array | null;
}

export class ElectionDataError extends Error {}

export async function listElections(api: Api): Promise<ElectionSummary[]> {
  const answer = z.object({ elections: z.array(ElectionSummarySchema) }).parse(await api.get('/elections'));
  return answer.elections;
}

/**
 * What the election API states must be what the board anchors; anything else is a server that
 * shows the booth another manifest or key than the one everybody else checks.
 */
function disagreement(e: z.infer<typeof PublicElectionSchema>, anchor: ElectionAnchor): string | null {
  const manifest = ManifestSchema.safeParse(e.manifest);
  if (!manifest.success) return 'malformed manifest';
  if (!equalBytes(manifestHash(manifest.data), anchor.manifestHash)) return 'the manifest is not the board’s';
  if (e.manifestHash !== toBase64Url(anchor.manifestHash)) return 'the manifest hash is not the board’s';
  if (e.authorityKey !== toBase64Url(anchor.authorityKey)) return 'the authority key is not the board’s';
  if (
    e.electionKey !== null &&
    (anchor.electionKey === null || e.electionKey !== toBase64Url(anchor.electionKey.encode()))
  ) {
    return 'the election key is not the board’s';
  }
  if (e.state === 'open' && anchor.electionKey === null) return 'voting is open but the board has no election key';
  return null;
}

/**
 * Loads an election. Throws ApiError if the server refuses (e.g. election-not-found) and
 * ElectionDataError if what it sends does not hold together: a booth must not encrypt for a
 * manifest or key it cannot vouch for. The manifest and keys come from the board (Algorithm 7.6).
 */
export async function loadElection(api: Api, id: string): Promise<LoadedElection | { summary: ElectionSummary }> {
  const parsed = PublicElectionSchema.safeParse(await api.get(electionPath(id)));
  if (!parsed.success) throw new ElectionDataError('malformed election');
  const e = parsed.data;
  const summary: ElectionSummary = { id: e.id, state: e.state, title: e.title, votingWindow: e.votingWindow };
  if (e.id !== id) throw new ElectionDataError('the server sent another election');
  if (e.manifest === null) return { summary };
  let anchor: ElectionAnchor;
  try {
    anchor = await readElectionAnchor((path) => api.get(path), id);
  } catch (error) {
    if (error instanceof AnchorError) throw new ElectionDataError(error.message);
    throw error;
  }
  const problem = disagreement(e, anchor);
  if (problem !== null) throw new ElectionDataError(problem);
  return {
    summary,
    manifest: anchor.manifest,
    manifestHash: anchor.manifestHash,
    authorityKey: anchor.authorityKey,
    ctx: anchor.electionKey === null ? null : electionContext(anchor.manifest, anchor.electionKey),
    fingerprint: anchor.fingerprint,
  };
}

export function isLoaded(e: LoadedElection | { summary: ElectionSummary }): e is LoadedElection {
  return 'manifest' in e;
}
