// Where the device keeps the voter's credential and receipts: the browser's localStorage, one
// record per election. The secret key never leaves the device (only the public key is sent, at
// activation); whoever can run script on this origin or read this browser's storage could vote in
// the voter's place, which is why the pages load no third-party code and the server's policy
// forbids inline script.
//
// A key is saved before it is sent ("pending"), so that an activation whose answer was lost (the
// connection broke after the server had accepted it) can still be completed with the same key.
import { type SignedCredentialJson, SignedCredentialSchema, SignedReceiptSchema } from '@evotare/crypto/credential';
import * as z from 'zod';

const KEY_PREFIX = 'evotare/v1';
const B64_32 = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

const StoredCredentialSchema = z.object({
  secretKey: B64_32,
  publicKey: B64_32,
  /** pending: sent (or about to be) but not confirmed; active: the CEC signed it. */
  status: z.enum(['pending', 'active']),
  /** A pending key whose activation request may have reached the server (no answer came back). */
  outcomeUnknown: z.boolean().optional(),
  credential: SignedCredentialSchema.optional(),
  activatedAt: z.string().optional(),
});
export type StoredCredential = z.infer<typeof StoredCredentialSchema>;

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

  credential(electionId: string): StoredCredential | null {
    return this.#read(`credential/${electionId}`, StoredCredentialSchema);
  }

  savePending(electionId: string, key: { secretKey: string; publicKey: string }): void {
    this.#write(`credential/${electionId}`, { ...key, status: 'pending' });
  }

  /** After a request with no answer: the server may have accepted the key. */
  markOutcomeUnknown(electionId: string): void {
    const c = this.credential(electionId);
    if (c && c.status === 'pending') this.#write(`credential/${electionId}`, { ...c, outcomeUnknown: true });
  }

  saveActive(electionId: string, credential: SignedCredentialJson | undefined, now: Date): void {
    const c = this.credential(electionId);
    if (!c) throw new Error('no key to activate');
    this.#write(`credential/${electionId}`, {
      secretKey: c.secretKey,
      publicKey: c.publicKey,
      status: 'active',
      ...(credential ? { credential } : {}),
      activatedAt: now.toISOString(),
    });
  }

  forget(electionId: string): void {
    this.#storage.removeItem(`${KEY_PREFIX}/credential/${electionId}`);
  }

  receipts(electionId: string): StoredReceipt[] {
    return this.#read(`receipts/${electionId}`, ReceiptsSchema) ?? [];
  }

  addReceipt(electionId: string, receipt: StoredReceipt): void {
    const all = this.receipts(electionId).filter((r) => r.trackingCode !== receipt.trackingCode);
    this.#write(`receipts/${electionId}`, [...all, receipt]);
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
