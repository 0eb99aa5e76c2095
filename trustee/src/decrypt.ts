// `evotare trustee decrypt`: the trustee's partial decryption of the final mixed list (docs/SPEC.md
// §10, §14.4). It refuses anything else: the election must be decrypting, the board must verify
// from its signed tree head down through the ceremony, the mix input and every shuffle
// (./board-check.ts), and the list must be the one `mixing-completed` names. Then it computes
// D_m = x'_j·A_m on every core (its key share stays in this process), proves and signs, and posts.
import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { GroupElement, generatorBase } from '@evotare/crypto/group';
import { WorkerPool } from '@evotare/crypto/parallel/pool';
import { makePartialDecryption } from '@evotare/crypto/threshold/parallel';
import type { Language, Localized } from '@evotare/verifier/i18n';
import { stateText } from '@evotare/verifier/remote/text';
import cliProgress from 'cli-progress';
import { checkBoardForDecryption } from './board-check.ts';
import { TrusteeError } from './errors.ts';
import type { KeyFile } from './key-file.ts';
import { requireBinding, trusteeIndex } from './membership.ts';
import type { TrusteeServer } from './server-api.ts';
import { text } from './text.ts';

export interface DecryptOptions {
  readonly say: (line: Localized) => void;
  /** The language of the progress bars' labels (default Romanian). */
  readonly language?: Language;
  /** Worker threads (default: one per core; 0: none, all on this thread). */
  readonly threads?: number;
  /** Progress bars on stderr. */
  readonly progress: boolean;
}

export type DecryptOutcome =
  | { readonly posted: true; readonly position: number; readonly result: number | null; readonly seconds: number }
  | { readonly posted: false; readonly reason: 'already-posted' | 'nothing-to-decrypt' };

/** A progress bar on stderr, or nothing. */
function progressBar(enabled: boolean, label: string) {
  if (!enabled) return { update: (_done: number, _total: number) => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label.padEnd(24)} {bar} {percentage}% | {value}/{total} | {eta_formatted} left`, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done: number, total: number) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

export async function decryptFinalList(
  server: TrusteeServer,
  keyFile: KeyFile,
  options: DecryptOptions,
): Promise<DecryptOutcome> {
  const { say } = options;
  const language = options.language ?? 'ro';
  const { secrets } = keyFile;
  requireBinding(secrets, server.electionId, false);
  const secretShare = secrets.secretShare;
  if (secretShare === undefined) {
    throw new TrusteeError(text('noKeyShare'));
  }
  const election = await server.election();
  const manifest = election.manifest;
  const index = trusteeIndex(manifest, secrets);
  if (election.state === 'tallied') {
    throw new TrusteeError(text('alreadyTallied', { id: manifest.electionId }));
  }
  if (election.state !== 'decrypting') {
    throw new TrusteeError(text('notDecrypting', { id: manifest.electionId, state: stateText(election.state) }));
  }
  if (election.electionKey === null) throw new TrusteeError(text('noElectionKey'));
  say(text('checkingBoard', { index, count: manifest.trustees.members.length, id: manifest.electionId }));

  const threads = options.threads ?? undefined;
  const pool = threads === 0 ? undefined : new WorkerPool(threads === undefined ? {} : { size: threads });
  try {
    const reading = progressBar(options.progress, text('barReadingBoard')[language]);
    const board = await checkBoardForDecryption(
      server,
      manifest,
      GroupElement.decode(fromBase64Url(election.electionKey, 32)),
      pool,
      { say, reading: reading.update },
    ).finally(() => reading.stop());

    const verificationKey = board.verificationKeys[index - 1]!;
    if (!generatorBase().multiply(secretShare).equals(verificationKey)) {
      throw new TrusteeError(text('notYourShare', { index }));
    }
    const mine = board.entries.find(
      (e) => e.type === 'partial-decryption' && (e.payload as { sender?: number }).sender === index,
    );
    if (mine !== undefined) {
      say(text('alreadyPosted', { seq: mine.seq }));
      return { posted: false, reason: 'already-posted' };
    }
    const { list, digest } = board.finalList;
    if (list.count === 0) {
      say(text('nothingToDecrypt'));
      return { posted: false, reason: 'nothing-to-decrypt' };
    }
    say(text('finalList', { digest: toBase64Url(digest), count: list.count, width: list.width }));

    const started = performance.now();
    const decrypting = progressBar(options.progress, text('barDecrypting')[language]);
    const message = await makePartialDecryption(pool, {
      electionId: manifest.electionId,
      trustee: { manifestHash: board.manifestHash, index, verificationKey },
      list,
      listDigest: digest,
      secretShare,
      signingKey: secrets.signingKey,
      progress: decrypting.update,
    }).finally(() => decrypting.stop());
    const seconds = (performance.now() - started) / 1000;
    say(text('decryptionComputed', { seconds: seconds.toFixed(1), threads: pool?.size ?? 1 }));

    const posted = await server.postPartialDecryption(message);
    say(
      text('decryptionAccepted', {
        position: posted.position,
        count: posted.partialDecryptions,
        threshold: posted.threshold,
      }),
    );
    if (posted.result !== null) say(text('resultPublished', { position: posted.result }));
    return { posted: true, position: posted.position, result: posted.result, seconds };
  } finally {
    await pool?.close();
  }
}
