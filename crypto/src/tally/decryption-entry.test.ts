// §14.4 the `partial-decryption` entry: the trustee's message with its shares in an attachment, and
// the message rebuilt from the entry exactly as the trustee signed it; a changed attachment or a
// malformed entry is refused with its check.
import { describe, expect, it } from 'vitest';
import { attachmentRef } from '../attachment.ts';
import { toBase64Url } from '../bytes.ts';
import { GroupElement } from '../group.ts';
import * as scalar from '../scalar.ts';
import type { PartialDecryptionMessage } from '../threshold/messages.ts';
import {
  decryptionSharesReference,
  packDecryptionShares,
  partialDecryptionEntry,
  partialDecryptionMessageOfEntry,
} from './decryption-entry.ts';

const shares = Array.from({ length: 5 }, () =>
  toBase64Url(GroupElement.generator.multiply(scalar.randomNonZero()).encode()),
);
const message: PartialDecryptionMessage = {
  type: 'partial-decryption',
  electionId: 'md-test',
  sender: 2,
  list: toBase64Url(new Uint8Array(32).fill(7)),
  decryptionShares: shares,
  proof: toBase64Url(new Uint8Array(96).fill(1)),
  signature: toBase64Url(new Uint8Array(64).fill(2)),
};

describe('§14.4 the partial-decryption entry', () => {
  const bytes = packDecryptionShares(message);
  const entry = partialDecryptionEntry(message, attachmentRef(bytes));

  it('holds the shares as an attachment of 32·M bytes, and gives back the signed message', () => {
    expect(bytes).toHaveLength(32 * 5);
    expect(entry.decryptionShares).toEqual({ attachment: toBase64Url(attachmentRef(bytes).id), bytes: 160 });
    expect(decryptionSharesReference(entry)?.bytes).toBe(160);
    expect(partialDecryptionMessageOfEntry(entry, bytes)).toEqual({ message });
  });

  it('refuses an attachment that is not the one named (V14.01), and a malformed entry (V14.10)', () => {
    const changed = bytes.slice();
    changed[40]! ^= 1;
    const reason = (payload: unknown, b: Uint8Array) => {
      const r = partialDecryptionMessageOfEntry(payload, b);
      return 'error' in r && !r.error.valid ? r.error.reason.slice(0, 6) : 'valid';
    };
    expect(reason(entry, changed)).toBe('V14.01');
    expect(reason(entry, bytes.subarray(0, 128))).toBe('V14.01');
    expect(reason({ ...entry, decryptionShares: shares }, bytes)).toBe('V14.10');
    expect(reason({ ...entry, extra: 1 }, bytes)).toBe('V14.10');
    const odd = new Uint8Array(33);
    expect(reason({ ...entry, decryptionShares: { ...entry.decryptionShares, ...toRef(odd) } }, odd)).toBe('V14.10');
    expect(decryptionSharesReference({ type: 'result' })).toBeNull();
  });
});

function toRef(bytes: Uint8Array) {
  return { attachment: toBase64Url(attachmentRef(bytes).id), bytes: bytes.length };
}
