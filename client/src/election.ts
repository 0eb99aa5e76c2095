// An election as the booth needs it: its state, the manifest (checked against the schema and
// against the manifest hash the server states), the CEC's signing key from the manifest, and —
// once the key ceremony is over — the election key, as an ElectionContext for crypto/ballot.
import { type ElectionContext, electionContext } from '@evotare/crypto/ballot';
import { equalBytes, fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { GroupElement } from '@evotare/crypto/group';
import { type Manifest, ManifestSchema, manifestHash, manifestKey } from '@evotare/crypto/manifest';
import { z } from 'zod';
import { type Api, electionPath } from './api.ts';

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
}

export class ElectionDataError extends Error {}

export async function listElections(api: Api): Promise<ElectionSummary[]> {
  const answer = z.object({ elections: z.array(ElectionSummarySchema) }).parse(await api.get('/elections'));
  return answer.elections;
}

/**
 * Loads an election. Throws ApiError if the server refuses (e.g. election-not-found) and
 * ElectionDataError if what it sends does not hold together: a booth must not encrypt for a
 * manifest or key it cannot vouch for.
 */
export async function loadElection(api: Api, id: string): Promise<LoadedElection | { summary: ElectionSummary }> {
  const parsed = PublicElectionSchema.safeParse(await api.get(electionPath(id)));
  if (!parsed.success) throw new ElectionDataError('malformed election');
  const e = parsed.data;
  const summary: ElectionSummary = { id: e.id, state: e.state, title: e.title, votingWindow: e.votingWindow };
  if (e.id !== id) throw new ElectionDataError('the server sent another election');
  if (e.manifest === null) return { summary };
  const manifest = ManifestSchema.safeParse(e.manifest);
  if (!manifest.success) throw new ElectionDataError('malformed manifest');
  if (manifest.data.electionId !== id) throw new ElectionDataError('the manifest is for another election');
  const hash = manifestHash(manifest.data);
  if (e.manifestHash !== toBase64Url(hash)) throw new ElectionDataError('the manifest hash does not match');
  const authorityKey = manifestKey(manifest.data.authority.signingKey);
  if (!equalBytes(authorityKey, fromBase64Url(e.authorityKey))) {
    throw new ElectionDataError('the authority key is not the manifest’s');
  }
  let ctx: ElectionContext | null = null;
  if (e.electionKey !== null) {
    try {
      ctx = electionContext(manifest.data, GroupElement.decodeNonIdentity(fromBase64Url(e.electionKey, 32)));
    } catch {
      throw new ElectionDataError('the election key is not a valid group element');
    }
  }
  return { summary, manifest: manifest.data, manifestHash: hash, authorityKey, ctx };
}

export function isLoaded(e: LoadedElection | { summary: ElectionSummary }): e is LoadedElection {
  return 'manifest' in e;
}
