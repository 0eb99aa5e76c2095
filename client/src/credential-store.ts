// Where the device keeps voters' credentials and receipts: the browser's localStorage, one record
// per election and credential, so that several voters (a family sharing a phone) can each hold
// their own on one device and a letter for one never opens another's ballot. A secret key never
// leaves the device except sealed for another device (§13.9); whoever can run script on this origin
// or read this browser's storage could vote in a voter's place, which is why the pages load no
// third-party code, the server's policy forbids inline script, and the booth offers to forget a
// key on a shared or borrowed device.
//
// A key is saved before it is sent ("pending"), so that an activation whose answer was lost (the
// connection broke after the server had accepted it) can still be completed with the same key.
//
// Layout under `evotare/v1/`: `voters/<election>` lists the credentials' public keys in the order
// they came to this device; `credential/<election>/<publicKey>` and `receipts/<election>/<publicKey>`
// hold each one's key and receipts. An older booth kept one `credential/<election>` and
// `receipts/<election>`: they are moved into this layout when first read.
import { type SignedCredentialJson, SignedCredentialSchema, SignedReceiptSchema } from '@evotare/crypto/credential';
import * as z from 'zod';

const KEY_PREFIX = 'evotare/v1';
const B64_32 = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

const HolderSchema = z.object({ idnpEnd: z.string().regex(/^\d{4}$/), birthDate: z.iso.date() });
/** Whose credential it is, as the booth shows it: the IDNP's last four digits and the date of birth. */
export type Holder = z.infer<typeof HolderSchema>;

const StoredCredentialSchema = z.object({
  secretKey: B64_32,
  publicKey: B64_32,
  /** pending: sent (or about to be) but not confirmed; active: the CEC signed it. */
  status: z.enum(['pending', 'active']),
  /** A pending key whose activation request may have reached the server (no answer came back). */
  outcomeUnknown: z.boolean().optional(),
  credential: SignedCredentialSchema.optional(),
  activatedAt: z.string().optional(),
  holder: HolderSchema.optional(),
  /** How the key came here: activated on this device, or moved from another (§13.9). */
  via: z.enum(['activation', 'transfer']).optional(),
});
export type StoredCredential = z.infer<typeof StoredCredentialSchema>;

const IndexSchema = z.array(B64_32);
const ReceiptsSchema = z.array(SignedReceiptSchema);
export type StoredReceipt = z.infer<typeof SignedReceiptSchema>;

