import { sha512 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import {
  AttachmentHasher,
  attachmentId,
  attachmentRef,
  attachmentRefsIn,
  encodeAttachmentRef,
  isAttachment,
} from './attachment.ts';
import { concatBytes, u32be, utf8 } from './bytes.ts';

describe('§14.1 attachments', () => {
  const bytes = new Uint8Array(1000).map((_, i) => (i * 31) & 0xff);

  it('AttachmentId is SHA512(LP("evotare/v1/attachment") || LP(bytes))[0..32], written out', () => {
    const tag = utf8('evotare/v1/attachment');
    const expected = sha512(concatBytes(u32be(tag.length), tag, u32be(bytes.length), bytes)).subarray(0, 32);
    expect(attachmentId(bytes)).toEqual(expected);
    expect(attachmentId(new Uint8Array(0))).toHaveLength(32);
  });

  it('gives the same id streamed in pieces, and only for exactly the announced size', () => {
    const h = new AttachmentHasher(bytes.length);
    for (let at = 0; at < bytes.length; at += 333) h.update(bytes.subarray(at, at + 333));
    expect(h.received).toBe(1000);
    expect(h.digest()).toEqual(attachmentId(bytes));
    expect(() => new AttachmentHasher(10).update(bytes)).toThrow(/more than the 10 bytes/);
    expect(() => new AttachmentHasher(1001).update(bytes).digest()).toThrow(/1000 bytes of the 1001/);
    expect(() => new AttachmentHasher(2 ** 32)).toThrow(RangeError);
  });

  it('checks bytes against a reference by size and digest', () => {
    const ref = attachmentRef(bytes);
    expect(isAttachment(ref, bytes)).toBe(true);
    expect(isAttachment(ref, bytes.subarray(1))).toBe(false);
    const changed = bytes.slice();
    changed[500]! ^= 1;
    expect(isAttachment(ref, changed)).toBe(false);
  });

  it('finds every reference in a payload, in document order, and nothing else', () => {
    const a = attachmentRef(bytes);
    const b = attachmentRef(bytes.subarray(0, 10));
    const payload = {
      mixNode: 0,
      data: encodeAttachmentRef(a),
      nested: [{ proof: encodeAttachmentRef(b) }],
      notARef: { attachment: encodeAttachmentRef(a).attachment, bytes: 1, extra: true },
      alsoNot: { attachment: 'short', bytes: 1 },
    };
    expect(attachmentRefsIn(payload)).toEqual([a, b]);
    expect(attachmentRefsIn({ contests: [] })).toEqual([]);
  });
});
