// The mix chain on the board (docs/SPEC.md §14.3): the mix input e^(0), then each `mix-output`
// entry shuffles the current list into the next, and `mixing-completed` names the last. A mix node
// checks the chain before it mixes, a trustee before it decrypts, the verifier always
// (V14.04 – V14.06). The entries are read in board order; their attachments are fetched through
// a function the caller gives (HTTP for a mix node, files for the verifier) and checked here
// against their references (V14.01) before anything else is done with them.
import { type AttachmentRef, attachmentId, decodeAttachmentRef } from '../attachment.ts';
import { equalBytes, fromBase64Url, toBase64Url } from '../bytes.ts';
import type { TaskRunner } from '../parallel/task.ts';
import { invalid, VALID, type Verification } from '../result.ts';
import { CIPHERTEXT_SIZE, type RowList, rowList } from '../shuffle/rows.ts';
import { rowListDigest } from './list-digest.ts';
import {
  checkMixStep,
  decodeShuffleProofAttachment,
  type MixingCompletedPayload,
  MixingCompletedPayloadSchema,
  type MixingContext,
  MixOutputPayloadSchema,
} from './mix-output.ts';

/** Gives the bytes of an attachment (they are checked against the reference by the caller of it). */
export type FetchAttachment = (ref: AttachmentRef) => Promise<Uint8Array>;

/** A list as the chain holds it: its rows and its digest L. */
export interface CurrentList {
  readonly list: RowList;
  readonly digest: Uint8Array;
}

/** Reads an attachment and checks it is the one referred to (V14.01). */
export async function fetchChecked(
  fetch: FetchAttachment,
  ref: AttachmentRef,
  what: string,
): Promise<Uint8Array | string> {
  const bytes = await fetch(ref);
  if (bytes.length !== ref.bytes) return `V14.01 ${what}: ${bytes.length} bytes, the entry says ${ref.bytes}`;
  if (!equalBytes(attachmentId(bytes), ref.id)) return `V14.01 ${what}: its digest is not the attachment id`;
  return bytes;
}

export class MixChain {
  readonly #ctx: MixingContext;
  #current: CurrentList;
  readonly #mixed: number[] = [];
  #completed = false;

  /** Starts from the mix input e^(0) (recomputed by Algorithm 14.1, or read and checked by the caller). */
  constructor(ctx: MixingContext, mixInput: CurrentList) {
    this.#ctx = ctx;
    this.#current = mixInput;
  }

  /**
   * A chain checked before, resumed where it stood (docs/SPEC.md §15.1): its current list, the
   * nodes that mixed, in board order, and whether `mixing-completed` was read.
   */
  static resume(ctx: MixingContext, current: CurrentList, mixed: readonly number[], completed: boolean): MixChain {
    const chain = new MixChain(ctx, current);
    chain.#mixed.push(...mixed);
    chain.#completed = completed;
    return chain;
  }

  /** The list the next mix node shuffles (after completion: the list the trustees decrypt). */
  get current(): CurrentList {
    return this.#current;
  }

  /** The mix nodes whose shuffle is on the board, in board order. */
  get mixed(): readonly number[] {
    return this.#mixed;
  }

  get completed(): boolean {
    return this.#completed;
  }

