// The mix-node program (`evotare mix run`, docs/SPEC.md §14.3): a separate process that talks to
// the server over HTTP only and trusts nothing it has not checked. It
//   1. opens its Ed25519 key (a passphrase-protected secret file) and finds itself in the manifest;
//   2. waits until the mix input is published (voting closed) if it is early;
//   3. reads the whole board, checking the hash chain and the signed tree head, recomputes the mix
//      input by Algorithm 14.1 and compares it with the `mix-input` entry and its attachment, and
//      checks every earlier shuffle — signature and proof (V14.01 – V14.05);
//   4. shuffles the current list and proves it on all cores (crypto/src/parallel), signs, uploads;
//   5. if another node's output was accepted meanwhile, reads the new entries and starts again from
//      the new current list.
// It imports only crypto/ and the CLI's HTTP client, never the server's internals.
import { readFileSync } from 'node:fs';
import { type AttachmentRef, decodeAttachmentRef } from '@evotare/crypto/attachment';
import type { BoardEntry } from '@evotare/crypto/board/entry';
import { equalBytes, fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { GroupElement } from '@evotare/crypto/group';
import { type Manifest, ManifestSchema, manifestHash } from '@evotare/crypto/manifest';
import { WorkerPool } from '@evotare/crypto/parallel/pool';
import { openSecret, SecretFileError } from '@evotare/crypto/secret-file';
import { genShuffleProof } from '@evotare/crypto/shuffle/proof';
import { genShuffle } from '@evotare/crypto/shuffle/shuffle';
import { signingPublicKey } from '@evotare/crypto/signature';
import { rowListDigest } from '@evotare/crypto/tally/list-digest';
import { MixChain } from '@evotare/crypto/tally/mix-chain';
import { checkMixInputPayload, type MixInput, MixInputBuilder } from '@evotare/crypto/tally/mix-input';
import { shuffleProofId, shuffleProofParts, signMixOutput } from '@evotare/crypto/tally/mix-output';
import { MIX_UPLOAD_MEDIA_TYPE, mixUploadParts } from '@evotare/crypto/tally/mix-upload';
import { type Localized, LocalizedError, verbatim } from '@evotare/verifier/i18n';
import { BoardCheckError, BoardFollower } from '@evotare/verifier/remote/board-follower';
import { type ApiClient, ApiError } from '@evotare/verifier/remote/client';
import { AttachmentError, readAttachmentOver } from '@evotare/verifier/remote/download';
import { stateText } from '@evotare/verifier/remote/text';
import { CountingRunner, type Progress } from './progress.ts';
import { text } from './text.ts';

/** A failure the operator can act on: printed in the operator's language, and the program exits non-zero. */
export class MixNodeError extends LocalizedError {
  override readonly name = 'MixNodeError';
}

export interface MixRunOptions {
  readonly electionId: string;
  readonly keyFile: string;
  readonly passphrase: string;
  /** Worker threads (default: one per core). */
  readonly threads?: number;
  /** Seconds between two looks at the election while waiting for voting to close. */
  readonly pollSeconds?: number;
  /** Give up waiting after this many seconds (default: wait as long as it takes). */
  readonly waitSeconds?: number;
  /** Tries after another node's output was accepted first. */
  readonly attempts?: number;
}

export interface MixReport {
  readonly electionId: string;
  readonly mixNode: number;
  readonly name: string;
  /** 'mixed' now, or 'already' (an earlier run's output is on the board). */
  readonly outcome: 'mixed' | 'already';
  readonly rows: number;
  readonly width: number;
  readonly position?: number;
  readonly completed?: boolean;
  /** Seconds per step. */
  readonly seconds: Record<string, number>;
}

/** Opens the node's key file; a wrong passphrase and an unreadable file are MixNodeErrors. */
export function openMixNodeKey(file: string, passphrase: string): { secretKey: Uint8Array; publicKey: Uint8Array } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new MixNodeError(text('cannotReadKeyFile', { file, reason: (e as Error).message }));
  }
  try {
    const secretKey = openSecret(bytes, passphrase, 'mix-node');
    if (secretKey.length !== 32) throw new MixNodeError(text('notEd25519', { file }));
    return { secretKey, publicKey: signingPublicKey(secretKey) };
  } catch (e) {
    if (e instanceof SecretFileError) {
      throw new MixNodeError(
        e.code === 'wrong-passphrase'
          ? text('mixWrongPassphrase', { file })
          : text('notMixKeyFile', { file, reason: verbatim(e.message) }),
      );
    }
    throw e;
  }
}

