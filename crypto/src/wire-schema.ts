// zod building blocks shared by the JSON wire formats of §9 and §10: byte strings in strict
// base64url of a fixed length (§1.2) and trustee indices.
import { z } from 'zod';
import { fromBase64Url } from './bytes.ts';

function isBase64UrlOf(text: string, length: number): boolean {
  try {
    fromBase64Url(text, length);
    return true;
  } catch {
    return false;
  }
}

/** A byte string of exactly `length` bytes, base64url without padding, canonical (§1.2). */
export function base64UrlBytes(length: number) {
  return z.string().refine((s) => isBase64UrlOf(s, length), `${length} bytes in base64url`);
}

/** A trustee's index: its 1-based position in manifest.trustees.members (§9.1). */
export const TrusteeIndexSchema = z.int().min(1).max(32);

/** An election identifier, as in the manifest (§7). */
export const ElectionIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
