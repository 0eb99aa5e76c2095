// Synthetic boards for the verifier's tests, written with the crypto package alone: an honest
// election up to the close of voting, as a list of (type, payload) items that tests may change
// before it is written out as an export (docs/SPEC.md §12.8) with correct hashes and signed heads.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { attachmentRef } from '@evotare/crypto/attachment';
import {
  type BallotJson,
  ballotTrackingCode,
  type ElectionContext,
  electionContext,
  encryptAndSignBallot,
} from '@evotare/crypto/ballot';
import { appendBoardEntry, type BoardEntry, type BoardEntryType, encodeBoardEntry } from '@evotare/crypto/board/entry';
import { MerkleTree } from '@evotare/crypto/board/merkle';
import { encodeSignedTreeHead, signTreeHead } from '@evotare/crypto/board/tree-head';
import { toBase64Url } from '@evotare/crypto/bytes';
import { canonicalize, type JsonValue } from '@evotare/crypto/canonical-json';
import {
  encodeSignedCredential,
  encodeSignedReceipt,
  encodeSignedRevocation,
  signCredential,
  signReceipt,
  signRevocation,
} from '@evotare/crypto/credential';
import { testDefinition } from '@evotare/crypto/dkg/_fixtures';
import { verifyCeremony } from '@evotare/crypto/dkg/ceremony';
import { deal } from '@evotare/crypto/dkg/dealing';
import type { CeremonyMessage } from '@evotare/crypto/dkg/messages';
import { answerComplaints, deriveSecretShare, reviewShares } from '@evotare/crypto/dkg/trustee';
import { generateTrusteeKeys, requireCeremonyContext, type TrusteeKeys } from '@evotare/crypto/dkg/trustee-keys';
import type { GroupElement } from '@evotare/crypto/group';
import { type Manifest, ManifestSchema, manifestHash } from '@evotare/crypto/manifest';
import { genShuffleProof } from '@evotare/crypto/shuffle/proof';
import { genShuffle } from '@evotare/crypto/shuffle/shuffle';
import { generateSigningKey, type SigningKeyPair } from '@evotare/crypto/signature';
import { packDecryptionShares, partialDecryptionEntry } from '@evotare/crypto/tally/decryption-entry';
import { rowListDigest } from '@evotare/crypto/tally/list-digest';
import { mixingCompletedPayload, mixingEndedPayload } from '@evotare/crypto/tally/mix-chain';
import { mixInput, mixInputPayload } from '@evotare/crypto/tally/mix-input';
import { mixOutputPayload, shuffleProofAttachment, signMixOutput } from '@evotare/crypto/tally/mix-output';
import { mixingDeadline } from '@evotare/crypto/tally/mixing-deadline';
import { choicesOfPlaintexts, makeResult } from '@evotare/crypto/tally/result';
import {
  combineDecryptionShares,
  makePartialDecryption,
  type VerifiedShares,
  verifyPartialDecryptionOfList,
} from '@evotare/crypto/threshold/parallel';

export interface Item {
  readonly type: BoardEntryType;
  readonly payload: JsonValue;
  /** The entry's time (a board time); by default one second after the previous entry's. */
  readonly time?: string;
}

export interface SyntheticElection {
  readonly manifest: Manifest;
  readonly authority: SigningKeyPair;
  readonly trustees: readonly TrusteeKeys[];
  readonly mixNodes: readonly SigningKeyPair[];
  /** The trustees' key shares x_j, by index j = 1 … 3. */
  readonly keyShares: ReadonlyMap<number, bigint>;
  readonly electionKey: GroupElement;
  /** Attachments by the base64url of their id. */
  readonly attachments: Map<string, Uint8Array>;
  readonly ctx: ElectionContext;
  readonly voters: readonly SigningKeyPair[];
  /** The board's content, in order. */
  readonly items: Item[];
  /** The choices of the ballots that count, per voter index (undefined: does not count). */
  readonly counted: (readonly number[] | undefined)[];
}

const json = (x: unknown) => JSON.parse(JSON.stringify(x)) as JsonValue;

/**
 * An honest election: 3 trustees (k = 2, or `threshold`), `voters` voters who activate and vote;
 * voter 1 votes twice (the second ballot counts), the last voter votes and is then revoked for a
 * paper vote. The manifest has `mixNodeCount` mix nodes (two unless told).
 */
