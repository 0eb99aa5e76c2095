import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  auditBallot,
  BALLOT_NOT_SIGNED,
  type BallotJson,
  ballotSigningMessage,
  ballotTrackingCode,
  electionContext,
  encryptAndSignBallot,
  encryptBallot,
  formatTrackingCode,
  readTrackingCode,
  signBallot,
  type UnsignedBallotJson,
  verifyBallot,
  verifyBallots,
  verifyUnsignedBallot,
} from './ballot.ts';
import { fromBase64Url, toBase64Url } from './bytes.ts';
import { generateKeyPair } from './elgamal.ts';
import { GroupElement } from './group.ts';
import { ElectionDefinitionSchema, type Manifest, ManifestSchema } from './manifest.ts';
import { BRANCH_SIZE } from './proofs/disjunctive.ts';
import * as scalar from './scalar.ts';
import { generateSigningKey, type SigningKeyPair, sign } from './signature.ts';

const key = () => toBase64Url(generateSigningKey().publicKey);

/** The 2024 example, completed with throwaway keys. */
function exampleManifest(electionId?: string): Manifest {
  const url = new URL('../../examples/presidential-2024.json', import.meta.url);
  const def = ElectionDefinitionSchema.parse(JSON.parse(readFileSync(url, 'utf8')));
  return ManifestSchema.parse({
    ...def,
    electionId: electionId ?? def.electionId,
    authority: { name: 'CEC', signingKey: key() },
    trustees: {
      threshold: 2,
      members: def.trustees.members.map((m) => ({ ...m, signingKey: key(), encryptionKey: key() })),
    },
    mixNodes: def.mixNodes.map((m) => ({ ...m, signingKey: key() })),
  });
}

const electionKey = generateKeyPair().publicKey.element;
const ctx = electionContext(exampleManifest(), electionKey);
const voter = generateSigningKey();

function reason(r: { valid: boolean }): string {
  return 'reason' in r ? String(r.reason) : '';
}

