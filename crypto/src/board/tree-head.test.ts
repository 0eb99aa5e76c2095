import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '../signature.ts';
import {
  cosignTreeHead,
  decodeSignedTreeHead,
  encodeSignedTreeHead,
  signTreeHead,
  treeHeadMessage,
  verifyTreeHead,
  verifyTreeHeadCosignature,
} from './tree-head.ts';

const authority = generateSigningKey();
const head = {
  electionId: 'md-2024-10-20',
  size: 42,
  root: new Uint8Array(32).fill(7),
  time: '2024-10-20T10:00:00.000Z',
};

describe('signed tree heads (§12.6)', () => {
  it('signs the canonical JSON of electionId, root, size and time', () => {
    expect(new TextDecoder().decode(treeHeadMessage(head))).toBe(
      '{"electionId":"md-2024-10-20","root":"BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc","size":42,"time":"2024-10-20T10:00:00.000Z"}',
    );
    const sth = signTreeHead(head, authority.secretKey);
    expect(verifyTreeHead(sth, authority.publicKey)).toEqual({ valid: true });
  });

  it('fails for any changed field, another key, or a signature for another purpose', () => {
    const sth = signTreeHead(head, authority.secretKey);
    expect(verifyTreeHead({ ...sth, size: 43 }, authority.publicKey).valid).toBe(false);
    expect(verifyTreeHead({ ...sth, electionId: 'other' }, authority.publicKey).valid).toBe(false);
    expect(verifyTreeHead({ ...sth, time: '2024-10-20T10:00:00.001Z' }, authority.publicKey).valid).toBe(false);
    expect(verifyTreeHead({ ...sth, root: new Uint8Array(32).fill(8) }, authority.publicKey).valid).toBe(false);
    expect(verifyTreeHead(sth, generateSigningKey().publicKey).valid).toBe(false);
    const cosig = cosignTreeHead(head, authority.secretKey);
    expect(verifyTreeHead({ ...sth, signature: cosig }, authority.publicKey).valid).toBe(false);
  });

  it('round-trips its JSON form', () => {
    const sth = signTreeHead(head, authority.secretKey);
    const decoded = decodeSignedTreeHead(JSON.parse(JSON.stringify(encodeSignedTreeHead(sth))));
    expect('value' in decoded && verifyTreeHead(decoded.value, authority.publicKey)).toEqual({ valid: true });
    expect('error' in decodeSignedTreeHead({ ...encodeSignedTreeHead(sth), size: '42' })).toBe(true);
  });

  it("accepts an observer's co-signature and nothing else", () => {
    const observer = generateSigningKey();
    const sig = cosignTreeHead(head, observer.secretKey);
    expect(verifyTreeHeadCosignature(head, observer.publicKey, sig)).toEqual({ valid: true });
    expect(verifyTreeHeadCosignature({ ...head, size: 41 }, observer.publicKey, sig).valid).toBe(false);
    expect(verifyTreeHeadCosignature(head, authority.publicKey, sig).valid).toBe(false);
    expect(verifyTreeHeadCosignature(head, new Uint8Array(32), sig).valid).toBe(false);
    const sth = signTreeHead(head, observer.secretKey);
    expect(verifyTreeHeadCosignature(head, observer.publicKey, sth.signature).valid).toBe(false);
  });
});
