// Algorithm 7.6 AnchorElection (docs/SPEC.md §7.4): the manifest, the CEC key and the election key
// as the board holds them, for a party that does not read the whole board — the voter's booth, the
// officials printing letters. It reads the board from entry 0 (the manifest) to the `election-key`
// entry, checks that run as a hash chain (Algorithm 12.3) committed to by a tree head the CEC signed
// (an inclusion proof of its last entry, Algorithm 12.4: each entry's hash holds the one before),
// recomputes the key ceremony from the messages in it (Algorithm 9.13) and requires the
// `election-key` entry to be its outcome. Only then is Y an election key to encrypt to, and the
// election fingerprint (Algorithm 7.4) the booth shows computed from it.
import { equalBytes, fromBase64Url } from '../bytes.ts';
import { verifyCeremony } from '../dkg/ceremony.ts';
import { electionFingerprint } from '../fingerprint.ts';
import type { GroupElement } from '../group.ts';
import { type Manifest, ManifestSchema, manifestHash, manifestKey } from '../manifest.ts';
import { type BoardEntry, type BoardEntryType, verifyBoardChain } from './entry.ts';
import { verifyInclusionProof } from './merkle.ts';
import { ElectionKeyPayloadSchema } from './payloads.ts';
import { type SignedTreeHead, verifyTreeHead } from './tree-head.ts';

/** The election as entries 0 … K of a board signed by the CEC anchor it. */
export interface ElectionAnchor {
  readonly manifest: Manifest;
  /** h = ManifestHash(manifest) of entry 0. */
  readonly manifestHash: Uint8Array;
  /** pk_CEC = manifest.authority.signingKey. */
  readonly authorityKey: Uint8Array;
  /** Y of the `election-key` entry, the ceremony's outcome; null while the ceremony runs. */
  readonly electionKey: GroupElement | null;
  /** ElectionFingerprint(h, pk_CEC, Y) (Algorithm 7.4); null while there is no Y. */
  readonly fingerprint: Uint8Array | null;
  /** K: the position of the `election-key` entry, or of the last entry read when there is none. */
  readonly lastSeq: number;
}

export type AnchorResult =
  | { readonly valid: true; readonly anchor: ElectionAnchor }
  | { readonly valid: false; readonly reason: string };

/** Entry types that may stand before `election-key` (§12.9), with the ceremony phase they need. */
const BEFORE_KEY: Partial<Record<BoardEntryType, 'dealing' | 'complaints' | 'resolution' | 'any'>> = {
  roll: 'any',
  'dkg-commitment': 'dealing',
  'dkg-shares': 'dealing',
  'dkg-complaint': 'complaints',
  'dkg-resolution': 'resolution',
  'ceremony-phase': 'any',
  'credential-issued': 'any',
  'credential-revoked': 'any',
  'observer-registered': 'any',
  'tree-head-cosignature': 'any',
};

/** Where a run of entries ends: at the first `election-key` entry, else at the last entry given. */
export function anchorEnd(entries: readonly BoardEntry[]): number {
  const key = entries.findIndex((e) => e.type === 'election-key');
  return key === -1 ? entries.length - 1 : key;
}

const fail = (reason: string): AnchorResult => ({ valid: false, reason });

/**
 * Algorithm 7.6 AnchorElection. `entries` are the board's entries from seq 0 on, through the first
 * `election-key` entry (later ones are ignored) or, if there is none yet, through the last entry of
 * `head`; `inclusionProof` proves the last of them (position K) in the tree of `head`, the latest
 * tree head. Never throws on bad input: the first failed check is returned, with its ID.
 */
