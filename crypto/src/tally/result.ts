// The result of an election (docs/SPEC.md §14.5): the decoded choices of every row of the final
// list, their count per contest, and the `result` entry that the CEC signs — made by the server,
// checked by the verifier with the same functions.
//
//   choices  = for each row, for each contest: I2OSP(c, 2), c the choice's index (§7.3) or 65535
//   counts   = per contest: each option's count, blank (where allowed), invalid (= 65535)
//   σ        = Sign("result", LP(h) || UTF8(JCS(result without signature)), sk_CEC)
import * as z from 'zod';
import { AttachmentRefSchema, attachmentRef, encodeAttachmentRef } from '../attachment.ts';
import { equalBytes, fromBase64Url, lengthPrefixed, toBase64Url, toHex } from '../bytes.ts';
import { canonicalBytes, canonicalize, type JsonValue } from '../canonical-json.ts';
import { type Contest, choiceCount, type Manifest, optionElements } from '../manifest.ts';
import { invalid, VALID, type Verification } from '../result.ts';
import { sign, verifySignature } from '../signature.ts';
import type { DecodedChoice } from '../threshold/decode.ts';
import { base64UrlBytes, TrusteeIndexSchema } from '../wire-schema.ts';

/** The choice index of a plaintext that is no choice of its contest (§14.5). */
export const NO_CHOICE = 0xffff;

const Count = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

export const ContestResultSchema = z.strictObject({
  id: z.string(),
  counts: z.record(z.string(), Count),
  blank: Count.optional(),
  invalid: Count,
});

export const ResultSchema = z.strictObject({
  list: base64UrlBytes(32),
  decryptedBy: z.array(TrusteeIndexSchema).max(32),
  contests: z.array(ContestResultSchema).min(1).max(32),
  choices: AttachmentRefSchema.optional(),
  turnout: z.record(z.string(), Count),
  signature: base64UrlBytes(64),
});

export type ContestResult = z.infer<typeof ContestResultSchema>;
export type ResultEntry = z.infer<typeof ResultSchema>;
export type UnsignedResult = Omit<ResultEntry, 'signature'>;

/** The JSON reference {attachment, bytes} to these bytes (§14.1). */
function attachmentReference(bytes: Uint8Array): { attachment: string; bytes: number } {
  return encodeAttachmentRef(attachmentRef(bytes));
}

function choiceIndex(contest: Contest, choice: DecodedChoice): number {
  switch (choice.kind) {
    case 'option':
      return contest.options.findIndex((o) => o.id === choice.optionId);
    case 'blank':
      return contest.options.length;
    case 'invalid':
      return NO_CHOICE;
    default: {
      const never: never = choice;
      throw new Error(`unhandled choice ${String(never)}`);
    }
  }
}

/**
 * Algorithm 14.10 EncodeChoices: the decoded rows (Algorithm 10.8) as the bytes of the `choices`
 * attachment, two bytes per contest per row, row by row.
 */
export function encodeChoices(manifest: Manifest, rows: readonly (readonly DecodedChoice[])[]): Uint8Array {
  const w = manifest.contests.length;
  const out = new Uint8Array(2 * w * rows.length);
  const view = new DataView(out.buffer);
  rows.forEach((row, i) => {
    if (row.length !== w) throw new RangeError(`a row has one choice per contest (${w})`);
    row.forEach((choice, c) => {
      const index = choiceIndex(manifest.contests[c]!, choice);
      if (index < 0) throw new RangeError(`no option ${JSON.stringify(choice)} in contest ${c}`);
      view.setUint16(2 * (i * w + c), index);
    });
  });
  return out;
}

/**
 * Algorithms 10.8 DecodePlaintext and 14.10 EncodeChoices over encodings: the choices of the
 * plaintext elements Encode(M_1) || … || Encode(M_(N·w)) of the combined decryption, row by row.
 * Encodings are canonical (§2.1), so equal encodings are equal elements.
 */
export function choicesOfPlaintexts(manifest: Manifest, plaintexts: Uint8Array): Uint8Array {
  const w = manifest.contests.length;
  if (plaintexts.length % (32 * w) !== 0) throw new RangeError('the plaintexts are not whole rows');
  const tables = manifest.contests.map((contest) => {
    const table = new Map<string, number>();
    optionElements(manifest, contest).forEach((e, at) => {
      table.set(toHex(e.encode()), at);
    });
    return table;
  });
  const count = plaintexts.length / 32;
  const out = new Uint8Array(2 * count);
  const view = new DataView(out.buffer);
  for (let m = 0; m < count; m++) {
    const index = tables[m % w]!.get(toHex(plaintexts.subarray(32 * m, 32 * m + 32)));
    view.setUint16(2 * m, index ?? NO_CHOICE);
  }
  return out;
}

/**
 * Algorithm 14.11 CountChoices: per contest in manifest order, how many rows chose each option,
 * blank, and no choice. Fails (V14.16) if the bytes are not N·w two-byte choices of the contests.
 */
export function countChoices(
  manifest: Manifest,
  choices: Uint8Array,
): { contests: ContestResult[]; rows: number } | { error: Verification } {
  const w = manifest.contests.length;
  if (choices.length % (2 * w) !== 0) {
    return { error: invalid(`V14.16 the choices are ${choices.length} bytes, not a whole number of rows`) };
  }
  const rows = choices.length / (2 * w);
  const tallies = manifest.contests.map((c) => new Array<number>(choiceCount(c)).fill(0));
  const invalids = new Array<number>(w).fill(0);
  const view = new DataView(choices.buffer, choices.byteOffset, choices.byteLength);
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < w; c++) {
      const index = view.getUint16(2 * (i * w + c));
      if (index === NO_CHOICE) invalids[c]!++;
      else if (index < tallies[c]!.length) tallies[c]![index]!++;
      else return { error: invalid(`V14.16 row ${i}, contest ${c}: ${index} is not a choice of the contest`) };
    }
  }
  const contests = manifest.contests.map((contest, c): ContestResult => {
    const counts: Record<string, number> = {};
    contest.options.forEach((o, at) => {
      counts[o.id] = tallies[c]![at]!;
    });
    return {
      id: contest.id,
      counts,
      ...(contest.allowBlank ? { blank: tallies[c]![contest.options.length]! } : {}),
      invalid: invalids[c]!,
    };
  });
  return { contests, rows };
}

