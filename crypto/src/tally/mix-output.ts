// A mix node's output and its place on the board (docs/SPEC.md §14.3): the signed statement
//
//   MixOutputMessage = LP(h) || I2OSP(ν, 4) || CiphertextListDigest(e) || CiphertextListDigest(e')
//                      || AttachmentId(UTF8(JCS(proof)))
//
// signed with purpose `mix-output`, the `mix-output` and `mixing-completed` entries, and the
// checks of one mix-output against the current list (V14.04, V14.05) that the server runs on an
// upload and every reader of the board runs on the chain (./mix-chain.ts).
import * as z from 'zod';
import { type AttachmentRef, AttachmentRefSchema, attachmentId, encodeAttachmentRef } from '../attachment.ts';
import { isBoardTime } from '../board/entry.ts';
import { concatBytes, equalBytes, fromUtf8, lengthPrefixed, toBase64Url, u32be } from '../bytes.ts';
import type { GroupElement } from '../group.ts';
import type { TaskRunner } from '../parallel/task.ts';
import { invalid, VALID, type Verification } from '../result.ts';
import { decodeShuffleProof, SHUFFLE_PROOF_FIELDS } from '../shuffle/encoding.ts';
import { checkShuffleProof, type ShuffleProof, shuffleProofSizes } from '../shuffle/proof.ts';
import type { RowList } from '../shuffle/rows.ts';
import { sign, verifySignature } from '../signature.ts';
import { textSchema } from '../wire-schema.ts';
import { MAX_MIXING_END_REASON } from './mixing-deadline.ts';

const B64_32 = z.string().regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/, '32 bytes in base64url');
const B64_64 = z.string().regex(/^[A-Za-z0-9_-]{85}[AQgw]$/, '64 bytes in base64url');
const Index = z.int().min(0).max(15);

/** What the checks of a mix-output need about the election. */
export interface MixingContext {
  /** h (§7.2). */
  readonly manifestHash: Uint8Array;
  /** The manifest's mix nodes' Ed25519 keys, by 0-based index ν. */
  readonly mixNodeKeys: readonly Uint8Array[];
  /** Y. */
  readonly electionKey: GroupElement;
}

/** §14.3 the message a mix node signs (purpose `mix-output`). */
export function mixOutputMessage(
  manifestHash: Uint8Array,
  mixNode: number,
  input: Uint8Array,
  output: Uint8Array,
  proofId: Uint8Array,
): Uint8Array {
  return concatBytes(lengthPrefixed(manifestHash), u32be(mixNode), input, output, proofId);
}

export function signMixOutput(
  manifestHash: Uint8Array,
  mixNode: number,
  input: Uint8Array,
  output: Uint8Array,
  proofId: Uint8Array,
  secretKey: Uint8Array,
): Uint8Array {
  return sign('mix-output', mixOutputMessage(manifestHash, mixNode, input, output, proofId), secretKey);
}

/**
 * The proof's attachment: UTF8(JCS(proof)) in the JSON form of §11.7. The members' names are fixed
 * ASCII and their values base64url, so JCS is the members in sorted order with no escaping; the
 * bytes are written straight into one buffer (at 300,000 rows the JSON is 64 MB, and building it as
 * one string first would hold it twice). Equal to canonicalBytes(encodeShuffleProof(proof)).
 */
export function shuffleProofAttachment(proof: ShuffleProof): Uint8Array {
  const members = [...SHUFFLE_PROOF_FIELDS].sort().map((name) => [name, toBase64Url(proof[name])] as const);
  const size = 2 + members.reduce((sum, [name, value]) => sum + name.length + value.length + 6, 0) - 1;
  const out = new Uint8Array(size);
  const encoder = new TextEncoder();
  let at = 0;
  const put = (text: string) => {
    at += encoder.encodeInto(text, out.subarray(at)).written;
  };
  put('{');
  members.forEach(([name, value], i) => {
    put(`${i === 0 ? '' : ','}"${name}":"`);
    put(value);
    put('"');
  });
  put('}');
  if (at !== size) throw new Error('the proof attachment has an unexpected size');
  return out;
}

/**
 * Reads a proof attachment for N rows of width w: JSON of exactly the form of §11.7, in its
 * canonical form (V14.04), each member of its size (V11.02). Elements are decoded by the check.
 */
export function decodeShuffleProofAttachment(bytes: Uint8Array, count: number, width: number): ShuffleProof | string {
  let json: unknown;
  try {
    json = JSON.parse(fromUtf8(bytes));
  } catch {
    return 'V14.04 the proof attachment is not JSON';
  }
  let proof: ShuffleProof;
  try {
    proof = decodeShuffleProof(json, count, width);
  } catch (e) {
    if (e instanceof RangeError) return `V11.02 shuffle proof encoding: ${e.message}`;
    throw e;
  }
  if (!equalBytes(shuffleProofAttachment(proof), bytes)) return 'V14.04 the proof attachment is not in canonical form';
  return proof;
}

// --- the proof as bytes, for the upload (§14.6) ----------------------------------------------------

/** 160·N + 96·w + 192: the proof's fields concatenated in the order of §11.7. */
export function packedShuffleProofSize(count: number, width: number): number {
  const sizes = shuffleProofSizes(count, width);
  return SHUFFLE_PROOF_FIELDS.reduce((sum, f) => sum + sizes[f], 0);
}