export function syntheticElection(
  voters = 6,
  { threshold = 2, mixNodeCount = 2 }: { threshold?: number; mixNodeCount?: number } = {},
): SyntheticElection {
  const authority = generateSigningKey();
  const trustees = Array.from({ length: 3 }, () => generateTrusteeKeys());
  const mixNodes = Array.from({ length: mixNodeCount }, () => generateSigningKey());
  const manifest = ManifestSchema.parse({
    ...testDefinition,
    electionId: 'verifier-test',
    authority: { name: 'CEC', signingKey: toBase64Url(authority.publicKey) },
    trustees: { threshold, members: trustees.map((t, i) => ({ name: `Trustee ${i + 1}`, ...t.public })) },
    mixNodes: mixNodes.map((m, i) => ({ name: `Mix ${i + 1}`, signingKey: toBase64Url(m.publicKey) })),
  });
  const h = manifestHash(manifest);
  const items: Item[] = [{ type: 'manifest', payload: json(manifest) }];
  items.push({ type: 'roll', payload: { size: voters + 2, commitment: toBase64Url(new Uint8Array(32).fill(7)) } });

  // the key ceremony, honest
  const cctx = requireCeremonyContext(manifest);
  let messages: CeremonyMessage[] = [];
  const dealers = trustees.map((t, i) => deal(cctx, i + 1, t.secret.signingKey));
  for (const d of dealers) messages.push(d.commitment, d.shares);
  for (const m of messages) items.push({ type: m.type, payload: json(m) });
  items.push({ type: 'ceremony-phase', payload: { phase: 'complaints' } });
  trustees.forEach((t, i) => {
    const complaints = reviewShares(manifest, messages, {
      index: i + 1,
      signingKey: t.secret.signingKey,
      encryptionKey: t.secret.encryptionKey,
    }).complaints;
    for (const c of complaints) items.push({ type: c.type, payload: json(c) });
    messages = [...messages, ...complaints];
  });
  // §12.9: the resolution phase opens only when a trustee complained; otherwise the key follows
  if (messages.some((m) => m.type === 'dkg-complaint')) {
    items.push({ type: 'ceremony-phase', payload: { phase: 'resolution' } });
    dealers.forEach((d, i) => {
      for (const a of answerComplaints(manifest, messages, d.secret, trustees[i]!.secret.signingKey))
        items.push({ type: a.type, payload: json(a) });
    });
  }
  const outcome = verifyCeremony(manifest, messages);
  if (!outcome.valid) throw new Error(outcome.reason);
  const keyShares = new Map<number, bigint>();
  trustees.forEach((t, i) => {
    const me = { index: i + 1, signingKey: t.secret.signingKey, encryptionKey: t.secret.encryptionKey };
    const r = deriveSecretShare(manifest, messages, me, dealers[i]!.secret);
    if (!r.ok) throw new Error(r.reason);
    keyShares.set(i + 1, r.keyShare.secretShare);
  });
  items.push({
    type: 'election-key',
    payload: {
      qualified: [...outcome.qualified],
      electionKey: toBase64Url(outcome.electionKey.encode()),
      verificationKeys: outcome.verificationKeys.map((vk) => toBase64Url(vk.encode())),
    },
  });
  const ctx = electionContext(manifest, outcome.electionKey);

  // voting
  items.push({ type: 'voting-opened', payload: {} });
  const people = Array.from({ length: voters }, () => generateSigningKey());
  const counted: (readonly number[] | undefined)[] = [];
  people.forEach((v, i) => {
    items.push({
      type: 'credential-issued',
      payload: json(
        encodeSignedCredential(
          signCredential(
            { electionId: manifest.electionId, manifestHash: h, publicKey: v.publicKey },
            authority.secretKey,
          ),
        ),
      ),
    });
    const choices = [i % 4, i % 2];
    items.push({ type: 'ballot', payload: json(encryptAndSignBallot(ctx, v, choices)) });
    counted.push(choices);
  });
  const revote = [3, 1];
  items.push({ type: 'ballot', payload: json(encryptAndSignBallot(ctx, people[0]!, revote)) });
  counted[0] = revote;
  const paper = people[voters - 1]!;
  items.push({
    type: 'credential-revoked',
    payload: json(
      encodeSignedRevocation(
        signRevocation(
          { electionId: manifest.electionId, manifestHash: h, publicKey: paper.publicKey, reason: 'voted-in-person' },
          authority.secretKey,
        ),
      ),
    ),
  });
  counted[voters - 1] = undefined;
  items.push({ type: 'voting-closed', payload: {} });
  return {
    manifest,
    authority,
    trustees,
    mixNodes,
    keyShares,
    electionKey: outcome.electionKey,
    attachments: new Map(),
    ctx,
    voters: people,
    items,
    counted,
  };
}

