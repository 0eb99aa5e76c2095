// Algorithm 7.6 AnchorElection (docs/SPEC.md §7.4): an honest board anchors the ceremony's key and
// its fingerprint; a board that changes one thing the anchor rests on — the chain, the tree head,
// the manifest, the order of the ceremony, the election key — is refused with the check's ID.
import { beforeAll, describe, expect, it } from 'vitest';
import { toBase64Url } from '../bytes.ts';
import type { TestElection } from '../dkg/_fixtures.ts';
import { electionFingerprint } from '../fingerprint.ts';
import { GroupElement } from '../group.ts';
import { manifestHash } from '../manifest.ts';
import { generateSigningKey } from '../signature.ts';
import { type BoardItem, ceremonyBoard, type SignedBoard, signedBoard } from './_fixtures.ts';
import { anchorElection } from './anchor.ts';
import { signTreeHead } from './tree-head.ts';

describe('Algorithm 7.6 AnchorElection', () => {
  const authority = generateSigningKey();
  let election: TestElection;
  let items: BoardItem[];
  let Y: GroupElement;

  const board = (list = items): SignedBoard => signedBoard(election.manifest.electionId, list, authority);
  const anchor = (b: SignedBoard, upTo = b.entries.findIndex((e) => e.type === 'election-key')) =>
    anchorElection(election.manifest.electionId, b.entries.slice(0, upTo + 1), b.head, b.proof(upTo));

  beforeAll(() => {
    ({ election, items, electionKey: Y } = ceremonyBoard(3, 2, authority));
  });

  it('anchors the ceremony’s key and its fingerprint on an honest board', () => {
    const b = board();
    const r = anchor(b);
    if (!r.valid) throw new Error(r.reason);
    expect(r.anchor.electionKey!.equals(Y)).toBe(true);
    expect(r.anchor.lastSeq).toBe(b.entries.findIndex((e) => e.type === 'election-key'));
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
    // No complaint, yet a resolution phase; and an election key while dealing is open.
    const key = items.findIndex((it) => it.type === 'election-key');
    const resolution = [...items];
    resolution.splice(key, 0, { type: 'ceremony-phase', payload: { phase: 'resolution' } });
    expect(anchor(board(resolution))).toMatchObject({ valid: false, reason: expect.stringMatching(/^V12\.12/) });
    const dealing = items.filter((it) => it.type !== 'ceremony-phase');
    expect(anchor(board(dealing))).toMatchObject({
      valid: false,
      reason: expect.stringMatching(/^V12\.12 entry \d+: the election key in the dealing phase/),
    });
  });
});
