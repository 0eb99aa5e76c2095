// The Benaloh audit of a ballot (docs/SPEC.md §8.5) as data the voter can carry to another device,
// and the check that device runs on it: every ciphertext encrypts the stated choice with the
// stated randomness (Algorithm 8.5, V08.09), the proofs verify (VerifyUnsignedBallot), and the
// ballot was never cast (no entry on the board has its tracking code). The ballot in audit data is
// unsigned — the booth signs only the ballot the voter casts — so whoever sees the data (a second
// device, a helper, a chat) cannot cast it. The tracking code is shown so the voter can compare it
// with the one the booth showed before they chose to audit.
import {
  auditBallot,
  type BallotAudit,
  ballotTrackingCode,
  type EncryptedBallot,
  UnsignedBallotSchema,
  verifyUnsignedBallot,
} from '@evotare/crypto/ballot';
import { toBase64Url } from '@evotare/crypto/bytes';
import * as z from 'zod';
import { type Api, ApiError, electionPath } from './api.ts';
import type { LoadedElection } from './election.ts';

export const AUDIT_DATA_TYPE = 'evotare-ballot-audit';

export const AuditDataSchema = z.strictObject({
  type: z.literal(AUDIT_DATA_TYPE),
  version: z.literal(2),
  ballot: UnsignedBallotSchema,
  audit: z.strictObject({
    choices: z.array(z.int().min(0).max(64)).min(1).max(32),
    randomness: z
      .array(z.string().regex(/^[A-Za-z0-9_-]{43}$/))
      .min(1)
      .max(32),
  }),
});
export type AuditData = z.infer<typeof AuditDataSchema>;

/** What the booth hands over when the voter audits `encrypted` (never signed, so never cast). */
export function auditData(encrypted: EncryptedBallot): AuditData {
  return {
    type: AUDIT_DATA_TYPE,
    version: 2,
    ballot: encrypted.ballot,
    audit: { choices: [...encrypted.audit.choices], randomness: [...encrypted.audit.randomness] },
  };
}

export function parseAuditData(text: string): AuditData | null {
  try {
    const parsed = AuditDataSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type AuditOutcome =
  | {
      readonly valid: true;
      readonly choices: readonly number[];
      readonly trackingCode: Uint8Array;
      /** The ballot's proofs verify (§8.3 but V08.06: an audited ballot is never signed). */
      readonly proofsValid: boolean;
    }
  | { readonly valid: false; readonly reason: string; readonly trackingCode: Uint8Array | null };

/** Algorithm 8.5 on audit data, for the election it names (the caller loaded `election`). */
export function runAudit(election: LoadedElection, data: AuditData): AuditOutcome {
  if (election.ctx === null) return { valid: false, reason: 'the election has no key yet', trackingCode: null };
  const ballot = data.ballot;
  const trackingCode = ballotTrackingCode(election.ctx, ballot);
  const outcome = auditBallot(election.ctx, ballot, data.audit as BallotAudit);
  if (!outcome.valid) return { valid: false, reason: outcome.reason, trackingCode };
  const proofsValid = verifyUnsignedBallot(election.ctx, ballot).valid;
  return { valid: true, choices: outcome.choices, trackingCode, proofsValid };
}

/** Whether a ballot with this tracking code is on the board (an audited ballot must not be). */
export async function wasCast(api: Api, electionId: string, trackingCode: Uint8Array): Promise<boolean> {
  try {
    await api.get(`${electionPath(electionId)}/ballots/${toBase64Url(trackingCode)}`);
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.problem === 'entry-not-found') return false;
    throw e;
  }
}
