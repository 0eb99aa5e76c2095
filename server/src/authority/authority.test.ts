import { sign, verifySignature } from '@evotare/crypto/signature';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { testDatabases } from '../testing/databases.ts';
import { loadAuthorityKey } from './authority.ts';
import { WrongPassphraseError } from './sealed-key.ts';

const scrypt = { logN: 10, r: 8, p: 1 };

describe.each(testDatabases)('the CEC authority key on $name', ({ open }) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await open();
  });
  afterAll(() => h?.close());

  it('is created on first use, stored sealed, and opened again with the passphrase', async () => {
    const first = await loadAuthorityKey(h.db, 'correct horse battery staple', { scrypt });
    const row = await h.db.selectFrom('authority_key').selectAll().executeTakeFirstOrThrow();
    const sealed = new TextDecoder().decode(row.sealed);
    expect(JSON.parse(sealed)).toMatchObject({ format: 'evotare-secret', kind: 'authority' });
    expect(Buffer.from(row.sealed).includes(Buffer.from(first.secretKey))).toBe(false);
    const again = await loadAuthorityKey(h.db, 'correct horse battery staple');
    expect(again.publicKey).toEqual(first.publicKey);
    const sig = sign('tree-head', new Uint8Array([1]), again.secretKey);
    expect(verifySignature('tree-head', new Uint8Array([1]), sig, first.publicKey)).toBe(true);
  });

  it('refuses a wrong or short passphrase', async () => {
    await expect(loadAuthorityKey(h.db, 'wrong horse battery staple')).rejects.toThrow(WrongPassphraseError);
    await expect(loadAuthorityKey(h.db, 'short')).rejects.toThrow(/at least 12/);
  });
});
