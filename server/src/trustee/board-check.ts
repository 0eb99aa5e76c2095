// What a trustee checks before it decrypts anything (docs/SPEC.md §14.4): the whole board as the
// CEC signed it — its hash chain and the signed tree head over it, the manifest in entry 0 — then
// the key ceremony (Algorithm 9.13, its own verification key), the mix input recomputed from the
// ballots on the board (Algorithm 14.1, V14.02–V14.03), and every mix node's output, signature and
// shuffle proof (V14.04–V14.06, with the mixing deadline of an early end) up to `mixing-completed`. Only the list that `mixing-completed`
// names, reached by that chain, is ever decrypted.
import type { BoardEntry } from '@evotare/crypto/board/entry';
import { equalBytes, fromBase64Url } from '@evotare/crypto/bytes';
import { canonicalize } from '@evotare/crypto/canonical-json';
import { verifyCeremony } from '@evotare/crypto/dkg/ceremony';
import type { GroupElement } from '@evotare/crypto/group';
import { type Manifest, manifestHash } from '@evotare/crypto/manifest';
import type { TaskRunner } from '@evotare/crypto/parallel/task';
import { type CurrentList, MixChain } from '@evotare/crypto/tally/mix-chain';
import {
  checkMixInputPayload,
  MixInputBuilder,
  type MixInputResult,
  type Turnout,
} from '@evotare/crypto/tally/mix-input';
import { mixingDeadline } from '@evotare/crypto/tally/mixing-deadline';
import { BoardCheckError, BoardFollower } from '../cli/board-follower.ts';
import { ApiError } from '../cli/client.ts';
import { readAttachmentOver } from '../cli/download.ts';
import { type Localized, text, textOf } from '../cli/text.ts';
import { TrusteeError } from './errors.ts';
import type { TrusteeServer } from './server-api.ts';

export interface CheckedBoard {
  /** Every entry but the ballots, in board order. */
  readonly entries: readonly BoardEntry[];
  readonly manifestHash: Uint8Array;
  readonly verificationKeys: readonly GroupElement[];
  /** The final list, reached through the verified mix chain. */
  readonly finalList: CurrentList;
  readonly turnout: Turnout;
}

export interface BoardCheckSteps {
  /** Entries read so far of the board's size. */
  readonly reading?: (done: number, total: number) => void;
  readonly say: (line: Localized) => void;
}

const fail = (reason: string | Localized): never => {
  throw new TrusteeError(text('boardDoesNotVerify', { reason }));
};

/**
 * The board as the CEC's latest signed tree head commits to it, read page by page and checked
 * entry by entry (chain, Merkle root, the manifest in entry 0). Ballots go straight into Algorithm
 * 14.1 and are not kept: what is returned is every other entry, in order, and the mix input.
 */
async function readSignedBoard(
  server: TrusteeServer,
  manifest: Manifest,
  steps: BoardCheckSteps,
): Promise<{ entries: BoardEntry[]; mixInput: MixInputResult }> {
  const follower = new BoardFollower(server.api, manifest.electionId, fromBase64Url(manifest.authority.signingKey, 32));
  const builder = new MixInputBuilder(manifest.contests.length);
  const entries: BoardEntry[] = [];
  try {
    await follower.follow(
      (e) => {
        if (e.seq === 0 && (e.type !== 'manifest' || canonicalize(e.payload) !== canonicalize(manifest))) {
          fail(text('entryZeroNotManifest'));
        }
        if (!builder.closed || e.type === 'voting-closed') {
          const v = builder.add(e);
          if (!v.valid) fail(v.reason);
        }
        if (e.type !== 'ballot') entries.push(e);
      },
      (done, total) => steps.reading?.(done, total),
    );
  } catch (e) {
    if (e instanceof BoardCheckError) fail(e.text);
    throw e;
  }
  return { entries, mixInput: builder.finish() };
}

/** The whole check; throws a TrusteeError that says what failed. */
export async function checkBoardForDecryption(
  server: TrusteeServer,
  manifest: Manifest,
  electionKey: GroupElement,
  pool: TaskRunner | undefined,
  steps: BoardCheckSteps,
): Promise<CheckedBoard> {
  const { entries, mixInput } = await readSignedBoard(server, manifest, steps);
  const h = manifestHash(manifest);

  const ceremony = verifyCeremony(
    manifest,
    entries.filter((e) => e.type.startsWith('dkg-')).map((e) => e.payload),
  );
  if (!ceremony.valid) return fail(ceremony.reason);
  if (!ceremony.electionKey.equals(electionKey)) fail(text('keyNotCeremonys'));
  const keyEntry = entries.find((e) => e.type === 'election-key');
  const published = (keyEntry?.payload as { verificationKeys?: string[] } | undefined)?.verificationKeys ?? [];
  const computed = ceremony.verificationKeys;
  if (
    published.length !== computed.length ||
    published.some((vk, j) => !equalBytes(fromBase64Url(vk, 32), computed[j]!.encode()))
  ) {
    fail(text('verificationKeysDiffer'));
  }
  steps.say(text('ceremonyVerified', { list: ceremony.qualified.join(', ') }));

  if (!mixInput.valid) return fail(mixInput.reason);
  const mixInputEntry = entries.find((e) => e.type === 'mix-input');
  if (mixInputEntry === undefined) return fail(text('noMixInput'));
  const v = checkMixInputPayload(mixInputEntry.payload, mixInput.mixInput);
  if (!v.valid) fail(v.reason);
  steps.say(
    text('mixInputRecomputed', {
      count: mixInput.mixInput.list.count,
      received: mixInput.mixInput.turnout.ballotsReceived,
    }),
  );

  const chain = new MixChain(
    { manifestHash: h, mixNodeKeys: manifest.mixNodes.map((m) => fromBase64Url(m.signingKey, 32)), electionKey },
    { list: mixInput.mixInput.list, digest: mixInput.mixInput.digest },
  );
  // An attachment whose bytes are not those its entry names fails V14.01 (the download checks them).
  const fetch = async (ref: Parameters<typeof readAttachmentOver>[2]) => {
    try {
      return await readAttachmentOver(server.api, manifest.electionId, ref);
    } catch (e) {
      if (e instanceof ApiError) throw e;
      return fail(text('v1401', { reason: textOf(e) }));
    }
  };
  for (const e of entries) {
    if (e.type === 'mix-output') {
      const node = (e.payload as { mixNode?: number }).mixNode ?? -1;
      const checked = await chain.addMixOutput(e.seq, e.payload, fetch, pool);
      if (!checked.valid) fail(checked.reason);
      steps.say(text('shuffleVerified', { node, name: manifest.mixNodes[node]?.name ?? '?' }));
    } else if (e.type === 'mixing-completed') {
      const deadline = mixingDeadline(manifest, mixInputEntry.time);
      const checked = chain.checkCompleted(e.seq, e.payload, { time: e.time, deadline });
      if (!checked.valid) fail(checked.reason);
    }
  }
  if (!chain.completed) {
    throw new TrusteeError(text('mixingIncomplete'));
  }
  return {
    entries,
    manifestHash: h,
    verificationKeys: computed,
    finalList: chain.current,
    turnout: mixInput.mixInput.turnout,
  };
}
