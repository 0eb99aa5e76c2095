import { describe, expect, it } from 'vitest';
import { attachmentRef } from '../attachment.ts';
import type { BoardEntryType } from '../board/entry.ts';
import { toBase64Url } from '../bytes.ts';
import { rowList } from '../shuffle/rows.ts';
import { emptyRowList, rowListDigest } from './list-digest.ts';
import { checkMixInputPayload, type MixInputEntry, mixInput, mixInputPayload } from './mix-input.ts';

// A small board: the rule reads only the credential keys and the ballots' ciphertexts, so these
// are distinct byte patterns (the ciphertexts are never decoded here).
const W = 2;
const key = (n: number) => toBase64Url(new Uint8Array(32).fill(n));
const ciphertext = (ballot: number, contest: number) =>
  new Uint8Array(64).map((_, i) => (ballot * 7 + contest * 3 + i) & 0xff);

class Board {
  readonly entries: MixInputEntry[] = [];
  #ballots = 0;
  add(type: BoardEntryType, payload: unknown = {}): number {
    this.entries.push({ seq: this.entries.length, type, payload });
    return this.entries.length - 1;
  }
  issue(n: number): void {
    this.add('credential-issued', { publicKey: key(n), electionId: 'e', manifestHash: key(0), signature: 'x' });
  }
  revoke(n: number, reason: string): void {
    this.add('credential-revoked', { publicKey: key(n), reason });
  }
  /** Casts a ballot; returns its row. */
  cast(n: number): Uint8Array {
    const b = ++this.#ballots;
    const contests = Array.from({ length: W }, (_, k) => ({
      ciphertext: toBase64Url(ciphertext(b, k)),
      proof: 'AAAA',
    }));
    this.add('ballot', { election: 'e', credential: key(n), contests, signature: 'x' });
    const row = new Uint8Array(64 * W);
    for (let k = 0; k < W; k++) row.set(ciphertext(b, k), 64 * k);
    return row;
  }
}

function opened(): Board {
  const board = new Board();
  board.add('manifest', { contests: [] });
  board.add('election-key', {});
  for (let n = 1; n <= 6; n++) board.issue(n);
  board.add('voting-opened');
  return board;
}

const concat = (rows: Uint8Array[]) => {
  const out = new Uint8Array(rows.reduce((s, r) => s + r.length, 0));
  let at = 0;
  for (const r of rows) {
    out.set(r, at);
    at += r.length;
  }
  return out;
};

