// Algorithm 7.6 AnchorElection (docs/SPEC.md §7.4): an honest board anchors the ceremony's key and
// its fingerprint; a board that changes one thing the anchor rests on — the chain, the tree head,
// the manifest, the order of the ceremony, the election key — is refused with the check's ID.
import { beforeAll, describe, expect, it } from 'vitest';
import { toBase64Url } from '../bytes.ts';
import type { JsonValue } from '../canonical-json.ts';
import { makeElection, runCeremony, type TestElection } from '../dkg/_fixtures.ts';
import { verifyCeremony } from '../dkg/ceremony.ts';
import { electionFingerprint } from '../fingerprint.ts';
import { GroupElement } from '../group.ts';
import { ManifestSchema, manifestHash } from '../manifest.ts';
import { generateSigningKey } from '../signature.ts';
import { anchorElection } from './anchor.ts';
import { appendBoardEntry, type BoardEntry, type BoardEntryType } from './entry.ts';
import { MerkleTree } from './merkle.ts';
import { type SignedTreeHead, signTreeHead } from './tree-head.ts';

const json = (x: unknown) => JSON.parse(JSON.stringify(x)) as JsonValue;

interface Board {
  readonly entries: BoardEntry[];
  readonly head: SignedTreeHead;
  readonly proof: (index: number) => Uint8Array[];
}

describe('Algorithm 7.6 AnchorElection', () => {
  const authority = generateSigningKey();
  let election: TestElection;
  let items: Array<{ type: BoardEntryType; payload: JsonValue }>;
  let Y: GroupElement;

  /** The board of `list`, chained and signed (a tree head over all of it). */
  const board = (list = items): Board => {
    const entries: BoardEntry[] = [];
    const tree = new MerkleTree();
    let at: BoardEntry | null = null;
    for (const item of list) {
      const e = appendBoardEntry(at, item.type, new Date('2026-10-01T10:00:00Z'), item.payload);
      entries.push(e);
      tree.append(e.hash);
      at = e;
    }
    const head = signTreeHead(
      { electionId: election.manifest.electionId, size: tree.size, root: tree.root(), time: at!.time },
      authority.secretKey,
    );
    return { entries, head, proof: (i) => tree.inclusionProof(i) };
  };
  const anchor = (b: Board, upTo = b.entries.findIndex((e) => e.type === 'election-key')) =>
    anchorElection(election.manifest.electionId, b.entries.slice(0, upTo + 1), b.head, b.proof(upTo));

  beforeAll(() => {
    const base = makeElection(3, 2);
    const manifest = ManifestSchema.parse({
      ...base.manifest,
      authority: { name: 'CEC', signingKey: toBase64Url(authority.publicKey) },
    });
    election = { manifest, trustees: base.trustees };
    const run = runCeremony(election);
    const outcome = verifyCeremony(manifest, run.messages);
    if (!outcome.valid) throw new Error(outcome.reason);
    Y = outcome.electionKey;
    const byType = (t: string) =>
      run.messages.filter((m) => m.type === t).map((m) => ({ type: m.type, payload: json(m) }));
    items = [
      { type: 'manifest', payload: json(manifest) },
      { type: 'roll', payload: { size: 10, commitment: toBase64Url(new Uint8Array(32).fill(1)) } },
      ...byType('dkg-commitment'),
      ...byType('dkg-shares'),
      { type: 'ceremony-phase', payload: { phase: 'complaints' } },
      ...byType('dkg-complaint'),
      { type: 'ceremony-phase', payload: { phase: 'resolution' } },
      ...byType('dkg-resolution'),
      {
        type: 'election-key',
        payload: {
          qualified: [...outcome.qualified],
          electionKey: toBase64Url(Y.encode()),
          verificationKeys: outcome.verificationKeys.map((vk) => toBase64Url(vk.encode())),
        },
      },
      { type: 'voting-opened', payload: {} },
    ];
  });

  it('anchors the ceremony’s key and its fingerprint on an honest board', () => {
    const b = board();
    const r = anchor(b);
    if (!r.valid) throw new Error(r.reason);
    expect(r.anchor.electionKey!.equals(Y)).toBe(true);
    expect(r.anchor.lastSeq).toBe(b.entries.length - 2);
    expect(r.anchor.fingerprint).toEqual(electionFingerprint(manifestHash(election.manifest), authority.publicKey, Y));
  });

  it('gives the manifest without a key while the ceremony runs', () => {
    const b = board(items.slice(0, 6));
    const r = anchor(b, b.entries.length - 1);
    expect(r).toMatchObject({ valid: true, anchor: { electionKey: null, fingerprint: null, lastSeq: 5 } });
  });

  it('refuses an election key that is not the ceremony’s outcome (V09.14)', () => {
    const forged = items.map((it) =>
      it.type === 'election-key'
        ? { ...it, payload: { ...(it.payload as object), electionKey: toBase64Url(GroupElement.generator.encode()) } }
        : it,
    );
    expect(anchor(board(forged))).toMatchObject({ valid: false, reason: expect.stringMatching(/^V09\.14/) });
  });

  it('refuses a ceremony message dropped from the board (the key is no longer its outcome)', () => {
    const dropped = items.filter(
      (it, i) => !(it.type === 'dkg-commitment' && i === items.findIndex((x) => x.type === it.type)),
    );
    expect(anchor(board(dropped)).valid).toBe(false);
  });

  it('refuses a broken chain, a head not signed by the manifest’s CEC key, and a missing inclusion', () => {
    const b = board();
    const k = b.entries.findIndex((e) => e.type === 'election-key');
    const entries = [...b.entries];
    entries[2] = { ...entries[2]!, time: '2026-10-01T10:00:01.000Z' };
    expect(anchorElection('test-2026', entries.slice(0, k + 1), b.head, b.proof(k))).toMatchObject({
      valid: false,
      reason: expect.stringMatching(/^V12\.06/),
    });
    const other = signTreeHead(b.head, generateSigningKey().secretKey);
    expect(anchorElection('test-2026', b.entries.slice(0, k + 1), other, b.proof(k))).toMatchObject({
      reason: expect.stringMatching(/^V12\.08/),
    });
    expect(anchorElection('test-2026', b.entries.slice(0, k + 1), b.head, b.proof(k - 1))).toMatchObject({
      reason: expect.stringMatching(/^V12\.09/),
    });
    expect(anchorElection('another-2026', b.entries.slice(0, k + 1), b.head, b.proof(k))).toMatchObject({
      reason: expect.stringMatching(/^V12\.07/),
    });
  });

  it('refuses ceremony messages out of their phase and other entries before the key (V12.12)', () => {
    const late = [...items];
    const at = late.findIndex((it) => it.type === 'dkg-commitment');
    const [moved] = late.splice(at, 1);
    late.splice(
      late.findIndex((it) => it.type === 'election-key'),
      0,
      moved!,
    );
    expect(anchor(board(late))).toMatchObject({ valid: false, reason: expect.stringMatching(/^V12\.12/) });
    const early = [...items];
    early.splice(2, 0, { type: 'voting-opened', payload: {} });
    expect(anchor(board(early))).toMatchObject({ valid: false, reason: expect.stringMatching(/^V12\.12/) });
  });
});
