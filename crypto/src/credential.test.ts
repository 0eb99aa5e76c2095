import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MerkleTree } from './board/merkle.ts';
import { signTreeHead } from './board/tree-head.ts';
import {
  decodeSignedCredential,
  decodeSignedReceipt,
  decodeSignedRevocation,
  encodeSignedCredential,
  encodeSignedReceipt,
  encodeSignedRevocation,
  signCredential,
  signReceipt,
  signRevocation,
  verifyCredential,
  verifyReceipt,
  verifyReceiptInclusion,
  verifyRevocation,
} from './credential.ts';
import { generateSigningKey } from './signature.ts';

const authority = generateSigningKey();
const election = { electionId: 'md-2024-10-20', manifestHash: new Uint8Array(randomBytes(32)) };
const voter = generateSigningKey();
const json = <T>(x: T): unknown => JSON.parse(JSON.stringify(x));

describe('credentials (§13.2)', () => {
  const c = signCredential({ ...election, publicKey: voter.publicKey }, authority.secretKey);

  it('verifies a credential the authority signed, after a JSON round trip', () => {
    expect(verifyCredential(c, authority.publicKey, election)).toEqual({ valid: true });
    const decoded = decodeSignedCredential(json(encodeSignedCredential(c)));
    expect('value' in decoded && verifyCredential(decoded.value, authority.publicKey, election)).toEqual({
      valid: true,
    });
  });

  it('carries the election and the key, never anything about the voter', () => {
    expect(Object.keys(encodeSignedCredential(c)).sort()).toEqual([
      'electionId',
      'manifestHash',
      'publicKey',
      'signature',
    ]);
  });

  it('fails for another election, manifest, key, signer or purpose', () => {
    expect(verifyCredential(c, authority.publicKey, { ...election, electionId: 'x' }).valid).toBe(false);
    expect(verifyCredential(c, authority.publicKey, { ...election, manifestHash: new Uint8Array(32) }).valid).toBe(
      false,
    );
    expect(
      verifyCredential({ ...c, publicKey: generateSigningKey().publicKey }, authority.publicKey, election).valid,
    ).toBe(false);
    expect(verifyCredential(c, voter.publicKey, election).valid).toBe(false);
    const revocation = signRevocation(
      { ...election, publicKey: voter.publicKey, reason: 'reissued' },
      authority.secretKey,
    );
    expect(verifyCredential({ ...c, signature: revocation.signature }, authority.publicKey, election).valid).toBe(
      false,
    );
  });

  it('refuses to sign a small-order key and rejects one in a credential', () => {
    const identityPoint = new Uint8Array(32);
    identityPoint[0] = 1;
    expect(() => signCredential({ ...election, publicKey: identityPoint }, authority.secretKey)).toThrow(RangeError);
    expect(verifyCredential({ ...c, publicKey: identityPoint }, authority.publicKey, election).valid).toBe(false);
  });

  it('rejects malformed JSON without throwing', () => {
    const good = encodeSignedCredential(c);
    for (const bad of [
      { ...good, idnp: '2000000000001' },
      { ...good, signature: 'AA' },
      { ...good, publicKey: 5 },
      'x',
    ]) {
      expect('error' in decodeSignedCredential(bad)).toBe(true);
    }
  });
});

describe('revocations (§13.5)', () => {
  it('verifies, and fails for a changed reason or key', () => {
    const r = signRevocation(
      { ...election, publicKey: voter.publicKey, reason: 'voted-in-person' },
      authority.secretKey,
    );
    expect(verifyRevocation(r, authority.publicKey, election)).toEqual({ valid: true });
    const decoded = decodeSignedRevocation(json(encodeSignedRevocation(r)));
    expect('value' in decoded && verifyRevocation(decoded.value, authority.publicKey, election)).toEqual({
      valid: true,
    });
    expect(verifyRevocation({ ...r, reason: 'reissued' }, authority.publicKey, election).valid).toBe(false);
    expect(verifyRevocation({ ...r, publicKey: authority.publicKey }, authority.publicKey, election).valid).toBe(false);
    expect(verifyRevocation(r, authority.publicKey, { ...election, electionId: 'y' }).valid).toBe(false);
  });
});

describe('receipts (§13.6)', () => {
  const tree = new MerkleTree();
  const entryHashes = Array.from({ length: 13 }, () => new Uint8Array(randomBytes(32)));
  for (const h of entryHashes) tree.append(h);
  const head = signTreeHead(
    { electionId: election.electionId, size: 13, root: tree.root(), time: '2024-10-20T10:00:00.000Z' },
    authority.secretKey,
  );
  const receipt = signReceipt(
    {
      electionId: election.electionId,
      trackingCode: new Uint8Array(randomBytes(32)),
      position: 9,
      entryHash: entryHashes[9]!,
      treeHead: head,
    },
    authority.secretKey,
  );

  it('verifies, with the inclusion proof of its entry in its tree head', () => {
    expect(verifyReceipt(receipt, authority.publicKey, election.electionId)).toEqual({ valid: true });
    expect(verifyReceiptInclusion(receipt, head, tree.inclusionProof(9, 13))).toEqual({ valid: true });
    const decoded = decodeSignedReceipt(json(encodeSignedReceipt(receipt)));
    expect('value' in decoded && verifyReceipt(decoded.value, authority.publicKey, election.electionId)).toEqual({
      valid: true,
    });
  });

  it('verifies its inclusion in a later tree head too', () => {
    tree.append(new Uint8Array(randomBytes(32)));
    const later = signTreeHead(
      { electionId: election.electionId, size: 14, root: tree.root(), time: '2024-10-20T10:00:01.000Z' },
      authority.secretKey,
    );
    expect(verifyReceiptInclusion(receipt, later, tree.inclusionProof(9, 14))).toEqual({ valid: true });
    expect(verifyReceiptInclusion(receipt, later, tree.inclusionProof(9, 13)).valid).toBe(false);
  });

  it('fails for a changed tracking code, position, entry hash or tree head', () => {
    const pk = authority.publicKey;
    expect(verifyReceipt({ ...receipt, trackingCode: new Uint8Array(32) }, pk, election.electionId).valid).toBe(false);
    expect(verifyReceipt({ ...receipt, position: 8 }, pk, election.electionId).valid).toBe(false);
    expect(verifyReceipt({ ...receipt, position: 13 }, pk, election.electionId).valid).toBe(false);
    expect(verifyReceipt({ ...receipt, entryHash: entryHashes[8]! }, pk, election.electionId).valid).toBe(false);
    expect(verifyReceipt({ ...receipt, treeHead: { ...head, size: 14 } }, pk, election.electionId).valid).toBe(false);
    expect(verifyReceipt(receipt, pk, 'other').valid).toBe(false);
    expect(verifyReceipt(receipt, voter.publicKey, election.electionId).valid).toBe(false);
    expect(verifyReceiptInclusion({ ...receipt, position: 8 }, head, tree.inclusionProof(9, 13)).valid).toBe(false);
  });

  it('cannot be signed for a position outside its tree head', () => {
    expect(() => signReceipt({ ...receipt, position: 13 }, authority.secretKey)).toThrow(RangeError);
  });
});
