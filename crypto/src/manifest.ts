// The election manifest (docs/SPEC.md §7): what is being voted on, when, and by whose keys.
//
// An ElectionDefinition is what officials write (examples/presidential-2024.json): contests,
// options with Romanian, English and Russian labels, the voting window, how many trustees and mix
// nodes take part. The Manifest is the definition completed with the public keys of the CEC
// authority, the trustees and the mix nodes; it is frozen when the key ceremony starts, and its
// hash (§7.2) is bound into every proof and signature of the election.
import * as z from 'zod';
import { fromBase64Url, lengthPrefixed, utf8 } from './bytes.ts';
import { canonicalBytes } from './canonical-json.ts';
import type { GroupElement } from './group.ts';
import { hashToGroup } from './hash-to-group.ts';
import { TAG } from './tags.ts';
import { digest } from './transcript.ts';
import { textSchema } from './wire-schema.ts';

const Identifier = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and "-", at most 63 characters');

const LocalizedText = z.strictObject({ ro: textSchema(500), en: textSchema(500), ru: textSchema(500) });

/** 32 bytes in base64url (§1.2). */
const Key32 = z.string().regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/, 'a 32-byte key in base64url');

const Timestamp = z.iso.datetime({ offset: false, precision: 0 });

const OptionSchema = z.strictObject({ id: Identifier, label: LocalizedText });

const ContestSchema = z
  .strictObject({
    id: Identifier,
    title: LocalizedText,
    allowBlank: z.boolean(),
    options: z.array(OptionSchema).min(1).max(64),
  })
  .refine((c) => new Set(c.options.map((o) => o.id)).size === c.options.length, 'option ids must be unique')
  .refine((c) => c.options.length + (c.allowBlank ? 1 : 0) >= 2, 'a contest needs at least two choices');

/** The longest mixing period a manifest may fix: 30 days, in seconds (§7.1). */
export const MAX_MIXING_PERIOD = 30 * 24 * 3600;

/** A help contact (§7.1): who answers voters, for which countries of residence and languages. */
const HelpContactSchema = z
  .strictObject({
    name: LocalizedText,
    countries: z
      .array(z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code'))
      .min(1)
      .max(250)
      .optional(),
    languages: z
      .array(z.enum(['ro', 'en', 'ru']))
      .min(1)
      .max(3)
      .optional(),
    phone: z
      .string()
      .regex(/^\+[0-9][0-9 ]{5,23}$/, 'an international number: + and digits')
      .optional(),
    email: z
      .string()
      .regex(/^[^\s@]{1,64}@[^\s@]{1,190}$/, 'an e-mail address')
      .optional(),
    web: z
      .string()
      .regex(/^https:\/\/[^\s]{1,300}$/, 'an https address')
      .optional(),
    address: LocalizedText.optional(),
    hours: LocalizedText.optional(),
  })
  .refine(
    (c) => c.phone !== undefined || c.email !== undefined || c.web !== undefined || c.address !== undefined,
    'a help contact needs a phone, an e-mail, a web address or an address',
  );
export type HelpContact = z.infer<typeof HelpContactSchema>;

const common = {
  version: z.literal(1),
  electionId: Identifier,
  title: LocalizedText,
  votingWindow: z
    .strictObject({ opens: Timestamp, closes: Timestamp })
    .refine((w) => w.opens < w.closes, 'the voting window must open before it closes'),
  contests: z
    .array(ContestSchema)
    .min(1)
    .max(32)
    .refine((cs) => new Set(cs.map((c) => c.id)).size === cs.length, 'contest ids must be unique'),
  /**
   * Seconds after voting closes (§14.3, Algorithm 14.2) during which every mix node of the manifest
   * may mix and officials cannot end the mixing without it: 1 second to 30 days.
   */
  mixingPeriod: z.int().min(1).max(MAX_MIXING_PERIOD),
  /** Optional: where voters get help (§7.1); a manifest without it is as before. */
  help: z.array(HelpContactSchema).min(1).max(300).optional(),
};

const Name = textSchema(200);

function partiesValid(m: { trustees: { threshold: number; members: unknown[] }; mixNodes: unknown[] }): boolean {
  return m.trustees.threshold <= m.trustees.members.length;
}

export const ElectionDefinitionSchema = z
  .strictObject({
    ...common,
    trustees: z.strictObject({
      threshold: z.int().min(1).max(32),
      members: z
        .array(z.strictObject({ name: Name }))
        .min(1)
        .max(32),
    }),
    mixNodes: z
      .array(z.strictObject({ name: Name }))
      .min(2)
      .max(16),
  })
  .refine(partiesValid, 'the threshold cannot exceed the number of trustees');

export const ManifestSchema = z
  .strictObject({
    ...common,
    authority: z.strictObject({ name: Name, signingKey: Key32 }),
    trustees: z.strictObject({
      threshold: z.int().min(1).max(32),
      members: z
        .array(z.strictObject({ name: Name, signingKey: Key32, encryptionKey: Key32 }))
        .min(1)
        .max(32),
    }),
    mixNodes: z
      .array(z.strictObject({ name: Name, signingKey: Key32 }))
      .min(2)
      .max(16),
  })
  .refine(partiesValid, 'the threshold cannot exceed the number of trustees')
  .refine((m) => {
    const keys = [m.authority.signingKey, ...m.trustees.members.map((t) => t.signingKey)];
    keys.push(...m.mixNodes.map((x) => x.signingKey));
    return new Set(keys).size === keys.length;
  }, 'every party needs its own signing key');

export type ElectionDefinition = z.infer<typeof ElectionDefinitionSchema>;
export type Manifest = z.infer<typeof ManifestSchema>;
export type Contest = Manifest['contests'][number];
export type LocalizedString = z.infer<typeof LocalizedText>;

/** Algorithm 7.1 ManifestHash = Digest("evotare/v1/manifest", UTF8(JCS(manifest))). */
export function manifestHash(manifest: Manifest): Uint8Array {
  return digest(TAG.manifest, canonicalBytes(manifest));
}

/** Number of choices a voter has in a contest: its options, plus blank where allowed. */
export function choiceCount(contest: Contest): number {
  return contest.options.length + (contest.allowBlank ? 1 : 0);
}

/**
 * Algorithm 7.2 OptionElements(manifest, contest): the group elements that encode the contest's
 * choices, in ballot order: options in manifest order, then blank if allowed.
 *   M = HashToGroup("evotare/v1/option", LP(electionId) || LP(contestId) || LP(optionId)),
 * and for blank the option id is the empty string (which no option id can be).
 */
export function optionElements(manifest: Pick<Manifest, 'electionId'>, contest: Contest): GroupElement[] {
  const ids = contest.options.map((o) => o.id);
  if (contest.allowBlank) ids.push('');
  return ids.map((optionId) =>
    hashToGroup(
      TAG.optionElement,
      new Uint8Array([
        ...lengthPrefixed(utf8(manifest.electionId)),
        ...lengthPrefixed(utf8(contest.id)),
        ...lengthPrefixed(utf8(optionId)),
      ]),
    ),
  );
}

/** Decodes a base64url key field of a validated manifest. */
export function manifestKey(text: string): Uint8Array {
  return fromBase64Url(text, 32);
}
