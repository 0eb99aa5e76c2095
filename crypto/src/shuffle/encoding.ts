// The shuffle proof in JSON (docs/SPEC.md §11.7): one object, every field one base64url string
// (§1.2) of fixed length given N and w; lists are the concatenation of their 32-byte encodings.
import * as z from 'zod';
import { fromBase64Url, toBase64Url } from '../bytes.ts';
import type { TaskRunner } from '../parallel/task.ts';
import { invalid, type Verification } from '../result.ts';
import {
  checkShuffleProof,
  type ShuffleProof,
  type ShuffleStatement,
  shuffleProofSizes,
  shuffleStatementProblem,
} from './proof.ts';

// The alphabet and the length of each string are checked by the strict decoder (§1.2).
const Base64Url = z.string();

export const ShuffleProofSchema = z.strictObject({
  permutationCommitment: Base64Url,
  commitmentChain: Base64Url,
  t1: Base64Url,
  t2: Base64Url,
  t3: Base64Url,
  t4: Base64Url,
  tHat: Base64Url,
  s1: Base64Url,
  s2: Base64Url,
  s3: Base64Url,
  s4: Base64Url,
  sHat: Base64Url,
  sPrime: Base64Url,
});

export type ShuffleProofJson = z.infer<typeof ShuffleProofSchema>;

/** The fields in the order of §11.7. */
export const SHUFFLE_PROOF_FIELDS: readonly (keyof ShuffleProof)[] = Object.keys(
  ShuffleProofSchema.shape,
) as (keyof ShuffleProof)[];

export function encodeShuffleProof(proof: ShuffleProof): ShuffleProofJson {
  return Object.fromEntries(SHUFFLE_PROOF_FIELDS.map((f) => [f, toBase64Url(proof[f])])) as ShuffleProofJson;
}

/**
 * Decodes a proof for N rows of width w: the JSON shape, strict base64url, and each field's length
 * (§11.7). Elements and scalars are decoded by CheckShuffleProof. Throws InvalidEncodingError or
 * RangeError.
 */
export function decodeShuffleProof(json: unknown, count: number, width: number): ShuffleProof {
  const parsed = ShuffleProofSchema.safeParse(json);
  if (!parsed.success) {
    throw new RangeError(
      `not a shuffle proof: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const sizes = shuffleProofSizes(count, width);
  const out: Partial<Record<keyof ShuffleProof, Uint8Array>> = {};
  for (const f of SHUFFLE_PROOF_FIELDS) {
    try {
      out[f] = fromBase64Url(parsed.data[f], sizes[f]);
    } catch (e) {
      if (e instanceof Error && e.name === 'InvalidEncodingError') throw new RangeError(`${f}: ${e.message}`);
      throw e;
    }
  }
  return out as ShuffleProof;
}

/** CheckShuffleProof on a proof as received (JSON already parsed): a bad encoding fails V11.02. */
export async function checkEncodedShuffleProof(
  st: ShuffleStatement,
  json: unknown,
  pool?: TaskRunner,
): Promise<Verification> {
  const statementProblem = shuffleStatementProblem(st);
  if (statementProblem !== undefined) return invalid(`V11.01 shuffle statement: ${statementProblem}`);
  let proof: ShuffleProof;
  try {
    proof = decodeShuffleProof(json, st.input.count, st.input.width);
  } catch (e) {
    if (e instanceof RangeError) return invalid(`V11.02 shuffle proof encoding: ${e.message}`);
    throw e;
  }
  return checkShuffleProof(st, proof, pool);
}
