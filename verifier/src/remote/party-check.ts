// A party's check of the board before it acts (docs/SPEC.md §14.3, §14.4, §15.1), as the trustee's
// and the mix node's programs run it: the board read through the server's public API up to its
// latest signed tree head and verified by the standalone verifier's own checks (../party.ts) —
// chain and tree heads, the ceremony, every credential and ballot, the roll bound, the mix input,
// every earlier shuffle — with the election fingerprint expected, if one was given (V07.01). A
// refusal names each failed check and its entry; the party then does nothing. The fingerprint the
// board gives is always said, so that the operator can compare it with the one the CEC published.
import { formatFingerprint, formatFingerprintLong } from '@evotare/crypto/fingerprint';
import type { TaskRunner } from '@evotare/crypto/parallel/task';
import type { SigningKeyPair } from '@evotare/crypto/signature';
import { Option } from 'commander';
import type { BoardSource, Line } from '../board-source.ts';
import { type Localized, LocalizedError } from '../i18n.ts';
import { KeptStateError, keptStatePath, readKeptState, writeKeptState } from '../kept-state.ts';
import { describeRefusals, type PartyStep, type Refusal, verifyBeforeActing } from '../party.ts';
import { type BoardApi, RemoteBoard } from '../remote-board.ts';
import { VerifiedBallotsFile } from '../verified-ballots.ts';
import type { BoardState, KeptState, ReadingCounters } from '../verify.ts';
import { stateText, text } from './text.ts';

/** The board does not verify up to the party's step: it must not act. */
export class BoardRefusedError extends LocalizedError {
  override readonly name = 'BoardRefusedError';
  readonly refusals: readonly Refusal[];
  constructor(party: 'mix-node' | 'trustee', refusals: readonly Refusal[]) {
    super(text(party === 'mix-node' ? 'refusedToMix' : 'refusedToDecrypt', { reasons: describeRefusals(refusals) }));
    this.refusals = refusals;
  }
}

export interface PartyCheckOptions {
  /** Who is about to act (what a refusal says it will not do). */
  readonly party: 'mix-node' | 'trustee';
  readonly pool?: TaskRunner;
  /** The fingerprint the CEC published (§7.4), short or long form. */
  readonly expectFingerprint?: string;
  /**
   * The party's file of the ballots it has verified (§15.1, ../verified-ballots.ts), signed with its
   * own key: the ballots in it are not verified again, and those verified now are added to it.
   */
  readonly verifiedBallots?: { readonly file: string; readonly key: SigningKeyPair };
  /**
   * The party's kept state of the board (§15.1, ../kept-state.ts), signed with its own key: the
   * board is read from the entry after the head it names (and must extend that head), and the
   * state reached is kept again. A file that is not the party's is set aside with a message, and
   * the board verified from entry 0.
   */
  readonly keptState?: { readonly file: string; readonly key: SigningKeyPair };
  readonly say: (line: Localized) => void;
  /** Entries read so far of the board's size. */
  readonly reading?: (done: number, total: number) => void;
}

export interface CheckedBoard {
  readonly state: BoardState;
  /** What this run read and verified (with a kept state: the board's tail only). */
  readonly reading: ReadingCounters;
}

/** A board source that passes everything through, counting entries for a progress bar. */
class WatchedBoard implements BoardSource {
  readonly #inner: BoardSource;
  readonly #reading: PartyCheckOptions['reading'];
  #size = 0;

  constructor(inner: BoardSource, reading: PartyCheckOptions['reading']) {
    this.#inner = inner;
    this.#reading = reading;
  }

