// Which trustee the key file is in an election (its 1-based position in the manifest, §9.1), and
// the file's binding to that one election (§9.9): a polynomial or a key share made for one
// election must never be used in another.
import { equalBytes, fromBase64Url } from '@evotare/crypto/bytes';
import type { TrusteeSecrets } from '@evotare/crypto/dkg/trustee-keys';
import { GroupElement, generatorBase } from '@evotare/crypto/group';
import type { Manifest } from '@evotare/crypto/manifest';
import { signingPublicKey } from '@evotare/crypto/signature';
import { TrusteeError } from './errors.ts';
import { type KeyFile, saveKeyFile } from './key-file.ts';
import { text } from './text.ts';

/** The index i whose manifest keys are this file's; a TrusteeError if there is none. */
export function trusteeIndex(manifest: Manifest, secrets: TrusteeSecrets): number {
  const signingKey = signingPublicKey(secrets.signingKey);
  const encryptionKey = generatorBase().multiply(secrets.encryptionKey);
  const at = manifest.trustees.members.findIndex((m) => equalBytes(fromBase64Url(m.signingKey), signingKey));
  if (at < 0) {
    throw new TrusteeError(text('notATrustee', { id: manifest.electionId }));
  }
  const member = manifest.trustees.members[at]!;
  if (!GroupElement.decode(fromBase64Url(member.encryptionKey, 32)).equals(encryptionKey)) {
    throw new TrusteeError(text('otherEncryptionKey', { index: at + 1, id: manifest.electionId }));
  }
  return at + 1;
}

/** Refuses a file bound to another election. */
export function requireBinding(secrets: TrusteeSecrets, electionId: string, unboundAllowed: boolean): void {
  const bound = secrets.electionId;
  if (bound === undefined && !unboundAllowed) {
    throw new TrusteeError(text('notInCeremony', { id: electionId }));
  }
  if (bound !== undefined && bound !== electionId) {
    throw new TrusteeError(text('boundElsewhere', { bound, id: electionId }));
  }
}

/** Binds a fresh file to the election (after requireBinding). */
export function bindToElection(file: KeyFile, electionId: string): KeyFile {
  if (file.secrets.electionId === electionId) return file;
  return saveKeyFile(file, { ...file.secrets, electionId });
}
