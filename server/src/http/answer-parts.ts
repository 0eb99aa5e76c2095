// Pieces the routes' answer schemas share (./middleware/answers): the JSON forms of what several
// answers hold. Each describes what the server sends, checked by the tests (checkAnswers).
import { z } from 'zod';
import { CEREMONY_PHASES, ELECTION_STATES } from '../db/schema.ts';

export const Position = z.int().min(0);
export const Count = z.int().min(0);
export const Base64Url32 = z.string().regex(/^[A-Za-z0-9_-]{43}$/, '32 bytes in base64url');
export const State = z.enum(ELECTION_STATES);
export const Phase = z.enum(CEREMONY_PHASES);
/** A text in Romanian, English and Russian (the definition's). */
export const Title = z.strictObject({ ro: z.string(), en: z.string(), ru: z.string() });
export const VotingWindow = z.strictObject({ opens: z.string(), closes: z.string() });
/** The election fingerprint (SPEC §7.4) in its two printed forms. */
export const Fingerprint = z.strictObject({ short: z.string(), long: z.string() });

/** What every election answer starts with. */
export const ElectionSummaryShape = { id: z.string(), state: State, title: Title, votingWindow: VotingWindow };
export const ElectionSummarySchema = z.strictObject(ElectionSummaryShape);
