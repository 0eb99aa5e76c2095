import { describe, expect, it } from 'vitest';
import { CredentialStore, type KeyValueStorage } from './credential-store.ts';

function memoryStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const key = { secretKey: 'A'.repeat(43), publicKey: 'B'.repeat(43) };
/** A receipt of the right form (its signatures are not checked here). */
const receipt = (code: string) => ({
  electionId: 'e1',
  trackingCode: code,
  position: 5,
  entryHash: `${'C'.repeat(42)}A`,
  treeHead: {
    electionId: 'e1',
    size: 6,
    root: `${'D'.repeat(42)}A`,
    time: '2026-01-01T00:00:00.000Z',
    signature: `${'E'.repeat(85)}A`,
  },
  signature: `${'F'.repeat(85)}A`,
});

describe('the credential kept on the device', () => {
  it('is pending until the CEC signs it, per election', () => {
    const store = new CredentialStore(memoryStorage());
    expect(store.credential('e1')).toBeNull();
    store.savePending('e1', key);
    expect(store.credential('e1')).toEqual({ ...key, status: 'pending' });
    store.markOutcomeUnknown('e1');
    expect(store.credential('e1')?.outcomeUnknown).toBe(true);
    store.saveActive('e1', undefined, new Date('2026-05-01T10:00:00Z'));
    expect(store.credential('e1')).toEqual({ ...key, status: 'active', activatedAt: '2026-05-01T10:00:00.000Z' });
    expect(store.credential('e2')).toBeNull();
    store.forget('e1');
    expect(store.credential('e1')).toBeNull();
  });
  it('keeps the receipts, the last cast last, a resubmitted one once', () => {
    const store = new CredentialStore(memoryStorage());
    store.addReceipt('e1', receipt(`${'1'.repeat(42)}A`));
    store.addReceipt('e1', receipt(`${'2'.repeat(42)}A`));
    store.addReceipt('e1', receipt(`${'1'.repeat(42)}A`));
    expect(store.receipts('e1').map((r) => r.trackingCode[0])).toEqual(['2', '1']);
    expect(store.receipts('e2')).toEqual([]);
  });
  it('ignores what it cannot read, and says when the browser keeps nothing', () => {
    const storage = memoryStorage();
    storage.setItem('evotare/v1/credential/e1', '{not json');
    storage.setItem('evotare/v1/receipts/e1', '[{"x":1}]');
    const store = new CredentialStore(storage);
    expect(store.credential('e1')).toBeNull();
    expect(store.receipts('e1')).toEqual([]);
    expect(store.usable()).toBe(true);
    const blocked = new CredentialStore({
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    });
    expect(blocked.usable()).toBe(false);
    expect(blocked.credential('e1')).toBeNull();
  });
});