describe('Algorithm 14.1 MixInput (§14.2)', () => {
  it('counts the last ballot of each credential live at close, in the order of those ballots', () => {
    const board = opened();
    const first1 = board.cast(1);
    const only2 = board.cast(2);
    const last1 = board.cast(1); // re-vote: replaces first1
    board.cast(3); // then re-issued: credential 3 revoked, a new credential 7 issued
    board.revoke(3, 'reissued');
    board.issue(7);
    const of7 = board.cast(7);
    board.cast(4); // voted on paper afterwards
    board.cast(4);
    board.revoke(4, 'voted-in-person');
    board.revoke(5, 'withdrawn'); // never voted
    // credential 6 never votes
    board.add('voting-closed');
    board.add('mix-input', {}); // entries after the close are not read

    const r = mixInput(W, board.entries);
    if (!r.valid) throw new Error(r.reason);
    expect(first1).not.toEqual(last1);
    expect(r.mixInput.list).toEqual(rowList(concat([only2, last1, of7]), W));
    expect(r.mixInput.digest).toEqual(rowListDigest(r.mixInput.list));
    expect(r.mixInput.closedAt).toBe(board.entries.length - 2);
    expect(r.mixInput.turnout).toEqual({
      ballotsReceived: 7,
      credentialsIssued: 7,
      credentialsRevoked: 3,
      credentialsCounted: 3,
      ballotsSuperseded: 1,
      ballotsOfRevokedCredentials: 3,
    });
    const t = r.mixInput.turnout;
    expect(t.credentialsCounted + t.ballotsSuperseded + t.ballotsOfRevokedCredentials).toBe(t.ballotsReceived);
  });

  it('gives the empty list when no live credential voted (N = 0)', () => {
    const board = opened();
    board.cast(1);
    board.revoke(1, 'voted-in-person');
    board.add('voting-closed');
    const r = mixInput(W, board.entries);
    if (!r.valid) throw new Error(r.reason);
    expect(r.mixInput.list.count).toBe(0);
    expect(r.mixInput.list.width).toBe(W);
    expect(r.mixInput.digest).toEqual(rowListDigest(emptyRowList(W)));
    expect(r.mixInput.turnout).toMatchObject({
      ballotsReceived: 1,
      credentialsCounted: 0,
      ballotsOfRevokedCredentials: 1,
    });
    expect(checkMixInputPayload(mixInputPayload(r.mixInput, null), r.mixInput)).toEqual({ valid: true });
  });

  it('is the same fed whole or entry by entry, and does not depend on other entry types', () => {
    const board = opened();
    board.cast(2);
    board.add('tree-head-cosignature', {});
    board.cast(1);
    board.add('voting-closed');
    const r = mixInput(W, board.entries);
    const filtered = mixInput(
      W,
      board.entries.filter((e) => e.type !== 'tree-head-cosignature'),
    );
    expect(filtered).toEqual(r);
  });

  it.each([
    ['a ballot of a credential never issued', (b: Board) => b.cast(9)],
    [
      'a ballot of a revoked credential',
      (b: Board) => {
        b.revoke(1, 'reissued');
        b.cast(1);
      },
    ],
    [
      'a ballot with a missing contest',
      (b: Board) => {
        b.add('ballot', { credential: key(1), contests: [{ ciphertext: toBase64Url(ciphertext(1, 0)) }] });
      },
    ],
    [
      'a ballot with a ciphertext of the wrong size',
      (b: Board) => {
        const ct = toBase64Url(new Uint8Array(63));
        b.add('ballot', { credential: key(1), contests: [{ ciphertext: ct }, { ciphertext: ct }] });
      },
    ],
    ['a credential issued twice', (b: Board) => b.issue(1)],
    ['a revocation of a credential never issued', (b: Board) => b.revoke(9, 'withdrawn')],
  ])('rejects a board with %s (V14.02)', (_, tamper) => {
    const board = opened();
    board.cast(2);
    tamper(board);
    board.add('voting-closed');
    const r = mixInput(W, board.entries);
    expect(r.valid).toBe(false);
    expect(!r.valid && r.reason).toMatch(/^V14\.02 entry \d+: /);
  });

  it('rejects a ballot before voting opened (V14.02)', () => {
    const early = new Board();
    early.add('manifest');
    early.issue(1);
    early.cast(1);
    early.add('voting-opened');
    early.add('voting-closed');
    expect(mixInput(W, early.entries)).toEqual({
      valid: false,
      reason: 'V14.02 entry 2: a ballot before voting opened',
    });
  });

  it('rejects ballots and credentials after voting closed, and a board that never closed', () => {
    const late = opened();
    late.add('voting-closed');
    late.cast(1);
    expect(mixInput(W, late.entries)).toMatchObject({
      valid: false,
      reason: expect.stringMatching(/after voting closed/),
    });
    const open = opened();
    open.cast(1);
    expect(mixInput(W, open.entries)).toEqual({ valid: false, reason: 'V14.02 the board has no voting-closed entry' });
  });
});

describe('the mix-input entry (V14.03)', () => {
  const board = opened();
  board.cast(1);
  board.cast(2);
  board.add('voting-closed');
  const r = mixInput(W, board.entries);
  if (!r.valid) throw new Error(r.reason);
  const mi = r.mixInput;
  const payload = mixInputPayload(mi, attachmentRef(mi.list.bytes));

  it('accepts the entry Algorithm 14.1 gives', () => {
    expect(payload).toMatchObject({ rows: 2, width: W, data: { bytes: 2 * W * 64 } });
    expect(checkMixInputPayload(payload, mi)).toEqual({ valid: true });
  });

  it.each([
    ['rows', { rows: 3 }],
    ['width', { width: 1 }],
    ['list', { list: key(9) }],
    ['turnout', { turnout: { ...payload.turnout, ballotsSuperseded: 1 } }],
    ['data size', { data: { ...payload.data!, bytes: 1 } }],
    ['an extra member', { extra: 1 }],
  ])('refuses one with another %s', (_, change) => {
    const v = checkMixInputPayload({ ...payload, ...change }, mi);
    expect(v.valid).toBe(false);
    expect(!v.valid && v.reason).toMatch(/^V14\.03 /);
  });

  it('refuses one without data for N > 0', () => {
    const { data, ...rest } = payload;
    void data;
    expect(checkMixInputPayload(rest, mi)).toMatchObject({ valid: false });
  });
});
