// The mix input (docs/SPEC.md §14.2, Algorithm 14.1 MixInput): from the board's entries, the list
// of ballot rows that count — for each credential live when voting closes, its last ballot — and
// the turnout figures. The server computes it at close and publishes it as the `mix-input` entry;
// mix nodes, trustees and the verifier recompute it from the board and compare (V14.02, V14.03).
//
// The entries are read in board order, one at a time (MixInputBuilder), so a reader can stream a
// board of hundreds of thousands of ballots through it page by page. Only what the rule needs is
// read from each payload: the credential key of `credential-issued` and `credential-revoked`, and
// the credential and ciphertexts of `ballot`. Ballot proofs and signatures are not checked here:
// that is Algorithm 8.3 (V13.06), which the server ran before appending and the verifier runs on
// its own.
import * as z from 'zod';
import { type AttachmentRef, AttachmentRefSchema, decodeAttachmentRef, encodeAttachmentRef } from '../attachment.ts';
import type { BoardEntryType } from '../board/entry.ts';
import { equalBytes, fromBase64Url, toBase64Url } from '../bytes.ts';
import { invalid, VALID, type Verification } from '../result.ts';
import { CIPHERTEXT_SIZE, type RowList, rowList } from '../shuffle/rows.ts';
import { rowListDigest } from './list-digest.ts';

/** What Algorithm 14.1 reads of an entry. */
export interface MixInputEntry {
  readonly seq: number;
  readonly type: BoardEntryType;
  readonly payload: unknown;
}

/** The turnout figures of Algorithm 14.1. */
export interface Turnout {
  /** Number of `ballot` entries. */
  readonly ballotsReceived: number;
  readonly credentialsIssued: number;
  readonly credentialsRevoked: number;
  /** N: credentials live at close with at least one ballot. */
  readonly credentialsCounted: number;
  /** Ballots of live credentials that a later ballot of the same credential replaced. */
  readonly ballotsSuperseded: number;
  /** Ballots of credentials revoked before voting closed (re-issued, or a vote on paper). */
  readonly ballotsOfRevokedCredentials: number;
}

export interface MixInput {
  /** e^(0): the counted ballots' rows, in the order of their `ballot` entries. */
  readonly list: RowList;
  /** CiphertextListDigest(e^(0)) (Algorithm 10.1). */
  readonly digest: Uint8Array;
  readonly turnout: Turnout;
  /** Position of the `voting-closed` entry. */
  readonly closedAt: number;
}

export type MixInputResult =
  | { readonly valid: true; readonly mixInput: MixInput }
  | { readonly valid: false; readonly reason: string };

/** What MixInputBuilder.snapshot() gives: plain data, for a reader that keeps its place (§15.1). */
export interface MixInputBuilderState {
  readonly width: number;
  readonly lastSeq: number;
  readonly opened: boolean;
  readonly closedAt: number | null;
  readonly ballots: number;
  readonly failure: string | null;
  /** [credential key, revoked, ballots, position of its last ballot or null], in the order of issue. */
  readonly credentials: ReadonlyArray<readonly [string, boolean, number, number | null]>;
  /** The last ballot's row of each credential that has one, in that order, concatenated. */
  readonly rows: Uint8Array;
}

interface CredentialState {
  revoked: boolean;
  ballots: number;
  /** The credential's last ballot so far: its position and row. */
  last: { seq: number; row: Uint8Array } | null;
}

const KEY = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

function field(payload: unknown, name: string): unknown {
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
    ? (payload as Record<string, unknown>)[name]
    : undefined;
}

/** Algorithm 14.1 MixInput, fed one entry at a time in board order. */
export class MixInputBuilder {
  readonly width: number;
  readonly #credentials = new Map<string, CredentialState>();
  #lastSeq = -1;
  #opened = false;
  #closedAt: number | null = null;
  #ballots = 0;
  #failure: string | null = null;

  /** `width` is w, the number of contests of the manifest. */
  constructor(width: number) {
    if (!Number.isInteger(width) || width < 1) throw new RangeError(`a row has at least one ciphertext, got ${width}`);
    this.width = width;
  }

  /**
   * Everything the builder holds after the entries read so far, to go on later from the next entry
   * (docs/SPEC.md §15.1): per credential, in the order of issue, whether it is revoked, its number
   * of ballots and its last ballot (position and row).
   */
  snapshot(): MixInputBuilderState {
    const credentials: MixInputBuilderState['credentials'][number][] = [];
    const rows: Uint8Array[] = [];
    for (const [key, s] of this.#credentials) {
      credentials.push([key, s.revoked, s.ballots, s.last?.seq ?? null]);
      if (s.last !== null) rows.push(s.last.row);
    }
    const all = new Uint8Array(rows.length * this.width * CIPHERTEXT_SIZE);
    rows.forEach((r, i) => {
      all.set(r, i * r.length);
    });
    return {
      width: this.width,
      lastSeq: this.#lastSeq,
      opened: this.#opened,
      closedAt: this.#closedAt,
      ballots: this.#ballots,
      failure: this.#failure,
      credentials,
      rows: all,
    };
  }

