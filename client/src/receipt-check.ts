// The voter's check of a cast ballot, V13.10 (docs/SPEC.md §13.6, §13.8), run in the browser — in
// the booth after casting, and on a second device from the receipt's QR code. Every step uses
// crypto/ and the election's manifest; the server is only asked for public board data:
//
//   receipt        VerifyReceipt (Algorithm 13.8): the CEC signed the receipt and its tree head
//   tracking-code  the receipt is for the tracking code the voter holds
//   entry          board entry `position` hashes (Algorithm 12.1) to the receipt's entryHash and
//                  holds a ballot with that tracking code (Algorithm 8.4)
//   ballot         the ballot verifies (Algorithm 8.3)
//   head           the board's latest tree head is signed by the CEC
//   inclusion      VerifyReceiptInclusion (Algorithm 13.9) under that latest head
//   consistency    the latest head extends the receipt's head (Algorithm 12.5): nothing recorded
//                  up to the receipt was changed since
//
// Each step is reported, passed or not; a step that cannot run (its input failed) is not run.
import {
  type BallotJson,
  BallotSchema,
  ballotTrackingCode,
  formatTrackingCode,
  verifyBallot,
} from '@evotare/crypto/ballot';
import { boardEntryHash, decodeBoardEntry } from '@evotare/crypto/board/entry';
import { verifyConsistencyProof } from '@evotare/crypto/board/merkle';
import { decodeSignedTreeHead, type SignedTreeHead, verifyTreeHead } from '@evotare/crypto/board/tree-head';
import { equalBytes, fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { canonicalBytes } from '@evotare/crypto/canonical-json';
import {
  decodeSignedReceipt,
  type SignedReceipt,
  verifyReceipt,
  verifyReceiptInclusion,
} from '@evotare/crypto/credential';
import * as z from 'zod';
import { type Api, ApiError, electionPath } from './api.ts';
import type { LoadedElection } from './election.ts';

export const CHECK_STEPS = ['receipt', 'tracking-code', 'entry', 'ballot', 'head', 'inclusion', 'consistency'] as const;
export type CheckStepId = (typeof CHECK_STEPS)[number];

export interface CheckStep {
  readonly id: CheckStepId;
  readonly ok: boolean;
  /** Why it failed (English, technical: shown as a detail). */
  readonly reason?: string;
}

export interface ReceiptCheck {
  readonly valid: boolean;
  readonly steps: readonly CheckStep[];
  readonly receipt: SignedReceipt | null;
  /** The board's latest tree head, signed by the CEC, that the entry was checked under (if it was). */
  readonly latest: SignedTreeHead | null;
}

const ProofSchema = z.object({ proof: z.array(z.string()) });

function hashes(list: readonly string[]): Uint8Array[] | null {
  try {
    return list.map((h) => fromBase64Url(h, 32));
  } catch {
    return null;
  }
}

async function fetchOr(api: Api, path: string): Promise<{ ok: true; value: unknown } | { ok: false; reason: string }> {
  try {
    return { ok: true, value: await api.get(path) };
  } catch (e) {
    return { ok: false, reason: e instanceof ApiError ? e.problem : String(e) };
  }
}

/**
 * Checks a receipt against the public board. `expectedCode` is the tracking code the voter holds
 * (from the booth, or from the QR code), if any.
 */
export async function checkReceipt(
  api: Api,
  election: LoadedElection,
  receiptJson: unknown,
  expectedCode?: Uint8Array,
): Promise<ReceiptCheck> {
  const steps: CheckStep[] = [];
  const step = (id: CheckStepId, ok: boolean, reason?: string) => {
    steps.push(reason === undefined || ok ? { id, ok } : { id, ok, reason });
    return ok;
  };
  let latest: SignedTreeHead | null = null;
  const done = (receipt: SignedReceipt | null): ReceiptCheck => ({
    valid: steps.length === CHECK_STEPS.length && steps.every((s) => s.ok),
    steps,
    receipt,
    latest,
  });
  const electionId = election.manifest.electionId;
  const base = `${electionPath(electionId)}/board`;

  // receipt
  const decoded = decodeSignedReceipt(receiptJson);
  if ('error' in decoded) {
    step('receipt', false, decoded.error.valid ? 'malformed' : decoded.error.reason);
    return done(null);
  }
  const receipt = decoded.value;
  const signed = verifyReceipt(receipt, election.authorityKey, electionId);
  step('receipt', signed.valid, signed.valid ? undefined : signed.reason);

  // tracking-code
  if (expectedCode !== undefined) {
    step('tracking-code', equalBytes(receipt.trackingCode, expectedCode), 'the receipt is for another tracking code');
  } else {
    step('tracking-code', true);
  }

  // entry, ballot
  const entryAnswer = await fetchOr(api, `${base}/entries/${receipt.position}`);
  if (!entryAnswer.ok) {
    step('entry', false, `board entry ${receipt.position}: ${entryAnswer.reason}`);
  } else {
    const entry = decodeBoardEntry(entryAnswer.value);
    if ('error' in entry) {
      step('entry', false, entry.error.valid ? 'malformed entry' : entry.error.reason);
    } else {
      const e = entry.entry;
      const hash = boardEntryHash(e.seq, e.type, e.time, canonicalBytes(e.payload), e.previous);
      const ballot = BallotSchema.safeParse(e.payload);
      const reason =
        e.seq !== receipt.position
          ? 'the board sent another entry'
          : !equalBytes(hash, e.hash)
            ? 'the entry does not hash to its stated hash'
            : !equalBytes(hash, receipt.entryHash)
              ? 'the entry is not the one the receipt names'
              : e.type !== 'ballot' || !ballot.success
                ? 'the entry is not a ballot'
                : election.ctx === null
                  ? 'the election has no key'
                  : !equalBytes(ballotTrackingCode(election.ctx, ballot.data as BallotJson), receipt.trackingCode)
                    ? 'the ballot on the board has another tracking code'
                    : undefined;
      if (step('entry', reason === undefined, reason) && election.ctx !== null) {
        const v = verifyBallot(election.ctx, e.payload);
        step('ballot', v.valid, v.valid ? undefined : v.reason);
      }
    }
  }

  // head, inclusion, consistency
  const headAnswer = await fetchOr(api, `${base}/tree-head`);
  if (!headAnswer.ok) {
    step('head', false, headAnswer.reason);
  } else {
    const head = decodeSignedTreeHead(headAnswer.value);
    if ('error' in head) {
      step('head', false, head.error.valid ? 'malformed' : head.error.reason);
    } else {
      const v = verifyTreeHead(head.value, election.authorityKey);
      const reason = !v.valid
        ? v.reason
        : head.value.electionId !== electionId
          ? 'the tree head is of another election'
          : head.value.size < receipt.treeHead.size
            ? 'the latest tree head is older than the receipt’s'
            : undefined;
      if (step('head', reason === undefined, reason)) latest = head.value;
    }
  }
  if (latest !== null) {
    const inclusion = await fetchOr(api, `${base}/inclusion?position=${receipt.position}&size=${latest.size}`);
    const proof = inclusion.ok ? ProofSchema.safeParse(inclusion.value) : null;
    const path = proof?.success ? hashes(proof.data.proof) : null;
    if (path === null) {
      step('inclusion', false, inclusion.ok ? 'malformed proof' : inclusion.reason);
    } else {
      const v = verifyReceiptInclusion(receipt, latest, path);
      step('inclusion', v.valid, v.valid ? undefined : v.reason);
    }
    const first = receipt.treeHead.size;
    const consistency = await fetchOr(api, `${base}/consistency?first=${first}&second=${latest.size}`);
    const cproof = consistency.ok ? ProofSchema.safeParse(consistency.value) : null;
    const cpath = cproof?.success ? hashes(cproof.data.proof) : null;
    if (cpath === null) {
      step('consistency', false, consistency.ok ? 'malformed proof' : consistency.reason);
    } else {
      const v = verifyConsistencyProof(first, latest.size, cpath, receipt.treeHead.root, latest.root);
      step('consistency', v.valid, v.valid ? undefined : v.reason);
    }
  }
  return done(receipt);
}

/**
 * A ballot's receipt, by its full tracking code (what the second device starts from). The server
 * does not say whether the ballot is the last of its credential (docs/THREAT-MODEL.md §3.10).
 */
export async function fetchReceipt(api: Api, electionId: string, trackingCode: Uint8Array): Promise<unknown> {
  const answer = z
    .object({ receipt: z.unknown() })
    .parse(await api.get(`${electionPath(electionId)}/ballots/${toBase64Url(trackingCode)}`));
  return answer.receipt;
}

const FoundSchema = z.object({
  ballots: z.array(z.object({ position: z.number().int().nonnegative(), trackingCode: z.string() })),
});

/**
 * The full tracking codes of the ballots on the board whose code starts with the 10 bytes a voter
 * typed (Algorithm 8.4a): the server's answer is kept only where it does (an empty list when none).
 */
export async function findTrackingCodes(
  api: Api,
  electionId: string,
  prefix: Uint8Array,
): Promise<{ position: number; trackingCode: Uint8Array }[]> {
  let answer: unknown;
  try {
    answer = await api.get(`${electionPath(electionId)}/board/tracking-codes/${formatTrackingCode(prefix)}`);
  } catch (e) {
    if (e instanceof ApiError && e.problem === 'entry-not-found') return [];
    throw e;
  }
  const found: { position: number; trackingCode: Uint8Array }[] = [];
  for (const b of FoundSchema.parse(answer).ballots) {
    let code: Uint8Array;
    try {
      code = fromBase64Url(b.trackingCode, 32);
    } catch {
      continue;
    }
    if (equalBytes(code.subarray(0, prefix.length), prefix)) found.push({ position: b.position, trackingCode: code });
  }
  return found;
}
