// Appending to the bulletin board, with group commit: jobs that arrive while a transaction runs
// wait for the next one, which takes them all (one transaction, one fsync, one signed tree head
// for up to `maxBatch` jobs). Appends — and state changes, which go through here too — are
// serialised across server instances by an advisory lock on the election, taken before the
// transaction's snapshot (../db/transaction.ts): a writer that waited for another instance reads
// the board tail that instance committed, so waiting is never a stale read and a conflict is rare.
// The transaction then locks the election's row, runs at SERIALIZABLE and is retried on conflicts,
// on lost connections when that is safe, and gives up after `timeoutMs` (a stuck database).
import { appendBoardEntry, type BoardEntry, type BoardEntryType, type ChainHead } from '@evotare/crypto/board/entry';
import {
  merkleLeafHash,
  merkleNodeHash,
  nodesCompletedByLeaf,
  rangeHash,
  rangeNodes,
  type TreeNode,
} from '@evotare/crypto/board/merkle';
import { type SignedTreeHead, signTreeHead } from '@evotare/crypto/board/tree-head';
import type { JsonValue } from '@evotare/crypto/canonical-json';
import type { Kysely, Selectable } from 'kysely';
import type { AuthorityKey } from '../authority/authority.ts';
import { isDatabaseUnavailable, storageFault } from '../db/faults.ts';
import type { Database, ElectionTable } from '../db/schema.ts';
import { serializable, sqlState, type Tx } from '../db/transaction.ts';
import type { Logger } from '../log.ts';
import { NodeCache } from './nodes.ts';

export type ElectionRow = Selectable<ElectionTable>;

/** What a job sees inside the batch transaction. */
export interface BoardBatch {
  readonly tx: Tx;
  /** The election's row, locked for this transaction (null: no such election). */
  readonly election: ElectionRow | null;
  /** The server's clock for this batch: every entry it appends has this time, or its predecessor's if later. */
  readonly now: Date;
  /** Appends an entry; its position and hash are final once the transaction commits. */
  append(type: BoardEntryType, payload: JsonValue): BoardEntry;
}

/**
 * A unit of work run inside a batch transaction. It may run more than once (the transaction is
 * retried on conflicts), so it must only act through `batch`. Expected refusals are values it
 * returns; an exception aborts the batch and the job fails alone.
 */
export type BoardJob<T> = (batch: BoardBatch) => Promise<T>;

export interface Committed<T> {
  readonly value: T;
  /** The tree head signed by the batch, or null if the batch appended nothing. */
  readonly treeHead: SignedTreeHead | null;
}

export interface SubmitOptions {
  /**
   * Running the job again after its batch committed changes nothing and gives the same answer
   * (a ballot: found by its tracking code). Such batches are retried when the connection is lost
   * during COMMIT, where it is unknown whether the batch committed.
   */
  readonly idempotent?: boolean;
}

interface Queued {
  readonly electionId: string;
  readonly job: BoardJob<unknown>;
  readonly idempotent: boolean;
  resolve(c: Committed<unknown>): void;
  reject(e: unknown): void;
}

const INSERT_CHUNK = 500;

export class BoardWriter {
  readonly #db: Kysely<Database>;
  readonly #authority: AuthorityKey;
  readonly #maxBatch: number;
  readonly #queue: Queued[] = [];
  #running = false;
  readonly #now: () => Date;
  readonly #nodes: NodeCache;
  readonly #timeoutMs: number;
  readonly #log: Logger | undefined;
  /** Batches committed, and attempts that failed and were retried (conflicts, lost connections). */
  readonly stats = { committed: 0, retried: 0 };

  constructor(
    db: Kysely<Database>,
    authority: AuthorityKey,
    options: { maxBatch?: number; now?: () => Date; nodes?: NodeCache; timeoutMs?: number; log?: Logger } = {},
  ) {
    this.#log = options.log;
    this.#db = db;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#nodes = options.nodes ?? new NodeCache();
    this.#authority = authority;
    this.#maxBatch = options.maxBatch ?? 256;
    this.#now = options.now ?? (() => new Date());
  }

  /** Runs `job` in the next batch transaction for the election; resolves once it is committed. */
  submit<T>(electionId: string, job: BoardJob<T>, options: SubmitOptions = {}): Promise<Committed<T>> {
    return new Promise((resolve, reject) => {
      this.#queue.push({
        electionId,
        job,
        idempotent: options.idempotent ?? false,
        resolve: resolve as Queued['resolve'],
        reject,
      });
      if (!this.#running) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      while (this.#queue.length > 0) {
        const electionId = this.#queue[0]!.electionId;
        const batch: Queued[] = [];
        for (let i = 0; i < this.#queue.length && batch.length < this.#maxBatch; ) {
          if (this.#queue[i]!.electionId === electionId) batch.push(...this.#queue.splice(i, 1));
          else i++;
        }
        await this.#commit(electionId, batch);
      }
    } finally {
      this.#running = false;
    }
  }

