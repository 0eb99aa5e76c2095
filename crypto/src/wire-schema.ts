// zod building blocks shared by the JSON wire formats: byte strings in strict base64url of a fixed
// length (§1.2), trustee indices (§9, §10), and the text of names and labels (§7.1, §12.7).
import * as z from 'zod';
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

/**
 * Text of 1 to `max` characters, counted in Unicode code points (a character outside the Basic
 * Multilingual Plane counts once, as in §7.1), with no lone surrogate, which JCS (§1.3) refuses.
 * Counted here rather than by zod's `max`, whose unit has changed between versions.
 */
export function textSchema(max: number) {
  return z.string().refine((s) => {
    if (!s.isWellFormed()) return false;
    let n = 0;
    for (const _ of s) if (++n > max) return false;
    return n >= 1;
  }, `1 to ${max} characters, no lone surrogate`);
}