/** LP(h) || UTF8(JCS(result without signature)): what the CEC signs. */
export function resultMessage(manifestHash: Uint8Array, result: UnsignedResult): Uint8Array {
  const bytes = canonicalBytes(result);
  const out = new Uint8Array(4 + manifestHash.length + bytes.length);
  out.set(lengthPrefixed(manifestHash));
  out.set(bytes, 4 + manifestHash.length);
  return out;
}

/**
 * Algorithm 14.12 MakeResult: counts the choices and signs the `result` entry with the CEC
 * authority key. `choices` is empty when the final list is (N = 0): no attachment then.
 */
export function makeResult(input: {
  readonly manifest: Manifest;
  readonly manifestHash: Uint8Array;
  readonly list: Uint8Array;
  readonly decryptedBy: readonly number[];
  readonly choices: Uint8Array;
  readonly turnout: Readonly<Record<string, number>>;
  readonly authoritySecretKey: Uint8Array;
}): ResultEntry {
  const counted = countChoices(input.manifest, input.choices);
  if ('error' in counted) throw new RangeError(counted.error.valid ? 'bad choices' : counted.error.reason);
  const unsigned: UnsignedResult = {
    list: toBase64Url(input.list),
    decryptedBy: [...input.decryptedBy].sort((a, b) => a - b),
    contests: counted.contests,
    ...(counted.rows === 0 ? {} : { choices: attachmentReference(input.choices) }),
    turnout: { ...input.turnout },
  };
  const signature = sign('result', resultMessage(input.manifestHash, unsigned), input.authoritySecretKey);
  return { ...unsigned, signature: toBase64Url(signature) };
}

/** What the rest of the board says the result must be about (the verifier reads it from there). */
export interface ExpectedResult {
  /** L of the final list, from `mixing-completed`. */
  readonly list: Uint8Array;
  /** N: rows of the final list. */
  readonly rows: number;
  /** The trustees of the first k `partial-decryption` entries, by board order (empty when N = 0). */
  readonly decryptedBy: readonly number[];
  /** The `turnout` of the `mix-input` entry. */
  readonly turnout: JsonValue;
  /**
   * The choices that the verifier computed itself from the partial decryptions (Algorithms 10.7,
   * 10.8, 14.10); when given, the published choices must be exactly these (V14.19).
   */
  readonly choices?: Uint8Array;
}

/**
 * Algorithm 14.13 VerifyResult: checks a `result` payload and its `choices` attachment (null when
 * the entry names none) against the manifest, the authority key and what the board says.
 */
export function verifyResult(
  manifest: Manifest,
  manifestHash: Uint8Array,
  authorityKey: Uint8Array,
  payload: unknown,
  choices: Uint8Array | null,
  expected: ExpectedResult,
): Verification {
  const parsed = ResultSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return invalid(`V14.13 malformed result: ${issue?.path.join('.')} ${issue?.message}`);
  }
  const r = parsed.data;
  const { signature, ...unsigned } = r;
  if (!verifySignature('result', resultMessage(manifestHash, unsigned), fromBase64Url(signature, 64), authorityKey)) {
    return invalid('V14.14 the result is not signed by the CEC authority key');
  }
  if (!equalBytes(fromBase64Url(r.list, 32), expected.list)) {
    return invalid('V14.15 the result is not about the final list of mixing-completed');
  }
  const decryptedBy = [...expected.decryptedBy].sort((a, b) => a - b);
  if (r.decryptedBy.length !== decryptedBy.length || r.decryptedBy.some((j, at) => j !== decryptedBy[at])) {
    return invalid(
      `V14.15 the result names trustees ${r.decryptedBy.join(', ')}, the first partial decryptions are of ${decryptedBy.join(', ')}`,
    );
  }
  if (canonicalize(r.turnout) !== canonicalize(expected.turnout)) {
    return invalid('V14.18 the turnout of the result is not that of the mix input');
  }
  let bytes = choices ?? new Uint8Array(0);
  if (expected.rows === 0) {
    if (r.choices !== undefined || bytes.length !== 0) return invalid('V14.16 a result without rows has no choices');
  } else {
    if (r.choices === undefined || choices === null) return invalid('V14.16 the result has no choices attachment');
    const reference = attachmentReference(choices);
    if (reference.attachment !== r.choices.attachment || reference.bytes !== r.choices.bytes) {
      return invalid('V14.16 the choices attachment is not the one the result names');
    }
    if (choices.length !== 2 * manifest.contests.length * expected.rows) {
      return invalid(`V14.16 the choices are ${choices.length} bytes for ${expected.rows} rows`);
    }
    bytes = choices;
  }
  const counted = countChoices(manifest, bytes);
  if ('error' in counted) return counted.error;
  if (canonicalize(r.contests) !== canonicalize(counted.contests)) {
    return invalid('V14.17 the counts of the result are not the count of its choices');
  }
  if (expected.choices !== undefined && !equalBytes(expected.choices, bytes)) {
    return invalid('V14.19 the published choices are not the decryption of the final list');
  }
  return VALID;
}