interface ElectionInfo {
  readonly manifest: Manifest;
  readonly manifestHash: Uint8Array;
  readonly electionKey: GroupElement;
}

async function readElection(api: ApiClient, electionId: string): Promise<ElectionInfo> {
  let e: { manifest: unknown; manifestHash: string | null; electionKey: string | null };
  try {
    e = await api.get(`/api/v1/elections/${encodeURIComponent(electionId)}`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404)
      throw new MixNodeError(text('noSuchElection', { id: electionId }));
    throw err;
  }
  const manifest = ManifestSchema.safeParse(e.manifest);
  if (!manifest.success) throw new MixNodeError(text('noValidManifest', { id: electionId }));
  const h = manifestHash(manifest.data);
  if (e.manifestHash !== toBase64Url(h)) throw new MixNodeError(text('manifestHashDiffers'));
  if (e.electionKey === null) throw new MixNodeError(text('noElectionKeyYet', { id: electionId }));
  return {
    manifest: manifest.data,
    manifestHash: h,
    electionKey: GroupElement.decodeNonIdentity(fromBase64Url(e.electionKey, 32)),
  };
}

interface MixingStatusJson {
  state: string;
  mixNodes: Array<{ index: number; mixed: boolean }>;
}

/**
 * Everything read from the board so far: Algorithm 14.1 fed entry by entry, then the mix chain
 * from the `mix-input` entry on. Each entry is checked as it arrives; a failure is a
 * BoardCheckError.
 */
class ChainReader {
  readonly #api: ApiClient;
  readonly #info: ElectionInfo;
  readonly #electionId: string;
  readonly #pool: CountingRunner;
  readonly #builder: MixInputBuilder;
  chain: MixChain | null = null;

  constructor(api: ApiClient, electionId: string, info: ElectionInfo, pool: CountingRunner) {
    this.#api = api;
    this.#electionId = electionId;
    this.#info = info;
    this.#pool = pool;
    this.#builder = new MixInputBuilder(info.manifest.contests.length);
  }

  #fetch = async (ref: AttachmentRef) => {
    try {
      return await readAttachmentOver(this.#api, this.#electionId, ref);
    } catch (e) {
      if (e instanceof AttachmentError) throw new BoardCheckError(text('v1401', { reason: e.text }));
      throw e;
    }
  };

