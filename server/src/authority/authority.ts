// The CEC authority key: one Ed25519 key per installation, created on first run, kept in the
// database as a secret file sealed with a passphrase (./sealed-key.ts). It signs credentials, revocations,
// receipts and tree heads; its public key is in every manifest, so it is on every board.
import { equalBytes } from '@evotare/crypto/bytes';
import type { ScryptParameters } from '@evotare/crypto/secret-file';
import { generateSigningKey, type SigningKeyPair, signingPublicKey } from '@evotare/crypto/signature';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { openAuthorityKey, sealAuthorityKey } from './sealed-key.ts';

export type AuthorityKey = SigningKeyPair;

/** Opens the authority key, creating it if the database has none yet. */
export async function loadAuthorityKey(
  db: Kysely<Database>,
  passphrase: string,
  /** `derivationStarted`: called once the key's derivation runs on libuv's thread pool. */
  options: { scrypt?: ScryptParameters; derivationStarted?: () => void } = {},
): Promise<AuthorityKey> {
  if (passphrase.length < 12) throw new Error('the authority passphrase must have at least 12 characters');
  const row = await db.selectFrom('authority_key').selectAll().where('id', '=', 1).executeTakeFirst();
  if (row) {
    const opening = open(row.sealed, row.public_key, passphrase);
    options.derivationStarted?.();
    return opening;
  }
  const key = generateSigningKey();
  await db
    .insertInto('authority_key')
    .values({ id: 1, public_key: key.publicKey, sealed: sealAuthorityKey(key.secretKey, passphrase, options.scrypt) })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  // Another instance may have created one at the same moment: use whichever is stored.
  const stored = await db.selectFrom('authority_key').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  return open(stored.sealed, stored.public_key, passphrase);
}

async function open(sealed: Uint8Array, publicKey: Uint8Array, passphrase: string): Promise<AuthorityKey> {
  const secretKey = await openAuthorityKey(sealed, passphrase);
  if (!equalBytes(signingPublicKey(secretKey), publicKey)) throw new Error('the stored authority key is inconsistent');
  return { secretKey, publicKey: new Uint8Array(publicKey) };
}