  /** A builder where snapshot() left one; throws a RangeError if the state does not hold together. */
  static resume(state: MixInputBuilderState): MixInputBuilder {
    const b = new MixInputBuilder(state.width);
    const rowSize = state.width * CIPHERTEXT_SIZE;
    let at = 0;
    for (const [key, revoked, ballots, lastSeq] of state.credentials) {
      let last: CredentialState['last'] = null;
      if (lastSeq !== null) {
        if ((at + 1) * rowSize > state.rows.length) throw new RangeError('the kept mix-input state lacks rows');
        last = { seq: lastSeq, row: state.rows.slice(at * rowSize, (at + 1) * rowSize) };
        at++;
      }
      b.#credentials.set(key, { revoked, ballots, last });
    }
    if (at * rowSize !== state.rows.length) throw new RangeError('the kept mix-input state has rows left over');
    b.#lastSeq = state.lastSeq;
    b.#opened = state.opened;
    b.#closedAt = state.closedAt;
    b.#ballots = state.ballots;
    b.#failure = state.failure;
    return b;
  }

  /** Whether the `voting-closed` entry has been read. */
  get closed(): boolean {
    return this.#closedAt !== null;
  }

  #fail(seq: number, reason: string): Verification {
    this.#failure ??= `V14.02 entry ${seq}: ${reason}`;
    return invalid(this.#failure);
  }

