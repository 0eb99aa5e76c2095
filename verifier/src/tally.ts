// The tally's checks (docs/SPEC.md §14): the mix input recomputed from the board (Algorithm 14.1),
// every shuffle of the mix chain, every partial decryption, and the result recomputed from them.
// Fed the board's entries in order by ./verify.ts; the attachments come from the board's source
// (an export's files or the server's API), each read once per entry and checked before use (V14.01).

import { type AttachmentRef, attachmentRefsIn, isAttachment } from '@evotare/crypto/attachment';
import type { BoardEntry } from '@evotare/crypto/board/entry';
import { fromBase64Url, toBase64Url, toHex } from '@evotare/crypto/bytes';
import type { CeremonyResult } from '@evotare/crypto/dkg/ceremony';
import { requireCeremonyContext } from '@evotare/crypto/dkg/trustee-keys';
import type { GroupElement } from '@evotare/crypto/group';
import type { Manifest } from '@evotare/crypto/manifest';
import type { TaskRunner } from '@evotare/crypto/parallel/task';
import type { Verification } from '@evotare/crypto/result';
import { rowList } from '@evotare/crypto/shuffle/rows';
import { decryptionSharesReference, partialDecryptionMessageOfEntry } from '@evotare/crypto/tally/decryption-entry';
import { type CurrentList, MixChain, notMixed } from '@evotare/crypto/tally/mix-chain';
import {
  checkMixInputPayload,
  type MixInput,
  MixInputBuilder,
  type MixInputBuilderState,
  type Turnout,
} from '@evotare/crypto/tally/mix-input';
import type { MixingContext } from '@evotare/crypto/tally/mix-output';
import { mixingDeadline } from '@evotare/crypto/tally/mixing-deadline';
import { choicesOfPlaintexts, verifyResult } from '@evotare/crypto/tally/result';
import {
  combineDecryptionShares,
  type VerifiedShares,
  verifyPartialDecryptionOfList,
} from '@evotare/crypto/threshold/parallel';
import type { BoardSource } from './board-source.ts';
import type { Ledger } from './ledger.ts';

/** A list as the tally state keeps it: rows, width and digest. */
interface KeptList {
  readonly bytes: Uint8Array;
  readonly width: number;
  readonly digest: Uint8Array;
}

/**
 * What the tally's checks hold after the entries read so far (docs/SPEC.md §15.1), as plain data:
 * the mix-input builder (until the mix input is recomputed), the mix input, the mix chain's
 * current list and the nodes that mixed, the entries the end of the board checks.
 */
export interface TallyState {
  readonly builder: MixInputBuilderState;
  readonly mixInput: (KeptList & { readonly turnout: Turnout; readonly closedAt: number }) | null;
  /** The chain; its current list is kept only once it differs from the mix input. */
  readonly chain: {
    readonly current: KeptList | null;
    readonly mixed: readonly number[];
    readonly completed: boolean;
  } | null;
  readonly deadline: { value: string } | { error: string } | null;
  readonly completedAt: number | null;
  readonly partials: readonly BoardEntry[];
  readonly result: BoardEntry | null;
  readonly resultsSeen: number;
}

const keptList = (l: CurrentList): KeptList => ({ bytes: l.list.bytes, width: l.list.width, digest: l.digest });
const currentList = (k: KeptList): CurrentList => ({ list: rowList(k.bytes, k.width), digest: k.digest });

export const TALLY_CATALOGUE: ReadonlyArray<readonly [string, string]> = [
  ['V14.01', 'every attachment is in the export, of its stated size and digest'],
  ['V14.02', 'the ballots and credentials follow the counting rule’s premises'],
  ['V14.03', 'the mix input is the counted ballots (Algorithm 14.1), recomputed'],
  ['V14.04', 'every mix output is of the current list, by a new mix node, signed'],
  ['V14.05', 'every shuffle proof verifies (V11.01 – V11.10)'],
  ['V14.06', 'mixing completed by every mix node, or ended by officials after the deadline, naming who did not mix'],
  ['V14.10', 'the partial decryptions are well-formed, after mixing, one per trustee'],
  ['V14.11', 'every partial decryption verifies (V10.01 – V10.05)'],
  ['V14.12', 'one result, after the k-th partial decryption'],
  ['V14.13', 'the result is well-formed and signed by the CEC (V14.13 – V14.15, V14.18)'],
  ['V14.16', 'its choices are whole and valid, and its counts are theirs (V14.16 – V14.17)'],
  ['V14.19', 'its choices are those the verifier decrypts itself'],
];