describe('ballots (§8)', () => {
  it('every honest ballot verifies, whatever the choices (blank included)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 2 }), (president, referendum) => {
        const ballot = encryptAndSignBallot(ctx, voter, [president, referendum]);
        expect(verifyBallot(ctx, ballot)).toEqual({ valid: true });
      }),
      { numRuns: 8 },
    );
  });

  const { ballot: unsigned, trackingCode, audit } = encryptBallot(ctx, voter.publicKey, [1, 0]);
  const ballot = signBallot(ctx, unsigned, voter);

  it('has a tracking code that is the digest of the ballot without its signature (§8.4)', () => {
    expect(ballotTrackingCode(ctx, unsigned)).toEqual(trackingCode);
    expect(ballotTrackingCode(ctx, ballot)).toEqual(trackingCode);
    expect(ballotTrackingCode(ctx, JSON.parse(JSON.stringify(ballot)))).toEqual(trackingCode);
    expect(formatTrackingCode(trackingCode)).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  });

  it('cannot be replayed under another credential key', () => {
    const other = generateSigningKey();
    const replay = { ...ballot, credential: toBase64Url(other.publicKey) };
    expect(verifyBallot(ctx, replay).valid).toBe(false);
    // even re-signed by the other credential: the proofs' challenges are bound to the first key
    const forged = resignedWith(ballot, other);
    expect(reason(verifyBallot(ctx, forged))).toMatch(/V08\.07/);
  });

  it('cannot be replayed in another election, even with the same key and contests', () => {
    const other = electionContext(exampleManifest('md-2024-10-20-bis'), electionKey);
    expect(reason(verifyBallot(other, ballot))).toMatch(/V08\.02/);
    const moved = resignedWith({ ...ballot, election: 'md-2024-10-20-bis' }, voter, other);
    expect(reason(verifyBallot(other, moved))).toMatch(/V08\.07/);
  });

  it('is rejected when its signature, a ciphertext or a proof is altered', () => {
    const sig = fromBase64Url(ballot.signature, 64);
    sig[0] = (sig[0] as number) ^ 1;
    expect(reason(verifyBallot(ctx, { ...ballot, signature: toBase64Url(sig) }))).toMatch(/V08\.06/);
    const ct = fromBase64Url(ballot.contests[0]!.ciphertext, 64);
    const swapped = toBase64Url(new Uint8Array([...ct.subarray(32), ...ct.subarray(0, 32)]));
    const altered = resignedWith(
      { ...ballot, contests: [{ ...ballot.contests[0]!, ciphertext: swapped }, ballot.contests[1]!] },
      voter,
    );
    expect(verifyBallot(ctx, altered).valid).toBe(false);
  });

  it('rejects identity and non-canonical points before any algebra (V08.05)', () => {
    const ct = fromBase64Url(ballot.contests[1]!.ciphertext, 64);
    const identity = ct.slice();
    identity.fill(0, 0, 32);
    const nonCanonical = ct.slice();
    nonCanonical.fill(0xff, 32, 64);
    const proof = fromBase64Url(ballot.contests[1]!.proof, 3 * BRANCH_SIZE);
    const identityCommitment = proof.slice();
    identityCommitment.fill(0, BRANCH_SIZE, BRANCH_SIZE + 32);
    for (const [field, bytes] of [
      ['ciphertext', identity],
      ['ciphertext', nonCanonical],
      ['proof', identityCommitment],
    ] as const) {
      const bad = {
        ...ballot,
        contests: [ballot.contests[0]!, { ...ballot.contests[1]!, [field]: toBase64Url(bytes) }],
      };
      expect(reason(verifyBallot(ctx, bad))).toMatch(/V08\.05/);
    }
  });

  it('rejects malformed input of every kind without throwing', () => {
    const bad: unknown[] = [
      null,
      42,
      'ballot',
      {},
      { ...ballot, extra: 1 },
      { ...ballot, contests: [] },
      { ...ballot, contests: [ballot.contests[0]] },
      { ...ballot, credential: `${ballot.credential}A` },
      { ...ballot, credential: ballot.credential.replace(/.$/, 'B') },
      { ...ballot, signature: 123 },
      { ...ballot, contests: [ballot.contests[0], { ...ballot.contests[1], proof: 'A'.repeat(20) }] },
      { ...ballot, credential: toBase64Url(new Uint8Array(32)) },
    ];
    for (const b of bad) expect(verifyBallot(ctx, b).valid, JSON.stringify(b)?.slice(0, 80)).toBe(false);
  });

  it('finds the one bad ballot in a batch of 100 and accepts the rest', () => {
    const ballots: unknown[] = Array.from({ length: 100 }, (_, i) => encryptAndSignBallot(ctx, voter, [i % 12, i % 3]));
    const victim = encryptAndSignBallot(ctx, voter, [0, 0]);
    // a proof that does not verify, under a valid signature: flip one response
    const proof = fromBase64Url(victim.contests[0]!.proof, 12 * BRANCH_SIZE);
    proof[BRANCH_SIZE + 96] = (proof[BRANCH_SIZE + 96] as number) ^ 1;
    ballots.splice(
      37,
      0,
      resignedWith(
        { ...victim, contests: [{ ...victim.contests[0]!, proof: toBase64Url(proof) }, victim.contests[1]!] },
        voter,
      ),
    );
    const results = verifyBallots(ctx, ballots);
    expect(results.filter((r) => !r.valid).length).toBe(1);
    expect(reason(results[37]!)).toMatch(/V08\.08/);
  });

  it('audits (Benaloh): the randomness opens each ciphertext to the stated choice, and nothing else', () => {
    expect(auditBallot(ctx, unsigned, audit)).toEqual({ valid: true, choices: [1, 0] });
    expect(auditBallot(ctx, unsigned, { ...audit, choices: [2, 0] }).valid).toBe(false);
    const r = toBase64Url(scalar.encode(scalar.random()));
    expect(auditBallot(ctx, unsigned, { ...audit, randomness: [r, audit.randomness[1]!] }).valid).toBe(false);
  });

  it('refuses to encrypt a choice that does not exist', () => {
    expect(() => encryptBallot(ctx, voter.publicKey, [12, 0])).toThrow(RangeError);
    expect(() => encryptBallot(ctx, voter.publicKey, [0])).toThrow(RangeError);
  });

  it('uses a fresh element per option, distinct across contests', () => {
    const all = ctx.contests.flatMap((c) => c.elements.map((e) => toBase64Url(e.encode())));
    expect(new Set(all).size).toBe(all.length);
    expect(ctx.contests[0]!.elements.every((e) => !e.equals(GroupElement.identity))).toBe(true);
  });
});

