// The end of every fault scenario: export the board through the public API, check that every
// acknowledged receipt is on it (its entry at its position, with its hash), that no ballot is on
// it twice, that the chain has no fork or gap, and run the verifier on the export.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BallotJson } from '@evotare/crypto/ballot';
import { type BoardEntry, decodeBoardEntry, verifyBoardChain } from '@evotare/crypto/board/entry';
import { toBase64Url } from '@evotare/crypto/bytes';
import type { SignedReceiptJson } from '@evotare/crypto/credential';
import { exportBoard } from '@evotare/server/src/board/export.ts';
import { apiClient } from '@evotare/verifier/remote/client';
import { verifyBoardExport } from '@evotare/verifier/verify';
import { SAMPLE_ELECTION } from './voters.ts';

export interface BoardFigures {
  readonly acknowledged: number;
  /** Receipts whose entry is not on the board as receipted (target 0). */
  readonly lost: number;
  /** Ballot entries beyond the first of the same ballot (target 0). */
  readonly duplicates: number;
  /** Whether the hash chain is whole: no fork, no gap (and the verifier agrees). */
  readonly chainValid: boolean;
  readonly boardSize: number;
  /** The verifier's checks that failed (target 0); checks of later phases do not run yet. */
  readonly verifierFailed: number;
  readonly verifierPassed: number;
}

export async function checkBoard(
  url: string,
  receipts: readonly SignedReceiptJson[],
  id = SAMPLE_ELECTION,
): Promise<BoardFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-faults-board-'));
  try {
    await exportBoard(apiClient(url, null, 'en'), id, dir);
    const entries: BoardEntry[] = [];
    for (const f of readdirSync(join(dir, 'entries')).sort()) {
      for (const line of readFileSync(join(dir, 'entries', f), 'utf8')
        .trimEnd()
        .split('\n')) {
        const decoded = decodeBoardEntry(JSON.parse(line));
        if ('error' in decoded) throw new Error(`undecodable entry in the export: ${JSON.stringify(decoded.error)}`);
        entries.push(decoded.entry);
      }
    }
    const chainValid = verifyBoardChain(entries).valid && entries.every((e, i) => e.seq === i);
    const lost = receipts.filter((r) => {
      const e = entries[r.position];
      return e === undefined || e.type !== 'ballot' || toBase64Url(e.hash) !== r.entryHash;
    }).length;
    const seen = new Set<string>();
    let duplicates = 0;
    for (const e of entries) {
      if (e.type !== 'ballot') continue;
      const b = e.payload as BallotJson;
      const key = `${b.credential}/${b.signature}`;
      if (seen.has(key)) duplicates++;
      seen.add(key);
    }
    const { report } = await verifyBoardExport(dir, receipts.length > 0 ? { receipt: receipts.at(-1) } : {});
    return {
      acknowledged: receipts.length,
      lost,
      duplicates,
      chainValid,
      boardSize: entries.length,
      verifierFailed: report.failed,
      verifierPassed: report.passed,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
