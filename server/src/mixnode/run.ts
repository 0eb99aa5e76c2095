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
import { BoardCheckError, BoardFollower } from '../cli/board-follower.ts';
import { type ApiClient, ApiError } from '../cli/client.ts';
import { AttachmentError, readAttachmentOver } from '../cli/download.ts';
import { CountingRunner, type Progress } from './progress.ts';

/** A failure the operator can act on: printed as it is, and the program exits non-zero. */
export class MixNodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MixNodeError';
  }
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
    throw new MixNodeError(`cannot read the key file ${file}: ${(e as Error).message}`);
  }
  try {
    const secretKey = openSecret(bytes, passphrase, 'mix-node');
    if (secretKey.length !== 32) throw new MixNodeError(`${file} does not hold an Ed25519 key`);
    return { secretKey, publicKey: signingPublicKey(secretKey) };
  } catch (e) {
    if (e instanceof SecretFileError) {
      throw new MixNodeError(
        e.code === 'wrong-passphrase'
          ? `wrong passphrase for the key file ${file} (or the file was altered)`
          : `${file} is not a mix-node key file: ${e.message}`,
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
      throw new MixNodeError(`the server has no election "${electionId}"`);
    throw err;
  }
  const manifest = ManifestSchema.safeParse(e.manifest);
  if (!manifest.success) throw new MixNodeError(`election "${electionId}" has no valid manifest yet`);
  const h = manifestHash(manifest.data);
  if (e.manifestHash !== toBase64Url(h)) throw new MixNodeError('the server’s manifest hash is not the manifest’s');
  if (e.electionKey === null) throw new MixNodeError(`election "${electionId}" has no election key yet`);
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
      if (e instanceof AttachmentError) throw new BoardCheckError(`V14.01 ${e.message}`);
      throw e;
    }
  };

  async add(entry: BoardEntry): Promise<void> {
    const fail = (reason: string) => {
      throw new BoardCheckError(reason);
    };
    switch (entry.type) {
      case 'manifest':
        if (
          entry.seq !== 0 ||
          !equalBytes(manifestHash(ManifestSchema.parse(entry.payload)), this.#info.manifestHash)
        ) {
          fail(`V12.07 entry ${entry.seq} is not the election's manifest`);
        }
        return;
      case 'election-key': {
        const key = (entry.payload as { electionKey?: unknown }).electionKey;
        if (key !== toBase64Url(this.#info.electionKey.encode()))
          fail('the election-key entry is not the election key');
        return;
      }
      case 'mix-input':
        return this.#startChain(entry);
      case 'mix-output': {
        if (this.chain === null) return fail(`V14.04 mix-output entry ${entry.seq} before the mix input`);
        const v = await this.chain.addMixOutput(entry.seq, entry.payload, this.#fetch, this.#pool);
        if (!v.valid) fail(v.reason);
        return;
      }
      case 'mixing-completed': {
        if (this.chain === null) return fail(`V14.06 mixing-completed entry ${entry.seq} before the mix input`);
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
    if (this.chain !== null) throw new BoardCheckError(`V14.03 a second mix-input entry (${entry.seq})`);
    const computed = this.#builder.finish();
    if (!computed.valid) throw new BoardCheckError(computed.reason);
    const mi: MixInput = computed.mixInput;
    if (entry.seq !== mi.closedAt + 1)
      throw new BoardCheckError('V14.03 the mix-input entry does not follow voting-closed');
    const v = checkMixInputPayload(entry.payload, mi);
    if (!v.valid) throw new BoardCheckError(v.reason);
    const data = (entry.payload as { data?: { attachment: string; bytes: number } }).data;
    if (data !== undefined) {
      const bytes = await this.#fetch(decodeAttachmentRef(data));
      if (!equalBytes(bytes, mi.list.bytes))
        throw new BoardCheckError('V14.03 the mix input’s data is not the list of Algorithm 14.1');
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
  if (nu < 0) throw new MixNodeError(`this key (${toBase64Url(key.publicKey)}) is not a mix node of "${electionId}"`);
  const name = info.manifest.mixNodes[nu]!.name;
  show.log(`mix node ${nu} (${name}) of election "${electionId}"`);

  // Its turn: once the mix input is published.
  const waitStarted = performance.now();
  for (let said = false; ; said = true) {
    const status = await api.get<MixingStatusJson>(`/api/v1/elections/${encodeURIComponent(electionId)}/mixing`);
    if (status.state === 'mixing' || status.state === 'decrypting' || status.state === 'tallied') break;
    if (!said) show.log(`the election is ${status.state}: waiting for voting to close and the mix input`);
    if (options.waitSeconds !== undefined && performance.now() - waitStarted > options.waitSeconds * 1000) {
      throw new MixNodeError(`gave up waiting: the election is still ${status.state}`);
    }
    await sleep(options.pollSeconds ?? 2);
  }

  await using workers = new WorkerPool(options.threads === undefined ? {} : { size: options.threads });
  const pool = new CountingRunner(workers);
  const board = new BoardFollower(api, electionId, fromBase64Url(info.manifest.authority.signingKey, 32));
  const reader = new ChainReader(api, electionId, info, pool);

  for (let attempt = 1; ; attempt++) {
    // Read (the rest of) the board and check everything on it.
    const reading = show.step(attempt === 1 ? 'reading and checking the board' : 'reading the new entries', 'entries');
    try {
      await board.follow(
        (entry) => reader.add(entry),
        (done, total) => {
          reading.total(total);
          reading.update(done);
        },
      );
    } catch (e) {
      if (e instanceof BoardCheckError) throw new MixNodeError(`the board does not verify: ${e.message}`);
      throw e;
    }
    seconds.board = (seconds.board ?? 0) + reading.done(`${board.size} entries`);
    const chain = reader.chain;
    if (chain === null) throw new MixNodeError('the board has no mix input although the election is mixing');
    const { list: input, digest: inputDigest } = chain.current;
    if (chain.mixed.includes(nu)) {
      show.log(`mix node ${nu} has already mixed: its output is on the board`);
      return { electionId, mixNode: nu, name, outcome: 'already', rows: input.count, width: input.width, seconds };
    }
    if (chain.completed) throw new MixNodeError('mixing is complete: this node was left out');
    if (input.count === 0) throw new MixNodeError('there is nothing to mix');
    show.log(
      `checked: the mix input and ${chain.mixed.length} earlier shuffle(s); mixing ${input.count} rows of width ${input.width}`,
    );

    const shuffling = show.step('re-encrypting and permuting', 'chunks');
    pool.reportTo(shuffling);
    const { output, witness } = await genShuffle(info.electionKey, input, pool);
    seconds.shuffle = shuffling.done();
    const proving = show.step('proving the shuffle', 'chunks');
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
    const uploading = show.step('uploading (the server checks it)', 'bytes');
    uploading.total(size);
    try {
      const accepted = await api.upload<{ position: number; completed: boolean }>(
        `/api/v1/elections/${encodeURIComponent(electionId)}/mixing/outputs`,
        uploadBody(parts, (sent) => uploading.update(sent)),
        MIX_UPLOAD_MEDIA_TYPE,
      );
      seconds.upload = uploading.done(`${(size / 1e6).toFixed(1)} MB`);
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
      uploading.done('refused');
      const type = e instanceof ApiError ? e.problem?.type : undefined;
      if (type === 'urn:evotare:problem:mix-input-changed' && attempt < (options.attempts ?? 5)) {
        show.log('another mix node’s output was accepted first: starting again from the new current list');
        continue;
      }
      if (e instanceof ApiError && e.status !== 0)
        throw new MixNodeError(`the server refused the output: ${e.message}`);
      throw e;
    }
  }
}
