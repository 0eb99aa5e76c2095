// Reading the board as a separate party does it — the mix node, the trustee (docs/SPEC.md §12):
// page after page through the public API, each entry checked as a link of the hash chain
// (Algorithm 12.3) and added to a Merkle tree, and the whole checked against a tree head signed by the CEC's key from the manifest. A node
// trusts nothing the server says about the board that it has not checked this way. Entries are
// handed on one at a time, so a board of 300,000 ballots is never held whole. Reading can resume
// where it stopped (after a conflicting upload, only the new entries are read).
import { type BoardEntry, type ChainHead, decodeBoardEntry, verifyBoardEntry } from '@evotare/crypto/board/entry';
import { MerkleTree } from '@evotare/crypto/board/merkle';
import { decodeSignedTreeHead, type SignedTreeHead, verifyTreeHead } from '@evotare/crypto/board/tree-head';
import { equalBytes } from '@evotare/crypto/bytes';
import { LocalizedError } from '../i18n.ts';
import type { ApiClient } from './client.ts';
import { text } from './text.ts';

const PAGE = 1000;

export class BoardCheckError extends LocalizedError {
  override readonly name = 'BoardCheckError';
}

export class BoardFollower {
  readonly #api: ApiClient;
  readonly #base: string;
  readonly #authorityKey: Uint8Array;
  readonly #tree = new MerkleTree();
  #head: ChainHead | null = null;

  constructor(api: ApiClient, electionId: string, authorityKey: Uint8Array) {
    this.#api = api;
    this.#base = `/api/v1/elections/${encodeURIComponent(electionId)}/board`;
    this.#authorityKey = authorityKey;
  }

  get size(): number {
    return this.#tree.size;
  }

  /**
   * Reads the entries the latest signed tree head adds to what was read before, giving each to
   * `onEntry` in board order once its link is checked; returns that head, once its root is checked.
   */
  async follow(
    onEntry: (entry: BoardEntry) => Promise<void> | void,
    progress?: (done: number, total: number) => void,
  ): Promise<SignedTreeHead> {
    const decoded = decodeSignedTreeHead(await this.#api.get(`${this.#base}/tree-head`));
    if ('error' in decoded) throw new BoardCheckError(text('treeHeadMalformed'));
    const head = decoded.value;
    if (!verifyTreeHead(head, this.#authorityKey).valid) {
      throw new BoardCheckError(text('treeHeadUnsigned'));
    }
    if (head.size < this.size) throw new BoardCheckError(text('boardShrank', { from: this.size, to: head.size }));
    while (this.size < head.size) {
      const page = await this.#api.get<{ entries: unknown[] }>(
        `${this.#base}?from=${this.size}&limit=${Math.min(PAGE, head.size - this.size)}`,
      );
      if (page.entries.length === 0)
        throw new BoardCheckError(text('boardEndsEarly', { size: this.size, head: head.size }));
      for (const json of page.entries) {
        if (this.size >= head.size) break;
        const d = decodeBoardEntry(json);
        if ('error' in d) {
          throw new BoardCheckError(
            text('entryMalformed', { seq: this.size, reason: d.error.valid ? '' : d.error.reason }),
          );
        }
        const v = verifyBoardEntry(d.entry, this.#head);
        if (!v.valid) throw new BoardCheckError(text('chainBreaks', { reason: v.reason }));
        this.#tree.append(d.entry.hash);
        this.#head = { seq: d.entry.seq, hash: d.entry.hash, time: d.entry.time };
        await onEntry(d.entry);
      }
      progress?.(this.size, head.size);
    }
    if (!equalBytes(this.#tree.root(head.size), head.root)) {
      throw new BoardCheckError(text('rootMismatch'));
    }
    return head;
  }
}