export function anchorElection(
  electionId: string,
  entries: readonly BoardEntry[],
  head: SignedTreeHead,
  inclusionProof: readonly Uint8Array[],
): AnchorResult {
  if (entries.length === 0) return fail('V12.07 the board has no entry 0');
  const K = anchorEnd(entries);
  const run = entries.slice(0, K + 1);
  const chain = verifyBoardChain(run);
  if (!chain.valid) return fail(`V12.06 ${chain.reason}`);

  const first = run[0]!;
  const parsed = ManifestSchema.safeParse(first.payload);
  if (first.type !== 'manifest' || !parsed.success) return fail('V12.07 entry 0 is not a valid manifest');
  const manifest = parsed.data;
  if (manifest.electionId !== electionId) return fail(`V12.07 entry 0 is the manifest of "${manifest.electionId}"`);
  const authorityKey = manifestKey(manifest.authority.signingKey);

  const signed = verifyTreeHead(head, authorityKey);
  if (!signed.valid) return fail(`V12.08 ${signed.reason}`);
  if (head.electionId !== electionId) return fail(`V12.08 the tree head is of election "${head.electionId}"`);
  if (head.size <= K) return fail(`V12.08 the tree head of size ${head.size} does not cover entry ${K}`);
  const included = verifyInclusionProof(run[K]!.hash, K, head.size, inclusionProof, head.root);
  if (!included.valid) return fail(`V12.09 entry ${K} is not in the signed tree: ${included.reason}`);

  // §12.9: `ceremony-phase` names the phase it opens; "resolution" only after a complaint; the
  // election key closes the complaint phase (no complaint) or the resolution phase, never dealing.
  let phase: 'dealing' | 'complaints' | 'resolution' = 'dealing';
  let complaints = 0;
  const messages: unknown[] = [];
  for (const e of run.slice(1, K)) {
    const allowed = BEFORE_KEY[e.type];
    if (allowed === undefined || (allowed !== 'any' && allowed !== phase)) {
      return fail(`V12.12 entry ${e.seq}: ${e.type} in the ${phase} phase of the key ceremony`);
    }
    if (e.type === 'ceremony-phase') {
      const next = (e.payload as { phase?: unknown } | null)?.phase;
      const opens =
        (phase === 'dealing' && next === 'complaints') ||
        (phase === 'complaints' && next === 'resolution' && complaints > 0);
      if (!opens) return fail(`V12.12 entry ${e.seq}: ceremony phase ${JSON.stringify(next)} after ${phase}`);
      phase = next;
    }
    if (e.type === 'dkg-complaint') complaints++;
    if (e.type.startsWith('dkg-')) messages.push(e.payload);
  }
  if (run[K]!.type === 'election-key' && phase !== (complaints > 0 ? 'resolution' : 'complaints')) {
    return fail(`V12.12 entry ${K}: the election key in the ${phase} phase of the key ceremony`);
  }

  const h = manifestHash(manifest);
  const keyEntry = run[K]!;
  if (keyEntry.type !== 'election-key') {
    return {
      valid: true,
      anchor: { manifest, manifestHash: h, authorityKey, electionKey: null, fingerprint: null, lastSeq: K },
    };
  }
  const payload = ElectionKeyPayloadSchema.safeParse(keyEntry.payload);
  if (!payload.success) return fail(`V12.03 entry ${K}: malformed election-key payload`);
  const ceremony = verifyCeremony(manifest, messages);
  if (!ceremony.valid) return fail(`V12.13 the key ceremony does not verify: ${ceremony.reason}`);
  const Y = ceremony.electionKey;
  if (!equalBytes(fromBase64Url(payload.data.electionKey, 32), Y.encode())) {
    return fail(`V09.14 entry ${K}: the election key is not the outcome of the key ceremony`);
  }
  const vks = payload.data.verificationKeys;
  if (
    vks.length !== ceremony.verificationKeys.length ||
    vks.some((vk, j) => !equalBytes(fromBase64Url(vk, 32), ceremony.verificationKeys[j]!.encode()))
  ) {
    return fail(`V09.15 entry ${K}: the verification keys are not those of the key ceremony`);
  }
  if (payload.data.qualified.join(',') !== ceremony.qualified.join(',')) {
    return fail(`V12.13 entry ${K}: the qualified dealers are not those of the key ceremony`);
  }
  return {
    valid: true,
    anchor: {
      manifest,
      manifestHash: h,
      authorityKey,
      electionKey: Y,
      fingerprint: electionFingerprint(h, authorityKey, Y),
      lastSeq: K,
    },
  };
}