  async #commit(electionId: string, jobs: Queued[]): Promise<void> {
    try {
      const { values, treeHead } = await this.#transaction(electionId, jobs);
      this.stats.committed++;
      jobs.forEach((q, i) => {
        q.resolve({ value: values[i], treeHead });
      });
    } catch (e) {
      if (jobs.length === 1 || isDatabaseUnavailable(e) || storageFault(e) !== null) {
        // A database fault fails the whole batch: running each job alone would only meet it again.
        for (const q of jobs) q.reject(e);
        return;
      }
      // One job's bug must not fail the others: run each on its own.
      for (const q of jobs) await this.#commit(electionId, [q]);
    }
  }

  #transaction(electionId: string, jobs: Queued[]): Promise<{ values: unknown[]; treeHead: SignedTreeHead | null }> {
    return serializable(
      this.#db,
      async (tx) => {
        const now = this.#now();
        const election =
          (await tx.selectFrom('election').selectAll().where('id', '=', electionId).forUpdate().executeTakeFirst()) ??
          null;
        const last = await tx
          .selectFrom('board_entry')
          .select(['seq', 'hash', 'time'])
          .where('election_id', '=', electionId)
          .orderBy('seq', 'desc')
          .limit(1)
          .executeTakeFirst();
        let head: ChainHead | null = last ? { seq: last.seq, hash: last.hash, time: last.time } : null;
        const appended: Array<BoardEntry & { payloadBytes: Uint8Array }> = [];
        const batch: BoardBatch = {
          tx,
          election,
          now,
          append(type, payload) {
            if (election === null) throw new Error('no board without an election');
            const entry = appendBoardEntry(head, type, now, payload);
            appended.push(entry);
            head = entry;
            return entry;
          },
        };
        const values: unknown[] = [];
        for (const q of jobs) values.push(await q.job(batch));
        if (appended.length === 0) return { values, treeHead: null };
        const treeHead = await this.#write(tx, electionId, appended, now);
        return { values, treeHead };
      },
      {
        retryOn: (e) => sqlState(e) === '23505',
        lockKey: `evotare/board/${electionId}`,
        idempotent: jobs.every((q) => q.idempotent),
        timeoutMs: this.#timeoutMs,
        onRetry: (e) => {
          this.stats.retried++;
          this.#log?.log('debug', 'board transaction retried', { electionId, sqlState: sqlState(e) });
        },
      },
    );
  }

  /** Inserts the entries and the tree nodes they complete, then signs and stores the tree head. */
  async #write(
    tx: Tx,
    electionId: string,
    entries: Array<BoardEntry & { payloadBytes: Uint8Array }>,
    now: Date,
  ): Promise<SignedTreeHead> {
    const decoder = new TextDecoder();
    for (let i = 0; i < entries.length; i += INSERT_CHUNK) {
      await tx
        .insertInto('board_entry')
        .values(
          entries.slice(i, i + INSERT_CHUNK).map((e) => ({
            election_id: electionId,
            seq: e.seq,
            type: e.type,
            time: e.time,
            payload: decoder.decode(e.payloadBytes),
            previous: e.previous,
            hash: e.hash,
          })),
        )
        .execute();
    }

    // Nodes made in this transaction, then those read from the database.
    const made = new Map<string, Uint8Array>();
    const k = (n: TreeNode) => `${n.level}/${n.index}`;
    const node = async (n: TreeNode): Promise<Uint8Array> =>
      made.get(k(n)) ?? (await this.#nodes.read(tx, electionId, [n]))[0]!;
    const rows: Array<{ election_id: string; level: number; idx: number; hash: Uint8Array }> = [];
    for (const e of entries) {
      for (const n of nodesCompletedByLeaf(e.seq)) {
        const hash =
          n.level === 0
            ? merkleLeafHash(e.hash)
            : merkleNodeHash(
                await node({ level: n.level - 1, index: 2 * n.index }),
                await node({ level: n.level - 1, index: 2 * n.index + 1 }),
              );
        made.set(k(n), hash);
        rows.push({ election_id: electionId, level: n.level, idx: n.index, hash });
      }
    }
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await tx
        .insertInto('board_node')
        .values(rows.slice(i, i + INSERT_CHUNK))
        .execute();
    }

    const size = entries[entries.length - 1]!.seq + 1;
    const rootNodes = rangeNodes({ start: 0, end: size });
    const hashes = new Map<string, Uint8Array>();
    for (const n of rootNodes) hashes.set(k(n), await node(n));
    const root = rangeHash({ start: 0, end: size }, (n) => hashes.get(k(n))!);
    const time =
      now.toISOString() < entries[entries.length - 1]!.time ? entries[entries.length - 1]!.time : now.toISOString();
    const treeHead = signTreeHead({ electionId, size, root, time }, this.#authority.secretKey);
    await tx
      .insertInto('tree_head')
      .values({ election_id: electionId, size, root, time, signature: treeHead.signature })
      .execute();
    return treeHead;
  }
}