/** The part of the Web Storage API used here (tests give a Map-backed one). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export class CredentialStore {
  readonly #storage: KeyValueStorage;

  constructor(storage: KeyValueStorage) {
    this.#storage = storage;
  }

  /** Whether the browser lets us keep data (private windows and some settings do not). */
  usable(): boolean {
    try {
      const probe = `${KEY_PREFIX}/probe`;
      this.#storage.setItem(probe, '1');
      this.#storage.removeItem(probe);
      return true;
    } catch {
      return false;
    }
  }

  /** Every credential this device holds for the election, pending ones too, oldest first. */
  credentials(electionId: string): StoredCredential[] {
    this.#migrate(electionId);
    return this.#index(electionId)
      .map((pk) => this.credential(electionId, pk))
      .filter((c): c is StoredCredential => c !== null);
  }

  /** The credentials the CEC signed, which can vote from here. */
  active(electionId: string): StoredCredential[] {
    return this.credentials(electionId).filter((c) => c.status === 'active');
  }

  credential(electionId: string, publicKey: string): StoredCredential | null {
    return this.#read(`credential/${electionId}/${publicKey}`, StoredCredentialSchema);
  }

  /** The pending key made for this holder's activation, to be sent again (never another person's). */
  pendingFor(electionId: string, holder: Holder): StoredCredential | null {
    return (
      this.credentials(electionId).find(
        (c) =>
          c.status === 'pending' && c.holder?.idnpEnd === holder.idnpEnd && c.holder?.birthDate === holder.birthDate,
      ) ?? null
    );
  }

  savePending(electionId: string, key: { secretKey: string; publicKey: string }, holder: Holder): void {
    this.#save(electionId, { ...key, status: 'pending', holder, via: 'activation' });
  }

  /** After a request with no answer: the server may have accepted the key. */
  markOutcomeUnknown(electionId: string, publicKey: string): void {
    const c = this.credential(electionId, publicKey);
    if (c && c.status === 'pending') this.#save(electionId, { ...c, outcomeUnknown: true });
  }

  saveActive(electionId: string, publicKey: string, credential: SignedCredentialJson | undefined, now: Date): void {
    const c = this.credential(electionId, publicKey);
    if (!c) throw new Error('no key to activate');
    const { outcomeUnknown: _, ...rest } = c;
    this.#save(electionId, {
      ...rest,
      status: 'active',
      ...(credential ? { credential } : {}),
      activatedAt: now.toISOString(),
    });
  }

  /** A credential moved here from another device (§13.9): active, as it was there. */
  saveTransferred(electionId: string, key: { secretKey: string; publicKey: string }, holder: Holder, now: Date): void {
    this.#save(electionId, { ...key, status: 'active', holder, via: 'transfer', activatedAt: now.toISOString() });
  }

  /** Removes a credential's key and its receipts from this device. */
  forget(electionId: string, publicKey: string): void {
    this.#storage.removeItem(`${KEY_PREFIX}/credential/${electionId}/${publicKey}`);
    this.#storage.removeItem(`${KEY_PREFIX}/receipts/${electionId}/${publicKey}`);
    const rest = this.#index(electionId).filter((pk) => pk !== publicKey);
    if (rest.length > 0) this.#write(`voters/${electionId}`, rest);
    else this.#storage.removeItem(`${KEY_PREFIX}/voters/${electionId}`);
  }

  receipts(electionId: string, publicKey: string): StoredReceipt[] {
    return this.#read(`receipts/${electionId}/${publicKey}`, ReceiptsSchema) ?? [];
  }

  addReceipt(electionId: string, publicKey: string, receipt: StoredReceipt): void {
    const all = this.receipts(electionId, publicKey).filter((r) => r.trackingCode !== receipt.trackingCode);
    this.#write(`receipts/${electionId}/${publicKey}`, [...all, receipt]);
  }

  #save(electionId: string, c: StoredCredential): void {
    this.#write(`credential/${electionId}/${c.publicKey}`, c);
    const index = this.#index(electionId);
    if (!index.includes(c.publicKey)) this.#write(`voters/${electionId}`, [...index, c.publicKey]);
  }

  #index(electionId: string): string[] {
    return this.#read(`voters/${electionId}`, IndexSchema) ?? [];
  }

  /** Moves an older booth's single credential of the election (and its receipts) into this layout. */
  #migrate(electionId: string): void {
    const legacy = this.#read(`credential/${electionId}`, StoredCredentialSchema);
    if (legacy === null) return;
    const receipts = this.#read(`receipts/${electionId}`, ReceiptsSchema) ?? [];
    this.#save(electionId, legacy);
    if (receipts.length > 0) this.#write(`receipts/${electionId}/${legacy.publicKey}`, receipts);
    this.#storage.removeItem(`${KEY_PREFIX}/credential/${electionId}`);
    this.#storage.removeItem(`${KEY_PREFIX}/receipts/${electionId}`);
  }

  #read<T>(key: string, schema: z.ZodType<T>): T | null {
    let text: string | null;
    try {
      text = this.#storage.getItem(`${KEY_PREFIX}/${key}`);
    } catch {
      return null;
    }
    if (text === null) return null;
    try {
      const parsed = schema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  #write(key: string, value: unknown): void {
    this.#storage.setItem(`${KEY_PREFIX}/${key}`, JSON.stringify(value));
  }
}
