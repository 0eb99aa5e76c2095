// Verifies a board (docs/SPEC.md §15) in one streaming pass: each entry is checked as it is read
// (chain, hash, form, order, eligibility), ballots are verified in parallel batches, and what spans
// the whole board (tree heads, the ceremony, the counted ballots) is checked at the end. The board
// comes from a BoardSource — an export's files, or the server's public API for a party that checks
// the board before it acts (./party.ts) — and depends on @evotare/crypto alone.
//
// A reader that follows the board (a party, an observer) may keep the state a reading left at its
// signed tree head (`keepState` → Verified.keep, a KeptState) and give it back next time (`resume`):
// the board is then read only from the entry after that head, once its new head is shown to extend
// it (§15.1). The verdict is the one a reading from entry 0 gives; ReadingCounters say what was read.
import { BallotSchema, formatTrackingCode, trackingCode } from '@evotare/crypto/ballot';
import {
  BOARD_ENTRY_TYPES,
  type BoardEntry,
  boardEntryHash,
  decodeBoardEntry,
  GENESIS_PREVIOUS,
  isBoardTime,
} from '@evotare/crypto/board/entry';
import { MerkleTree, verifyConsistencyProof } from '@evotare/crypto/board/merkle';
import { REGISTRATION_PAYLOADS } from '@evotare/crypto/board/payloads';
import {
  decodeSignedTreeHead,
  encodeSignedTreeHead,
  type SignedTreeHead,
  verifyTreeHead,
  verifyTreeHeadCosignature,
} from '@evotare/crypto/board/tree-head';
import { equalBytes, fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { canonicalBytes, canonicalize } from '@evotare/crypto/canonical-json';
import {
  credentialMessage,
  decodeSignedCredential,
  decodeSignedReceipt,
  decodeSignedRevocation,
  type SignedReceipt,
  verifyReceipt,
  verifyReceiptInclusion,
  verifyRevocation,
} from '@evotare/crypto/credential';
import { type CeremonyResult, verifyCeremony } from '@evotare/crypto/dkg/ceremony';
import { electionFingerprint, formatFingerprint, matchesFingerprint } from '@evotare/crypto/fingerprint';
import { GroupElement } from '@evotare/crypto/group';
import { type Manifest, ManifestSchema, manifestHash } from '@evotare/crypto/manifest';
import type { TaskRunner } from '@evotare/crypto/parallel/task';
import { runTasks } from '@evotare/crypto/parallel/task';
import { isValidSigningPublicKey, verifySignatures } from '@evotare/crypto/signature';
import type { BoardSource } from './board-source.ts';
import { CATALOGUE } from './catalogue.ts';
import { BoardExport } from './export-reader.ts';
import { Ledger, type LedgerState } from './ledger.ts';
import { type Report, summarize } from './report.ts';
import { TallyChecks, type TallyState } from './tally.ts';
import { verifyBallotsTask } from './tasks.ts';
import { manifestWarnings } from './warnings.ts';

const BALLOT_BATCH = 256;

function isElement(bytes: Uint8Array): boolean {
  try {
    return !GroupElement.decode(bytes).isIdentity();
  } catch {
    return false;
  }
}

interface CredentialState {
  readonly issuedAt: number;
  revokedAt: number | undefined;
  lastBallot: number | undefined;
  ballots: number;
}

interface PendingSignature {
  readonly seq: number;
  readonly check: string;
  readonly what: string;
  readonly item: Parameters<typeof verifySignatures>[0][number];
}

export interface VerifyOptions {
  /** Worker threads for ballot verification; without, everything runs on this thread. */
  readonly pool?: TaskRunner;
  /** A voter's receipt (its JSON) to check against the board: V13.10. */
  readonly receipt?: unknown;
  /** The election fingerprint published out of band (§7.4), short or long form: V07.01. */
  readonly expectFingerprint?: string;
  /**
   * Ballots this reader has verified before (Algorithm 8.3), by the hash of their entry: a party
   * that follows the board while voting runs keeps them, so that at the close it verifies only
   * the ballots it has not seen. An entry's hash covers its payload and, through `previous`, the
   * whole board before it (manifest and election key included), so a ballot verified once in an
   * entry of that hash is valid on any board that contains that entry.
   */
  readonly verifiedBallots?: {
    has(entryHash: Uint8Array): boolean;
    /** Called with the entry hashes of the ballots this run verified and found valid. */
    add(entryHashes: readonly Uint8Array[]): void;
  };
  /**
   * The state this reader kept of the board when it verified it up to an earlier signed tree head
   * (§15.1): the board is read from the entry after that head, and its new head must extend it.
   * Not with `receipt` (a receipt's inclusion proof needs the whole tree).
   */
  readonly resume?: KeptState;
  /** Give back the state to keep (Verified.keep), for a reader that will resume from it. */
  readonly keepState?: boolean;
}

/**
 * What a reader keeps of a board it verified up to a signed tree head of size N, so that next time
 * it reads only the entries from N on (docs/SPEC.md §15.1, where each field is said to be what
 * re-reading entries 0 … N−1 would recompute). Plain data (byte strings as Uint8Array); a party
 * keeps it in its own signed file (./kept-state.ts), never trusted from anyone else.
 */
export interface KeptState {
  readonly version: 1;
  readonly electionId: string;
  /** The signed tree head of size N the board was verified up to, as its JCS line (§12.8). */
  readonly treeHead: string;
  /** The Merkle tree of entries 0 … N−1 by its frontier (MerkleTree.frontier). */
  readonly frontier: readonly Uint8Array[];
  /** Entry N−1's hash and time: entry N must link to it and not go back in time. */
  readonly previous: Uint8Array;
  readonly previousTime: string;
  /** Entry 0's payload: the manifest. */
  readonly manifest: unknown;
  readonly ceremonyPhase: 'dealing' | 'complaints' | 'resolution' | 'done';
  readonly complaints: number;
  /** The ceremony's messages, in board order (the ceremony is recomputed from them at each run). */
  readonly ceremony: readonly unknown[];
  readonly electionKey: { electionKey: string; verificationKeys: string[]; qualified: number[] } | null;
  readonly opened: number | null;
  readonly closed: number | null;
  readonly rollSize: number | null;
  readonly live: number;
  /** [credential key, issued at, revoked at, last ballot at, ballots], in the order of issue. */
  readonly credentials: ReadonlyArray<readonly [string, number, number | null, number | null, number]>;
  readonly trackingCodes: readonly string[];
  readonly ballotCount: number;
  readonly observers: readonly string[];
  /** The heads of `tree-heads.jsonl` up to N (size, JCS line): a later co-signature may name one. */
  readonly listed: ReadonlyArray<readonly [number, string]>;
  /** Heads co-signed on the board and not listed yet (JCS line, first entry co-signing it). */
  readonly cosigned: ReadonlyArray<readonly [string, number]>;
  readonly headsChecked: number;
  /** Every check's row as it stood after entries 0 … N−1 and the heads up to N (before the checks of the board's end). */
  readonly ledger: LedgerState;
  readonly tally: TallyState;
}

/** What one run read and verified: a reader that resumes reads only the tail. */
export interface ReadingCounters {
  /** The first entry read (N when resumed from a kept state, else 0). */
  readonly from: number;
  /** Entries read and checked in this run. */
  readonly entries: number;
  /** Ballots whose proofs and signature this run verified (Algorithm 8.3), not counting kept ones. */
  readonly ballotsVerified: number;
  /** Shuffle proofs this run verified. */
  readonly shufflesVerified: number;
}

/** What the board establishes once verified: what a party acts on, and only if nothing failed. */
export interface BoardState {
  readonly manifest: Manifest;
  readonly manifestHash: Uint8Array;
  /** The ceremony's outcome, when the ceremony verifies and the `election-key` entry is it (V09.14, V09.15). */
  readonly ceremony: CeremonyResult | undefined;
  /** ElectionFingerprint (Algorithm 7.4) of h, the authority key and that election key. */
  readonly fingerprint: Uint8Array | undefined;
  /** The tally's checks: the mix input recomputed, the mix chain with its current list. */
  readonly tally: TallyChecks;
  /** The size and root of the signed tree head the board was read up to. */
  readonly treeHead: SignedTreeHead | undefined;
}

export interface Verified {
  readonly report: Report;
  /** What this run read and verified. */
  readonly reading: ReadingCounters;
  /** With `keepState`: the state to keep, when no check failed (a failed board is never kept). */
  readonly keep: KeptState | undefined;
  /** The manifest the board establishes, when it does. */
  readonly manifest: Manifest | undefined;
  /** The board's state, when it has a valid manifest. */
  readonly state: BoardState | undefined;
}

/** A signed tree head as one JCS line of `tree-heads.jsonl` (§12.8): equal heads, equal text. */
function headText(head: SignedTreeHead): string {
  return canonicalize(encodeSignedTreeHead(head));
}

class BoardVerifier {
  readonly ledger = new Ledger(CATALOGUE);
  tree = new MerkleTree();
  readonly #pool: TaskRunner | undefined;

  #previous: Uint8Array = GENESIS_PREVIOUS;
  #previousTime = '';
  #seq = 0;

  manifest: Manifest | undefined;
  #manifestJson = '';
  #h: Uint8Array | undefined;
  #authorityKey: Uint8Array | undefined;

  // life of the election (V12.12)
  #ceremonyPhase: 'dealing' | 'complaints' | 'resolution' | 'done' = 'dealing';
  #complaints = 0;
  #opened: number | undefined;
  #closed: number | undefined;
  readonly #ceremony: unknown[] = [];
  #electionKeyPayload: { electionKey: string; verificationKeys: string[]; qualified: number[] } | undefined;
  #electionKey: Uint8Array | undefined;

  // eligibility (V13)
  #rollSize: number | undefined;
  #live = 0;
  readonly #credentials = new Map<string, CredentialState>();
  readonly #trackingCodes = new Set<string>();
  #ballotCount = 0;
  readonly #observers = new Set<string>();
  readonly #signatures: PendingSignature[] = [];
  readonly #heads = new Map<number, SignedTreeHead[]>();
  #headsChecked = 0;
  /** With a kept state: the heads listed up to its size (size → JCS line), and that size. */
  readonly #listedBefore = new Map<number, string>();
  /** The heads listed in this run (size → JCS line), kept for the next. */
  readonly #listedNow = new Map<number, string>();
  #resumedAt = 0;
  entriesRead = 0;
  ballotsVerified = 0;
  /** Each entry's time in milliseconds, by seq: a head is not signed before its last entry (§12.6). */
  readonly #entryTimes: number[] = [];
  /** The heads co-signed on the board, by their JCS text, with the first entry that co-signs each. */
  readonly #cosigned = new Map<string, number>();
  /** The last head of `tree-heads.jsonl` read so far, and its JCS text. */
  #lastListed: { head: SignedTreeHead; text: string } | undefined;
  /** The first head of `tree-heads.jsonl` whose size exceeds the receipt's position (§13.6). */
  #receiptListed: string | undefined;

  // ballot verification in flight
  #batch: { seq: number; hash: Uint8Array; text: string }[] = [];
  readonly #inFlight: Promise<void>[] = [];

  // the voter's receipt (V13.10)
  readonly #receipt: SignedReceipt | undefined;
  #receiptEntry: { hash: Uint8Array; trackingCode: string | undefined } | undefined;

  readonly #board: BoardSource;
  readonly #verifiedBallots: VerifyOptions['verifiedBallots'];
  readonly #expectFingerprint: string | undefined;
  #tally: TallyChecks | undefined;
  #electionKeyElement: GroupElement | undefined;
  #ceremonyOutcome: CeremonyResult | undefined;
  #fingerprint: Uint8Array | undefined;
  #finalHead: SignedTreeHead | undefined;

  constructor(board: BoardSource, options: VerifyOptions) {
    this.#board = board;
    this.#pool = options.pool;
    this.#verifiedBallots = options.verifiedBallots;
    this.#expectFingerprint = options.expectFingerprint;
    if (this.#expectFingerprint !== undefined) {
      this.ledger.add('V07.01', 'the election fingerprint is the one published (§7.4)');
    }
    const receipt = options.receipt;
    if (receipt === undefined) return;
    this.ledger.add('V13.10', 'the voter’s receipt verifies and its ballot is on the board');
    const d = decodeSignedReceipt(receipt);
    if ('error' in d) this.ledger.fail('V13.10', `the receipt is malformed: ${d.error.valid ? '' : d.error.reason}`);
    else this.#receipt = d.value;
  }

  /** Every entry is checked; an unexpected error in the verifier is reported, never thrown. */
  async readEntry(where: string, text: string): Promise<void> {
    this.entriesRead++;
    try {
      await this.#readEntry(where, text);
    } catch (e) {
      this.ledger.fail('V12.03', `${where}: could not be checked: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** V12.01 – V12.06 for one line, then the entry's own checks. */
  async #readEntry(where: string, text: string): Promise<void> {
    const L = this.ledger;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      L.fail('V12.01', `${where}: not JSON`);
      return;
    }
    const decoded = decodeBoardEntry(json);
    if ('error' in decoded) {
      L.fail('V12.03', `${where}: ${decoded.error.valid ? '' : decoded.error.reason}`);
      return;
    }
    const e = decoded.entry;
    L.expect('V12.01', canonicalize(json) === text, () => `${where}: the line is not the JCS form of the entry`);
    L.expect('V12.02', e.seq === this.#seq, () => `${where}: entry ${e.seq} where ${this.#seq} was expected`);
    L.expect('V12.04', isBoardTime(e.time) && e.time >= this.#previousTime, () => `entry ${e.seq}: time ${e.time}`);
    L.expect('V12.05', equalBytes(e.previous, this.#previous), () => `entry ${e.seq}: does not link to the one before`);
    const hash = boardEntryHash(e.seq, e.type, e.time, canonicalBytes(e.payload), e.previous);
    L.expect('V12.06', equalBytes(hash, e.hash), () => `entry ${e.seq}: wrong hash`);
    this.tree.append(e.hash);
    this.#entryTimes.push(isBoardTime(e.time) ? Date.parse(e.time) : Number.NEGATIVE_INFINITY);
    if (this.#receipt !== undefined && e.seq === this.#receipt.position) {
      const ballot = e.type === 'ballot' ? BallotSchema.safeParse(e.payload) : undefined;
      const code = ballot?.success ? toBase64Url(trackingCode(this.#h ?? new Uint8Array(32), ballot.data)) : undefined;
      this.#receiptEntry = { hash: e.hash, trackingCode: code };
    }
    this.#previous = e.hash;
    this.#previousTime = e.time;
    this.#seq = e.seq + 1;
    await this.#entry(e);
    await this.#tally?.entry(e, this.#electionKeyElement);
  }

  #setManifest(manifest: Manifest, payload: unknown): void {
    this.manifest = manifest;
    this.#manifestJson = JSON.stringify(payload);
    this.#h = manifestHash(manifest);
    this.#authorityKey = fromBase64Url(manifest.authority.signingKey, 32);
    this.#tally = new TallyChecks(this.ledger, this.#board, this.#pool, manifest, this.#h);
  }

  #setElectionKey(p: { electionKey: string; verificationKeys: string[]; qualified: number[] }): boolean {
    this.#electionKeyPayload = p;
    const key = fromBase64Url(p.electionKey, 32);
    if (!isElement(key)) return false;
    this.#electionKey = key;
    this.#electionKeyElement = GroupElement.decode(key);
    return true;
  }

  #order(ok: boolean, e: BoardEntry, why: string): void {
    this.ledger.expect('V12.12', ok, () => `entry ${e.seq} (${e.type}): ${why}`);
  }

  #form<T>(
    e: BoardEntry,
    schema: {
      safeParse(x: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
    },
  ): T | undefined {
    const r = schema.safeParse(e.payload);
    if (!r.success) {
      this.ledger.fail('V12.03', `entry ${e.seq} (${e.type}): ${r.error.issues[0]?.message ?? 'malformed payload'}`);
      return undefined;
    }
    this.ledger.ran('V12.03');
    return r.data;
  }

  async #entry(e: BoardEntry): Promise<void> {
    const L = this.ledger;
    if (e.seq === 0) {
      if (!L.expect('V12.07', e.type === 'manifest', () => `entry 0 is a ${e.type}, not the manifest`)) return;
    } else {
      this.#order(e.type !== 'manifest', e, 'a second manifest');
      if (this.manifest === undefined) return;
    }
    const closed = this.#closed !== undefined;
    switch (e.type) {
      case 'manifest': {
        const m = ManifestSchema.safeParse(e.payload);
        if (!L.expect('V12.07', m.success, () => `the manifest is not valid: ${m.error?.issues[0]?.message}`)) return;
        this.#setManifest(m.data!, e.payload);
        L.value('V12.07', 'manifest hash h', toBase64Url(this.#h!));
        L.value('V09.01', 'n (trustees)', m.data!.trustees.members.length);
        L.value('V09.01', 'k (threshold)', m.data!.trustees.threshold);
        L.expect(
          'V09.01',
          m.data!.trustees.members.every((t) => isValidSigningPublicKey(fromBase64Url(t.signingKey, 32))),
          () => 'a trustee signing key is not acceptable',
        );
        return;
      }
      case 'dkg-commitment':
      case 'dkg-shares':
      case 'dkg-complaint':
      case 'dkg-resolution': {
        const allowed = {
          'dkg-commitment': 'dealing',
          'dkg-shares': 'dealing',
          'dkg-complaint': 'complaints',
          'dkg-resolution': 'resolution',
        }[e.type];
        this.#order(this.#ceremonyPhase === allowed, e, `during the ${this.#ceremonyPhase} phase`);
        if (e.type === 'dkg-complaint') this.#complaints++;
        this.#ceremony.push(e.payload);
        L.ran('V12.03');
        return;
      }
      case 'ceremony-phase': {
        const p = this.#form(e, REGISTRATION_PAYLOADS['ceremony-phase']);
        if (p === undefined) return;
        // §12.9: `phase` names the phase that opens; resolution opens only when there is a complaint
        const next = p.phase === 'complaints' ? 'dealing' : 'complaints';
        this.#order(this.#ceremonyPhase === next, e, `${p.phase} after ${this.#ceremonyPhase}`);
        if (p.phase === 'resolution') this.#order(this.#complaints > 0, e, 'a resolution phase with no complaint');
        this.#ceremonyPhase = p.phase;
        return;
      }
      case 'election-key': {
        const p = this.#form(e, REGISTRATION_PAYLOADS['election-key']);
        const phase = this.#ceremonyPhase;
        this.#order(
          phase === 'resolution' || (phase === 'complaints' && this.#complaints === 0),
          e,
          phase === 'done'
            ? 'a second election key'
            : phase === 'dealing'
              ? 'the ceremony ends before the complaint phase'
              : 'the ceremony ends with complaints and no resolution phase',
        );
        this.#ceremonyPhase = 'done';
        if (p === undefined) return;
        L.expect('V12.03', this.#setElectionKey(p), () => `entry ${e.seq}: the election key is not a group element`);
        return;
      }
      case 'voting-opened':
        this.#form(e, REGISTRATION_PAYLOADS['voting-opened']);
        this.#order(this.#ceremonyPhase === 'done' && this.#opened === undefined, e, 'not once after the election key');
        // §12.9: the roll's size is on the board before anyone votes, so V13.05 bounds every credential
        L.expect(
          'V13.01',
          this.#rollSize !== undefined,
          () => `entry ${e.seq}: voting opened with no roll entry before it`,
        );
        this.#opened = e.seq;
        return;
      case 'voting-closed':
        this.#form(e, REGISTRATION_PAYLOADS['voting-closed']);
        this.#order(this.#opened !== undefined && !closed, e, 'not once after voting opened');
        this.#closed = e.seq;
        return;
      case 'roll': {
        const p = this.#form(e, REGISTRATION_PAYLOADS.roll);
        this.#order(!closed, e, 'after voting closed');
        if (p !== undefined) {
          L.ran('V13.01');
          this.#rollSize = p.size;
          L.value('V13.01', 'roll size (last roll entry)', p.size);
          L.value('V13.01', 'roll commitment (last roll entry)', p.commitment);
          L.expect(
            'V13.05',
            this.#live <= p.size,
            () => `entry ${e.seq}: ${this.#live} live credentials, roll of ${p.size}`,
          );
        }
        return;
      }
      case 'credential-issued':
        return this.#credentialIssued(e, closed);
      case 'credential-revoked':
        return this.#credentialRevoked(e, closed);
      case 'ballot':
        return this.#ballot(e, closed);
      case 'observer-registered': {
        const p = this.#form(e, REGISTRATION_PAYLOADS['observer-registered']);
        if (p === undefined) return;
        this.#order(!this.#observers.has(p.signingKey), e, 'an observer registered a second time');
        this.#observers.add(p.signingKey);
        return;
      }
      case 'tree-head-cosignature': {
        const p = this.#form(e, REGISTRATION_PAYLOADS['tree-head-cosignature']);
        if (p === undefined) return;
        L.expect('V12.11', this.#observers.has(p.observerKey), () => `entry ${e.seq}: not a registered observer`);
        const head = decodeSignedTreeHead(p.treeHead);
        if ('error' in head) {
          L.fail('V12.11', `entry ${e.seq}: malformed tree head`);
          return;
        }
        const v = verifyTreeHeadCosignature(
          head.value,
          fromBase64Url(p.observerKey, 32),
          fromBase64Url(p.signature, 64),
        );
        L.expect('V12.11', v.valid, () => `entry ${e.seq}: the co-signature does not verify`);
        // §12.6: the head was signed by the CEC before the observer co-signed it
        L.expect(
          'V12.11',
          verifyTreeHead(head.value, this.#authorityKey!).valid && head.value.electionId === this.manifest!.electionId,
          () => `entry ${e.seq}: co-signs a head the CEC did not sign for this election`,
        );
        L.expect(
          'V12.11',
          head.value.size <= e.seq,
          () => `entry ${e.seq}: co-signs a head of size ${head.value.size}, larger than the board before it`,
        );
        const text = headText(head.value);
        // a head up to the kept state's size was listed (or not) before, and checked against the tree then
        if (head.value.size <= this.#resumedAt && this.#listedBefore.get(head.value.size) === text) return;
        if (!this.#cosigned.has(text)) this.#cosigned.set(text, e.seq);
        if (head.value.size >= this.#resumedAt) this.#remember(head.value);
        return;
      }
      default:
        // the tally's entries (§14) are checked by the tally pass
        this.#order(closed, e, 'before voting closed');
        L.expect(
          'V12.03',
          (BOARD_ENTRY_TYPES as readonly string[]).includes(e.type),
          () => `entry ${e.seq}: unknown type`,
        );
        return;
    }
  }

  #election() {
    return { electionId: this.manifest!.electionId, manifestHash: this.#h! };
  }

  #credentialIssued(e: BoardEntry, closed: boolean): void {
    const L = this.ledger;
    this.#order(!closed, e, 'after voting closed');
    const d = decodeSignedCredential(e.payload);
    if ('error' in d) {
      L.fail('V12.03', `entry ${e.seq}: ${d.error.valid ? '' : d.error.reason}`);
      return;
    }
    const c = d.value;
    const ok =
      L.expect(
        'V13.02',
        c.electionId === this.manifest!.electionId && equalBytes(c.manifestHash, this.#h!),
        () => `entry ${e.seq}: a credential for another election`,
      ) &&
      L.expect(
        'V13.02',
        isValidSigningPublicKey(c.publicKey),
        () => `entry ${e.seq}: the credential key is not acceptable`,
      );
    if (ok)
      this.#signatures.push({
        seq: e.seq,
        check: 'V13.02',
        what: 'credential',
        item: {
          purpose: 'credential',
          message: credentialMessage(c),
          signature: c.signature,
          publicKey: this.#authorityKey!,
        },
      });
    const key = toBase64Url(c.publicKey);
    if (!L.expect('V13.03', !this.#credentials.has(key), () => `entry ${e.seq}: credential issued a second time`))
      return;
    this.#credentials.set(key, { issuedAt: e.seq, revokedAt: undefined, lastBallot: undefined, ballots: 0 });
    this.#live++;
    if (this.#rollSize !== undefined) {
      L.expect(
        'V13.05',
        this.#live <= this.#rollSize,
        () => `entry ${e.seq}: ${this.#live} live credentials, roll of ${this.#rollSize}`,
      );
    }
  }

  #credentialRevoked(e: BoardEntry, closed: boolean): void {
    const L = this.ledger;
    const d = decodeSignedRevocation(e.payload);
    if ('error' in d) {
      L.fail('V12.03', `entry ${e.seq}: ${d.error.valid ? '' : d.error.reason}`);
      return;
    }
    const r = d.value;
    L.expect('V13.04', !closed, () => `entry ${e.seq}: revocation after voting closed`);
    // the signature is checked in the batch below; the rest here
    const v = verifyRevocation({ ...r }, this.#authorityKey!, this.#election());
    L.expect('V13.04', v.valid, () => `entry ${e.seq}: ${v.valid ? '' : v.reason}`);
    const state = this.#credentials.get(toBase64Url(r.publicKey));
    if (!L.expect('V13.04', state !== undefined, () => `entry ${e.seq}: revokes a credential never issued`)) return;
    if (!L.expect('V13.04', state!.revokedAt === undefined, () => `entry ${e.seq}: revokes a credential a second time`))
      return;
    state!.revokedAt = e.seq;
    this.#live--;
  }

  async #ballot(e: BoardEntry, closed: boolean): Promise<void> {
    const L = this.ledger;
    this.#order(this.#opened !== undefined && !closed, e, 'outside the voting period');
    const parsed = BallotSchema.safeParse(e.payload);
    if (!parsed.success) {
      L.fail('V13.06', `entry ${e.seq}: V08.01 ${parsed.error.issues[0]?.message}`);
      return;
    }
    this.#ballotCount++;
    const ballot = parsed.data;
    const code = toBase64Url(trackingCode(this.#h!, ballot));
    L.expect('V13.08', !this.#trackingCodes.has(code), () => `entry ${e.seq}: tracking code ${code} seen before`);
    this.#trackingCodes.add(code);
    const state = this.#credentials.get(ballot.credential);
    if (
      L.expect(
        'V13.07',
        state !== undefined && state.revokedAt === undefined,
        () => `entry ${e.seq}: the credential is ${state === undefined ? 'not issued' : 'revoked'}`,
      )
    ) {
      state!.lastBallot = e.seq;
      state!.ballots++;
    }
    if (this.#verifiedBallots?.has(e.hash)) {
      this.ledger.ran('V13.06');
      return;
    }
    this.ballotsVerified++;
    this.#batch.push({ seq: e.seq, hash: e.hash, text: JSON.stringify(e.payload) });
    if (this.#batch.length >= BALLOT_BATCH) await this.#flushBallots();
  }

  async #flushBallots(): Promise<void> {
    if (this.#batch.length === 0) return;
    const batch = this.#batch;
    this.#batch = [];
    if (this.#electionKey === undefined) {
      this.ledger.notRun('V13.06', 'no election key on the board before the ballots');
      return;
    }
    const input = { manifest: this.#manifestJson, electionKey: this.#electionKey, ballots: batch.map((b) => b.text) };
    const job = runTasks(this.#pool, verifyBallotsTask, [input]).then(([reasons]) => {
      this.ledger.ran('V13.06');
      reasons!.forEach((reason, i) => {
        if (reason !== '') this.ledger.fail('V13.06', `entry ${batch[i]!.seq}: ${reason}`);
      });
      this.#verifiedBallots?.add(batch.filter((_, i) => reasons![i] === '').map((b) => b.hash));
    });
    this.#inFlight.push(job);
    // keep the pool busy without holding the whole board in memory
    if (this.#inFlight.length > 2 * (this.#pool?.size ?? 1)) await this.#inFlight.shift();
  }

  #remember(head: SignedTreeHead): void {
    const list = this.#heads.get(head.size) ?? [];
    list.push(head);
    this.#heads.set(head.size, list);
  }

  readTreeHead(where: string, text: string, final: boolean): SignedTreeHead | undefined {
    const id = final ? 'V12.08' : 'V12.10';
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.ledger.fail('V12.01', `${where}: not JSON`);
      return undefined;
    }
    const d = decodeSignedTreeHead(json);
    if ('error' in d) {
      this.ledger.fail(id, `${where}: ${d.error.valid ? '' : d.error.reason}`);
      return undefined;
    }
    const head = d.value;
    // one JCS line (§12.8), so that equal heads are equal lines
    this.ledger.expect(
      'V12.01',
      canonicalize(json) === text.replace(/\n$/, ''),
      () => `${where}: the line is not the JCS form of the tree head`,
    );
    if (this.#authorityKey === undefined) {
      this.ledger.notRun(id, 'no manifest, so no authority key');
      return head;
    }
    const v = verifyTreeHead(head, this.#authorityKey);
    this.ledger.expect(id, v.valid, () => `${where}: not signed by the CEC authority key`);
    this.ledger.expect(
      id,
      head.electionId === this.manifest!.electionId,
      () => `${where}: for election ${head.electionId}`,
    );
    const last = this.#entryTimes[head.size - 1];
    this.ledger.expect(id, head.size >= 1 && (last === undefined || Date.parse(head.time) >= last), () =>
      head.size === 0
        ? `${where}: a head of the empty board, which no transaction signs`
        : `${where}: signed at ${head.time}, before its last entry ${head.size - 1}`,
    );
    this.#remember(head);
    if (!final) this.#listed(where, head);
    return head;
  }

  /**
   * The order and completeness of `tree-heads.jsonl` (§12.8, V12.10), one line at a time: sizes
   * strictly increasing (so no head twice), times never decreasing; and what the board shows of the
   * heads the CEC signed — the ones observers co-signed, and a receipt's — must be in it.
   */
  #listed(where: string, head: SignedTreeHead): void {
    const L = this.ledger;
    const text = headText(head);
    const previous = this.#lastListed;
    if (previous !== undefined) {
      L.expect('V12.10', head.size > previous.head.size, () =>
        head.size === previous.head.size
          ? `${where}: a second head of size ${head.size}`
          : `${where}: a head of size ${head.size} after one of size ${previous.head.size}`,
      );
      L.expect(
        'V12.10',
        head.time >= previous.head.time,
        () => `${where}: signed at ${head.time}, before the head above it (${previous.head.time})`,
      );
    }
    this.#lastListed = { head, text };
    this.#listedNow.set(head.size, text);
    this.#cosigned.delete(text);
    const r = this.#receipt;
    if (r !== undefined && this.#receiptListed === undefined && head.size > r.position) this.#receiptListed = text;
  }

  /** `tree-head.json` is the last line of `tree-heads.jsonl`; every co-signed head was listed. */
  #finishList(finalHead: SignedTreeHead | undefined): void {
    const L = this.ledger;
    if (this.manifest === undefined) return;
    const last = this.#lastListed;
    if (finalHead !== undefined) {
      L.expect('V12.10', last?.text === headText(finalHead), () =>
        last === undefined
          ? 'tree-heads.jsonl is empty: it does not end with tree-head.json'
          : `tree-heads.jsonl ends with the head of size ${last.head.size}, not with tree-head.json (size ${finalHead.size})`,
      );
    }
    for (const [text, seq] of this.#cosigned) {
      const h = JSON.parse(text) as { size: number; time: string };
      L.fail('V12.10', `entry ${seq} co-signs the head of size ${h.size} signed at ${h.time}, which is not listed`);
    }
  }

  /** What spans the whole board: tree heads, the ceremony, signatures in batch, counted ballots. */
  async finish(finalHead: SignedTreeHead | undefined): Promise<void> {
    const L = this.ledger;
    this.#finalHead = finalHead;
    await this.settle();
    const n = this.tree.size;
    L.summary('V12.02', `${n} entries`);
    L.value('V12.02', 'n', n);
    L.value('V12.06', 'hash of entry n−1', toBase64Url(this.#previous));
    if (this.#opened !== undefined) L.value('V12.12', 'P(voting-opened)', this.#opened);
    if (this.#closed !== undefined) L.value('V12.12', 'P(voting-closed)', this.#closed);
    if (finalHead !== undefined) {
      L.expect(
        'V12.08',
        finalHead.size === n,
        () => `the tree head covers ${finalHead.size} entries, the export has ${n}`,
      );
      const root = this.#rootAt(finalHead.size);
      L.expect(
        'V12.09',
        root !== undefined && equalBytes(finalHead.root, root),
        () => 'the root is not the Merkle root of the entries',
      );
      L.value('V12.09', 'root', toBase64Url(this.tree.root()));
      L.value('V12.08', 'size', finalHead.size);
      L.value('V12.08', 'time', finalHead.time);
      L.value('V12.08', 'root', toBase64Url(finalHead.root));
    }
    this.#finishList(finalHead);
    L.summary('V12.10', `${this.#headsChecked} tree heads`);
    L.value('V12.10', 'heads listed', this.#headsChecked);
    this.#finishCeremony();
    this.#finishFingerprint();
    this.#finishEligibility();
    await this.#tally?.finish(this.#ceremonyOutcome);
    this.#finishReceipt();
  }

  /**
   * What the entries read so far leave to check in batches: the ballots in flight, the CEC
   * signatures on credentials and revocations, every head read against the tree. After this the
   * state holds nothing unchecked: it may be kept (snapshot) and read on from.
   */
  async settle(): Promise<void> {
    await this.#flushBallots();
    await Promise.all(this.#inFlight);
    this.#inFlight.length = 0;
    this.#finishSignatures();
    this.#signatures.length = 0;
    for (const [size, heads] of this.#heads) {
      for (const head of heads) {
        this.#headsChecked++;
        const root = this.#rootAt(size);
        this.ledger.expect(
          'V12.10',
          root !== undefined && equalBytes(head.root, root),
          () => `the head of size ${size} signed at ${head.time} is not a prefix of this board`,
        );
      }
    }
    this.#heads.clear();
  }

  /**
   * MTH of the first `size` entries, or undefined when the board is shorter — or, read on from a
   * kept state of size N, when size < N: such a head does not extend the kept one (reported, V12.10).
   */
  #rootAt(size: number): Uint8Array | undefined {
    if (size > this.tree.size || size < this.#resumedAt) return undefined;
    return this.tree.root(size);
  }

  /**
   * The state to keep once the board is read up to `finalHead` and settled, before the checks of
   * the board's end (which each run makes again); undefined if the board does not end at that head.
   */
  snapshot(finalHead: SignedTreeHead | undefined): KeptState | undefined {
    const n = this.tree.size;
    if (this.manifest === undefined || this.#tally === undefined || finalHead === undefined) return undefined;
    if (finalHead.size !== n || !equalBytes(finalHead.root, this.tree.root())) return undefined;
    const listed = new Map([...this.#listedBefore, ...this.#listedNow]);
    return {
      version: 1,
      electionId: this.manifest.electionId,
      treeHead: headText(finalHead),
      frontier: this.tree.frontier(),
      previous: this.#previous,
      previousTime: this.#previousTime,
      manifest: JSON.parse(this.#manifestJson),
      ceremonyPhase: this.#ceremonyPhase,
      complaints: this.#complaints,
      ceremony: [...this.#ceremony],
      electionKey: this.#electionKeyPayload ?? null,
      opened: this.#opened ?? null,
      closed: this.#closed ?? null,
      rollSize: this.#rollSize ?? null,
      live: this.#live,
      credentials: [...this.#credentials].map(([k, c]) => [
        k,
        c.issuedAt,
        c.revokedAt ?? null,
        c.lastBallot ?? null,
        c.ballots,
      ]),
      trackingCodes: [...this.#trackingCodes],
      ballotCount: this.#ballotCount,
      observers: [...this.#observers],
      listed: [...listed],
      cosigned: [...this.#cosigned],
      // the final head is read again, as a listed head, by the next run: counted once
      headsChecked: this.#headsChecked - 1,
      ledger: this.ledger.snapshot(),
      tally: this.#tally.snapshot(),
    };
  }

  /**
   * Puts the reader where a kept state left it: entries 0 … N−1 read, the heads up to N checked.
   * Throws a RangeError if the state does not hold together (it is then not used).
   */
  resume(k: KeptState): void {
    if (k.version !== 1) throw new RangeError(`a kept state of version ${String(k.version)}`);
    const head = decodeSignedTreeHead(JSON.parse(k.treeHead));
    if ('error' in head) throw new RangeError('the kept tree head is malformed');
    const m = ManifestSchema.safeParse(k.manifest);
    if (!m.success || m.data.electionId !== k.electionId) throw new RangeError('the kept manifest is not valid');
    const n = head.value.size;
    this.tree = MerkleTree.fromFrontier(n, k.frontier);
    if (!equalBytes(this.tree.root(), head.value.root))
      throw new RangeError('the kept frontier is not the kept head’s');
    this.#setManifest(m.data, k.manifest);
    this.#previous = k.previous;
    this.#previousTime = k.previousTime;
    this.#seq = n;
    this.#entryTimes.length = n;
    this.#entryTimes[n - 1] = Date.parse(k.previousTime);
    this.#ceremonyPhase = k.ceremonyPhase;
    this.#complaints = k.complaints;
    this.#ceremony.push(...k.ceremony);
    if (k.electionKey !== null && !this.#setElectionKey(k.electionKey)) {
      throw new RangeError('the kept election key is not a group element');
    }
    if (k.opened !== null) this.#opened = k.opened;
    if (k.closed !== null) this.#closed = k.closed;
    if (k.rollSize !== null) this.#rollSize = k.rollSize;
    this.#live = k.live;
    for (const [key, issuedAt, revokedAt, lastBallot, ballots] of k.credentials) {
      this.#credentials.set(key, {
        issuedAt,
        revokedAt: revokedAt ?? undefined,
        lastBallot: lastBallot ?? undefined,
        ballots,
      });
    }
    for (const c of k.trackingCodes) this.#trackingCodes.add(c);
    this.#ballotCount = k.ballotCount;
    for (const o of k.observers) this.#observers.add(o);
    for (const [size, text] of k.listed) this.#listedBefore.set(size, text);
    for (const [text, seq] of k.cosigned) this.#cosigned.set(text, seq);
    this.#headsChecked = k.headsChecked;
    this.#lastListed = { head: head.value, text: k.treeHead };
    this.ledger.restore(k.ledger);
    this.#tally!.resume(k.tally, this.#electionKeyElement);
    this.#resumedAt = n;
  }

  /**
   * Before reading on from a kept state of size N: the board's new head must extend it (§15.1).
   * A smaller head, or a consistency proof (Algorithm 12.5) from the kept head to the new one that
   * does not verify, is V12.10 — the board was rewritten; the entries are then not read.
   */
  async extends(source: BoardSource, text: string | null): Promise<boolean> {
    const kept = this.#lastListed?.head;
    if (kept === undefined || text === null) return true;
    const d = decodeSignedTreeHead(JSON.parse(text));
    if ('error' in d) return true; // reported as V12.08 when the head is read
    const head = d.value;
    const fail = (why: string) => {
      this.ledger.fail(
        'V12.10',
        `the board’s signed head of size ${head.size} is not consistent with the head of size ${kept.size} verified before (kept state): ${why}`,
      );
      return false;
    };
    if (head.size < kept.size) return fail('it is smaller');
    // without a proof, the links of the entries read from N on and the new root show it (V12.05, V12.09)
    if (source.consistencyProof === undefined) return true;
    const proof = head.size === kept.size ? [] : await source.consistencyProof(kept.size, head.size);
    if (proof === null) return fail('the server gives no consistency proof');
    const v = verifyConsistencyProof(kept.size, head.size, proof, kept.root, head.root);
    return v.valid || fail(v.reason);
  }

  /** V13.10, Algorithms 13.8 and 13.9, with the inclusion proof computed from the board itself. */
  #finishReceipt(): void {
    const r = this.#receipt;
    if (r === undefined || this.manifest === undefined) return;
    const L = this.ledger;
    const v = verifyReceipt(r, this.#authorityKey!, this.manifest.electionId);
    if (!L.expect('V13.10', v.valid, () => (v.valid ? '' : v.reason))) return;
    const entry = this.#receiptEntry;
    if (!L.expect('V13.10', entry !== undefined, () => `the board has no entry ${r.position}`)) return;
    L.expect(
      'V13.10',
      equalBytes(entry!.hash, r.entryHash),
      () => `entry ${r.position} is not the one the receipt names`,
    );
    L.expect(
      'V13.10',
      entry!.trackingCode === toBase64Url(r.trackingCode),
      () => `entry ${r.position} does not hold the ballot of the receipt`,
    );
    const size = r.treeHead.size;
    if (!L.expect('V13.10', size <= this.tree.size, () => 'the receipt’s tree head is larger than the board')) return;
    L.expect(
      'V13.10',
      this.#receiptListed === headText(r.treeHead),
      () => 'the receipt’s tree head is not the first head of tree-heads.jsonl that contains its entry (§13.6)',
    );
    const inclusion = verifyReceiptInclusion(r, r.treeHead, this.tree.inclusionProof(r.position, size));
    L.expect(
      'V13.10',
      inclusion.valid,
      () => 'the ballot is not included in the receipt’s tree head: the board was rewritten',
    );
    L.summary('V13.10', `tracking code ${formatTrackingCode(r.trackingCode)}, entry ${r.position}`);
  }

  #finishSignatures(): void {
    const results = verifySignatures(this.#signatures.map((s) => s.item));
    results.forEach((ok, i) => {
      const s = this.#signatures[i]!;
      this.ledger.expect(s.check, ok, () => `entry ${s.seq}: the CEC signature on the ${s.what} does not verify`);
    });
  }

  #finishCeremony(): void {
    const L = this.ledger;
    if (this.manifest === undefined) return;
    const outcome = verifyCeremony(this.manifest, this.#ceremony);
    L.value('V09.02', 'ceremony messages', this.#ceremony.length);
    L.ran('V09.02');
    L.ran('V09.10');
    for (const d of outcome.disqualified) L.value('V09.10', `dealer ${d.dealer} disqualified`, d.detail);
    if (!outcome.valid) {
      for (const p of outcome.problems) L.fail('V09.02', `ceremony message ${p.position}: ${p.reason}`);
      if (outcome.problems.length === 0) {
        const tooFew = /V09\.13/.test(outcome.reason);
        // §9.10 step 5: before the election-key entry, dealers still to deal are not qualified yet.
        if (tooFew && this.#electionKeyPayload === undefined)
          L.notRun('V09.13', `${outcome.reason} yet: the board ends before the ceremony`);
        else L.fail(tooFew ? 'V09.13' : 'V09.02', outcome.reason);
      }
      L.notRun('V09.14', 'the ceremony does not verify');
      L.notRun('V09.15', 'the ceremony does not verify');
      return;
    }
    L.ran('V09.13');
    L.value('V09.13', 'QUAL', outcome.qualified.join(' '));
    this.#ceremonyOutcome = outcome;
    const published = this.#electionKeyPayload;
    if (published === undefined) {
      L.notRun('V09.14', 'no election-key entry');
      L.notRun('V09.15', 'no election-key entry');
      return;
    }
    L.value('V09.14', 'Y', toBase64Url(outcome.electionKey.encode()));
    L.expect(
      'V09.14',
      published.electionKey === toBase64Url(outcome.electionKey.encode()),
      () => 'the published election key is not the ceremony’s',
    );
    L.expect(
      'V09.14',
      published.qualified.join(',') === outcome.qualified.join(','),
      () => 'the published qualified set is not the ceremony’s',
    );
    const vks = outcome.verificationKeys.map((vk) => toBase64Url(vk.encode()));
    for (const [j, vk] of vks.entries()) L.value('V09.15', `VK_${j + 1}`, vk);
    L.expect(
      'V09.15',
      published.verificationKeys.join(',') === vks.join(','),
      () => 'the published verification keys are not the ceremony’s',
    );
    if (!L.hasFailed('V09.14') && !L.hasFailed('V09.15')) {
      this.#fingerprint = electionFingerprint(this.#h!, this.#authorityKey!, outcome.electionKey);
    }
  }

  /** The election fingerprint (Algorithm 7.4) of the verified election key, and V07.01 when one is expected. */
  #finishFingerprint(): void {
    const L = this.ledger;
    const f = this.#fingerprint;
    if (f !== undefined) L.value('V09.14', 'election fingerprint', formatFingerprint(f));
    const expected = this.#expectFingerprint;
    if (expected === undefined) return;
    if (f === undefined) {
      L.notRun('V07.01', 'the board establishes no election key (V09.14)');
      return;
    }
    L.value('V07.01', 'expected', expected);
    L.value('V07.01', 'computed', formatFingerprint(f));
    L.expect(
      'V07.01',
      matchesFingerprint(expected, f),
      () => `the board's election fingerprint is ${formatFingerprint(f)}, not ${expected}`,
    );
  }

  /** What the board establishes, for a party that acts on it (./party.ts). */
  state(): BoardState | undefined {
    if (this.manifest === undefined || this.#tally === undefined) return undefined;
    return {
      manifest: this.manifest,
      manifestHash: this.#h!,
      ceremony: this.#fingerprint === undefined ? undefined : this.#ceremonyOutcome,
      fingerprint: this.#fingerprint,
      tally: this.#tally,
      treeHead: this.#finalHead,
    };
  }

  #finishEligibility(): void {
    const L = this.ledger;
    let counted = 0;
    let superseded = 0;
    for (const c of this.#credentials.values()) {
      if (c.revokedAt === undefined && c.lastBallot !== undefined) {
        counted++;
        superseded += c.ballots - 1;
      }
    }
    L.ran('V13.09');
    L.summary('V13.09', `${counted} ballots count, ${superseded} replaced by a later ballot, of ${this.#ballotCount}`);
    L.value('V13.09', 'ballots counted', counted);
    L.summary('V13.06', `${this.#ballotCount} ballots`);
    L.summary('V13.02', `${this.#credentials.size} credentials`);
    L.value('V13.02', 'credentials issued', this.#credentials.size);
    L.value(
      'V13.04',
      'credentials revoked',
      [...this.#credentials.values()].filter((c) => c.revokedAt !== undefined).length,
    );
    L.value('V13.05', 'live credentials at the close', this.#live);
    L.value('V13.06', 'ballots', this.#ballotCount);
    L.value('V13.08', 'tracking codes', this.#trackingCodes.size);
    if (this.#ballotCount === 0) {
      L.ran('V13.06');
      L.ran('V13.07');
      L.ran('V13.08');
    }
  }
}

/** Verifies the board the source gives, every check of table T15 (and V07.01, V13.10 when asked). */
export async function verifyBoard(source: BoardSource, options: VerifyOptions = {}): Promise<Verified> {
  if (options.resume !== undefined && options.receipt !== undefined) {
    throw new Error('a receipt is checked on the whole board, not from a kept state');
  }
  const v = new BoardVerifier(source, options);
  if (options.resume !== undefined) v.resume(options.resume);
  const from = v.tree.size;
  let kept: KeptState | undefined;
  const layout = await source.layoutProblems();
  for (const p of layout) v.ledger.fail('V12.01', p);
  if (layout.length > 0) for (const [id] of CATALOGUE) v.ledger.notRun(id, 'the board cannot be read (V12.01)');
  else {
    v.ledger.ran('V12.01');
    // The head first: a source that grows while it is read (the API) is read up to that head.
    const text = await source.treeHeadText();
    if (await v.extends(source, text)) {
      for await (const line of source.entryLines(from)) await v.readEntry(line.where, line.text);
      // the heads up to a kept state's size were read and checked before
      for await (const line of source.treeHeadLines(from + 1)) v.readTreeHead(line.where, line.text, false);
    }
    const finalHead = text === null ? undefined : v.readTreeHead('tree-head.json', text, true);
    if (options.keepState) {
      await v.settle();
      kept = v.snapshot(finalHead);
    }
    await v.finish(finalHead);
  }
  const state = v.state();
  const report = summarize(
    source.name,
    v.ledger.results(),
    {
      ...(v.manifest === undefined ? {} : { electionId: v.manifest.electionId }),
      ...(state?.fingerprint === undefined ? {} : { fingerprint: formatFingerprint(state.fingerprint) }),
    },
    manifestWarnings(v.manifest),
  );
  const reading: ReadingCounters = {
    from,
    entries: v.entriesRead,
    ballotsVerified: v.ballotsVerified,
    shufflesVerified: state?.tally.shufflesChecked ?? 0,
  };
  const failed = report.results.some((r) => r.outcome === 'failed');
  return { report, manifest: v.manifest, state, reading, keep: failed ? undefined : kept };
}

/** Verifies an export directory (§12.8). */
export async function verifyBoardExport(dir: string, options: VerifyOptions = {}): Promise<Verified> {
  return verifyBoard(new BoardExport(dir), options);
}
