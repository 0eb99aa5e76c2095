// hash_to_ristretto255 (RFC 9380 Appendix B; RFC 9496 §4.3.4), docs/SPEC.md §3.4.
//   HashToGroup(dst, msg) = FromUniformBytes(expand_message_xmd(msg, dst, 64)) with SHA-512.
// Used for elements nobody knows a discrete logarithm of: option encodings and independent
// generators.
import { expand_message_xmd } from '@noble/curves/abstract/hash-to-curve.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { GroupElement } from './group.ts';

export function hashToGroup(dst: string, msg: Uint8Array): GroupElement {
  const uniform = expand_message_xmd(msg, new TextEncoder().encode(dst), 64, sha512);
  return GroupElement.fromUniformBytes(uniform);
}
