// `evotare-trustee decrypt`: the trustee's partial decryption of the final mixed list (docs/SPEC.md
// §10, §14.4). It refuses anything else: the election must be decrypting, and the board must verify
// up to this step with the standalone verifier's own checks (@evotare/verifier/party: the chain and
// tree heads, the ceremony, every credential and ballot, the roll bound, the mix input, every
// shuffle, and the election fingerprint if one is expected) — a refusal names the check and the
// entry, and nothing is decrypted. The list is the one `mixing-completed` names, reached through
// that verified chain, and Y and VK_j are those the ceremony on the board gives, never the server's
// convenience fields. Then it computes D_m = x'_j·A_m on every core (its key share stays in this
// process), proves and signs, and posts.
import { toBase64Url } from '@evotare/crypto/bytes';
import { generatorBase } from '@evotare/crypto/group';
import { WorkerPool } from '@evotare/crypto/parallel/pool';
import { makePartialDecryption } from '@evotare/crypto/threshold/parallel';
import type { Language, Localized } from '@evotare/verifier/i18n';
import { checkBoardBeforeActing } from '@evotare/verifier/remote/party-check';
import { stateText } from '@evotare/verifier/remote/text';
import cliProgress from 'cli-progress';
import { TrusteeError } from './errors.ts';
import { type KeyFile, partyFilesOf } from './key-file.ts';
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
  /** The election fingerprint the CEC published (§7.4), short or long form. */
  readonly expectFingerprint?: string;
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
  const id = election.manifest.electionId;
  trusteeIndex(election.manifest, secrets);
  const notDecrypting = () => new TrusteeError(text('notDecrypting', { id, state: stateText(election.state) }));
  if (election.state === 'tallied') throw new TrusteeError(text('alreadyTallied', { id }));
  // Before voting closes there is nothing to check; once it has, the board is checked even if
  // mixing is not complete, so that a board that will never verify is reported at once.
  if (election.state !== 'mixing' && election.state !== 'decrypting') throw notDecrypting();

  const threads = options.threads ?? undefined;
  const pool = threads === 0 ? undefined : new WorkerPool(threads === undefined ? {} : { size: threads });
  try {
    say(text('checkingBoard', { id }));
    const reading = progressBar(options.progress, text('barReadingBoard')[language]);
    const { state } = await checkBoardBeforeActing(
      server.api,
      id,
      election.state === 'decrypting' ? 'decrypt' : 'mix',
      {
        ...(pool === undefined ? {} : { pool }),
        ...(options.expectFingerprint === undefined ? {} : { expectFingerprint: options.expectFingerprint }),
        party: 'trustee',
        ...partyFilesOf(keyFile, id),
        say,
        reading: reading.update,
      },
    ).finally(() => reading.stop());
    const chain = state.tally.chain;
    if (election.state !== 'decrypting' || chain === undefined || !chain.completed) throw notDecrypting();
    const { manifest, manifestHash, ceremony } = state;
    // The manifest of entry 0 names the trustees (the one the server serves was only a first look).
    const index = trusteeIndex(manifest, secrets);
    say(text('trusteeOf', { index, count: manifest.trustees.members.length, id }));

    const verificationKey = ceremony!.verificationKeys[index - 1]!;
    if (!generatorBase().multiply(secretShare).equals(verificationKey)) {
      throw new TrusteeError(text('notYourShare', { index }));
    }
    const mine = state.tally.partials.find((e) => (e.payload as { sender?: number }).sender === index);
    if (mine !== undefined) {
      say(text('alreadyPosted', { seq: mine.seq }));
      return { posted: false, reason: 'already-posted' };
    }
    const { list, digest } = chain.current;
    if (list.count === 0) {
      say(text('nothingToDecrypt'));
      return { posted: false, reason: 'nothing-to-decrypt' };
    }
    say(text('finalList', { digest: toBase64Url(digest), count: list.count, width: list.width }));

    const started = performance.now();
    const decrypting = progressBar(options.progress, text('barDecrypting')[language]);
    const message = await makePartialDecryption(pool, {
      electionId: manifest.electionId,
      trustee: { manifestHash, index, verificationKey },
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
