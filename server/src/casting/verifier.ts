// Ballot verification as the casting service sees it: a batch of ballots of one election in, one
// Verification per ballot out. The implementation (./verify-pool.ts) runs crypto's batched
// verifyBallots on long-lived worker threads.
import type { Manifest } from '@evotare/crypto/manifest';
import type { Verification } from '@evotare/crypto/result';

export interface VerificationContext {
  readonly electionId: string;
  readonly manifest: Manifest;
  /** Encode(Y), the joint election key. */
  readonly electionKey: Uint8Array;
}

export interface BallotVerifier {
  verify(context: VerificationContext, ballot: unknown): Promise<Verification>;
  close(): Promise<void>;
  /** Gets ready ahead of the first ballot (the pool starts its threads); verify() works without it. */
  start?(): void;
  /** Ballots waiting for a worker, and ballots a worker is verifying now (for /metrics). */
  load?(): { readonly queued: number; readonly verifying: number };
}
