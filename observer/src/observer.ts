// The observer — a witness of the board (docs/SPEC.md §12.11, Algorithm 12.10). Each round it reads the board through
// the public API up to the CEC's latest signed tree head and:
//
//   1. verifies it with the standalone verifier's own checks (verifyBoard, as the parties do before
//      they act, §15.1): no check of table T15 may fail (V12.16); ballots it verified in an earlier
//      round are not verified again (the parties' "ballots verified as they arrive");
//   2. checks that the new head extends the last head it checked: not smaller (V12.14), and the
//      earlier root is the root of the board it just read at that size and the server's
//      consistency proof between the two verifies (Algorithm 12.5, V12.15);
//   3. compares its board with the heads other observers checked, from their published logs: a head
//      the CEC signed whose root is not that of this board at its size is a split view (V12.17);
//   4. co-signs every new head of the CEC's list that adds an entry other than a co-signature
//      (Algorithm 12.8) and posts it; every head it checked goes into its own log (./log.ts).
//
// Any failure is an alarm: a line in the log, a message, and a POST to the webhook if one is set;
// the program then stops with a non-zero status and co-signs nothing more.

import { MerkleTree, verifyConsistencyProof } from '@evotare/crypto/board/merkle';
import {
  cosignTreeHead,
  decodeSignedTreeHead,
  encodeSignedTreeHead,
  type SignedTreeHead,
  verifyTreeHead,
} from '@evotare/crypto/board/tree-head';
import { equalBytes, fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import type { TaskRunner } from '@evotare/crypto/parallel/task';
import type { SigningKeyPair } from '@evotare/crypto/signature';
import type { BoardSource, Line } from '@evotare/verifier/board-source';
import { type Localized, LocalizedError, verbatim } from '@evotare/verifier/i18n';
import type { ApiClient } from '@evotare/verifier/remote/client';
import { RemoteBoard } from '@evotare/verifier/remote-board';
import { type VerifyOptions, verifyBoard } from '@evotare/verifier/verify';
import { type AlarmLine, type LogLine, type ObserverLog, parseLog } from './log.ts';
import { text } from './text.ts';

export interface Alarm {
  readonly check: string;
  readonly detail: string;
  readonly evidence: Readonly<Record<string, unknown>>;
}

export interface ObserverOptions {
  readonly api: ApiClient;
  /** The server's address, as the log records it (for `check-receipt`). */
  readonly server: string;
  readonly electionId: string;
  readonly key: SigningKeyPair;
  readonly log: ObserverLog;
  /** Other observers' logs to compare with: file paths or http(s) URLs. */
  readonly peers?: readonly string[];
  /** A URL to POST each alarm to, as JSON. */
  readonly webhook?: string;
  readonly pool?: TaskRunner;
  readonly verifiedBallots?: VerifyOptions['verifiedBallots'];
  /** Co-sign only the newest head of each round instead of every new head. */
  readonly latestOnly?: boolean;
  /** The election fingerprint the CEC published (§7.4): V07.01 must pass too. */
  readonly expectFingerprint?: string;
  readonly say: (line: Localized) => void;
}

export interface Observation {
  /** The head checked this round, when the board has one and nothing failed. */
  readonly head: SignedTreeHead | undefined;
  /** The sizes of the heads co-signed this round. */
  readonly cosigned: readonly number[];
  readonly alarms: readonly Alarm[];
  /** The board holds its result, and the head that holds it is co-signed. */
  readonly over: boolean;
}

const COSIGNATURE = 'tree-head-cosignature';

/**
 * The board as the verifier reads it, passed through unchanged, with what the observer needs kept
 * on the way: every entry hash in a Merkle tree (the root at any earlier size), every entry's type,
 * and the lines of the CEC's list of heads. What it keeps is used only once the verifier passed it.
 */
class ObservedBoard implements BoardSource {
  readonly #inner: BoardSource;
  readonly tree = new MerkleTree();
  readonly types: string[] = [];
  readonly headLines: string[] = [];
  unreadable: string[] = [];

  constructor(inner: BoardSource) {
    this.#inner = inner;
  }
  get name() {
    return this.#inner.name;
  }
  async layoutProblems() {
    this.unreadable = await this.#inner.layoutProblems();
    return this.unreadable;
  }
  treeHeadText() {
    return this.#inner.treeHeadText();
  }
  async *entryLines(): AsyncGenerator<Line> {
    for await (const line of this.#inner.entryLines()) {
      // An entry line is JCS: it starts with its hash and ends with its type (§12.8).
      const hash = /^\{"hash":"([A-Za-z0-9_-]{43})"/.exec(line.text)?.[1];
      const type = /"type":"([a-z-]+)"\}$/.exec(line.text)?.[1];
      if (hash !== undefined) this.tree.append(fromBase64Url(hash, 32));
      this.types.push(type ?? '');
      yield line;
    }
  }
  async *treeHeadLines(): AsyncGenerator<Line> {
    for await (const line of this.#inner.treeHeadLines()) {
      this.headLines.push(line.text);
      yield line;
    }
  }
  attachment(id: string, bytes: number) {
    return this.#inner.attachment(id, bytes);
  }
}

const headJson = (h: SignedTreeHead) => encodeSignedTreeHead(h);
const now = () => new Date().toISOString();

/**
 * Every head an observer's log shows that the CEC signed for this election: the heads it checked,
 * and those its alarms hold as evidence. Only the CEC's signature makes a head evidence of what the
 * CEC showed; anything else in a peer's log is left out.
 */
function headsIn(lines: readonly LogLine[], electionId: string, authorityKey: Uint8Array): SignedTreeHead[] {
  const candidates = lines.flatMap((l) =>
    l.event === 'head' ? [l.treeHead] : l.event === 'alarm' ? Object.values(l.evidence) : [],
  );
  const out: SignedTreeHead[] = [];
  for (const c of candidates) {
    const d = decodeSignedTreeHead(c);
    if ('error' in d || d.value.electionId !== electionId || !verifyTreeHead(d.value, authorityKey).valid) continue;
    out.push(d.value);
  }
  return out;
}

async function readPeer(peer: string): Promise<string> {
  if (/^https?:\/\//.test(peer)) {
    const response = await fetch(peer);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.text();
  }
  const { readFile } = await import('node:fs/promises');
  return readFile(peer, 'utf8');
}

export class Observer {
  readonly #o: ObserverOptions;
  readonly #base: string;

  private constructor(options: ObserverOptions) {
    this.#o = options;
    this.#base = `/api/v1/elections/${encodeURIComponent(options.electionId)}/board`;
  }

  /** Refuses a log of another observer or election, and a log that already holds an alarm. */
  static open(options: ObserverOptions): Observer {
    const { log } = options;
    const started = log.started;
    if (
      started !== undefined &&
      (started.electionId !== options.electionId || started.observerKey !== toBase64Url(options.key.publicKey))
    ) {
      throw new LocalizedError(text('logOfAnother', { file: log.file }));
    }
    const alarm = log.alarms[0];
    if (alarm !== undefined) throw new LocalizedError(text('alarmStands', { file: log.file, check: alarm.check }));
    return new Observer(options);
  }

  /** One round: read, verify, compare, co-sign. Throws (to be tried again) when the server cannot be read. */
  async observe(): Promise<Observation> {
    const { log, say } = this.#o;
    const started = performance.now();
    const board = new ObservedBoard(new RemoteBoard(this.#o.api, this.#o.electionId));
    const { report, state } = await verifyBoard(board, {
      ...(this.#o.pool === undefined ? {} : { pool: this.#o.pool }),
      ...(this.#o.verifiedBallots === undefined ? {} : { verifiedBallots: this.#o.verifiedBallots }),
      ...(this.#o.expectFingerprint === undefined ? {} : { expectFingerprint: this.#o.expectFingerprint }),
    });
    if (board.unreadable.length > 0) throw new LocalizedError(verbatim(board.unreadable.join('; ')));

    const alarms: Alarm[] = [];
    // V12.16: the board verifies as far as it goes.
    for (const r of report.results) {
      if (r.outcome === 'failed') alarms.push({ check: r.id, detail: r.problems.slice(0, 5).join('; '), evidence: {} });
    }
    const head = state?.treeHead;
    if (alarms.length === 0 && (state === undefined || head === undefined)) {
      say(text('noHeadYet'));
      return { head: undefined, cosigned: [], alarms, over: false };
    }
    if (alarms.length > 0 || state === undefined || head === undefined) return this.#raise(alarms);

    const authorityKey = fromBase64Url(state.manifest.authority.signingKey, 32);
    if (log.started === undefined) {
      log.append({
        event: 'started',
        electionId: this.#o.electionId,
        observerKey: toBase64Url(this.#o.key.publicKey),
        authorityKey: toBase64Url(authorityKey),
        server: this.#o.server,
        time: now(),
      });
    }
    const last = log.lastHead;
    if (last !== undefined) alarms.push(...(await this.#extends(last, head, board.tree)));
    alarms.push(...(await this.#compareWithPeers(board.tree, head, authorityKey)));
    if (alarms.length > 0) return this.#raise(alarms);

    const cosigned = await this.#cosignNewHeads(board, last?.size ?? 0, head);
    say(
      text('headChecked', {
        size: head.size,
        seconds: ((performance.now() - started) / 1000).toFixed(1),
        cosigned: cosigned.length === 0 ? text('none') : cosigned.join(', '),
      }),
    );
    return { head, cosigned, alarms: [], over: board.types.includes('result') };
  }

  /** V12.14, V12.15: `head` extends `last`, on the board just read and by the server's consistency proof. */
  async #extends(last: SignedTreeHead, head: SignedTreeHead, tree: MerkleTree): Promise<Alarm[]> {
    const evidence = { earlier: headJson(last), later: headJson(head) };
    if (head.size < last.size) {
      return [{ check: 'V12.14', detail: `the board shrank from ${last.size} to ${head.size} entries`, evidence }];
    }
    if (!equalBytes(tree.root(last.size), last.root)) {
      return [
        {
          check: 'V12.15',
          detail: `the board's first ${last.size} entries are not those of the head of that size checked before`,
          evidence,
        },
      ];
    }
    if (head.size === last.size) return [];
    const c = await this.#o.api.get<{ proof: string[] }>(
      `${this.#base}/consistency?first=${last.size}&second=${head.size}`,
    );
    let proof: Uint8Array[];
    try {
      proof = c.proof.map((p) => fromBase64Url(p, 32));
    } catch {
      proof = [];
    }
    const v = verifyConsistencyProof(last.size, head.size, proof, last.root, head.root);
    return v.valid
      ? []
      : [{ check: 'V12.15', detail: `the consistency proof from ${last.size} to ${head.size}: ${v.reason}`, evidence }];
  }

  /** V12.17: every head another observer checked, signed by the CEC, is a prefix of this board. */
  async #compareWithPeers(tree: MerkleTree, mine: SignedTreeHead, authorityKey: Uint8Array): Promise<Alarm[]> {
    const alarms: Alarm[] = [];
    for (const peer of this.#o.peers ?? []) {
      let lines: ReturnType<typeof parseLog>;
      try {
        lines = parseLog(await readPeer(peer));
      } catch (e) {
        this.#o.say(text('peerUnreadable', { peer, reason: verbatim((e as Error).message) }));
        continue;
      }
      for (const theirs of headsIn(lines, this.#o.electionId, authorityKey)) {
        if (theirs.size > tree.size || equalBytes(tree.root(theirs.size), theirs.root)) continue;
        alarms.push({
          check: 'V12.17',
          detail: `split view: observer ${peer} was shown a head of size ${theirs.size} signed by the CEC whose root is not that of this board at that size`,
          evidence: { theirs: headJson(theirs), mine: headJson(mine), rootHere: toBase64Url(tree.root(theirs.size)) },
        });
        break;
      }
    }
    return alarms;
  }

  /** Co-signs the heads of the CEC's list after `from` up to `head` that add more than co-signatures. */
  async #cosignNewHeads(board: ObservedBoard, from: number, head: SignedTreeHead): Promise<number[]> {
    const listed: SignedTreeHead[] = [];
    for (const line of board.headLines) {
      const d = decodeSignedTreeHead(JSON.parse(line));
      if (!('error' in d) && d.value.size > from && d.value.size <= head.size) listed.push(d.value);
    }
    const cosigned: number[] = [];
    let previous = from;
    for (const [i, h] of listed.entries()) {
      const adds = board.types.slice(previous, h.size);
      previous = h.size;
      const wanted = adds.some((t) => t !== COSIGNATURE) && (!this.#o.latestOnly || i === listed.length - 1);
      if (!wanted) {
        this.#o.log.append({ event: 'head', treeHead: headJson(h), cosignature: null, position: null, time: now() });
        continue;
      }
      const signature = toBase64Url(cosignTreeHead(h, this.#o.key.secretKey));
      const { position } = await this.#o.api.post<{ position: number }>(`${this.#base}/cosignatures`, {
        observerKey: toBase64Url(this.#o.key.publicKey),
        treeHead: headJson(h),
        signature,
      });
      this.#o.log.append({ event: 'head', treeHead: headJson(h), cosignature: signature, position, time: now() });
      cosigned.push(h.size);
    }
    return cosigned;
  }

  /** An alarm: logged, said, and posted to the webhook. */
  async #raise(alarms: readonly Alarm[]): Promise<Observation> {
    for (const a of alarms) {
      const line: AlarmLine = { event: 'alarm', check: a.check, detail: a.detail, evidence: a.evidence, time: now() };
      this.#o.log.append(line);
      this.#o.say(text('alarm', { check: a.check, detail: verbatim(a.detail) }));
      if (this.#o.webhook !== undefined) {
        try {
          const r = await fetch(this.#o.webhook, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              electionId: this.#o.electionId,
              observerKey: toBase64Url(this.#o.key.publicKey),
              ...line,
            }),
          });
          if (!r.ok) throw new Error(`HTTP ${r.status}`);
        } catch (e) {
          this.#o.say(text('webhookFailed', { url: this.#o.webhook, reason: verbatim((e as Error).message) }));
        }
      }
    }
    return { head: undefined, cosigned: [], alarms, over: false };
  }
}