  /**
   * V14.04 – V14.05 for the next `mix-output` entry: by a mix node of the manifest that has not
   * mixed, of the current list, with its attachments, its signature and its shuffle proof. On
   * success its output becomes the current list.
   */
  async addMixOutput(seq: number, payload: unknown, fetch: FetchAttachment, pool?: TaskRunner): Promise<Verification> {
    const at = `mix-output entry ${seq}`;
    const parsed = MixOutputPayloadSchema.safeParse(payload);
    if (!parsed.success) return invalid(`V14.04 ${at} is malformed`);
    const p = parsed.data;
    if (this.#completed) return invalid(`V14.04 ${at} comes after mixing-completed`);
    if (p.mixNode >= this.#ctx.mixNodeKeys.length)
      return invalid(`V14.04 ${at}: mix node ${p.mixNode} is not in the manifest`);
    if (this.#mixed.includes(p.mixNode)) return invalid(`V14.04 ${at}: mix node ${p.mixNode} has mixed before`);
    const { list: input, digest: inputDigest } = this.#current;
    if (input.count === 0) return invalid(`V14.04 ${at}: there is nothing to mix`);
    if (!equalBytes(fromBase64Url(p.input, 32), inputDigest))
      return invalid(`V14.04 ${at}: its input is not the current list`);
    if (p.rows !== input.count || p.width !== input.width) {
      return invalid(
        `V14.04 ${at}: ${p.rows} rows of width ${p.width}; the current list has ${input.count} of width ${input.width}`,
      );
    }
    const dataRef = decodeAttachmentRef(p.data);
    if (dataRef.bytes !== p.rows * p.width * CIPHERTEXT_SIZE)
      return invalid(`V14.04 ${at}: its data has the wrong size`);
    const data = await fetchChecked(fetch, dataRef, `${at}, data`);
    if (typeof data === 'string') return invalid(data);
    const output = rowList(data, p.width);
    const outputDigest = rowListDigest(output);
    if (!equalBytes(outputDigest, fromBase64Url(p.output, 32)))
      return invalid(`V14.04 ${at}: its data is not the list it names`);
    const proofRef = decodeAttachmentRef(p.proof);
    const proofBytes = await fetchChecked(fetch, proofRef, `${at}, proof`);
    if (typeof proofBytes === 'string') return invalid(proofBytes);
    const proof = decodeShuffleProofAttachment(proofBytes, p.rows, p.width);
    if (typeof proof === 'string') return invalid(`${at}: ${proof}`);
    const v = await checkMixStep(
      this.#ctx,
      {
        mixNode: p.mixNode,
        input,
        output,
        inputDigest,
        outputDigest,
        proof,
        proofId: proofRef.id,
        signature: fromBase64Url(p.signature, 64),
      },
      pool,
    );
    if (!v.valid) return invalid(`${at}: ${v.reason}`);
    this.#mixed.push(p.mixNode);
    this.#current = { list: output, digest: outputDigest };
    return VALID;
  }

  /**
   * V14.06 the `mixing-completed` entry: it names the current list and the nodes that mixed, in
   * board order; and either every mix node of the manifest mixed (or the mix input is empty and
   * nobody mixed), or officials ended the mixing: at least two mixed, the entry names the others
   * (`notMixed`), gives a reason and the deadline of Algorithm 14.2, and was appended at or after it.
   * The deadline is checked when `timing` is given (a reader that acts on the final list — the
   * verifier, a trustee — always gives it).
   */
  checkCompleted(seq: number, payload: unknown, timing?: CompletionTiming): Verification {
    const at = `mixing-completed entry ${seq}`;
    const parsed = MixingCompletedPayloadSchema.safeParse(payload);
    if (!parsed.success) return invalid(`V14.06 ${at} is malformed`);
    if (this.#completed) return invalid(`V14.06 ${at}: mixing completed twice`);
    const p = parsed.data;
    if (!equalBytes(fromBase64Url(p.list, 32), this.#current.digest)) return invalid(`V14.06 ${at} names another list`);
    if (JSON.stringify(p.mixNodes) !== JSON.stringify(this.#mixed)) {
      return invalid(
        `V14.06 ${at} names mix nodes ${p.mixNodes.join(', ') || 'none'}; ${this.#mixed.join(', ') || 'none'} mixed`,
      );
    }
    const all = this.#ctx.mixNodeKeys.length;
    const everyone = this.#current.list.count === 0 || this.#mixed.length === all;
    if (!('reason' in p)) {
      if (!everyone) {
        return invalid(
          `V14.06 ${at}: only ${this.#mixed.length} of the ${all} mix nodes mixed, and it gives no reason and deadline`,
        );
      }
    } else {
      if (everyone) return invalid(`V14.06 ${at}: ended by officials, but no mix node was left out`);
      if (this.#mixed.length < 2) return invalid(`V14.06 ${at}: only ${this.#mixed.length} mix node(s) mixed`);
      const left = notMixed(all, this.#mixed);
      if (JSON.stringify(p.notMixed) !== JSON.stringify(left)) {
        return invalid(
          `V14.06 ${at} names mix nodes ${p.notMixed.join(', ')} as not mixed; ${left.join(', ')} did not mix`,
        );
      }
      if (timing !== undefined) {
        if (p.deadline !== timing.deadline) {
          return invalid(`V14.06 ${at} states the deadline ${p.deadline}; Algorithm 14.2 gives ${timing.deadline}`);
        }
        if (timing.time < timing.deadline) {
          return invalid(
            `V14.06 ${at}: officials ended the mixing at ${timing.time}, before the deadline ${timing.deadline}`,
          );
        }
      }
    }
    this.#completed = true;
    return VALID;
  }
}

/** When a `mixing-completed` entry was appended, and the election's mixing deadline. */
export interface CompletionTiming {
  /** The entry's `time` (§12.1). */
  readonly time: string;
  /** MixingDeadline(manifest, time of the `mix-input` entry) (Algorithm 14.2). */
  readonly deadline: string;
}

/** The mix nodes of a manifest of `count` nodes that are not in `mixed`, increasing. */
export function notMixed(count: number, mixed: readonly number[]): number[] {
  return Array.from({ length: count }, (_, i) => i).filter((i) => !mixed.includes(i));
}

/** The payload of `mixing-completed`: the digest L of the last list and the nodes that mixed. */
export function mixingCompletedPayload(list: Uint8Array, mixed: readonly number[]): MixingCompletedPayload {
  return { list: toBase64Url(list), mixNodes: [...mixed] };
}

/**
 * The payload of `mixing-completed` when officials end the mixing after the deadline with the
 * outputs accepted so far: it names the nodes left out and the officials' reason (§14.3).
 */
export function mixingEndedPayload(
  list: Uint8Array,
  mixed: readonly number[],
  mixNodeCount: number,
  deadline: string,
  reason: string,
): MixingCompletedPayload {
  return { list: toBase64Url(list), mixNodes: [...mixed], deadline, notMixed: notMixed(mixNodeCount, mixed), reason };
}
