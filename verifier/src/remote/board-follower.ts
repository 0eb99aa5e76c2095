// Reading the board as a separate party does it — the mix node, the trustee, `evotare-verify fetch`
// (docs/SPEC.md §12): page after page through the public API, each entry checked as a link of the
// hash chain (Algorithm 12.3) and added to a Merkle tree, and the whole checked against a tree head
// signed by the CEC's key from the manifest. A node trusts nothing the server says about the board
// that it has not checked this way. Entries are handed on one at a time, so a board of 300,000
// ballots is never held whole. Reading can resume where it stopped (after a conflicting upload, only
// the new entries are read; after an interrupted download, from the entries already on disk, each
// checked again with `accept`).
//
// With `proofs`, every page is also checked against the signed head while it is read, as an
// auditor's download does (§12.4, §12.5): the inclusion proof of the page's last entry in the head
// (its hash commits, through the chain, to every entry before it), and the consistency proof from
// the last head this follower saw to the new one, so that a server that rewrote what it showed
// before is caught at the first page, not at the end.
import { type BoardEntry, type ChainHead, decodeBoardEntry, verifyBoardEntry } from '@evotare/crypto/board/entry';
import { MerkleTree, verifyConsistencyProof, verifyInclusionProof } from '@evotare/crypto/board/merkle';
import {
  decodeSignedTreeHead,
  type SignedTreeHead,
  type SignedTreeHeadJson,
  verifyTreeHead,
} from '@evotare/crypto/board/tree-head';
import { equalBytes, fromBase64Url } from '@evotare/crypto/bytes';
import { type Localized, LocalizedError } from '../i18n.ts';
import type { ApiClient } from './client.ts';
import { text } from './text.ts';

const PAGE = 1000;

/** The board does not check: `check` is the ID of the verifier's check (§12.10) that caught it. */
export class BoardCheckError extends LocalizedError {
  override readonly name = 'BoardCheckError';
  readonly check: string;
  constructor(check: string, message: Localized) {
    super(message);
    this.check = check;
  }
}

/** The check of §12.10 a broken link of Algorithm 12.3 fails, from VerifyBoardEntry's reason. */
function chainCheck(reason: string): string {
  if (reason.includes('expected position')) return 'V12.02';
  if (reason.includes('unknown type')) return 'V12.03';
  if (reason.includes('time')) return 'V12.04';
  if (reason.includes('previous hash')) return 'V12.05';
  return 'V12.06';
}

function sameHead(a: SignedTreeHead, b: SignedTreeHead): boolean {
  return a.size === b.size && equalBytes(a.root, b.root) && a.time === b.time && a.electionId === b.electionId;
}

export interface FollowerOptions {
  /** Check each page with an inclusion proof, and each new head with a consistency proof (§12.4, §12.5). */
  readonly proofs?: boolean;
  /** Entries asked for per request (default and most the server gives: 1000). */
  readonly page?: number;
}

export class BoardFollower {
  readonly #api: ApiClient;
  readonly #base: string;
  readonly #authorityKey: Uint8Array;
  readonly #proofs: boolean;
  readonly #page: number;
  readonly #tree = new MerkleTree();
  #head: ChainHead | null = null;
  #lastHead: SignedTreeHead | null = null;

  constructor(api: ApiClient, electionId: string, authorityKey: Uint8Array, options: FollowerOptions = {}) {
    this.#api = api;
    this.#base = `/api/v1/elections/${encodeURIComponent(electionId)}/board`;
    this.#authorityKey = authorityKey;
    this.#proofs = options.proofs === true;
    this.#page = options.page ?? PAGE;
  }

  get size(): number {
    return this.#tree.size;
  }

  /** The Merkle root of the first `size` entries read (§12.3). */
  rootAt(size: number): Uint8Array {
    return this.#tree.root(size);
  }