/** When the mix input of a board whose mixing officials end is appended: after the window closed. */
export const LATE_MIX_INPUT_TIME = '2026-10-20T18:30:00.000Z';

/**
 * The tally of a synthetic election (§14), appended to its items: the mix input, every mix node's
 * shuffle, partial decryptions by trustees 1 and 3, and the CEC-signed result. With `endedEarly`,
 * only the nodes `endedEarly.mixedBy` mix, in that order, and officials end the mixing at the
 * deadline (Algorithm 14.2) with `endedEarly.reason`; the mix input is then appended at
 * LATE_MIX_INPUT_TIME, so that the deadline is one the fixture's clock reaches.
 */
export async function tallySyntheticElection(
  e: SyntheticElection,
  endedEarly?: { readonly mixedBy: readonly number[]; readonly reason: string },
): Promise<void> {
  const h = manifestHash(e.manifest);
  const keep = (bytes: Uint8Array) => {
    const ref = attachmentRef(bytes);
    e.attachments.set(toBase64Url(ref.id), bytes);
    return ref;
  };
  const computed = mixInput(
    e.manifest.contests.length,
    e.items.map((x, seq) => ({ seq, type: x.type, payload: x.payload })),
  );
  if (!computed.valid) throw new Error(computed.reason);
  const mi = computed.mixInput;
  e.items.push({
    type: 'mix-input',
    payload: json(mixInputPayload(mi, mi.list.count > 0 ? keep(mi.list.bytes) : null)),
    ...(endedEarly ? { time: LATE_MIX_INPUT_TIME } : {}),
  });
  let current = mi.list;
  const mixedBy = endedEarly?.mixedBy ?? e.mixNodes.map((_, nu) => nu);
  for (const nu of mixedBy) {
    const node = e.mixNodes[nu]!;
    const { output, witness } = await genShuffle(e.electionKey, current);
    const proof = await genShuffleProof(
      {
        manifestHash: h,
        mixNode: { index: nu, publicKey: node.publicKey },
        electionKey: e.electionKey,
        input: current,
        output,
      },
      witness,
    );
    const proofRef = keep(shuffleProofAttachment(proof));
    const input = rowListDigest(current);
    const out = rowListDigest(output);
    const signature = signMixOutput(h, nu, input, out, proofRef.id, node.secretKey);
    e.items.push({
      type: 'mix-output',
      payload: json(
        mixOutputPayload({
          mixNode: nu,
          input,
          output: out,
          rows: output.count,
          width: output.width,
          data: keep(output.bytes),
          proof: proofRef,
          signature,
        }),
      ),
    });
    current = output;
  }
  const listDigest = rowListDigest(current);
  if (endedEarly) {
    const deadline = mixingDeadline(e.manifest, LATE_MIX_INPUT_TIME);
    e.items.push({
      type: 'mixing-completed',
      payload: json(mixingEndedPayload(listDigest, mixedBy, e.mixNodes.length, deadline, endedEarly.reason)),
      time: deadline,
    });
  } else e.items.push({ type: 'mixing-completed', payload: json(mixingCompletedPayload(listDigest, mixedBy)) });
  const ceremony = verifyCeremony(
    e.manifest,
    e.items.filter((x) => x.type.startsWith('dkg-')).map((x) => x.payload),
  );
  if (!ceremony.valid) throw new Error(ceremony.reason);
  const partials: VerifiedShares[] = [];
  for (const j of [1, 3]) {
    const trustee = { manifestHash: h, index: j, verificationKey: ceremony.verificationKeys[j - 1]! };
    const message = await makePartialDecryption(undefined, {
      electionId: e.manifest.electionId,
      trustee,
      list: current,
      listDigest,
      secretShare: e.keyShares.get(j)!,
      signingKey: e.trustees[j - 1]!.secret.signingKey,
    });
    e.items.push({
      type: 'partial-decryption',
      payload: json(partialDecryptionEntry(message, keep(packDecryptionShares(message)))),
    });
    const checked = await verifyPartialDecryptionOfList(
      undefined,
      requireCeremonyContext(e.manifest),
      ceremony.verificationKeys,
      current,
      listDigest,
      message,
    );
    if ('error' in checked) throw new Error('fixture: partial decryption does not verify');
    partials.push(checked.verified);
  }
  const plaintexts = await combineDecryptionShares(undefined, current, listDigest, partials, 2);
  const choices = choicesOfPlaintexts(e.manifest, plaintexts);
  const result = makeResult({
    manifest: e.manifest,
    manifestHash: h,
    list: listDigest,
    decryptedBy: [1, 3],
    choices,
    turnout: { ...mi.turnout },
    authoritySecretKey: e.authority.secretKey,
  });
  keep(choices);
  e.items.push({ type: 'result', payload: json(result) });
}

