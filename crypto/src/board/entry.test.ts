import { sha512 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { concatBytes, lengthPrefixed, toHex, u64be, utf8 } from '../bytes.ts';
import type { JsonValue } from '../canonical-json.ts';
import {
  appendBoardEntry,
  type BoardEntry,
  type ChainHead,
  decodeBoardEntry,
  encodeBoardEntry,
  GENESIS_PREVIOUS,
  verifyBoardChain,
  verifyBoardEntry,
} from './entry.ts';

function chain(n: number, start = Date.UTC(2024, 9, 20, 4)): BoardEntry[] {
  const out: BoardEntry[] = [];
  let head: ChainHead | null = null;
  for (let i = 0; i < n; i++) {
    const e = appendBoardEntry(head, i === 0 ? 'manifest' : 'ballot', new Date(start + i * 1000), { i, s: `x${i}` });
    out.push(e);
    head = e;
  }
  return out;
}

describe('board entries (§12.1, §12.2)', () => {
  it('hashes LP(tag), I2OSP(seq, 8), type, time, JCS(payload) and previous, truncated to 32 bytes', () => {
    const e = appendBoardEntry(null, 'roll', new Date(Date.UTC(2024, 9, 1)), { size: 3, commitment: 'AA' });
    const expected = sha512(
      concatBytes(
        lengthPrefixed(utf8('evotare/v1/board-entry')),
        lengthPrefixed(u64be(0)),
        lengthPrefixed(utf8('roll')),
        lengthPrefixed(utf8('2024-10-01T00:00:00.000Z')),
        lengthPrefixed(utf8('{"commitment":"AA","size":3}')),
        lengthPrefixed(new Uint8Array(32)),
      ),
    ).subarray(0, 32);
    expect(toHex(e.hash)).toBe(toHex(expected));
    expect(e.previous).toEqual(GENESIS_PREVIOUS);
  });

  it('links a chain that verifies', () => {
    const entries = chain(20);
    expect(verifyBoardChain(entries)).toEqual({ valid: true });
    expect(verifyBoardChain(entries.slice(5), entries[4]!)).toEqual({ valid: true });
    entries.forEach((e, i) => {
      expect(e.seq).toBe(i);
      if (i > 0) expect(e.previous).toEqual(entries[i - 1]!.hash);
    });
  });

  it('never lets time go backwards', () => {
    const first = appendBoardEntry(null, 'manifest', new Date(Date.UTC(2024, 9, 20, 12)), {});
    const second = appendBoardEntry(first, 'roll', new Date(Date.UTC(2024, 9, 20, 11)), {});
    expect(second.time).toBe(first.time);
    expect(verifyBoardEntry(second, first)).toEqual({ valid: true });
  });

  it('rejects a change to any field of any entry', () => {
    const entries = chain(6);
    const tampered: Array<(e: BoardEntry) => BoardEntry> = [
      (e) => ({ ...e, seq: e.seq + 1 }),
      (e) => ({ ...e, type: e.type === 'ballot' ? 'roll' : 'ballot' }),
      (e) => ({ ...e, time: '2024-10-20T04:00:00.001Z' }),
      (e) => ({ ...e, payload: { ...(e.payload as Record<string, JsonValue>), i: 99 } }),
      (e) => ({ ...e, previous: e.previous.map((b, i) => (i === 0 ? b ^ 1 : b)) }),
      (e) => ({ ...e, hash: e.hash.map((b, i) => (i === 31 ? b ^ 0x80 : b)) }),
      (e) => ({ ...e, type: 'unknown' as never }),
      (e) => ({ ...e, time: '2024-10-20 04:00:00Z' }),
    ];
    for (let i = 0; i < entries.length; i++) {
      for (const change of tampered) {
        const bad = entries.map((e, j) => (j === i ? change(e) : e));
        expect(verifyBoardChain(bad).valid).toBe(false);
      }
    }
  });

  it('rejects a removed, duplicated or reordered entry', () => {
    const entries = chain(6);
    expect(verifyBoardChain([...entries.slice(0, 2), ...entries.slice(3)]).valid).toBe(false);
    expect(verifyBoardChain([...entries.slice(0, 3), entries[2]!, ...entries.slice(3)]).valid).toBe(false);
    expect(verifyBoardChain([entries[1]!, entries[0]!, ...entries.slice(2)]).valid).toBe(false);
  });

  it('round-trips its JSON form and rejects malformed JSON without throwing', () => {
    const entries = chain(3);
    for (const e of entries) {
      const decoded = decodeBoardEntry(JSON.parse(JSON.stringify(encodeBoardEntry(e))));
      expect('entry' in decoded && verifyBoardEntry(decoded.entry, e.seq === 0 ? null : entries[e.seq - 1]!)).toEqual({
        valid: true,
      });
    }
    const json = encodeBoardEntry(entries[1]!);
    for (const bad of [
      { ...json, extra: 1 },
      { ...json, seq: -1 },
      { ...json, seq: 1.5 },
      { ...json, hash: `${json.hash}A` },
      { ...json, previous: json.previous.replace(/.$/, 'B') },
      { ...json, type: 'nope' },
      { ...json, time: '2024-02-30T00:00:00.000Z' },
      null,
      [],
    ]) {
      expect('error' in decodeBoardEntry(bad)).toBe(true);
    }
  });
});
