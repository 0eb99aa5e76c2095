// The public keys of an election's trustees and mix nodes, registered while it is a draft; with
// the authority key they complete the definition into the manifest (docs/SPEC.md §7).
import { fromBase64Url } from '@evotare/crypto/bytes';
import { GroupElement } from '@evotare/crypto/group';
import type { ElectionDefinition } from '@evotare/crypto/manifest';
import { isValidSigningPublicKey } from '@evotare/crypto/signature';
import { textSchema } from '@evotare/crypto/wire-schema';
import { z } from 'zod';

const Key32 = z.string().regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/, 'a 32-byte key in base64url');
const Name = textSchema(200);

export const PartiesSchema = z.strictObject({
  trustees: z.array(z.strictObject({ name: Name, signingKey: Key32, encryptionKey: Key32 })).max(32),
  mixNodes: z.array(z.strictObject({ name: Name, signingKey: Key32 })).max(16),
});
export type Parties = z.infer<typeof PartiesSchema>;

/** Why the parties do not fit the definition, or null if they do. */
export function partiesProblem(definition: ElectionDefinition, parties: Parties): string | null {
  const trustees = definition.trustees.members.map((m) => m.name);
  const mixNodes = definition.mixNodes.map((m) => m.name);
  if (JSON.stringify(parties.trustees.map((t) => t.name)) !== JSON.stringify(trustees)) {
    return `trustees must be, in this order: ${trustees.join(', ')}`;
  }
  if (JSON.stringify(parties.mixNodes.map((m) => m.name)) !== JSON.stringify(mixNodes)) {
    return `mix nodes must be, in this order: ${mixNodes.join(', ')}`;
  }
  for (const p of [...parties.trustees, ...parties.mixNodes]) {
    if (!isValidSigningPublicKey(fromBase64Url(p.signingKey, 32))) return `${p.name}: not a valid Ed25519 signing key`;
  }
  for (const t of parties.trustees) {
    try {
      GroupElement.decodeNonIdentity(fromBase64Url(t.encryptionKey, 32));
    } catch {
      return `${t.name}: the encryption key is not a valid ristretto255 element`;
    }
  }
  return null;
}
