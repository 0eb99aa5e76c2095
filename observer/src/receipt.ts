// A voter's receipt checked against the heads an observer co-signed (docs/SPEC.md §12.11,
// Algorithm 12.11, check V12.18): the receipt is the CEC's word that the ballot is on the board; a
// co-signed head is an observer's word that it checked that board and that it extends every head it
// checked before. The receipt's entry is in the co-signed board when the receipt verifies, the
// receipt's head is a prefix of the smallest co-signed head that is not smaller (consistency proof),
// and the entry is in that head's tree (inclusion proof). The proofs come from the server; the
// roots they are checked against do not.
import { verifyConsistencyProof, verifyInclusionProof } from '@evotare/crypto/board/merkle';
import type { SignedTreeHead } from '@evotare/crypto/board/tree-head';
import { equalBytes, fromBase64Url } from '@evotare/crypto/bytes';
import { decodeSignedReceipt, verifyReceipt } from '@evotare/crypto/credential';
import type { BoardApi } from '@evotare/verifier/remote-board';
import { cosignedHeads, type LogLine } from './log.ts';

export type ReceiptCheck =
  /** The entry is in the co-signed head of this size. */
  | { readonly outcome: 'contained'; readonly size: number; readonly position: number }
  /** No co-signed head is as large as the receipt's head yet: check again later. */
  | { readonly outcome: 'not-yet'; readonly size: number }
  /** The receipt does not verify, or its entry is not in the co-signed board. */
  | { readonly outcome: 'not-contained'; readonly reason: string };

const proofOf = (hashes: unknown): Uint8Array[] | null => {
  try {
    return Array.isArray(hashes) ? hashes.map((h) => fromBase64Url(String(h), 32)) : null;
  } catch {
    return null;
  }
};

/** Algorithm 12.11 CheckReceiptAgainstCosignedHeads. */
export async function checkReceiptAgainstCosignedHeads(
  receiptJson: unknown,
  log: readonly LogLine[],
  api: BoardApi,
): Promise<ReceiptCheck> {
  const started = log.find((l) => l.event === 'started');
  if (started === undefined) return { outcome: 'not-yet', size: 0 };
  const d = decodeSignedReceipt(receiptJson);
  if ('error' in d) return { outcome: 'not-contained', reason: d.error.valid ? '' : d.error.reason };
  const receipt = d.value;
  const v = verifyReceipt(receipt, fromBase64Url(started.authorityKey, 32), started.electionId);
  if (!v.valid) return { outcome: 'not-contained', reason: `the receipt does not verify: ${v.reason}` };
  const r = receipt.treeHead;
  const heads = cosignedHeads(log).filter((h) => h.size >= r.size);
  const c: SignedTreeHead | undefined = heads.sort((a, b) => a.size - b.size)[0];
  if (c === undefined) return { outcome: 'not-yet', size: r.size };

  const base = `/api/v1/elections/${encodeURIComponent(started.electionId)}/board`;
  if (c.size === r.size) {
    if (!equalBytes(c.root, r.root)) {
      return { outcome: 'not-contained', reason: `the receipt's head of size ${r.size} is not the co-signed one` };
    }
  } else {
    const consistency = await api.get<{ proof?: unknown }>(`${base}/consistency?first=${r.size}&second=${c.size}`);
    const proof = proofOf(consistency.proof);
    const ok = proof !== null && verifyConsistencyProof(r.size, c.size, proof, r.root, c.root);
    if (ok === false || !ok.valid) {
      return {
        outcome: 'not-contained',
        reason: `the receipt's head of size ${r.size} is not a prefix of the co-signed head of size ${c.size}`,
      };
    }
  }
  const inclusion = await api.get<{ proof?: unknown }>(`${base}/inclusion?position=${receipt.position}&size=${c.size}`);
  const proof = proofOf(inclusion.proof);
  const included = proof !== null && verifyInclusionProof(receipt.entryHash, receipt.position, c.size, proof, c.root);
  if (included === false || !included.valid) {
    return {
      outcome: 'not-contained',
      reason: `entry ${receipt.position} of the receipt is not in the co-signed head of size ${c.size}`,
    };
  }
  return { outcome: 'contained', size: c.size, position: receipt.position };
}
