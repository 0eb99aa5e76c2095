// Payloads of the board entries that the server writes during registration and voting
// (docs/SPEC.md §12.7). Ballots (§8), the key ceremony (§9) and the tally (§14) define theirs.
import * as z from 'zod';
import { SignedCredentialSchema, SignedRevocationSchema } from '../credential.ts';
import { ManifestSchema } from '../manifest.ts';
import { ObserverRegisteredSchema, TreeHeadCosignatureSchema } from './tree-head.ts';

const B64_32 = z.string().regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/, '32 bytes in base64url');

/** `roll`: how many voters the electoral roll holds, and a hiding commitment to it (§13.1). */
export const RollPayloadSchema = z.strictObject({
  size: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
  commitment: B64_32,
});

/**
 * `election-key`: the outcome of the key ceremony (Algorithm 9.13): the qualified dealers, the
 * election key Y and the verification keys VK_1 … VK_n.
 */
export const ElectionKeyPayloadSchema = z.strictObject({
  qualified: z.array(z.int().min(1).max(32)).min(1).max(32),
  electionKey: B64_32,
  verificationKeys: z.array(B64_32).min(1).max(32),
});

/** `ceremony-phase`: the key ceremony's dealing or complaint phase closed; the next one opens. */
export const CeremonyPhasePayloadSchema = z.strictObject({ phase: z.enum(['complaints', 'resolution']) });

/** `voting-opened` and `voting-closed`: the moments between which ballots are accepted. */
export const VotingOpenedPayloadSchema = z.strictObject({});
export const VotingClosedPayloadSchema = z.strictObject({});

/** The payload schema of each entry type defined in §12.7. */
export const REGISTRATION_PAYLOADS = {
  manifest: ManifestSchema,
  roll: RollPayloadSchema,
  'ceremony-phase': CeremonyPhasePayloadSchema,
  'election-key': ElectionKeyPayloadSchema,
  'voting-opened': VotingOpenedPayloadSchema,
  'credential-issued': SignedCredentialSchema,
  'credential-revoked': SignedRevocationSchema,
  'voting-closed': VotingClosedPayloadSchema,
  'observer-registered': ObserverRegisteredSchema,
  'tree-head-cosignature': TreeHeadCosignatureSchema,
} as const;
