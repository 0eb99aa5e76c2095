// The mix-node program (`evotare-mix run`, docs/SPEC.md §14.3): a separate process that talks to
// the server over HTTP only and trusts nothing it has not checked. It
//   1. opens its Ed25519 key (a passphrase-protected secret file) and finds itself in the manifest;
//   2. waits until the mix input is published (voting closed) if it is early, and while voting
//      runs verifies the board every minute (--follow), keeping the ballots that verify;
//   3. verifies the board up to its step with the standalone verifier's own checks
//      (@evotare/verifier/party): the chain and tree heads, the ceremony (Y recomputed, V09), every
//      credential and ballot (signatures, validity proofs, on the worker pool), the roll bound, the
//      mix input recomputed by Algorithm 14.1 and every earlier shuffle, and the election
//      fingerprint if one is expected (V07.01); on any refusal it says which check failed on which
//      entry, and shuffles nothing;
//   4. shuffles the current list and proves it on all cores (crypto/src/parallel), signs, uploads;
//   5. if another node's output was accepted meanwhile, verifies the board again and starts again
//      from the new current list.
// The ballots it has verified are kept, signed with its key, beside its key file (SPEC §15.1), and
// not verified again by a later run.
// It imports only crypto/, the verifier and libraries, never the server.
import { readFileSync } from 'node:fs';
import { toBase64Url } from '@evotare/crypto/bytes';
import { ManifestSchema } from '@evotare/crypto/manifest';
import { WorkerPool } from '@evotare/crypto/parallel/pool';
import { openSecret, SecretFileError } from '@evotare/crypto/secret-file';
import { genShuffleProof } from '@evotare/crypto/shuffle/proof';
import { genShuffle } from '@evotare/crypto/shuffle/shuffle';
import { signingPublicKey } from '@evotare/crypto/signature';
import { shuffleProofParts } from '@evotare/crypto/tally/mix-output';
import { MIX_UPLOAD_MEDIA_TYPE, mixUploadParts, signedMixUploadHeader } from '@evotare/crypto/tally/mix-upload';
import { LocalizedError, verbatim } from '@evotare/verifier/i18n';
import { type ApiClient, ApiError } from '@evotare/verifier/remote/client';
import { checkBoardBeforeActing, followBoard, partyFiles } from '@evotare/verifier/remote/party-check';
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
  /** While voting runs, verify the board every this many seconds (default 60; 0: not before the close). */
  readonly followSeconds?: number;
  /** Give up waiting after this many seconds (default: wait as long as it takes). */
  readonly waitSeconds?: number;
  /** Tries after another node's output was accepted first. */
  readonly attempts?: number;
  /** The election fingerprint the CEC published (§7.4), short or long form. */
  readonly expectFingerprint?: string;
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

/** The manifest the server serves: a first look, to find this node and wait for its turn. */
async function servedManifest(api: ApiClient, electionId: string) {
  let e: { manifest: unknown };
  try {
    e = await api.get(`/api/v1/elections/${encodeURIComponent(electionId)}`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404)
      throw new MixNodeError(text('noSuchElection', { id: electionId }));
    throw err;
  }
  const manifest = ManifestSchema.safeParse(e.manifest);
  if (!manifest.success) throw new MixNodeError(text('noValidManifest', { id: electionId }));
  return manifest.data;
}

/** This node's index ν in the manifest's mix nodes. */
function mixNodeIndex(
  manifest: { mixNodes: ReadonlyArray<{ signingKey: string }> },
  publicKey: Uint8Array,
  id: string,
) {
  const nu = manifest.mixNodes.findIndex((m) => m.signingKey === toBase64Url(publicKey));
  if (nu < 0) throw new MixNodeError(text('notAMixNode', { key: toBase64Url(publicKey), id }));
  return nu;
}

interface MixingStatusJson {
  state: string;
  mixNodes: Array<{ index: number; mixed: boolean }>;
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
  const served = await servedManifest(api, electionId);
  const nu = mixNodeIndex(served, key.publicKey, electionId);
  const name = served.mixNodes[nu]!.name;
  show.log(text('mixNodeOf', { node: nu, name, id: electionId }));

  await using workers = new WorkerPool(options.threads === undefined ? {} : { size: options.threads });
  const pool = new CountingRunner(workers);
  const own = partyFiles(options.keyFile, electionId, key);

  // Its turn: once the mix input is published. While voting runs it follows the board, verifying
  // the ballots as they arrive, so that at the close only the last ones are left to verify.
  const waitStarted = performance.now();
  let followed = Number.NEGATIVE_INFINITY;
  const follow = (options.followSeconds ?? 60) * 1000;
  for (let said = false; ; said = true) {
    const status = await api.get<MixingStatusJson>(`/api/v1/elections/${encodeURIComponent(electionId)}/mixing`);
    if (status.state === 'mixing' || status.state === 'decrypting' || status.state === 'tallied') break;
    if (!said) show.log(text('waitingForClose', { state: stateText(status.state) }));
    if (status.state === 'open' && follow > 0 && performance.now() - followed >= follow) {
      const started = performance.now();
      await followBoard(api, electionId, { party: 'mix-node', pool: workers, ...own, say: show.log });
      followed = performance.now();
      seconds.following = (seconds.following ?? 0) + Math.round(followed - started) / 1000;
    }
    if (options.waitSeconds !== undefined && performance.now() - waitStarted > options.waitSeconds * 1000) {
      throw new MixNodeError(text('gaveUpWaiting', { state: stateText(status.state) }));
    }
    await sleep(options.pollSeconds ?? 2);
  }

  for (let attempt = 1; ; attempt++) {
    // Verify (again, after another node's output) the whole board up to this step.
    const reading = show.step(attempt === 1 ? text('stepReadingBoard') : text('stepReadingNew'), text('unitEntries'));
    const { state } = await checkBoardBeforeActing(api, electionId, 'mix', {
      party: 'mix-node',
      pool: workers,
      ...own,
      ...(options.expectFingerprint === undefined ? {} : { expectFingerprint: options.expectFingerprint }),
      say: (line) => show.log(line),
      reading: (done, total) => {
        reading.total(total);
        reading.update(done);
      },
    });
    seconds.board = (seconds.board ?? 0) + reading.done(text('entriesCount', { count: state.treeHead?.size ?? 0 }));
    // The manifest of entry 0 is the one that counts; the node must be the same one in it.
    if (mixNodeIndex(state.manifest, key.publicKey, electionId) !== nu) {
      throw new MixNodeError(text('notAMixNode', { key: toBase64Url(key.publicKey), id: electionId }));
    }
    const chain = state.tally.chain!;
    const electionKey = state.ceremony!.electionKey;
    const manifestHash = state.manifestHash;
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
    const { output, witness } = await genShuffle(electionKey, input, pool);
    seconds.shuffle = shuffling.done();
    const proving = show.step(text('stepProving'), text('unitChunks'));
    pool.reportTo(proving);
    const proof = await genShuffleProof(
      {
        manifestHash,
        mixNode: { index: nu, publicKey: key.publicKey },
        electionKey,
        input,
        output,
      },
      witness,
      pool,
    );
    seconds.prove = proving.done();
    pool.reportTo(null);

    const header = signedMixUploadHeader(manifestHash, nu, inputDigest, output, proof, key.secretKey);
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
