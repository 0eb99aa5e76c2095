// Test and benchmark fixtures for Algorithm 7.6 AnchorElection: a board from the manifest to the
// `election-key` entry of an honest n-trustee ceremony, chained and under a signed tree head.
import { toBase64Url } from '../bytes.ts';
import type { JsonValue } from '../canonical-json.ts';
import { makeElection, runCeremony, type TestElection } from '../dkg/_fixtures.ts';
import { verifyCeremony } from '../dkg/ceremony.ts';
import type { GroupElement } from '../group.ts';
import { ManifestSchema } from '../manifest.ts';
import type { SigningKeyPair } from '../signature.ts';
import { appendBoardEntry, type BoardEntry, type BoardEntryType } from './entry.ts';
import { MerkleTree } from './merkle.ts';
import { type SignedTreeHead, signTreeHead } from './tree-head.ts';

export interface BoardItem {
  readonly type: BoardEntryType;
  readonly payload: JsonValue;
}

export interface SignedBoard {
  readonly entries: BoardEntry[];
  readonly head: SignedTreeHead;
  /** The inclusion proof of entry `index` under `head`. */
  readonly proof: (index: number) => Uint8Array[];
}

const json = (x: unknown) => JSON.parse(JSON.stringify(x)) as JsonValue;

/**
 * An election of n trustees (threshold k) whose manifest names `authority`, and the board items of
 * its honest ceremony: manifest, roll, dealing, the complaint phase (no complaint: every dealer is
 * honest, so no resolution phase), the election key, and `roll` and `voting-opened` after it.
 */
export function ceremonyBoard(
  n: number,
  k: number,
  authority: SigningKeyPair,
): { election: TestElection; items: BoardItem[]; electionKey: GroupElement } {
  const base = makeElection(n, k);
  const manifest = ManifestSchema.parse({
    ...base.manifest,
    authority: { name: 'CEC', signingKey: toBase64Url(authority.publicKey) },
  });
  const election = { manifest, trustees: base.trustees };
  const run = runCeremony(election);
  const outcome = verifyCeremony(manifest, run.messages);
  if (!outcome.valid) throw new Error(outcome.reason);
  const byType = (t: string) =>
    run.messages.filter((m) => m.type === t).map((m) => ({ type: m.type, payload: json(m) }) as BoardItem);
  const items: BoardItem[] = [
    { type: 'manifest', payload: json(manifest) },
    { type: 'roll', payload: { size: 10, commitment: toBase64Url(new Uint8Array(32).fill(1)) } },
    ...byType('dkg-commitment'),
    ...byType('dkg-shares'),
    { type: 'ceremony-phase', payload: { phase: 'complaints' } },
    ...byType('dkg-complaint'),
    // §12.9: without a complaint the resolution phase is skipped.
    ...(byType('dkg-complaint').length > 0
      ? [{ type: 'ceremony-phase', payload: { phase: 'resolution' } } as BoardItem, ...byType('dkg-resolution')]
      : []),
    {
      type: 'election-key',
      payload: {
        qualified: [...outcome.qualified],
        electionKey: toBase64Url(outcome.electionKey.encode()),
        verificationKeys: outcome.verificationKeys.map((vk) => toBase64Url(vk.encode())),
      },
    },
    { type: 'roll', payload: { size: 10, commitment: toBase64Url(new Uint8Array(32).fill(1)) } },
    { type: 'voting-opened', payload: {} },
  ];
  return { election, items, electionKey: outcome.electionKey };
}

/** The board of `items`, chained (Algorithm 12.2) under a tree head over all of it signed by `authority`. */
export function signedBoard(electionId: string, items: readonly BoardItem[], authority: SigningKeyPair): SignedBoard {
  const entries: BoardEntry[] = [];
  const tree = new MerkleTree();
  let at: BoardEntry | null = null;
  for (const item of items) {
    const e = appendBoardEntry(at, item.type, new Date('2026-10-01T10:00:00Z'), item.payload);
    entries.push(e);
    tree.append(e.hash);
    at = e;
  }
  const head = signTreeHead({ electionId, size: tree.size, root: tree.root(), time: at!.time }, authority.secretKey);
  return { entries, head, proof: (i) => tree.inclusionProof(i) };
}