export interface Written {
  readonly entries: BoardEntry[];
  readonly dir: string;
}

/** The receipt the server would give for the ballot at `seq`, with the head of size seq + 1. */
export function receiptFor(
  election: Pick<SyntheticElection, 'manifest' | 'authority' | 'ctx'>,
  written: Written,
  seq: number,
): JsonValue {
  const tree = new MerkleTree();
  for (const e of written.entries.slice(0, seq + 1)) tree.append(e.hash);
  const entry = written.entries[seq]!;
  const treeHead = signTreeHead(
    { electionId: election.manifest.electionId, size: seq + 1, root: tree.root(), time: entry.time },
    election.authority.secretKey,
  );
  const trackingCode = ballotTrackingCode(election.ctx, entry.payload as BallotJson);
  const receipt = signReceipt(
    { electionId: election.manifest.electionId, trackingCode, position: seq, entryHash: entry.hash, treeHead },
    election.authority.secretKey,
  );
  return JSON.parse(JSON.stringify(encodeSignedReceipt(receipt)));
}

/**
 * Writes `items` as a board export (§12.8): entries with hashes, and a signed head after each entry
 * (as the server signs one per appending transaction), the last of which is `tree-head.json`.
 */
export function writeExport(
  dir: string,
  election: Pick<SyntheticElection, 'manifest' | 'authority'> & { attachments?: Map<string, Uint8Array> },
  items: readonly Item[],
): Written {
  mkdirSync(join(dir, 'entries'), { recursive: true });
  mkdirSync(join(dir, 'attachments'), { recursive: true });
  for (const [id, bytes] of election.attachments ?? []) writeFileSync(join(dir, 'attachments', id), bytes);
  const start = Date.UTC(2026, 9, 20, 4);
  const entries: BoardEntry[] = [];
  const tree = new MerkleTree();
  const heads: string[] = [];
  let head: BoardEntry | null = null;
  const signHead = (size: number, time: string) =>
    canonicalize(
      encodeSignedTreeHead(
        signTreeHead(
          { electionId: election.manifest.electionId, size, root: tree.root(size), time },
          election.authority.secretKey,
        ),
      ),
    );
  let clock = start - 1000;
  items.forEach((item, i) => {
    clock = item.time === undefined ? clock + 1000 : Date.parse(item.time);
    head = appendBoardEntry(head, item.type, new Date(clock), item.payload);
    entries.push(head);
    tree.append(head.hash);
    heads.push(signHead(i + 1, head.time));
  });
  writeFileSync(join(dir, 'FORMAT'), 'evotare-board 1\n');
  writeFileSync(join(dir, 'tree-head.json'), `${heads.at(-1)}\n`);
  writeFileSync(join(dir, 'tree-heads.jsonl'), heads.map((l) => `${l}\n`).join(''));
  writeFileSync(
    join(dir, 'entries', '0000000000.jsonl'),
    entries.map((e) => `${canonicalize(encodeBoardEntry(e))}\n`).join(''),
  );
  return { entries, dir };
}