describe('signing only when the voter casts (§8.2, §8.5)', () => {
  const { ballot: unsigned, trackingCode, audit } = encryptBallot(ctx, voter.publicKey, [4, 2]);

  it('encryption makes no signature, and an unsigned ballot is refused as such (V08.01)', () => {
    expect(Object.keys(unsigned).sort()).toEqual(['contests', 'credential', 'election']);
    expect(verifyBallot(ctx, unsigned)).toEqual({ valid: false, reason: BALLOT_NOT_SIGNED });
    const batch = verifyBallots(ctx, [encryptAndSignBallot(ctx, voter, [0, 0]), unsigned]);
    expect(batch.map(reason)).toEqual(['', BALLOT_NOT_SIGNED]);
  });

  it('signs with the credential key; the signed ballot verifies, keeps its tracking code, and is the same bytes every time', () => {
    const signed = signBallot(ctx, unsigned, voter);
    expect(verifyBallot(ctx, signed)).toEqual({ valid: true });
    expect(signBallot(ctx, JSON.parse(JSON.stringify(unsigned)), voter)).toEqual(signed);
    expect(ballotTrackingCode(ctx, signed)).toEqual(trackingCode);
    // signing a signed ballot again replaces nothing: the signature is over the unsigned part
    expect(signBallot(ctx, signed, voter)).toEqual(signed);
  });

  it('refuses to sign with a key that is not the ballot’s credential', () => {
    expect(() => signBallot(ctx, unsigned, generateSigningKey())).toThrow(RangeError);
    expect(() => signBallot(ctx, unsigned, { ...generateSigningKey(), publicKey: voter.publicKey })).toThrow(
      RangeError,
    );
  });

  it('an audit-revealed ballot verifies as audit data — every check but the signature — and is never castable', () => {
    expect(verifyUnsignedBallot(ctx, unsigned)).toEqual({ valid: true });
    expect(auditBallot(ctx, unsigned, audit)).toEqual({ valid: true, choices: [4, 2] });
    // audit data never carries a signature: a signed ballot is not audit data
    expect(reason(verifyUnsignedBallot(ctx, signBallot(ctx, unsigned, voter)))).toMatch(/^V08\.01 .*signature/);
    expect(auditBallot(ctx, signBallot(ctx, unsigned, voter) as UnsignedBallotJson, audit).valid).toBe(false);
    // its proofs are checked (V08.07, V08.08) as for a cast ballot
    const proof = fromBase64Url(unsigned.contests[0]!.proof, 12 * BRANCH_SIZE);
    proof[96] = (proof[96] as number) ^ 1;
    const badProof = {
      ...unsigned,
      contests: [{ ...unsigned.contests[0]!, proof: toBase64Url(proof) }, unsigned.contests[1]!],
    };
    expect(reason(verifyUnsignedBallot(ctx, badProof))).toMatch(/^V08\.08/);
    expect(reason(verifyUnsignedBallot(ctx, { ...unsigned, election: 'another' }))).toMatch(/^V08\.02/);
  });

  it('whoever holds the audit data cannot make it castable: another key’s signature, or its own credential', () => {
    const thief = generateSigningKey();
    const underVoter = {
      ...unsigned,
      signature: toBase64Url(sign('ballot', ballotSigningMessage(ctx, unsigned), thief.secretKey)),
    };
    expect(reason(verifyBallot(ctx, underVoter))).toMatch(/^V08\.06/);
    expect(reason(verifyBallot(ctx, resignedWith(unsigned, thief)))).toMatch(/^V08\.0[78]/);
  });
});

/** The ballot's contents under `signer`'s credential, signed by it (an attacker re-signing what they copied). */
function resignedWith(b: UnsignedBallotJson, signer: SigningKeyPair, c = ctx): BallotJson {
  return signBallot(c, { ...b, credential: toBase64Url(signer.publicKey) }, signer);
}

describe('Algorithm 8.4a ReadTrackingCode', () => {
  it('reads the short code people are shown back into the code’s first 10 bytes, as a person types it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (code) => {
        const shown = formatTrackingCode(code);
        const typed = ` ${shown.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l')} `;
        for (const text of [shown, typed, shown.replace(/-/g, '')]) {
          expect(readTrackingCode(text)).toEqual({ kind: 'short', prefix: code.slice(0, 10) });
        }
      }),
      { numRuns: 50 },
    );
  });
  it('reads the full code (base64url) as is, and nothing else', () => {
    const code = new Uint8Array(32).map((_, i) => i * 7);
    expect(readTrackingCode(toBase64Url(code))).toEqual({ kind: 'full', code });
    for (const bad of [
      '',
      'YRPC-327C-AB',
      'YRPC-327C-ABCD-EFGHU',
      'YRPC-327C-ABCD-EFGH-J',
      'é'.repeat(16),
      '!'.repeat(43),
    ]) {
      expect(readTrackingCode(bad), bad).toBeNull();
    }
  });
});
