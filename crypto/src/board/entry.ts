// Entries of the bulletin board and their hash chain (docs/SPEC.md §12.1, §12.2).
//
//   EntryHash = Digest("evotare/v1/board-entry",
//                      I2OSP(seq, 8), UTF8(type), UTF8(time), UTF8(JCS(payload)), previous)
//
// Entry 0 has previous = 32 zero bytes; entry i > 0 has previous = EntryHash of entry i − 1. The
// entry hashes are the leaves of the board's Merkle tree (./merkle.ts).
import * as z from 'zod';
import { equalBytes, fromBase64Url, toBase64Url, u64be, utf8 } from '../bytes.ts';
import { type CanonicalJsonError, canonicalBytes, type JsonValue } from '../canonical-json.ts';
import { invalid, VALID, type Verification } from '../result.ts';
import { TAG } from '../tags.ts';
import { digest } from '../transcript.ts';

/**
 * §12.1 table T12 — what an entry records. The tally pipeline's types are reserved here so the
 * format does not change when it lands; a board reader MUST reject any other type.
 */
export const BOARD_ENTRY_TYPES = [
  'manifest',
  'roll',
  'dkg-commitment',
  'dkg-shares',
  'dkg-complaint',
  'dkg-resolution',
  'ceremony-phase',
  'election-key',
  'voting-opened',
  'credential-issued',
  'credential-revoked',
  'ballot',
  'voting-closed',
  'observer-registered',
  'tree-head-cosignature',
  'mix-input',
  'mix-output',
  'mixing-completed',
  'partial-decryption',
  'result',
] as const;

export type BoardEntryType = (typeof BOARD_ENTRY_TYPES)[number];

export interface BoardEntry {
  /** Position on the board, from 0. */
  readonly seq: number;
  readonly type: BoardEntryType;
  /** When the server appended it: `YYYY-MM-DDTHH:MM:SS.sssZ` (UTC), never earlier than the entry before. */
  readonly time: string;
  readonly payload: JsonValue;
  /** EntryHash of the entry before (32 zero bytes for entry 0). */
  readonly previous: Uint8Array;
  readonly hash: Uint8Array;
}

export const GENESIS_PREVIOUS: Uint8Array = new Uint8Array(32);

const TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

export function isBoardTime(text: string): boolean {
  return TIME.test(text) && !Number.isNaN(Date.parse(text)) && new Date(text).toISOString() === text;
}

/**
 * Algorithm 12.1 BoardEntryHash. `payloadBytes` is UTF8(JCS(payload)); the caller canonicalises
 * once and keeps the bytes (the server stores exactly these).
 */
export function boardEntryHash(
  seq: number,
  type: BoardEntryType,
  time: string,
  payloadBytes: Uint8Array,
  previous: Uint8Array,
): Uint8Array {
  return digest(TAG.boardEntry, u64be(seq), utf8(type), utf8(time), payloadBytes, previous);
}

/** Where the chain stands: the last entry's position, hash and time (null before entry 0). */
export interface ChainHead {
  readonly seq: number;
  readonly hash: Uint8Array;
  readonly time: string;
}

/**
 * Algorithm 12.2 AppendBoardEntry: the next entry after `head`. Its time is `now`, or the time of
 * the entry before if the clock went back, so that times never decrease along the board.
 */
export function appendBoardEntry(
  head: ChainHead | null,
  type: BoardEntryType,
  now: Date,
  payload: JsonValue,
): BoardEntry & { readonly payloadBytes: Uint8Array } {
  let time = now.toISOString();
  if (!isBoardTime(time)) throw new RangeError('the clock is outside years 0000–9999');
  if (head !== null && time < head.time) time = head.time;
  const seq = head === null ? 0 : head.seq + 1;
  const previous = head === null ? GENESIS_PREVIOUS : head.hash;
  const payloadBytes = canonicalBytes(payload);
  return {
    seq,
    type,
    time,
    payload,
    previous,
    payloadBytes,
    hash: boardEntryHash(seq, type, time, payloadBytes, previous),
  };
}

/**
 * Algorithm 12.3 VerifyBoardEntry: that `entry` is a correct link after `head` (null for the first
 * entry of the board): its position, the previous hash, its time, and its own hash.
 */
export function verifyBoardEntry(entry: BoardEntry, head: ChainHead | null): Verification {
  const seq = head === null ? 0 : head.seq + 1;
  if (entry.seq !== seq) return invalid(`entry ${entry.seq}: expected position ${seq}`);
  if (!(BOARD_ENTRY_TYPES as readonly string[]).includes(entry.type)) {
    return invalid(`entry ${seq}: unknown type ${JSON.stringify(entry.type)}`);
  }
  if (!isBoardTime(entry.time)) return invalid(`entry ${seq}: malformed time`);
  if (head !== null && entry.time < head.time) return invalid(`entry ${seq}: its time is before the previous entry's`);
  const previous = head === null ? GENESIS_PREVIOUS : head.hash;
  if (!equalBytes(entry.previous, previous)) return invalid(`entry ${seq}: previous hash does not match`);
  let payloadBytes: Uint8Array;
  try {
    payloadBytes = canonicalBytes(entry.payload);
  } catch (e) {
    return invalid(`entry ${seq}: payload is not canonicalisable JSON: ${(e as CanonicalJsonError).message}`);
  }
  const hash = boardEntryHash(entry.seq, entry.type, entry.time, payloadBytes, entry.previous);
  return equalBytes(hash, entry.hash) ? VALID : invalid(`entry ${seq}: hash does not match its content`);
}

/** VerifyBoardEntry along a run of entries; `head` is where the run starts (null: the board's start). */
export function verifyBoardChain(entries: Iterable<BoardEntry>, head: ChainHead | null = null): Verification {
  let at = head;
  for (const entry of entries) {
    const v = verifyBoardEntry(entry, at);
    if (!v.valid) return v;
    at = { seq: entry.seq, hash: entry.hash, time: entry.time };
  }
  return VALID;
}

// --- JSON form (§12.8) ---------------------------------------------------------------------------

const Hash32 = z.string().regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/, 'a 32-byte hash in base64url');

export const BoardEntryJsonSchema = z.strictObject({
  seq: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
  type: z.enum(BOARD_ENTRY_TYPES),
  time: z.string().refine(isBoardTime, 'a time YYYY-MM-DDTHH:MM:SS.sssZ'),
  payload: z.json(),
  previous: Hash32,
  hash: Hash32,
});

export type BoardEntryJson = z.infer<typeof BoardEntryJsonSchema>;

export function encodeBoardEntry(entry: BoardEntry): BoardEntryJson {
  return {
    seq: entry.seq,
    type: entry.type,
    time: entry.time,
    payload: entry.payload,
    previous: toBase64Url(entry.previous),
    hash: toBase64Url(entry.hash),
  };
}

/** Decodes the JSON form of an entry; does not check its hash (that is VerifyBoardEntry's job). */
export function decodeBoardEntry(json: unknown): { entry: BoardEntry } | { error: Verification } {
  const parsed = BoardEntryJsonSchema.safeParse(json);
  if (!parsed.success) return { error: invalid(`malformed board entry: ${z.prettifyError(parsed.error)}`) };
  const e = parsed.data;
  return {
    entry: {
      seq: e.seq,
      type: e.type,
      time: e.time,
      payload: e.payload as JsonValue,
      previous: fromBase64Url(e.previous, 32),
      hash: fromBase64Url(e.hash, 32),
    },
  };
}