/** Checks of §14 reported together under one row of T15. */
const REPORTED_AS: Record<string, string> = {
  'V14.14': 'V14.13',
  'V14.15': 'V14.13',
  'V14.18': 'V14.13',
  'V14.17': 'V14.16',
};

/** Files the problem under the check its reason names (`V14.05 …`), or under `fallback`. */
function record(ledger: Ledger, v: Verification, fallback: string, where = ''): void {
  if (v.valid) {
    ledger.ran(fallback);
    return;
  }
  const named = /^(V14\.\d\d)/.exec(v.reason)?.[1];
  const id = named === undefined ? undefined : (REPORTED_AS[named] ?? named);
  const row = id !== undefined && TALLY_CATALOGUE.some(([c]) => c === id) ? id : fallback;
  ledger.fail(row, `${where}${v.reason}`);
}

export class TallyChecks {
  readonly #ledger: Ledger;
  readonly #board: BoardSource;
  readonly #pool: TaskRunner | undefined;
  readonly #manifest: Manifest;
  readonly #h: Uint8Array;
  #builder: MixInputBuilder;
  #mixInput: MixInput | undefined;
  #chain: MixChain | undefined;
  /** MixingDeadline of the board (Algorithm 14.2), or why it cannot be computed. */
  #deadline: { value: string } | { error: string } | undefined;
  #completedAt: number | undefined;
  readonly #partials: BoardEntry[] = [];
  #result: BoardEntry | undefined;
  #resultsSeen = 0;
  /** Shuffles checked by this reader in this run (not those of a kept state). */
  shufflesChecked = 0;

  constructor(ledger: Ledger, board: BoardSource, pool: TaskRunner | undefined, manifest: Manifest, h: Uint8Array) {
    this.#ledger = ledger;
    this.#board = board;
    this.#pool = pool;
    this.#manifest = manifest;
    this.#h = h;
    this.#builder = new MixInputBuilder(manifest.contests.length);
  }

