// Mixing (docs/SPEC.md §14.3): the mix nodes of the manifest each shuffle the current list, one
// accepted output at a time. The server accepts an output only after checking everything a reader
// of the board will check (V14.04, V14.05: the node, the input, the sizes, the signature and the
// shuffle proof, on worker threads); then, in one transaction with the election locked, it stores
// the output list and the proof as attachments and appends the `mix-output` entry — and
// `mixing-completed` when every mix node has mixed. From the mixing deadline the manifest fixes
// (Algorithm 14.2) officials may end the mixing, giving a reason, once at least two outputs are
// accepted; the entry then names the nodes left out. A refused upload leaves nothing behind.
import { type AttachmentRefJson, attachmentId, decodeAttachmentRef } from '@evotare/crypto/attachment';
import { encodeSignedTreeHead, type SignedTreeHeadJson } from '@evotare/crypto/board/tree-head';
import { equalBytes, fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { GroupElement } from '@evotare/crypto/group';
import type { Manifest } from '@evotare/crypto/manifest';
import { type RowList, rowList } from '@evotare/crypto/shuffle/rows';
import { rowListDigest } from '@evotare/crypto/tally/list-digest';
import { mixingCompletedPayload, mixingEndedPayload, notMixed } from '@evotare/crypto/tally/mix-chain';
import { type MixInputPayload, MixInputPayloadSchema } from '@evotare/crypto/tally/mix-input';
import {
  checkMixStep,
  type MixingCompletedPayload,
  type MixingContext,
  type MixOutputPayload,
  MixOutputPayloadSchema,
  mixOutputPayload,
  shuffleProofAttachment,
  unpackShuffleProof,
} from '@evotare/crypto/tally/mix-output';
import type { MixUploadHeader } from '@evotare/crypto/tally/mix-upload';
import { mixingDeadline } from '@evotare/crypto/tally/mixing-deadline';
import type { Kysely } from 'kysely';
import { storeAttachment } from '../attachments/store.ts';
import { recordOfficialAction } from '../audit.ts';
import type { BoardBatch } from '../board/writer.ts';
import type { Database, ElectionState } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { addressableElection } from '../elections/elections.ts';
import { type Refusal, wrongState } from '../refusal.ts';
import { err, ok, type Result } from '../result.ts';
import { loadList, rememberList } from './current-list.ts';
import { prepareMixInput } from './mix-input.ts';

/** The tally's entries so far, parsed (they were written by this server, from checked values). */
export interface MixingEntries {
  readonly mixInput: { readonly seq: number; readonly time: string; readonly payload: MixInputPayload } | null;
  readonly outputs: ReadonlyArray<{ readonly seq: number; readonly payload: MixOutputPayload }>;
  readonly completed: { readonly seq: number; readonly payload: MixingCompletedPayload } | null;
}

export async function readMixingEntries(db: Kysely<Database>, electionId: string): Promise<MixingEntries> {
  const rows = await db
    .selectFrom('board_entry')
    .select(['seq', 'type', 'time', 'payload'])
    .where('election_id', '=', electionId)
    .where('type', 'in', ['mix-input', 'mix-output', 'mixing-completed'])
    .orderBy('seq')
    .execute();
  let mixInput: MixingEntries['mixInput'] = null;
  let completed: MixingEntries['completed'] = null;
  const outputs: { seq: number; payload: MixOutputPayload }[] = [];
  for (const r of rows) {
    const payload = JSON.parse(r.payload);
    if (r.type === 'mix-input') mixInput = { seq: r.seq, time: r.time, payload: MixInputPayloadSchema.parse(payload) };
    else if (r.type === 'mix-output') outputs.push({ seq: r.seq, payload: MixOutputPayloadSchema.parse(payload) });
    else completed = { seq: r.seq, payload: payload as MixingCompletedPayload };
  }
  return { mixInput, outputs, completed };
}

/** Where the chain stands: the current list's digest, size and data, and who has mixed. */
export interface ChainPosition {
  readonly list: string;
  readonly rows: number;
  readonly width: number;
  readonly data: AttachmentRefJson | null;
  /** The entry that made it current (the mix input or the last accepted output). */
  readonly seq: number;
  readonly mixed: readonly number[];
}

export function chainPosition(entries: MixingEntries): ChainPosition | null {
  const mi = entries.mixInput;
  if (mi === null) return null;
  const last = entries.outputs.at(-1);
  const mixed = entries.outputs.map((o) => o.payload.mixNode);
  if (last === undefined) {
    const p = mi.payload;
    return { list: p.list, rows: p.rows, width: p.width, data: p.data ?? null, seq: mi.seq, mixed };
  }
  const p = last.payload;
  return { list: p.output, rows: p.rows, width: p.width, data: p.data, seq: last.seq, mixed };
}

export interface MixingStatus {
  readonly state: ElectionState;
  /** Seconds the mix nodes have (the manifest's `mixingPeriod`). */
  readonly mixingPeriod: number | null;
  /** From when officials may end the mixing without every node (Algorithm 14.2), once there is a mix input. */
  readonly deadline: string | null;
  readonly mixNodes: ReadonlyArray<{ index: number; name: string; signingKey: string; mixed: boolean }>;
  readonly mixInput: ({ seq: number } & MixInputPayload) | null;
  readonly current: ChainPosition | null;
  readonly outputs: ReadonlyArray<{ seq: number } & MixOutputPayload>;
  readonly completed: ({ seq: number } & MixingCompletedPayload) | null;
}

/** The mixing as anyone may see it; a closed election without a mix input gets one first. */
export async function mixingStatus(deps: Deps, electionId: string): Promise<Result<MixingStatus, Refusal>> {
  const found = await addressableElection(deps, electionId);
  if (!found.ok) return found;
  let row = found.value;
  if (row.state === 'closed') {
    const prepared = await prepareMixInput(deps, electionId);
    if (!prepared.ok) return prepared;
    row = { ...row, state: prepared.value };
  }
  const entries = await readMixingEntries(deps.db, electionId);
  const position = chainPosition(entries);
  const manifest = row.manifest === null ? null : (JSON.parse(row.manifest) as Manifest);
  return ok({
    state: row.state,
    mixingPeriod: manifest?.mixingPeriod ?? null,
    deadline: manifest && entries.mixInput && mixingDeadline(manifest, entries.mixInput.time),
    mixNodes: (manifest?.mixNodes ?? []).map((m, index) => ({
      index,
      name: m.name,
      signingKey: m.signingKey,
      mixed: position?.mixed.includes(index) ?? false,
    })),
    mixInput: entries.mixInput && { seq: entries.mixInput.seq, ...entries.mixInput.payload },
    current: position,
    outputs: entries.outputs.map((o) => ({ seq: o.seq, ...o.payload })),
    completed: entries.completed && { seq: entries.completed.seq, ...entries.completed.payload },
  });
}

// --- uploads ---------------------------------------------------------------------------------------

/** Uploads of one election are checked one at a time (each holds lists of up to tens of MB). */
const queues = new WeakMap<Kysely<Database>, Map<string, Promise<unknown>>>();

export async function oneUploadAtATime<T>(deps: Deps, electionId: string, work: () => Promise<T>): Promise<T> {
  let byElection = queues.get(deps.db);
  if (!byElection) {
    byElection = new Map();
    queues.set(deps.db, byElection);
  }
  const before = byElection.get(electionId) ?? Promise.resolve();
  const run = before.then(work, work);
  const tail = run.catch(() => {});
  byElection.set(electionId, tail);
  try {
    return await run;
  } finally {
    if (byElection.get(electionId) === tail) byElection.delete(electionId);
  }
}

/** What an upload shuffles, once its header is found acceptable. */
export interface UploadTarget {
  readonly manifest: Manifest;
  readonly manifestHash: Uint8Array;
  readonly electionKey: GroupElement;
  readonly mixNode: number;
  readonly input: ChainPosition;
}

/**
 * The checks that need only the header, before the server reads tens of megabytes: the election
 * is mixing, the node is one of the manifest's and has not mixed, its input is the current list.
 */
export async function checkUploadHeader(
  deps: Deps,
  electionId: string,
  header: MixUploadHeader,
): Promise<Result<UploadTarget, Refusal>> {
  const row = await deps.db
    .selectFrom('election')
    .select(['state', 'manifest', 'manifest_hash', 'election_key'])
    .where('id', '=', electionId)
    .executeTakeFirst();
  if (!row || row.state === 'draft') return err({ kind: 'election-not-found' });
  if (row.state !== 'mixing') return err(wrongState(row.state, ['mixing']));
  const manifest = JSON.parse(row.manifest!) as Manifest;
  const position = chainPosition(await readMixingEntries(deps.db, electionId));
  if (position === null) return err(wrongState('closed', ['mixing']));
  if (header.mixNode >= manifest.mixNodes.length) {
    return err({ kind: 'mix-output-invalid', detail: `V14.04 mix node ${header.mixNode} is not in the manifest` });
  }
  if (position.mixed.includes(header.mixNode)) {
    return err({ kind: 'already-mixed', detail: `mix node ${header.mixNode} has an accepted output on the board` });
  }
  if (header.input !== position.list) {
    return err({
      kind: 'mix-input-changed',
      detail: `the current list is ${position.list} (entry ${position.seq}), not ${header.input}`,
    });
  }
  return ok({
    manifest,
    manifestHash: new Uint8Array(row.manifest_hash!),
    electionKey: GroupElement.decodeNonIdentity(new Uint8Array(row.election_key!)),
    mixNode: header.mixNode,
    input: position,
  });
}

export interface AcceptedMixOutput {
  readonly position: number;
  readonly entryHash: string;
  readonly treeHead: SignedTreeHeadJson | null;
  /** Whether this output completed the mixing (every mix node has mixed). */
  readonly completed: boolean;
}

/**
 * Verifies an upload whose header passed checkUploadHeader — `output` is List(e'), `packedProof`
 * the proof's fields — and appends it. Nothing is stored unless every check passes.
 */
export async function acceptMixOutput(
  deps: Deps,
  electionId: string,
  target: UploadTarget,
  header: MixUploadHeader,
  output: Uint8Array,
  packedProof: Uint8Array,
): Promise<Result<AcceptedMixOutput, Refusal>> {
  const { input: position } = target;
  const invalidOutput = (detail: string) => err<Refusal>({ kind: 'mix-output-invalid', detail });
  if (position.data === null) return invalidOutput('there is nothing to mix');
  const input = await loadList(
    deps.db,
    electionId,
    fromBase64Url(position.list, 32),
    decodeAttachmentRef(position.data).id,
    position.width,
  );
  let outputList: RowList;
  let proofJson: Uint8Array;
  let proof: ReturnType<typeof unpackShuffleProof>;
  try {
    outputList = rowList(output, position.width);
    proof = unpackShuffleProof(packedProof, position.rows, position.width);
    proofJson = shuffleProofAttachment(proof);
  } catch (e) {
    if (e instanceof RangeError) return invalidOutput(`V14.04 ${e.message}`);
    throw e;
  }
  const outputDigest = rowListDigest(outputList);
  if (!equalBytes(outputDigest, fromBase64Url(header.output, 32))) {
    return invalidOutput('V14.04 the output list is not the one the header names');
  }
  const proofId = attachmentId(proofJson);
  if (!equalBytes(proofId, fromBase64Url(header.proof, 32))) {
    return invalidOutput('V14.04 the proof is not the one the header names');
  }
  const ctx: MixingContext = {
    manifestHash: target.manifestHash,
    mixNodeKeys: target.manifest.mixNodes.map((m) => fromBase64Url(m.signingKey, 32)),
    electionKey: target.electionKey,
  };
  const started = performance.now();
  const verified = await checkMixStep(
    ctx,
    {
      mixNode: target.mixNode,
      input: input.list,
      output: outputList,
      inputDigest: input.digest,
      outputDigest,
      proof,
      proofId,
      signature: fromBase64Url(header.signature, 64),
    },
    deps.workers,
  );
  deps.log.info('mix output checked', {
    election: electionId,
    mixNode: target.mixNode,
    rows: position.rows,
    valid: verified.valid,
    ms: Math.round(performance.now() - started),
  });
  if (!verified.valid) return invalidOutput(verified.reason);

  const committed = await deps.writer.submit(
    electionId,
    async (batch): Promise<Result<{ position: number; hash: Uint8Array; completed: boolean }, Refusal>> => {
      const e = batch.election;
      if (e === null) return err({ kind: 'election-not-found' });
      if (e.state !== 'mixing') return err(wrongState(e.state, ['mixing']));
      // With the election locked: still the current list, and the node still has not mixed.
      const now = chainPosition(await readMixingEntries(batch.tx, electionId));
      if (now === null || now.list !== position.list) {
        return err({ kind: 'mix-input-changed', detail: 'another output was accepted meanwhile' });
      }
      if (now.mixed.includes(target.mixNode)) {
        return err({ kind: 'already-mixed', detail: `mix node ${target.mixNode} has an accepted output on the board` });
      }
      const data = await storeAttachment(batch.tx, electionId, output);
      const proofRef = await storeAttachment(batch.tx, electionId, proofJson);
      const entry = batch.append(
        'mix-output',
        mixOutputPayload({
          mixNode: target.mixNode,
          input: input.digest,
          output: outputDigest,
          rows: position.rows,
          width: position.width,
          data,
          proof: proofRef,
          signature: fromBase64Url(header.signature, 64),
        }),
      );
      const mixed = [...now.mixed, target.mixNode];
      const completed = mixed.length === target.manifest.mixNodes.length;
      if (completed) await complete(batch, electionId, mixingCompletedPayload(outputDigest, mixed));
      return ok({ position: entry.seq, hash: entry.hash, completed });
    },
  );
  if (!committed.value.ok) return committed.value;
  rememberList(deps.db, electionId, { list: outputList, digest: outputDigest });
  const { position: seq, hash, completed } = committed.value.value;
  return ok({
    position: seq,
    entryHash: toBase64Url(hash),
    treeHead: committed.treeHead && encodeSignedTreeHead(committed.treeHead),
    completed,
  });
}

/** Appends `mixing-completed` and moves the election on to decryption. */
async function complete(batch: BoardBatch, electionId: string, payload: MixingCompletedPayload): Promise<number> {
  const { seq } = batch.append('mixing-completed', payload);
  await batch.tx
    .updateTable('election')
    .set({ state: 'decrypting', updated_at: new Date() })
    .where('id', '=', electionId)
    .execute();
  return seq;
}

export interface EndedMixing {
  readonly state: ElectionState;
  readonly position: number;
  readonly list: string;
  readonly mixNodes: number[];
  readonly notMixed: number[];
  readonly deadline: string;
  readonly reason: string;
}

/**
 * Officials end the mixing with the outputs accepted so far (§14.3): only from the mixing deadline
 * (Algorithm 14.2), with at least two outputs, and with a reason; `mixing-completed` names the nodes
 * left out and the reason.
 */
export async function endMixing(
  deps: Deps,
  electionId: string,
  official: string,
  reason: string,
): Promise<Result<EndedMixing, Refusal>> {
  const { value } = await deps.writer.submit(electionId, async (batch): Promise<Result<EndedMixing, Refusal>> => {
    const e = batch.election;
    if (e === null) return err({ kind: 'election-not-found' });
    if (e.state !== 'mixing') return err(wrongState(e.state, ['mixing']));
    const entries = await readMixingEntries(batch.tx, electionId);
    const position = chainPosition(entries);
    if (entries.mixInput === null || position === null) return err(wrongState('closed', ['mixing']));
    const manifest = JSON.parse(e.manifest!) as Manifest;
    const deadline = mixingDeadline(manifest, entries.mixInput.time);
    // Every entry of this batch gets a time at or after `now` (§12.1), so the entry is not before D.
    if (batch.now.toISOString() < deadline) {
      const waiting = notMixed(manifest.mixNodes.length, position.mixed);
      return err({
        kind: 'mixing-deadline-not-reached',
        detail: `the mix nodes have until ${deadline} (the manifest's mixingPeriod of ${manifest.mixingPeriod} s after the mix input or the window's close); ${waiting.join(', ')} may still mix`,
        deadline,
      });
    }
    if (position.mixed.length < 2) {
      return err({
        kind: 'mixing-incomplete',
        detail: `${position.mixed.length} mix node(s) have mixed; at least two must`,
      });
    }
    const payload = mixingEndedPayload(
      fromBase64Url(position.list, 32),
      position.mixed,
      manifest.mixNodes.length,
      deadline,
      reason,
    );
    const seq = await complete(batch, electionId, payload);
    await recordOfficialAction(batch.tx, official, 'election.end-mixing', electionId, {
      mixNodes: position.mixed,
      reason,
    });
    return ok({
      state: 'decrypting',
      position: seq,
      list: position.list,
      mixNodes: [...position.mixed],
      notMixed: notMixed(manifest.mixNodes.length, position.mixed),
      deadline,
      reason,
    });
  });
  return value;
}