  get name() {
    return this.#inner.name;
  }
  layoutProblems() {
    return this.#inner.layoutProblems();
  }
  async treeHeadText() {
    const head = await this.#inner.treeHeadText();
    if (head !== null) this.#size = Number((JSON.parse(head) as { size?: unknown }).size) || 0;
    return head;
  }
  async *entryLines(from = 0): AsyncGenerator<Line> {
    let done = from;
    for await (const line of this.#inner.entryLines(from)) {
      yield line;
      if (++done % 1000 === 0 || done === this.#size) this.#reading?.(done, this.#size);
    }
  }
  treeHeadLines(fromSize = 0) {
    return this.#inner.treeHeadLines(fromSize);
  }
  consistencyProof(first: number, second: number) {
    return this.#inner.consistencyProof?.(first, second) ?? Promise.resolve(null);
  }
  attachment(id: string, bytes: number) {
    return this.#inner.attachment(id, bytes);
  }
}

/** `follow`'s options: how often, or once. */
export const followOptions = () => [
  new Option('--every <seconds>', 'verify again every so often, until voting closes')
    .default(60)
    .argParser((v) => Number.parseInt(v, 10)),
  new Option('--once', 'verify once and stop'),
];

/** Where a party keeps the ballots it verified for an election: beside its key file. */
export function verifiedBallotsPath(keyFile: string, electionId: string): string {
  return `${keyFile}.${electionId}.verified-ballots`;
}

/**
 * The party's own files for an election, beside its key file and signed with its key (§15.1): the
 * ballots it verified and its kept state of the board — what PartyCheckOptions takes.
 */
export function partyFiles(
  keyFile: string,
  electionId: string,
  key: SigningKeyPair,
): Required<Pick<PartyCheckOptions, 'verifiedBallots' | 'keptState'>> {
  return {
    verifiedBallots: { file: verifiedBallotsPath(keyFile, electionId), key },
    keptState: { file: keptStatePath(keyFile, electionId), key },
  };
}

/** The party's kept state, or undefined (said, when the file is refused: the whole board is then verified). */
function keptStateOf(electionId: string, options: PartyCheckOptions): KeptState | undefined {
  if (options.keptState === undefined) return undefined;
  try {
    return readKeptState(options.keptState.file, electionId, options.keptState.key);
  } catch (e) {
    if (!(e instanceof KeptStateError)) throw e;
    options.say(text('keptStateRefused', { why: e.message }));
    return undefined;
  }
}

/**
 * The board as it is now, verified for `step` — from the party's kept state when it has one — with
 * its file of verified ballots read and saved, and its state kept again when nothing failed.
 */
async function verifyThroughApi(api: BoardApi, electionId: string, step: PartyStep, options: PartyCheckOptions) {
  const board = new WatchedBoard(new RemoteBoard(api, electionId), options.reading);
  const ballots =
    options.verifiedBallots === undefined
      ? undefined
      : VerifiedBallotsFile.open(options.verifiedBallots.file, electionId, options.verifiedBallots.key);
  const resume = keptStateOf(electionId, options);
  const check = await verifyBeforeActing(board, step, {
    ...(options.pool === undefined ? {} : { pool: options.pool }),
    ...(options.expectFingerprint === undefined ? {} : { expectFingerprint: options.expectFingerprint }),
    ...(ballots === undefined ? {} : { verifiedBallots: ballots }),
    ...(resume === undefined ? {} : { resume }),
    keepState: options.keptState !== undefined,
  }).finally(() => ballots?.save());
  if (options.keptState !== undefined && check.keep !== undefined) {
    writeKeptState(options.keptState.file, check.keep, options.keptState.key);
  }
  if (resume !== undefined) options.say(text('boardTail', { ...check.reading }));
  return check;
}

const secondsSince = (started: number) => ((performance.now() - started) / 1000).toFixed(1);

/** Verifies the board for `step`; throws a BoardRefusedError naming every refusal, else returns what it establishes. */
export async function checkBoardBeforeActing(
  api: BoardApi,
  electionId: string,
  step: PartyStep,
  options: PartyCheckOptions,
): Promise<CheckedBoard> {
  const started = performance.now();
  const check = await verifyThroughApi(api, electionId, step, options);
  const f = check.state?.fingerprint;
  if (f !== undefined) {
    options.say(text('fingerprintSeen', { short: formatFingerprint(f), long: formatFingerprintLong(f) }));
  }
  if (check.refusals.length > 0 || check.state === undefined)
    throw new BoardRefusedError(options.party, check.refusals);
  const { state } = check;
  options.say(
    text('boardVerified', {
      size: (state.treeHead?.size ?? 1) - 1,
      ballots: state.tally.mixInput?.turnout.ballotsReceived ?? 0,
      shuffles: state.tally.chain?.mixed.length ?? 0,
      seconds: secondsSince(started),
    }),
  );
  return { state, reading: check.reading };
}

/**
 * Following the board while voting runs (§15.1, "ballots verified as they arrive"): the board as
 * it is now, verified, and the ballots that verify kept in the party's file, so that at the close
 * only the ballots cast since are verified. What is not on the board yet is not a refusal; a check
 * that failed is — the board is append-only, it will fail at the close too — and the party refuses
 * at once.
 */
export async function followBoard(
  api: BoardApi,
  electionId: string,
  options: Omit<PartyCheckOptions, 'expectFingerprint'>,
): Promise<ReadingCounters> {
  const started = performance.now();
  const check = await verifyThroughApi(api, electionId, 'mix', options);
  const failed = check.report.results
    .filter((r) => r.outcome === 'failed')
    .flatMap((r) => r.problems.map((problem) => ({ check: r.id, problem })));
  if (failed.length > 0) throw new BoardRefusedError(options.party, failed);
  const ballots = Number(/\d+/.exec(check.report.results.find((r) => r.id === 'V13.06')?.summary ?? '')?.[0] ?? 0);
  options.say(
    text('boardFollowed', { size: check.state?.treeHead?.size ?? 0, ballots, seconds: secondsSince(started) }),
  );
  return check.reading;
}

/** The election's states in which a party that follows until `through` still has something to follow. */
const FOLLOWED: Readonly<Record<'voting' | 'mixing', readonly string[]>> = {
  voting: ['open'],
  mixing: ['open', 'closed', 'mixing'],
};

/**
 * `follow`: followBoard every `everySeconds` for as long as voting runs — or, `through: 'mixing'`
 * (a trustee), until mixing has completed, so that each shuffle is checked as it lands — or once;
 * with the party's kept state, each round reads only what is new, and the party's later check
 * before it acts verifies only the tail since the last round. Returns the seconds spent verifying.
 */
export async function followWhileVoting(
  api: BoardApi,
  electionId: string,
  options: Omit<PartyCheckOptions, 'expectFingerprint'> & {
    everySeconds: number;
    once: boolean;
    through?: 'voting' | 'mixing';
  },
): Promise<number> {
  let spent = 0;
  for (;;) {
    const { state } = await api.get<{ state: string }>(`/api/v1/elections/${encodeURIComponent(electionId)}`);
    if (!FOLLOWED[options.through ?? 'voting'].includes(state) && !options.once) {
      options.say(text('notVoting', { state: stateText(state) }));
      return spent;
    }
    const started = performance.now();
    await followBoard(api, electionId, options);
    spent += (performance.now() - started) / 1000;
    if (options.once) return spent;
    await new Promise((resolve) => setTimeout(resolve, options.everySeconds * 1000));
  }
}
