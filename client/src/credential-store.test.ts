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

const ana = { idnpEnd: '0005', birthDate: '1960-01-10' };
const ion = { idnpEnd: '0016', birthDate: '1963-02-11' };
const key = { secretKey: 'A'.repeat(43), publicKey: 'B'.repeat(43) };
const key2 = { secretKey: 'C'.repeat(43), publicKey: 'D'.repeat(43) };
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

describe('the credentials kept on the device', () => {
  it('are pending until the CEC signs them, per election and key', () => {
    const store = new CredentialStore(memoryStorage());
    expect(store.credentials('e1')).toEqual([]);
    store.savePending('e1', key, ana);
    expect(store.credential('e1', key.publicKey)).toEqual({
      ...key,
      status: 'pending',
      holder: ana,
      via: 'activation',
    });
    expect(store.pendingFor('e1', ana)?.publicKey).toBe(key.publicKey);
    expect(store.pendingFor('e1', ion)).toBeNull();
    store.markOutcomeUnknown('e1', key.publicKey);
    expect(store.credential('e1', key.publicKey)?.outcomeUnknown).toBe(true);
    expect(store.active('e1')).toEqual([]);
    store.saveActive('e1', key.publicKey, undefined, new Date('2026-05-01T10:00:00Z'));
    expect(store.credential('e1', key.publicKey)).toEqual({
      ...key,
      status: 'active',
      holder: ana,
      via: 'activation',
      activatedAt: '2026-05-01T10:00:00.000Z',
    });
    expect(store.credentials('e2')).toEqual([]);
  });

  it('keeps several voters apart: each key with its holder and its receipts; forgetting one leaves the other', () => {
    const store = new CredentialStore(memoryStorage());
    store.savePending('e1', key, ana);
    store.saveActive('e1', key.publicKey, undefined, new Date());
    store.saveTransferred('e1', key2, ion, new Date());
    expect(store.active('e1').map((c) => c.holder)).toEqual([ana, ion]);
    store.addReceipt('e1', key.publicKey, receipt(`${'1'.repeat(42)}A`));
    store.addReceipt('e1', key.publicKey, receipt(`${'2'.repeat(42)}A`));
    store.addReceipt('e1', key.publicKey, receipt(`${'1'.repeat(42)}A`));
    expect(store.receipts('e1', key.publicKey).map((r) => r.trackingCode[0])).toEqual(['2', '1']);
    expect(store.receipts('e1', key2.publicKey)).toEqual([]);
    store.forget('e1', key.publicKey);
    expect(store.active('e1').map((c) => c.publicKey)).toEqual([key2.publicKey]);
    expect(store.receipts('e1', key.publicKey)).toEqual([]);
    store.forget('e1', key2.publicKey);
    expect(store.credentials('e1')).toEqual([]);
  });

  it('moves an older booth’s single credential and receipts into the layout per key', () => {
    const storage = memoryStorage();
    storage.setItem('evotare/v1/credential/e1', JSON.stringify({ ...key, status: 'active' }));
    storage.setItem('evotare/v1/receipts/e1', JSON.stringify([receipt(`${'1'.repeat(42)}A`)]));
    const store = new CredentialStore(storage);
    expect(store.active('e1').map((c) => c.publicKey)).toEqual([key.publicKey]);
    expect(store.receipts('e1', key.publicKey)).toHaveLength(1);
    expect(storage.map.has('evotare/v1/credential/e1')).toBe(false);
    expect(storage.map.has('evotare/v1/receipts/e1')).toBe(false);
  });

  it('ignores what it cannot read, and says when the browser keeps nothing', () => {
    const storage = memoryStorage();
    storage.setItem('evotare/v1/voters/e1', JSON.stringify([key.publicKey]));
    storage.setItem(`evotare/v1/credential/e1/${key.publicKey}`, '{not json');
    storage.setItem(`evotare/v1/receipts/e1/${key.publicKey}`, '[{"x":1}]');
    const store = new CredentialStore(storage);
    expect(store.credentials('e1')).toEqual([]);
    expect(store.receipts('e1', key.publicKey)).toEqual([]);
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
    expect(blocked.credentials('e1')).toEqual([]);
  });
});