  /**
   * Reads the next entry of the board. Entries of other types are skipped; after `voting-closed`,
   * nothing that Algorithm 14.1 reads may follow. Returns the first failure, which sticks.
   */
  add(entry: MixInputEntry): Verification {
    if (this.#failure !== null) return invalid(this.#failure);
    const { seq, type, payload } = entry;
    if (!(Number.isSafeInteger(seq) && seq > this.#lastSeq)) {
      return this.#fail(seq, `entries out of board order (after ${this.#lastSeq})`);
    }
    this.#lastSeq = seq;
    const afterClose = this.#closedAt !== null;
    switch (type) {
      case 'voting-opened':
        this.#opened = true;
        return VALID;
      case 'voting-closed':
        if (afterClose) return this.#fail(seq, 'a second voting-closed entry');
        this.#closedAt = seq;
        return VALID;
      case 'credential-issued': {
        if (afterClose) return this.#fail(seq, 'a credential issued after voting closed');
        const key = field(payload, 'publicKey');
        if (typeof key !== 'string' || !KEY.test(key)) return this.#fail(seq, 'a credential without a valid key');
        if (this.#credentials.has(key)) return this.#fail(seq, 'a credential key issued twice');
        this.#credentials.set(key, { revoked: false, ballots: 0, last: null });
        return VALID;
      }
      case 'credential-revoked': {
        if (afterClose) return this.#fail(seq, 'a credential revoked after voting closed');
        const key = field(payload, 'publicKey');
        const state = typeof key === 'string' ? this.#credentials.get(key) : undefined;
        if (state === undefined) return this.#fail(seq, 'the revocation of a credential never issued');
        if (state.revoked) return this.#fail(seq, 'a credential revoked twice');
        state.revoked = true;
        return VALID;
      }
      case 'ballot':
        return this.#addBallot(seq, payload, afterClose);
      default:
        return VALID;
    }
  }

  #addBallot(seq: number, payload: unknown, afterClose: boolean): Verification {
    if (!this.#opened) return this.#fail(seq, 'a ballot before voting opened');
    if (afterClose) return this.#fail(seq, 'a ballot after voting closed');
    const key = field(payload, 'credential');
    const state = typeof key === 'string' ? this.#credentials.get(key) : undefined;
    if (state === undefined) return this.#fail(seq, 'a ballot whose credential was not issued before it');
    if (state.revoked) return this.#fail(seq, 'a ballot whose credential was revoked before it');
    const contests = field(payload, 'contests');
    if (!Array.isArray(contests) || contests.length !== this.width) {
      return this.#fail(seq, `a ballot without exactly ${this.width} contests`);
    }
    const row = new Uint8Array(this.width * CIPHERTEXT_SIZE);
    for (let k = 0; k < this.width; k++) {
      const text = field(contests[k], 'ciphertext');
      try {
        if (typeof text !== 'string') throw new RangeError('missing');
        row.set(fromBase64Url(text, CIPHERTEXT_SIZE), k * CIPHERTEXT_SIZE);
      } catch {
        return this.#fail(seq, `contest ${k} of a ballot has no 64-byte ciphertext`);
      }
    }
    this.#ballots++;
    state.ballots++;
    state.last = { seq, row };
    return VALID;
  }

  /** The mix input and the turnout, once the `voting-closed` entry has been read. */
  finish(): MixInputResult {
    if (this.#failure !== null) return { valid: false, reason: this.#failure };
    if (this.#closedAt === null) return { valid: false, reason: 'V14.02 the board has no voting-closed entry' };
    const counted: { seq: number; row: Uint8Array }[] = [];
    let revoked = 0;
    let superseded = 0;
    let ofRevoked = 0;
    for (const state of this.#credentials.values()) {
      if (state.revoked) {
        revoked++;
        ofRevoked += state.ballots;
      } else if (state.last !== null) {
        counted.push(state.last);
        superseded += state.ballots - 1;
      }
    }
    counted.sort((a, b) => a.seq - b.seq);
    const rowSize = this.width * CIPHERTEXT_SIZE;
    const bytes = new Uint8Array(counted.length * rowSize);
    counted.forEach((c, i) => {
      bytes.set(c.row, i * rowSize);
    });
    const list = rowList(bytes, this.width);
    return {
      valid: true,
      mixInput: {
        list,
        digest: rowListDigest(list),
        closedAt: this.#closedAt,
        turnout: {
          ballotsReceived: this.#ballots,
          credentialsIssued: this.#credentials.size,
          credentialsRevoked: revoked,
          credentialsCounted: counted.length,
          ballotsSuperseded: superseded,
          ballotsOfRevokedCredentials: ofRevoked,
        },
      },
    };
  }
}

/** Algorithm 14.1 MixInput over the board's entries (in board order) of an election of w contests. */
export function mixInput(width: number, entries: Iterable<MixInputEntry>): MixInputResult {
  const builder = new MixInputBuilder(width);
  for (const entry of entries) {
    if (!builder.add(entry).valid) break;
  }
  return builder.finish();
}

// --- the `mix-input` entry (§14.2) ---------------------------------------------------------------

const Count = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

export const TurnoutSchema = z.strictObject({
  ballotsReceived: Count,
  credentialsIssued: Count,
  credentialsRevoked: Count,
  credentialsCounted: Count,
  ballotsSuperseded: Count,
  ballotsOfRevokedCredentials: Count,
});

export const MixInputPayloadSchema = z.strictObject({
  rows: Count,
  width: z.int().min(1).max(32),
  list: z.string().regex(KEY, 'a 32-byte list digest in base64url'),
  data: AttachmentRefSchema.optional(),
  turnout: TurnoutSchema,
});

export type MixInputPayload = z.infer<typeof MixInputPayloadSchema>;

/** The payload of the `mix-input` entry; `data` is the reference to List(e^(0)), none when N = 0. */
export function mixInputPayload(mi: MixInput, data: AttachmentRef | null): MixInputPayload {
  return {
    rows: mi.list.count,
    width: mi.list.width,
    list: toBase64Url(mi.digest),
    ...(data === null ? {} : { data: encodeAttachmentRef(data) }),
    turnout: { ...mi.turnout },
  };
}

/**
 * V14.03: the `mix-input` entry is the one Algorithm 14.1 gives — the same N, w, list digest and
 * turnout, a reference to List(e^(0)) of the right size exactly when N > 0.
 */
export function checkMixInputPayload(payload: unknown, computed: MixInput): Verification {
  const parsed = MixInputPayloadSchema.safeParse(payload);
  if (!parsed.success) return invalid(`V14.03 the mix-input entry is malformed: ${z.prettifyError(parsed.error)}`);
  const p = parsed.data;
  const { list } = computed;
  if (p.rows !== list.count || p.width !== list.width) {
    return invalid(
      `V14.03 the mix-input entry has ${p.rows} rows of width ${p.width}; Algorithm 14.1 gives ${list.count} of width ${list.width}`,
    );
  }
  if (!equalBytes(fromBase64Url(p.list, 32), computed.digest)) {
    return invalid('V14.03 the mix-input entry names another list than Algorithm 14.1 gives');
  }
  const figures = Object.keys(TurnoutSchema.shape) as (keyof Turnout)[];
  const wrong = figures.filter((f) => p.turnout[f] !== computed.turnout[f]);
  if (wrong.length > 0) return invalid(`V14.03 the mix-input entry's turnout differs in ${wrong.join(', ')}`);
  if (list.count === 0) {
    return p.data === undefined ? VALID : invalid('V14.03 the mix-input entry of an empty list refers to data');
  }
  if (p.data === undefined) return invalid('V14.03 the mix-input entry has no data');
  const ref = decodeAttachmentRef(p.data);
  return ref.bytes === list.bytes.length
    ? VALID
    : invalid(`V14.03 the mix-input entry's data has ${ref.bytes} bytes, not ${list.bytes.length}`);
}