  async add(entry: BoardEntry): Promise<void> {
    const fail = (reason: string | Localized) => {
      throw new BoardCheckError(typeof reason === 'string' ? verbatim(reason) : reason);
    };
    switch (entry.type) {
      case 'manifest':
        if (
          entry.seq !== 0 ||
          !equalBytes(manifestHash(ManifestSchema.parse(entry.payload)), this.#info.manifestHash)
        ) {
          fail(text('entryNotManifest', { seq: entry.seq }));
        }
        return;
      case 'election-key': {
        const key = (entry.payload as { electionKey?: unknown }).electionKey;
        if (key !== toBase64Url(this.#info.electionKey.encode())) fail(text('electionKeyEntryDiffers'));
        return;
      }
      case 'mix-input':
        return this.#startChain(entry);
      case 'mix-output': {
        if (this.chain === null) return fail(text('mixOutputBeforeInput', { seq: entry.seq }));
        const v = await this.chain.addMixOutput(entry.seq, entry.payload, this.#fetch, this.#pool);
        if (!v.valid) fail(v.reason);
        return;
      }
      case 'mixing-completed': {
        if (this.chain === null) return fail(text('completedBeforeInput', { seq: entry.seq }));
        const v = this.chain.checkCompleted(entry.seq, entry.payload);
        if (!v.valid) fail(v.reason);
        return;
      }
      default: {
        const v = this.#builder.add(entry);
        if (!v.valid) fail(v.reason);
      }
    }
  }

  async #startChain(entry: BoardEntry): Promise<void> {
    if (this.chain !== null) throw new BoardCheckError(text('secondMixInput', { seq: entry.seq }));
    const computed = this.#builder.finish();
    if (!computed.valid) throw new BoardCheckError(verbatim(computed.reason));
    const mi: MixInput = computed.mixInput;
    if (entry.seq !== mi.closedAt + 1) throw new BoardCheckError(text('mixInputMisplaced'));
    const v = checkMixInputPayload(entry.payload, mi);
    if (!v.valid) throw new BoardCheckError(verbatim(v.reason));
    const data = (entry.payload as { data?: { attachment: string; bytes: number } }).data;
    if (data !== undefined) {
      const bytes = await this.#fetch(decodeAttachmentRef(data));
      if (!equalBytes(bytes, mi.list.bytes)) throw new BoardCheckError(text('mixInputDataDiffers'));
    }
    this.chain = new MixChain(
      {
        manifestHash: this.#info.manifestHash,
        mixNodeKeys: this.#info.manifest.mixNodes.map((m) => fromBase64Url(m.signingKey, 32)),
        electionKey: this.#info.electionKey,
      },
      mi,
    );
  }
}

const sleep = (s: number) => new Promise((resolve) => setTimeout(resolve, s * 1000));

/** The upload body, sent piece by piece from the buffers that hold it. */
function uploadBody(parts: Uint8Array[], sent: (bytes: number) => void): ReadableStream<Uint8Array> {
  const PIECE = 1 << 20;
  let part = 0;
  let at = 0;
  let total = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      while (part < parts.length && at >= parts[part]!.length) {
        part++;
        at = 0;
      }
      if (part >= parts.length) {
        controller.close();
        return;
      }
      const piece = parts[part]!.subarray(at, at + PIECE);
      at += piece.length;
      total += piece.length;
      controller.enqueue(piece);
      sent(total);
    },
  });
}