export function packShuffleProof(proof: ShuffleProof): Uint8Array {
  return concatBytes(...shuffleProofParts(proof));
}

/** The packed proof as its thirteen fields, to be sent one after the other without a copy. */
export function shuffleProofParts(proof: ShuffleProof): Uint8Array[] {
  return SHUFFLE_PROOF_FIELDS.map((f) => proof[f]);
}

/** The fields of a packed proof (views into `bytes`); throws RangeError on a wrong size. */
export function unpackShuffleProof(bytes: Uint8Array, count: number, width: number): ShuffleProof {
  const sizes = shuffleProofSizes(count, width);
  if (bytes.length !== packedShuffleProofSize(count, width)) {
    throw new RangeError(
      `a proof for ${count} rows of width ${width} has ${packedShuffleProofSize(count, width)} bytes`,
    );
  }
  const out: Partial<Record<keyof ShuffleProof, Uint8Array>> = {};
  let at = 0;
  for (const f of SHUFFLE_PROOF_FIELDS) {
    out[f] = bytes.subarray(at, at + sizes[f]);
    at += sizes[f];
  }
  return out as ShuffleProof;
}

// --- entries ---------------------------------------------------------------------------------------

export const MixOutputPayloadSchema = z.strictObject({
  mixNode: Index,
  input: B64_32,
  output: B64_32,
  rows: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
  width: z.int().min(1).max(32),
  data: AttachmentRefSchema,
  proof: AttachmentRefSchema,
  signature: B64_64,
});

export type MixOutputPayload = z.infer<typeof MixOutputPayloadSchema>;

export interface MixOutput {
  readonly mixNode: number;
  readonly input: Uint8Array;
  readonly output: Uint8Array;
  readonly rows: number;
  readonly width: number;
  readonly data: AttachmentRef;
  readonly proof: AttachmentRef;
  readonly signature: Uint8Array;
}

export function mixOutputPayload(m: MixOutput): MixOutputPayload {
  return {
    mixNode: m.mixNode,
    input: toBase64Url(m.input),
    output: toBase64Url(m.output),
    rows: m.rows,
    width: m.width,
    data: encodeAttachmentRef(m.data),
    proof: encodeAttachmentRef(m.proof),
    signature: toBase64Url(m.signature),
  };
}

/**
 * `mixing-completed` (§14.3): the list L the trustees decrypt and the nodes that mixed, in board
 * order; when officials ended the mixing before every node mixed, also the deadline they waited
 * for (Algorithm 14.2), the manifest's nodes that did not mix by then, increasing, and their reason.
 */
export const MixingCompletedPayloadSchema = z.union([
  z.strictObject({ list: B64_32, mixNodes: z.array(Index).max(16) }),
  z.strictObject({
    list: B64_32,
    mixNodes: z.array(Index).max(16),
    deadline: z.string().refine(isBoardTime, 'a board time (§12.1)'),
    notMixed: z.array(Index).min(1).max(14),
    reason: textSchema(MAX_MIXING_END_REASON),
  }),
]);

export type MixingCompletedPayload = z.infer<typeof MixingCompletedPayloadSchema>;

// --- the checks of one shuffle on the board ----------------------------------------------------------

/** One mix node's shuffle as a reader has it: the lists and the proof, decoded from their bytes. */
export interface MixStep {
  readonly mixNode: number;
  readonly input: RowList;
  readonly output: RowList;
  /** CiphertextListDigest of each list (Algorithm 10.1), computed by the caller from the bytes. */
  readonly inputDigest: Uint8Array;
  readonly outputDigest: Uint8Array;
  readonly proof: ShuffleProof;
  /** AttachmentId of the proof's bytes UTF8(JCS(proof)). */
  readonly proofId: Uint8Array;
  readonly signature: Uint8Array;
}

/**
 * V14.04 (the node, the sizes and the signature) and V14.05 (CheckShuffleProof, Algorithm 11.6, on
 * the pool if any) for one shuffle of the current list. Never throws on bad input.
 */
export async function checkMixStep(ctx: MixingContext, step: MixStep, pool?: TaskRunner): Promise<Verification> {
  const node = ctx.mixNodeKeys[step.mixNode];
  if (!Number.isInteger(step.mixNode) || node === undefined) {
    return invalid(`V14.04 mix node ${step.mixNode} is not in the manifest`);
  }
  const { input, output } = step;
  if (output.count !== input.count || output.width !== input.width) {
    return invalid(
      `V14.04 mix node ${step.mixNode}: ${output.count} rows of width ${output.width} out, ${input.count} of width ${input.width} in`,
    );
  }
  const message = mixOutputMessage(ctx.manifestHash, step.mixNode, step.inputDigest, step.outputDigest, step.proofId);
  if (!verifySignature('mix-output', message, step.signature, node)) {
    return invalid(`V14.04 the signature of mix node ${step.mixNode} does not verify`);
  }
  const v = await checkShuffleProof(
    {
      manifestHash: ctx.manifestHash,
      mixNode: { index: step.mixNode, publicKey: node },
      electionKey: ctx.electionKey,
      input,
      output,
    },
    step.proof,
    pool,
  );
  return v.valid ? VALID : invalid(`V14.05 shuffle of mix node ${step.mixNode}: ${v.reason}`);
}

/** AttachmentId of the proof bytes, re-exported for callers that hold a decoded proof. */
export function shuffleProofId(proof: ShuffleProof): Uint8Array {
  return attachmentId(shuffleProofAttachment(proof));
}
