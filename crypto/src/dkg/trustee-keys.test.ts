// Trustee keys (§9.1) and a trustee's secrets at rest in a secret file (§9.9).
import { describe, expect, it } from 'vitest';
import { fromBase64Url, utf8 } from '../bytes.ts';
import { GroupElement, generatorBase } from '../group.ts';
import { openSecret, SecretFileError, sealSecret } from '../secret-file.ts';
import { signingPublicKey } from '../signature.ts';
import { makeElection, runCeremony } from './_fixtures.ts';
import {
  decodeTrusteeSecrets,
  encodeTrusteeSecrets,
  generateTrusteeKeys,
  requireCeremonyContext,
} from './trustee-keys.ts';

describe('trustee keys', () => {
  it('publishes X = x·G and the Ed25519 public key, as they appear in the manifest', () => {
    const keys = generateTrusteeKeys();
    const X = GroupElement.decodeNonIdentity(fromBase64Url(keys.public.encryptionKey, 32));
    expect(X.equals(generatorBase().multiply(keys.secret.encryptionKey))).toBe(true);
    expect(fromBase64Url(keys.public.signingKey, 32)).toEqual(signingPublicKey(keys.secret.signingKey));
  });

  it('indexes trustees 1..n in manifest order', () => {
    const election = makeElection(4, 3);
    const ctx = requireCeremonyContext(election.manifest);
    expect(ctx.trustees.map((t) => t.index)).toEqual([1, 2, 3, 4]);
    expect(ctx).toMatchObject({ n: 4, k: 3, electionId: election.manifest.electionId });
    expect(ctx.trustees[2]!.encryptionKey.encode()).toEqual(fromBase64Url(election.trustees[2]!.public.encryptionKey));
  });

  it('seals the secrets with the dealer polynomial in a secret file, and refuses a wrong passphrase', () => {
    const election = makeElection(3, 2);
    const run = runCeremony(election);
    const keys = election.trustees[0]!.secret;
    const secrets = { ...keys, polynomial: run.dealers.get(1)!.polynomial, secretShare: 17n };
    const file = sealSecret(encodeTrusteeSecrets(secrets), 'o frază lungă de trecere', {
      kind: 'trustee',
      scrypt: { logN: 4, r: 8, p: 1 },
    });
    expect(decodeTrusteeSecrets(openSecret(file, 'o frază lungă de trecere', 'trustee'))).toEqual(secrets);
    expect(() => openSecret(file, 'o fraza lunga de trecere', 'trustee')).toThrow(SecretFileError);
    expect(decodeTrusteeSecrets(encodeTrusteeSecrets(keys))).toEqual(keys);
    expect(() => decodeTrusteeSecrets(utf8('{"version":1}'))).toThrow();
  });
});
