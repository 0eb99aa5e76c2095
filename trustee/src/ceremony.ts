// `evotare trustee ceremony`: a trustee's part in the key ceremony (docs/SPEC.md §9), through the
// server's public ceremony endpoints. Each run does what the current phase asks of this trustee and
// no more — deal (Algorithm 9.5), review the shares sent to it and complain (9.10), answer the
// complaints against it (9.11), and once the ceremony is over derive its key share (9.15) into its
// secret file — so it can be run again after each phase closes, or with --wait follow the ceremony
// to its end. The key share is computed here and sealed in the file; it never leaves the machine.
// The trustee acts only on the manifest of the board's entry 0 (the board read up to the CEC's
// signed tree head, link by link), refused unless its hash is the one published
// (`--expect-manifest-hash`); it seals its share only once the election key it derived is the one
// of the board's `election-key` entry and the election fingerprint (§7.4) it gives — always printed —
// is the one published, when one is (`--expect-fingerprint`).
import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { canonicalize } from '@evotare/crypto/canonical-json';
import { ceremonySlot } from '@evotare/crypto/dkg/board';
import { deal } from '@evotare/crypto/dkg/dealing';
import type { CeremonyMessage } from '@evotare/crypto/dkg/messages';
import { randomPolynomial } from '@evotare/crypto/dkg/polynomial';
import { answerComplaints, deriveSecretShare, reviewShares, type TrusteeIdentity } from '@evotare/crypto/dkg/trustee';
import { requireCeremonyContext } from '@evotare/crypto/dkg/trustee-keys';
import type { Manifest } from '@evotare/crypto/manifest';
import { type Localized, verbatim } from '@evotare/verifier/i18n';
import { BoardCheckError, BoardFollower } from '@evotare/verifier/remote/board-follower';
import { type Expectations, requireFingerprint, requireManifestHash } from '@evotare/verifier/remote/expectations';
import { TrusteeError } from './errors.ts';
import { type KeyFile, saveKeyFile } from './key-file.ts';
import { bindToElection, requireBinding, trusteeIndex } from './membership.ts';
import type { TrusteeServer } from './server-api.ts';
import { text } from './text.ts';

export interface CeremonyOptions {
  /** Keep polling until the ceremony is over, instead of stopping when a phase must close first. */
  readonly wait?: boolean;
  readonly pollMilliseconds?: number;
  readonly say: (line: Localized) => void;
  /** What the CEC published: the manifest hash, and the fingerprint for when the ceremony is over. */
  readonly expected?: Expectations;
}

export type CeremonyOutcome = { readonly finished: true; readonly keyFile: KeyFile } | { readonly finished: false };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function takePartInCeremony(
  server: TrusteeServer,
  keyFile: KeyFile,
  options: CeremonyOptions,
): Promise<CeremonyOutcome> {
  const { say } = options;
  requireBinding(keyFile.secrets, server.electionId, true);
  const election = await server.election();
  const manifest = election.manifest;
  const expected = options.expected ?? {};
  const board = new CeremonyBoard(server, manifest);
  await board.read();
  say(text('manifestHashSeen', { hash: toBase64Url(requireManifestHash(manifest, expected)) }));
  const index = trusteeIndex(manifest, keyFile.secrets);
  let file = bindToElection(keyFile, manifest.electionId);
  say(text('trusteeOf', { index, count: manifest.trustees.members.length, id: manifest.electionId }));

  let lastPhase: string | null = null;
  for (;;) {
    const { phase, messages } = await server.ceremony();
    if (phase === null || phase === 'done') {
      await board.read();
      file = deriveAndStoreShare(server, file, manifest, messages, index, { board, expected, say });
      return { finished: true, keyFile: file };
    }
    if (phase !== lastPhase) {
      file = await actInPhase(server, file, manifest, messages, index, phase, say);
      lastPhase = phase;
      continue; // read the ceremony again: our own messages may have closed the phase
    }
    if (!options.wait) {
      say(phase === 'dealing' ? text('waitingForDealers') : text('phaseStillOpen', { phase: phaseText(phase) }));
      return { finished: false };
    }
    await sleep(options.pollMilliseconds ?? 2000);
  }
}

function phaseText(phase: string): Localized {
  if (phase === 'complaints') return text('phaseComplaints');
  if (phase === 'resolution') return text('phaseResolution');
  return verbatim(phase);
}

function identityOf(file: KeyFile, index: number): TrusteeIdentity {
  return { index, signingKey: file.secrets.signingKey, encryptionKey: file.secrets.encryptionKey };
}

function mine(messages: readonly CeremonyMessage[], type: CeremonyMessage['type'], index: number) {
  return messages.find((m) => m.type === type && m.sender === index);
}

async function actInPhase(
  server: TrusteeServer,
  keyFile: KeyFile,
  manifest: Manifest,
  messages: readonly CeremonyMessage[],
  index: number,
  phase: string,
  say: (line: Localized) => void,
): Promise<KeyFile> {
  const file = keyFile;
  switch (phase) {
    case 'dealing':
      return dealIfNeeded(server, file, manifest, messages, index, say);
    case 'complaints': {
      if (mine(messages, 'dkg-commitment', index) === undefined || mine(messages, 'dkg-shares', index) === undefined) {
        say(text('didNotDeal'));
      }
      const posted = new Set(messages.map(ceremonySlot));
      const review = reviewShares(manifest, messages, identityOf(file, index));
      say(text('sharesChecked', { list: review.accepted.length > 0 ? review.accepted.join(', ') : text('none') }));
      for (const complaint of review.complaints) {
        if (posted.has(ceremonySlot(complaint))) continue;
        await server.postCeremonyMessage(complaint);
        say(text('complaintPosted', { dealer: complaint.dealer, reason: complaint.reason }));
      }
      return file;
    }
    case 'resolution': {
      const polynomial = file.secrets.polynomial;
      if (polynomial === undefined) return file;
      for (const answer of answerComplaints(manifest, messages, { index, polynomial }, file.secrets.signingKey)) {
        await server.postCeremonyMessage(answer);
        say(text('complaintAnswered', { recipient: answer.recipient }));
      }
      return file;
    }
    default:
      throw new TrusteeError(text('unknownPhase', { phase }));
  }
}