  /**
   * Takes the next entry (its JSON) as a link of the chain: decodes it, checks it follows the one
   * before (Algorithm 12.3) and adds it to the tree. Throws a BoardCheckError naming the check.
   */
  accept(json: unknown): BoardEntry {
    const d = decodeBoardEntry(json);
    if ('error' in d) {
      throw new BoardCheckError(
        'V12.03',
        text('entryMalformed', { seq: this.size, reason: d.error.valid ? '' : d.error.reason }),
      );
    }
    const v = verifyBoardEntry(d.entry, this.#head);
    if (!v.valid) throw new BoardCheckError(chainCheck(v.reason), text('chainBreaks', { reason: v.reason }));
    this.#tree.append(d.entry.hash);
    this.#head = { seq: d.entry.seq, hash: d.entry.hash, time: d.entry.time };
    return d.entry;
  }

  /** A head checked before (a download's, read back from disk): the next one must extend it. */
  startFrom(head: SignedTreeHead): void {
    this.#lastHead = head;
  }

  /** The CEC's latest signed tree head, its signature checked. */
  async latestHead(): Promise<SignedTreeHead> {
    return this.#signed(await this.#api.get(`${this.#base}/tree-head`));
  }

  #signed(json: unknown): SignedTreeHead {
    const decoded = decodeSignedTreeHead(json);
    if ('error' in decoded) throw new BoardCheckError('V12.08', text('treeHeadMalformed'));
    if (!verifyTreeHead(decoded.value, this.#authorityKey).valid) {
      throw new BoardCheckError('V12.08', text('treeHeadUnsigned'));
    }
    return decoded.value;
  }

  /** §12.5: `head` extends the last head seen, by the server's consistency proof. */
  async #checkConsistency(head: SignedTreeHead): Promise<void> {
    const last = this.#lastHead;
    if (last === null || last.size === 0) return;
    if (last.size === head.size) {
      if (!equalBytes(last.root, head.root))
        throw new BoardCheckError('V12.10', text('headsDisagree', { size: head.size }));
      return;
    }
    const answer = await this.#api.get<{ first: unknown; second: unknown; proof: string[] }>(
      `${this.#base}/consistency?first=${last.size}&second=${head.size}`,
    );
    const ok =
      sameHead(this.#signed(answer.first), last) &&
      sameHead(this.#signed(answer.second), head) &&
      Array.isArray(answer.proof) &&
      verifyConsistencyProof(
        last.size,
        head.size,
        answer.proof.map((p) => fromBase64Url(p, 32)),
        last.root,
        head.root,
      ).valid;
    if (!ok) throw new BoardCheckError('V12.10', text('notConsistent', { from: last.size, to: head.size }));
  }

  /** §12.4: the entry just read (the last of its page) is leaf `size − 1` of `head`, by its inclusion proof. */
  async #checkInclusion(head: SignedTreeHead): Promise<void> {
    const seq = this.size - 1;
    const answer = await this.#api.get<{ position: number; treeHead: unknown; proof: string[] }>(
      `${this.#base}/inclusion?position=${seq}&size=${head.size}`,
    );
    const ok =
      answer.position === seq &&
      sameHead(this.#signed(answer.treeHead), head) &&
      Array.isArray(answer.proof) &&
      verifyInclusionProof(
        this.#head!.hash,
        seq,
        head.size,
        answer.proof.map((p) => fromBase64Url(p, 32)),
        head.root,
      ).valid;
    if (!ok) throw new BoardCheckError('V12.09', text('notIncluded', { seq, size: head.size }));
  }

  /**
   * Reads the entries the latest signed tree head adds to what was read before, giving each to
   * `onEntry` in board order once its link is checked; `progress` is called after each page, once
   * the page is checked. Returns that head, once its root is checked.
   */
  async follow(
    onEntry: (entry: BoardEntry, json: unknown) => Promise<void> | void,
    progress?: (done: number, total: number, head: SignedTreeHead) => Promise<void> | void,
  ): Promise<SignedTreeHead> {
    const head = await this.latestHead();
    if (head.size < this.size)
      throw new BoardCheckError('V12.10', text('boardShrank', { from: this.size, to: head.size }));
    if (this.#proofs) {
      await this.#checkConsistency(head);
      // what was read before (or is on disk) is a prefix of this head
      if (this.size > 0 && this.size < head.size) await this.#checkInclusion(head);
    }
    while (this.size < head.size) {
      const page = await this.#api.get<{ entries: unknown[] }>(
        `${this.#base}?from=${this.size}&limit=${Math.min(this.#page, head.size - this.size)}`,
      );
      if (!Array.isArray(page.entries) || page.entries.length === 0)
        throw new BoardCheckError('V12.08', text('boardEndsEarly', { size: this.size, head: head.size }));
      for (const json of page.entries) {
        if (this.size >= head.size) break;
        await onEntry(this.accept(json), json);
      }
      if (this.size === head.size) this.#checkRoot(head);
      else if (this.#proofs) await this.#checkInclusion(head);
      await progress?.(this.size, head.size, head);
    }
    this.#checkRoot(head);
    this.#lastHead = head;
    return head;
  }

  #checkRoot(head: SignedTreeHead): void {
    if (!equalBytes(this.#tree.root(head.size), head.root)) throw new BoardCheckError('V12.09', text('rootMismatch'));
  }

  /** §12.10 for a head of the CEC's list: signed, and its root that of the entries read up to its size. */
  checkListedHead(json: SignedTreeHeadJson | unknown, where: string): SignedTreeHead {
    let head: SignedTreeHead;
    try {
      head = this.#signed(json);
    } catch (e) {
      if (e instanceof BoardCheckError)
        throw new BoardCheckError('V12.10', text('listedHeadBad', { where, reason: e.text }));
      throw e;
    }
    if (!(head.size >= 1 && head.size <= this.size) || !equalBytes(this.#tree.root(head.size), head.root)) {
      throw new BoardCheckError('V12.10', text('listedHeadNotPrefix', { where, size: head.size }));
    }
    return head;
  }
}
