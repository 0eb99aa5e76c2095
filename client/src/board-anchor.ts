// Reading the election's anchor from the public board (docs/SPEC.md §7.4, Algorithm 7.6): the
// latest signed tree head, the entries from 0 (the manifest) through the `election-key` entry, page
// by page, and the inclusion proof of that entry under the head; crypto/ checks them all
// (`anchorElection`: the chain, the head, the ceremony recomputed). Nothing the server states
// outside the board — the election API's manifest or key — is used.
//
// The booth runs it before it encrypts; `evotare codes issue` and `evotare election fingerprint`
// run the same code to get the fingerprint they print.
import { anchorElection, anchorEnd, type ElectionAnchor } from '@evotare/crypto/board/anchor';
import { type BoardEntry, decodeBoardEntry } from '@evotare/crypto/board/entry';
import { decodeSignedTreeHead } from '@evotare/crypto/board/tree-head';
import { fromBase64Url } from '@evotare/crypto/bytes';
import * as z from 'zod';

/** GET of a path under /api/v1 (the booth's Api.get, or the officials' client). */
export type GetJson = (path: string) => Promise<unknown>;

/** The board does not anchor the election: what failed, with the check's ID. */
export class AnchorError extends Error {
  override readonly name = 'AnchorError';
}

/**
 * Pages grow from FIRST_PAGE to MAX_PAGE entries: the `election-key` entry is usually within the
 * first few dozen (2n + 4 entries for n trustees), and a booth opened during voting must not
 * download a thousand ballots to find it.
 */
const FIRST_PAGE = 64;
const MAX_PAGE = 1000;
const PageSchema = z.object({ entries: z.array(z.unknown()) });
const ProofSchema = z.object({ proof: z.array(z.string()) });

/**
 * Reads and checks the board's anchor of an election. Throws AnchorError when the board does not
 * hold together (and whatever `get` throws when the server cannot be asked: ApiError in the booth).
 */
export async function readElectionAnchor(get: GetJson, electionId: string): Promise<ElectionAnchor> {
  const base = `/elections/${encodeURIComponent(electionId)}/board`;
  const head = decodeSignedTreeHead(await get(`${base}/tree-head`));
  if ('error' in head) throw new AnchorError(head.error.valid ? 'malformed tree head' : head.error.reason);
  const size = head.value.size;
  const entries: BoardEntry[] = [];
  let limit = FIRST_PAGE;
  while (entries.length < size && !entries.some((e) => e.type === 'election-key')) {
    const from = entries.length;
    const page = PageSchema.safeParse(await get(`${base}?from=${from}&limit=${Math.min(limit, size - from)}`));
    limit = Math.min(2 * limit, MAX_PAGE);
    if (!page.success || page.data.entries.length === 0) {
      throw new AnchorError(`V12.02 the board ends at ${from}, its tree head says ${size}`);
    }
    for (const json of page.data.entries.slice(0, size - from)) {
      const d = decodeBoardEntry(json);
      if ('error' in d) throw new AnchorError(`V12.01 entry ${entries.length}: ${d.error.valid ? '' : d.error.reason}`);
      entries.push(d.entry);
    }
  }
  if (entries.length === 0) throw new AnchorError('V12.07 the board is empty');
  const last = anchorEnd(entries);
  const answer = ProofSchema.safeParse(await get(`${base}/inclusion?position=${last}&size=${size}`));
  let proof: Uint8Array[];
  try {
    if (!answer.success) throw new RangeError('malformed');
    proof = answer.data.proof.map((p) => fromBase64Url(p, 32));
  } catch {
    throw new AnchorError(`V12.09 malformed inclusion proof of entry ${last}`);
  }
  const r = anchorElection(electionId, entries, head.value, proof);
  if (!r.valid) throw new AnchorError(r.reason);
  return r.anchor;
}
