// How a mix node sends its output to the server (docs/SPEC.md §14.6): one binary body
//
//   I2OSP(len(header), 4) || header || List(e') || PackedProof
//
// where header = UTF8(JCS({ mixNode, input, output, proof, signature })) names what the node
// signed (§14.3) — the input and output list digests, the AttachmentId of UTF8(JCS(proof)) — and
// PackedProof is the proof's thirteen fields concatenated in the order of §11.7. Given the current
// list's N and w, the body has exactly mixUploadSize(header length, N, w) bytes: the server reads
// the header, refuses at once an upload that cannot be accepted, and reads the rest into buffers of
// their final size. The server rebuilds UTF8(JCS(proof)) from the packed fields, so the node's
// signature covers exactly the attachment the board will hold. Binary rather than JSON: 67 MB
// instead of 89 MB at 300,000 rows, and no base64 to decode before the checks.
import * as z from 'zod';
import { concatBytes, fromUtf8, toBase64Url, u32be } from '../bytes.ts';
import { canonicalBytes } from '../canonical-json.ts';
import type { ShuffleProof } from '../shuffle/proof.ts';
import { CIPHERTEXT_SIZE, type RowList } from '../shuffle/rows.ts';
import { rowListDigest } from './list-digest.ts';
import { packedShuffleProofSize, shuffleProofId, signMixOutput } from './mix-output.ts';

/** The media type of an upload. */
export const MIX_UPLOAD_MEDIA_TYPE = 'application/vnd.evotare.mix-output';

/** The header is small; anything longer is refused before more is read. */
export const MAX_MIX_UPLOAD_HEADER = 1024;

export const MixUploadHeaderSchema = z.strictObject({
  mixNode: z.int().min(0).max(15),
  input: z.string().regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/),
  output: z.string().regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/),
  proof: z.string().regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/),
  signature: z.string().regex(/^[A-Za-z0-9_-]{85}[AQgw]$/),
});

export type MixUploadHeader = z.infer<typeof MixUploadHeaderSchema>;

/** The header of mix node ν's upload of `output` shuffled from the list `input` (its digest), signed (§14.3). */
export function signedMixUploadHeader(
  manifestHash: Uint8Array,
  mixNode: number,
  input: Uint8Array,
  output: RowList,
  proof: ShuffleProof,
  secretKey: Uint8Array,
): MixUploadHeader {
  const outputDigest = rowListDigest(output);
  const proofId = shuffleProofId(proof);
  return {
    mixNode,
    input: toBase64Url(input),
    output: toBase64Url(outputDigest),
    proof: toBase64Url(proofId),
    signature: toBase64Url(signMixOutput(manifestHash, mixNode, input, outputDigest, proofId, secretKey)),
  };
}

/** I2OSP(len(header), 4) || header. */
export function encodeMixUploadHeader(header: MixUploadHeader): Uint8Array {
  const bytes = canonicalBytes(header);
  if (bytes.length > MAX_MIX_UPLOAD_HEADER) throw new RangeError('the upload header is too long');
  return concatBytes(u32be(bytes.length), bytes);
}

/** Parses the header's bytes (without the length prefix); null if it is not a header. */
export function decodeMixUploadHeader(bytes: Uint8Array): MixUploadHeader | null {
  try {
    const parsed = MixUploadHeaderSchema.safeParse(JSON.parse(fromUtf8(bytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Bytes after the header: the output list and the packed proof, for N rows of width w. */
export function mixUploadBodySize(count: number, width: number): { list: number; proof: number } {
  return { list: count * width * CIPHERTEXT_SIZE, proof: packedShuffleProofSize(count, width) };
}

/** The largest upload the server reads for N rows of width w. */
export function maxMixUploadSize(count: number, width: number): number {
  const { list, proof } = mixUploadBodySize(count, width);
  return 4 + MAX_MIX_UPLOAD_HEADER + list + proof;
}

/**
 * The pieces of an upload body, in order, to be sent one after the other (never concatenated):
 * the packed proof may be given as one buffer or as its fields (shuffleProofParts).
 */
export function mixUploadParts(
  header: MixUploadHeader,
  output: Uint8Array,
  packedProof: Uint8Array | readonly Uint8Array[],
): Uint8Array[] {
  return [encodeMixUploadHeader(header), output, ...(packedProof instanceof Uint8Array ? [packedProof] : packedProof)];
}