  /** What these checks hold after the entries read so far, to resume from (§15.1). */
  snapshot(): TallyState {
    const b = this.#builder.snapshot();
    const mi = this.#mixInput;
    const chain = this.#chain;
    return {
      // once the mix input is recomputed the builder is done with: only its close is kept
      builder: mi === undefined ? b : { ...b, credentials: [], rows: new Uint8Array(0) },
      mixInput: mi === undefined ? null : { ...keptList(mi), turnout: mi.turnout, closedAt: mi.closedAt },
      chain:
        chain === undefined
          ? null
          : {
              current: chain.mixed.length === 0 ? null : keptList(chain.current),
              mixed: [...chain.mixed],
              completed: chain.completed,
            },
      deadline: this.#deadline ?? null,
      completedAt: this.#completedAt ?? null,
      partials: [...this.#partials],
      result: this.#result ?? null,
      resultsSeen: this.#resultsSeen,
    };
  }

  /** These checks where snapshot() left them; `electionKey` is the board's (the chain needs it). */
  resume(state: TallyState, electionKey: GroupElement | undefined): void {
    this.#builder = MixInputBuilder.resume(state.builder);
    const mi = state.mixInput;
    if (mi !== null) {
      this.#mixInput = {
        list: rowList(mi.bytes, mi.width),
        digest: mi.digest,
        turnout: mi.turnout,
        closedAt: mi.closedAt,
      };
      if (state.chain !== null && electionKey !== undefined) {
        const current = state.chain.current === null ? currentList(mi) : currentList(state.chain.current);
        this.#chain = MixChain.resume(
          this.#mixingContext(electionKey),
          current,
          state.chain.mixed,
          state.chain.completed,
        );
      }
    }
    if (state.deadline !== null) this.#deadline = state.deadline;
    if (state.completedAt !== null) this.#completedAt = state.completedAt;
    this.#partials.push(...state.partials);
    if (state.result !== null) this.#result = state.result;
    this.#resultsSeen = state.resultsSeen;
  }

  #mixingContext(electionKey: GroupElement): MixingContext {
    return {
      manifestHash: this.#h,
      mixNodeKeys: this.#manifest.mixNodes.map((m) => fromBase64Url(m.signingKey, 32)),
      electionKey,
    };
  }

  /** The `partial-decryption` entries read so far, in board order (a trustee looks for its own). */
  get partials(): readonly BoardEntry[] {
    return this.#partials;
  }

  /**
   * V14.01 for every attachment the entry refers to; returns the bytes of those that check, so
   * that the entry's own checks use exactly the bytes checked here, read once.
   */
  async #attachments(e: BoardEntry): Promise<Map<string, Uint8Array>> {
    const checked = new Map<string, Uint8Array>();
    for (const ref of attachmentRefsIn(e.payload)) {
      const name = toBase64Url(ref.id);
      const bytes = await this.#board.attachment(name, ref.bytes);
      const ok = this.#ledger.expect('V14.01', bytes !== null && isAttachment(ref, bytes), () =>
        bytes === null
          ? `entry ${e.seq}: attachment ${name} is missing`
          : `entry ${e.seq}: attachment ${name} is not the bytes it names`,
      );
      if (ok) checked.set(name, bytes!);
    }
    return checked;
  }

  /** The bytes of a checked attachment of the entry being read; V14.01 already reported the others. */
  static #fetchFrom(checked: Map<string, Uint8Array>): (ref: AttachmentRef) => Promise<Uint8Array> {
    return async (ref) => {
      const bytes = checked.get(toBase64Url(ref.id));
      if (bytes === undefined) throw new Error(`V14.01 attachment ${toBase64Url(ref.id)} is missing or wrong`);
      return bytes;
    };
  }

  /** The mix input recomputed from the board, once its entry has been read. */
  get mixInput(): MixInput | undefined {
    return this.#mixInput;
  }

  /** The mix chain as checked so far (its current list, the nodes that mixed), once mixing started. */
  get chain(): MixChain | undefined {
    return this.#chain;
  }

  /** Every entry, in board order, with the election key once it is known. */
  async entry(e: BoardEntry, electionKey: GroupElement | undefined): Promise<void> {
    const L = this.#ledger;
    if (!this.#builder.closed || e.type === 'voting-closed') {
      record(L, this.#builder.add({ seq: e.seq, type: e.type, payload: e.payload }), 'V14.02', `entry ${e.seq}: `);
    }
    const attachments = await this.#attachments(e);
    switch (e.type) {
      case 'mix-input': {
        const computed = this.#builder.finish();
        if (!computed.valid) {
          record(L, computed, 'V14.02');
          return;
        }
        this.#mixInput = computed.mixInput;
        this.#deadline = this.#mixingDeadline(e);
        L.summary('V14.03', `${computed.mixInput.list.count} ballots counted`);
        L.value('V14.03', 'L(e0)', toBase64Url(computed.mixInput.digest));
        record(L, checkMixInputPayload(e.payload, computed.mixInput), 'V14.03', `entry ${e.seq}: `);
        if (electionKey === undefined) {
          L.notRun('V14.05', 'no election key on the board');
          return;
        }
        const current: CurrentList = { list: computed.mixInput.list, digest: computed.mixInput.digest };
        this.#chain = new MixChain(this.#mixingContext(electionKey), current);
        return;
      }
      case 'mix-output': {
        if (this.#chain === undefined) {
          L.fail('V14.04', `entry ${e.seq}: a mix output without a mix input before it`);
          return;
        }
        let v: Verification;
        try {
          v = await this.#chain.addMixOutput(e.seq, e.payload, TallyChecks.#fetchFrom(attachments), this.#pool);
        } catch (err) {
          v = { valid: false, reason: err instanceof Error ? err.message : String(err) };
        }
        this.shufflesChecked++;
        record(L, v, /V11\./.test(v.valid ? '' : v.reason) ? 'V14.05' : 'V14.04');
        if (v.valid) {
          L.ran('V14.05');
          L.value(
            'V14.04',
            `L(e${this.#chain.mixed.length}) (entry ${e.seq})`,
            toBase64Url(this.#chain.current.digest),
          );
        }
        return;
      }
      case 'mixing-completed': {
        if (this.#chain === undefined) {
          L.fail('V14.06', `entry ${e.seq}: mixing completed without a mix input`);
          return;
        }
        const deadline = this.#deadline;
        if (deadline !== undefined && 'error' in deadline) {
          L.fail('V14.06', `entry ${e.seq}: ${deadline.error}`);
          return;
        }
        const timing = deadline && { time: e.time, deadline: deadline.value };
        record(L, this.#chain.checkCompleted(e.seq, e.payload, timing), 'V14.06');
        this.#completedAt = e.seq;
        this.#reportMixNodes(e.payload);
        L.value('V14.06', 'L (final list)', toBase64Url(this.#chain.current.digest));
        return;
      }
      case 'partial-decryption':
        L.expect(
          'V14.10',
          this.#completedAt !== undefined && this.#result === undefined,
          () => `entry ${e.seq}: not between mixing-completed and the result`,
        );
        this.#partials.push(e);
        return;
      case 'result':
        this.#resultsSeen++;
        L.expect('V14.12', this.#resultsSeen === 1, () => `entry ${e.seq}: a second result`);
        this.#result ??= e;
        return;
      default:
        return;
    }
  }

  /** Algorithm 14.2 from the `mix-input` entry's time; named among the values of V14.06. */
  #mixingDeadline(e: BoardEntry): { value: string } | { error: string } {
    try {
      const value = mixingDeadline(this.#manifest, e.time);
      this.#ledger.value('V14.06', 'D (mixing deadline)', value);
      return { value };
    } catch (err) {
      return { error: `V14.06 the mixing deadline: ${err instanceof Error ? err.message : String(err)}` };
    }
  }

  /** Which mix nodes of the manifest mixed and which did not (by 1-based position and name). */
  #reportMixNodes(completed: unknown): void {
    const nodes = this.#manifest.mixNodes;
    const mixed = this.#chain?.mixed ?? [];
    const left = notMixed(nodes.length, mixed);
    const named = (list: readonly number[]) => `ν = ${list.map((nu) => `${nu} (${nodes[nu]!.name})`).join(', ')}`;
    this.#ledger.value('V14.06', 'mixed (ν)', mixed.join(', ') || 'none');
    this.#ledger.value('V14.06', 'not mixed (ν)', left.join(', ') || 'none');
    const p = completed as { deadline?: unknown; reason?: unknown };
    if (this.#chain?.current.list.count === 0) this.#ledger.summary('V14.06', 'nothing to mix');
    else if (left.length === 0)
      this.#ledger.summary('V14.06', `mixed by all ${nodes.length} mix nodes, ${named(mixed)}`);
    else {
      this.#ledger.summary(
        'V14.06',
        `mixed by ${mixed.length} of the ${nodes.length} mix nodes, ${named(mixed)}; did not mix by the deadline ${String(p.deadline)}: ${named(left)}; the officials' reason: ${JSON.stringify(p.reason)}`,
      );
    }
  }

  /** After the whole board: the partial decryptions, then the result recomputed from them. */
  async finish(ceremony: CeremonyResult | undefined): Promise<void> {
    const L = this.#ledger;
    if (this.#mixInput === undefined) {
      for (const [id] of TALLY_CATALOGUE.slice(2)) L.notRun(id, 'voting has not closed: no mix input on the board');
      return;
    }
    const chain = this.#chain;
    if (chain === undefined || !chain.completed) {
      if (chain !== undefined && this.#completedAt === undefined) {
        const mixed = chain.mixed.join(', ') || 'none';
        L.summary(
          'V14.06',
          `mixing has not completed; mixed so far: ν = ${mixed} (of ${this.#manifest.mixNodes.length})`,
        );
      }
      for (const [id] of TALLY_CATALOGUE.slice(6)) L.notRun(id, 'mixing has not completed');
      return;
    }
    const k = this.#manifest.trustees.threshold;
    const final = chain.current;
    if (final.list.count === 0) {
      L.ran('V14.10');
      L.ran('V14.11');
    }
    if (ceremony === undefined) {
      for (const [id] of TALLY_CATALOGUE.slice(6))
        L.notRun(id, 'the key ceremony does not verify, so no verification keys');
      return;
    }
    const ctx = requireCeremonyContext(this.#manifest);
    const senders = new Set<number>();
    const verified: VerifiedShares[] = [];
    for (const e of this.#partials) {
      const sender = (e.payload as { sender?: unknown }).sender;
      if (
        !L.expect(
          'V14.10',
          typeof sender === 'number' && !senders.has(sender),
          () => `entry ${e.seq}: a second partial decryption of trustee ${String(sender)}`,
        )
      )
        continue;
      senders.add(sender as number);
      const ref = decryptionSharesReference(e.payload);
      const bytes = ref === null ? null : await this.#board.attachment(toBase64Url(ref.id), ref.bytes);
      if (!L.expect('V14.10', bytes !== null, () => `entry ${e.seq}: no decryption shares`)) continue;
      const rebuilt = partialDecryptionMessageOfEntry(e.payload, bytes!);
      if ('error' in rebuilt) {
        record(L, rebuilt.error, 'V14.10', `entry ${e.seq}: `);
        continue;
      }
      const checked = await verifyPartialDecryptionOfList(
        this.#pool,
        ctx,
        ceremony.verificationKeys,
        final.list,
        final.digest,
        rebuilt.message,
      );
      if ('error' in checked) {
        L.fail('V14.11', `entry ${e.seq}: ${checked.error.valid ? '' : checked.error.reason}`);
        continue;
      }
      L.ran('V14.11');
      verified.push(checked.verified);
    }
    L.summary('V14.11', `${verified.length} of ${this.#partials.length} partial decryptions verify`);
    L.value('V14.11', 'partial decryptions verified', verified.length);

    const result = this.#result;
    const due = final.list.count === 0 || this.#partials.length >= k;
    if (result === undefined) {
      // A board may end at any signed tree head (§12.8): one that ends after the k-th partial
      // decryption and before the result has not broken any rule yet.
      const why = due
        ? `the board ends before the result (${this.#partials.length} partial decryptions, k = ${k})`
        : 'no result on the board yet';
      if (!due) L.ran('V14.12'); // no result, and none due: nothing out of place
      for (const [id] of TALLY_CATALOGUE.slice(8)) L.notRun(id, why);
      return;
    }
    L.expect('V14.12', due, () => `entry ${result.seq}: a result before ${k} partial decryptions`);
    const firstK = this.#partials.slice(0, k);
    L.expect(
      'V14.12',
      firstK.every((p) => p.seq < result.seq),
      () => `entry ${result.seq}: a result before the k-th partial decryption`,
    );

    // V14.19: decrypt with k verified partial decryptions (any k give the same plaintexts)
    let choices: Uint8Array | undefined;
    if (final.list.count === 0) choices = new Uint8Array(0);
    else if (verified.length >= k) {
      const plaintexts = await combineDecryptionShares(this.#pool, final.list, final.digest, verified.slice(0, k), k);
      choices = choicesOfPlaintexts(this.#manifest, plaintexts);
    } else L.notRun('V14.19', `only ${verified.length} partial decryptions verify; ${k} are needed`);
    const ref = (result.payload as { choices?: unknown }).choices;
    const refs = attachmentRefsIn({ choices: ref });
    const published =
      refs[0] === undefined ? null : await this.#board.attachment(toBase64Url(refs[0].id), refs[0].bytes);
    const v = verifyResult(
      this.#manifest,
      this.#h,
      fromBase64Url(this.#manifest.authority.signingKey, 32),
      result.payload,
      published,
      {
        list: final.digest,
        rows: final.list.count,
        decryptedBy: firstK.map((p) => (p.payload as { sender: number }).sender),
        turnout: JSON.parse(JSON.stringify(this.#mixInput.turnout)),
        ...(choices === undefined ? {} : { choices }),
      },
    );
    record(L, v, 'V14.13', `entry ${result.seq}: `);
    if (v.valid) {
      L.ran('V14.16');
      if (choices !== undefined) L.ran('V14.19');
      L.summary('V14.19', `${final.list.count} ballots decrypted and recounted`);
      if (choices !== undefined) L.value('V14.19', 'decrypted choices (hex)', toHex(choices));
    }
  }
}