/**
 * Algorithm 9.5 Deal, restartable: the polynomial is sealed into the file before anything is
 * posted, and the messages already on the board are checked against it rather than posted again.
 */
async function dealIfNeeded(
  server: TrusteeServer,
  keyFile: KeyFile,
  manifest: Manifest,
  messages: readonly CeremonyMessage[],
  index: number,
  say: (line: Localized) => void,
): Promise<KeyFile> {
  const onBoard = mine(messages, 'dkg-commitment', index);
  const sharesOnBoard = mine(messages, 'dkg-shares', index);
  let file = keyFile;
  if (file.secrets.polynomial === undefined) {
    if (onBoard !== undefined || sharesOnBoard !== undefined) {
      throw new TrusteeError(text('unknownDealing'));
    }
    file = saveKeyFile(file, { ...file.secrets, polynomial: randomPolynomial(manifest.trustees.threshold) });
  }
  const dealt = deal(requireCeremonyContext(manifest), index, file.secrets.signingKey, file.secrets.polynomial);
  if (onBoard === undefined) {
    await server.postCeremonyMessage(dealt.commitment);
    say(text('commitmentsPosted'));
  } else if (
    onBoard.type !== 'dkg-commitment' ||
    onBoard.commitments.length !== dealt.commitment.commitments.length ||
    onBoard.commitments.some((c, t) => c !== dealt.commitment.commitments[t])
  ) {
    throw new TrusteeError(text('commitmentsDiffer'));
  }
  if (sharesOnBoard === undefined) {
    await server.postCeremonyMessage(dealt.shares);
    say(text('sharesPosted', { list: dealt.shares.shares.map((s) => s.recipient).join(', ') }));
  }
  return file;
}

/**
 * The board as far as the CEC's latest signed tree head, read through the public API and checked
 * link by link (Algorithm 12.3) and against the head's root, signed by the key of the manifest;
 * entry 0 must be that manifest. Each read goes on from where the last one stopped.
 */
class CeremonyBoard {
  readonly #follower: BoardFollower;
  readonly #manifest: Manifest;
  /** The election key of the `election-key` entry, once there is one. */
  electionKey: string | undefined;

  constructor(server: TrusteeServer, manifest: Manifest) {
    this.#manifest = manifest;
    this.#follower = new BoardFollower(
      server.api,
      manifest.electionId,
      fromBase64Url(manifest.authority.signingKey, 32),
    );
  }

  async read(): Promise<void> {
    try {
      await this.#follower.follow((e) => {
        if (e.seq === 0 && (e.type !== 'manifest' || canonicalize(e.payload) !== canonicalize(this.#manifest))) {
          throw new TrusteeError(text('boardDoesNotVerify', { reason: text('entryZeroNotManifest') }));
        }
        if (e.type === 'election-key') this.electionKey = (e.payload as { electionKey?: string }).electionKey;
      });
    } catch (e) {
      if (e instanceof BoardCheckError) throw new TrusteeError(text('boardDoesNotVerify', { reason: e.text }));
      throw e;
    }
  }
}

/**
 * Algorithm 9.15 DeriveSecretShare; the election key it gives must be the board's `election-key`
 * entry, and the election fingerprint of h, pk_CEC and that key the one expected, before the share
 * is sealed.
 */
function deriveAndStoreShare(
  server: TrusteeServer,
  file: KeyFile,
  manifest: Manifest,
  messages: readonly CeremonyMessage[],
  index: number,
  context: { board: CeremonyBoard; expected: Expectations; say: (line: Localized) => void },
): KeyFile {
  const { board, expected, say } = context;
  const polynomial = file.secrets.polynomial;
  const derived = deriveSecretShare(
    manifest,
    messages,
    identityOf(file, index),
    polynomial === undefined ? undefined : { index, polynomial },
  );
  if (!derived.ok) {
    throw new TrusteeError(text('ceremonyDoesNotVerify', { id: server.electionId, reason: derived.reason }));
  }
  const { keyShare } = derived;
  if (board.electionKey !== toBase64Url(keyShare.electionKey.encode())) {
    throw new TrusteeError(text('announcedKeyDiffers'));
  }
  requireFingerprint(manifest, keyShare.electionKey, expected, say);
  let out = file;
  if (file.secrets.secretShare === undefined) {
    out = saveKeyFile(file, { ...file.secrets, secretShare: keyShare.secretShare });
    say(text('shareSealed'));
  } else if (file.secrets.secretShare !== keyShare.secretShare) {
    throw new TrusteeError(text('otherShare'));
  }
  say(text('ceremonyComplete', { list: keyShare.qualified.join(', ') }));
  say(text('electionKey', { key: toBase64Url(keyShare.electionKey.encode()) }));
  say(text('verificationKey', { index, key: toBase64Url(keyShare.verificationKey.encode()) }));
  return out;
}