export async function runMixNode(api: ApiClient, options: MixRunOptions, show: Progress): Promise<MixReport> {
  const { electionId } = options;
  const seconds: Record<string, number> = {};
  const key = openMixNodeKey(options.keyFile, options.passphrase);
  const info = await readElection(api, electionId);
  const nu = info.manifest.mixNodes.findIndex((m) => m.signingKey === toBase64Url(key.publicKey));
  if (nu < 0) throw new MixNodeError(text('notAMixNode', { key: toBase64Url(key.publicKey), id: electionId }));
  const name = info.manifest.mixNodes[nu]!.name;
  show.log(text('mixNodeOf', { node: nu, name, id: electionId }));

  // Its turn: once the mix input is published.
  const waitStarted = performance.now();
  for (let said = false; ; said = true) {
    const status = await api.get<MixingStatusJson>(`/api/v1/elections/${encodeURIComponent(electionId)}/mixing`);
    if (status.state === 'mixing' || status.state === 'decrypting' || status.state === 'tallied') break;
    if (!said) show.log(text('waitingForClose', { state: stateText(status.state) }));
    if (options.waitSeconds !== undefined && performance.now() - waitStarted > options.waitSeconds * 1000) {
      throw new MixNodeError(text('gaveUpWaiting', { state: stateText(status.state) }));
    }
    await sleep(options.pollSeconds ?? 2);
  }

  await using workers = new WorkerPool(options.threads === undefined ? {} : { size: options.threads });
  const pool = new CountingRunner(workers);
  const board = new BoardFollower(api, electionId, fromBase64Url(info.manifest.authority.signingKey, 32));
  const reader = new ChainReader(api, electionId, info, pool);

  for (let attempt = 1; ; attempt++) {
    // Read (the rest of) the board and check everything on it.
    const reading = show.step(attempt === 1 ? text('stepReadingBoard') : text('stepReadingNew'), text('unitEntries'));
    try {
      await board.follow(
        (entry) => reader.add(entry),
        (done, total) => {
          reading.total(total);
          reading.update(done);
        },
      );
    } catch (e) {
      if (e instanceof BoardCheckError) throw new MixNodeError(text('boardDoesNotVerify', { reason: e.text }));
      throw e;
    }
    seconds.board = (seconds.board ?? 0) + reading.done(text('entriesCount', { count: board.size }));
    const chain = reader.chain;
    if (chain === null) throw new MixNodeError(text('noMixInputWhileMixing'));
    const { list: input, digest: inputDigest } = chain.current;
    if (chain.mixed.includes(nu)) {
      show.log(text('alreadyMixed', { node: nu }));
      return { electionId, mixNode: nu, name, outcome: 'already', rows: input.count, width: input.width, seconds };
    }
    if (chain.completed) throw new MixNodeError(text('leftOut'));
    if (input.count === 0) throw new MixNodeError(text('nothingToMix'));
    show.log(text('chainChecked', { count: chain.mixed.length, rows: input.count, width: input.width }));

    const shuffling = show.step(text('stepReencrypting'), text('unitChunks'));
    pool.reportTo(shuffling);
    const { output, witness } = await genShuffle(info.electionKey, input, pool);
    seconds.shuffle = shuffling.done();
    const proving = show.step(text('stepProving'), text('unitChunks'));
    pool.reportTo(proving);
    const proof = await genShuffleProof(
      {
        manifestHash: info.manifestHash,
        mixNode: { index: nu, publicKey: key.publicKey },
        electionKey: info.electionKey,
        input,
        output,
      },
      witness,
      pool,
    );
    seconds.prove = proving.done();
    pool.reportTo(null);

    const outputDigest = rowListDigest(output);
    const proofId = shuffleProofId(proof);
    const header = {
      mixNode: nu,
      input: toBase64Url(inputDigest),
      output: toBase64Url(outputDigest),
      proof: toBase64Url(proofId),
      signature: toBase64Url(signMixOutput(info.manifestHash, nu, inputDigest, outputDigest, proofId, key.secretKey)),
    };
    const parts = mixUploadParts(header, output.bytes, shuffleProofParts(proof));
    const size = parts.reduce((s, p) => s + p.length, 0);
    const uploading = show.step(text('stepUploading'), text('unitBytes'));
    uploading.total(size);
    try {
      const accepted = await api.upload<{ position: number; completed: boolean }>(
        `/api/v1/elections/${encodeURIComponent(electionId)}/mixing/outputs`,
        uploadBody(parts, (sent) => uploading.update(sent)),
        MIX_UPLOAD_MEDIA_TYPE,
      );
      seconds.upload = uploading.done(text('megabytes', { size: (size / 1e6).toFixed(1) }));
      return {
        electionId,
        mixNode: nu,
        name,
        outcome: 'mixed',
        rows: input.count,
        width: input.width,
        position: accepted.position,
        completed: accepted.completed,
        seconds,
      };
    } catch (e) {
      uploading.done(text('refused'));
      const type = e instanceof ApiError ? e.problem?.type : undefined;
      if (type === 'urn:evotare:problem:mix-input-changed' && attempt < (options.attempts ?? 5)) {
        show.log(text('outputAcceptedFirst'));
        continue;
      }
      if (e instanceof ApiError && e.status !== 0) throw new MixNodeError(text('outputRefused', { reason: e.text }));
      throw e;
    }
  }
}
