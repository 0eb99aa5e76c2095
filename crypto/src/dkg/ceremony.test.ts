// The k-of-n key ceremony (§9) end to end: honest runs for (n, k) = (3, 2) and (5, 3), a cheating
// dealer caught by a complaint, a ceremony that cannot reach the threshold, and tampering.
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../bytes.ts';
import { generatorBase } from '../group.ts';
import * as scalar from '../scalar.ts';
import { identity, keyShares, makeElection, runCeremony, type TestElection } from './_fixtures.ts';
import { verifyCeremonyMessage } from './board.ts';
import { verifyCeremony } from './ceremony.ts';
import { deal } from './dealing.ts';
import {
  type CeremonyMessage,
  type DkgCommitmentMessage,
  type DkgResolutionMessage,
  type DkgSharesMessage,
  signTrusteeMessage,
} from './messages.ts';
import { encryptShare } from './share-encryption.ts';
import { deriveSecretShare, reviewShares } from './trustee.ts';
import { requireCeremonyContext } from './trustee-keys.ts';

/** Lagrange interpolation at 0 of the points (j, y_j). */
function interpolateAtZero(points: readonly [number, scalar.Scalar][]): scalar.Scalar {
  let acc = 0n;
  for (const [j, y] of points) {
    let lambda = 1n;
    for (const [l] of points) {
      if (l !== j) lambda = scalar.mul(lambda, scalar.mul(BigInt(l), scalar.invert(scalar.mod(BigInt(l - j)))));
    }
    acc = scalar.add(acc, scalar.mul(lambda, y));
  }
  return acc;
}

function subsets<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  if (items.length < size) return [];
  const [first, ...rest] = items;
  return [...subsets(rest, size - 1).map((s) => [first!, ...s]), ...subsets(rest, size)];
}

function signingKey(election: TestElection, i: number): Uint8Array {
  return election.trustees[i - 1]!.secret.signingKey;
}

/** Replaces dealer i's share for j by an encryption of `bad` (re-signed: the dealer cheats). */
function sendBadShare(election: TestElection, i: number, j: number, bad: scalar.Scalar) {
  const ctx = requireCeremonyContext(election.manifest);
  return (messages: CeremonyMessage[]) =>
    messages.map((m) => {
      if (m.type !== 'dkg-shares' || m.sender !== i) return m;
      const { signature: _, ...body } = m;
      const e = encryptShare(
        { manifestHash: ctx.manifestHash, dealer: i, recipient: j, recipientKey: ctx.trustees[j - 1]!.encryptionKey },
        bad,
        scalar.randomNonZero(),
      );
      const shares = body.shares.map((s) =>
        s.recipient === j
          ? { recipient: j, ephemeral: toBase64Url(e.ephemeral.encode()), ciphertext: toBase64Url(e.ciphertext) }
          : s,
      );
      return signTrusteeMessage<DkgSharesMessage>(
        'trustee-message',
        ctx.manifestHash,
        { ...body, shares },
        signingKey(election, i),
      );
    });
}

describe.each([
  [3, 2],
  [5, 3],
])('an honest ceremony with n = %i, k = %i', (n, k) => {
  const election = makeElection(n, k);
  const run = runCeremony(election);
  const outcome = verifyCeremony(election.manifest, run.messages);

  it('qualifies every dealer and derives Y = Σ C_{i,0}', () => {
    expect(run.messages.filter((m) => m.type === 'dkg-complaint')).toEqual([]);
    if (!outcome.valid) throw new Error(outcome.reason);
    expect(outcome.qualified).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(outcome.disqualified).toEqual([]);
    const a0 = [...run.dealers.values()].reduce((acc, d) => scalar.add(acc, d.polynomial[0]!), 0n);
    expect(outcome.electionKey.equals(generatorBase().multiply(a0))).toBe(true);
  });

  it('gives every trustee a share x_j with x_j·G = VK_j, and any k shares interpolate to the key', () => {
    if (!outcome.valid) throw new Error(outcome.reason);
    const shares = keyShares(election, run);
    for (const [j, x] of shares)
      expect(
        generatorBase()
          .multiply(x)
          .equals(outcome.verificationKeys[j - 1]!),
      ).toBe(true);
    const indices = [...shares.keys()];
    for (const subset of subsets(indices, k)) {
      const x = interpolateAtZero(subset.map((j) => [j, shares.get(j)!]));
      expect(generatorBase().multiply(x).equals(outcome.electionKey)).toBe(true);
    }
    for (const subset of subsets(indices, k - 1)) {
      const x = interpolateAtZero(subset.map((j) => [j, shares.get(j)!]));
      expect(generatorBase().multiply(x).equals(outcome.electionKey)).toBe(false);
    }
  });

  it('does not depend on the order of the messages on the board', () => {
    if (!outcome.valid) throw new Error(outcome.reason);
    const reversed = verifyCeremony(election.manifest, [...run.messages].reverse());
    if (!reversed.valid) throw new Error(reversed.reason);
    expect(reversed.electionKey.equals(outcome.electionKey)).toBe(true);
    expect(reversed.qualified).toEqual(outcome.qualified);
  });
});

describe('a dealer who sends one bad share', () => {
  it('is caught by the complaint and excluded when it reveals the bad share; the rest complete (5, 3)', () => {
    const election = makeElection(5, 3);
    const ctx = requireCeremonyContext(election.manifest);
    const run = runCeremony(election, { tamper: sendBadShare(election, 2, 4, 12345n), answering: (i) => i !== 2 });
    const complaints = run.messages.filter((m) => m.type === 'dkg-complaint');
    expect(complaints).toMatchObject([{ sender: 4, dealer: 2, reason: 'invalid-share' }]);
    // The cheater stands by the share it sent.
    const answer = signTrusteeMessage<DkgResolutionMessage>(
      'trustee-message',
      ctx.manifestHash,
      {
        type: 'dkg-resolution',
        electionId: ctx.electionId,
        sender: 2,
        recipient: 4,
        share: toBase64Url(scalar.encode(12345n)),
      },
      signingKey(election, 2),
    );
    const outcome = verifyCeremony(election.manifest, [...run.messages, answer]);
    if (!outcome.valid) throw new Error(outcome.reason);
    expect(outcome.qualified).toEqual([1, 3, 4, 5]);
    expect(outcome.disqualified).toMatchObject([{ dealer: 2, reason: 'invalid-revealed-share' }]);
    // Every trustee, the cheater included, still holds a share of the key of the qualified dealers.
    const shares = keyShares(election, { ...run, messages: [...run.messages, answer] });
    const x = interpolateAtZero([1, 2, 5].map((j) => [j, shares.get(j)!]));
    expect(generatorBase().multiply(x).equals(outcome.electionKey)).toBe(true);
  });

  it('is excluded when it does not answer', () => {
    const election = makeElection(5, 3);
    const run = runCeremony(election, { tamper: sendBadShare(election, 3, 1, 1n), answering: (i) => i !== 3 });
    const outcome = verifyCeremony(election.manifest, run.messages);
    if (!outcome.valid) throw new Error(outcome.reason);
    expect(outcome.disqualified).toMatchObject([{ dealer: 3, reason: 'unanswered-complaint' }]);
    expect(outcome.qualified).toEqual([1, 2, 4, 5]);
  });

  it('stays qualified when it answers with the correct share, which the recipient then uses', () => {
    const election = makeElection(3, 2);
    const run = runCeremony(election, { tamper: sendBadShare(election, 1, 3, 99n) });
    expect(run.messages.filter((m) => m.type === 'dkg-resolution')).toMatchObject([{ sender: 1, recipient: 3 }]);
    const outcome = verifyCeremony(election.manifest, run.messages);
    if (!outcome.valid) throw new Error(outcome.reason);
    expect(outcome.qualified).toEqual([1, 2, 3]);
    const r = deriveSecretShare(election.manifest, run.messages, identity(election, 3), run.dealers.get(3));
    expect(r.ok).toBe(true);
  });

  it('complains "undecryptable" about a ciphertext that does not authenticate', () => {
    const election = makeElection(3, 2);
    const ctx = requireCeremonyContext(election.manifest);
    const run = runCeremony(election, {
      tamper: (messages) =>
        messages.map((m) => {
          if (m.type !== 'dkg-shares' || m.sender !== 2) return m;
          const { signature: _, ...body } = m;
          const shares = body.shares.map((s) => {
            if (s.recipient !== 1) return s;
            const c = fromBase64Url(s.ciphertext);
            c[0]! ^= 0x80;
            return { ...s, ciphertext: toBase64Url(c) };
          });
          return signTrusteeMessage<DkgSharesMessage>(
            'trustee-message',
            ctx.manifestHash,
            { ...body, shares },
            signingKey(election, 2),
          );
        }),
    });
    expect(run.messages.filter((m) => m.type === 'dkg-complaint')).toMatchObject([
      { sender: 1, dealer: 2, reason: 'undecryptable' },
    ]);
  });
});

describe('a ceremony that cannot reach the threshold', () => {
  it('fails cleanly when too few dealers remain (3, 2 with two cheaters)', () => {
    const election = makeElection(3, 2);
    const tamper = (m: CeremonyMessage[]) => sendBadShare(election, 3, 1, 5n)(sendBadShare(election, 2, 1, 5n)(m));
    const run = runCeremony(election, { tamper, answering: (i) => i === 1 });
    const outcome = verifyCeremony(election.manifest, run.messages);
    expect(outcome.valid).toBe(false);
    if (outcome.valid) return;
    expect(outcome.reason).toMatch(/^V09\.13 only 1 qualified dealers, the threshold is 2/);
    expect(outcome.disqualified.map((d) => d.dealer)).toEqual([2, 3]);
    const r = deriveSecretShare(election.manifest, run.messages, identity(election, 1), run.dealers.get(1));
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/^V09\.13/) });
  });

  it('excludes a dealer who never dealt, and completes with the rest (5, 3)', () => {
    const election = makeElection(5, 3);
    const run = runCeremony(election, { dealers: [1, 2, 4, 5] });
    const outcome = verifyCeremony(election.manifest, run.messages);
    if (!outcome.valid) throw new Error(outcome.reason);
    expect(outcome.disqualified).toMatchObject([{ dealer: 3, reason: 'no-commitment' }]);
    expect(keyShares(election, run).size).toBe(5);
  });
});

describe('tampering', () => {
  const election = makeElection(3, 2);
  const ctx = requireCeremonyContext(election.manifest);
  const run = runCeremony(election, { tamper: sendBadShare(election, 2, 3, 7n) });
  const ofType = <T extends CeremonyMessage['type']>(type: T) =>
    run.messages.find((m) => m.type === type) as Extract<CeremonyMessage, { type: T }>;

  it('has one message of every type to tamper with', () => {
    for (const t of ['dkg-commitment', 'dkg-shares', 'dkg-complaint', 'dkg-resolution'] as const) {
      expect(ofType(t)).toBeDefined();
    }
    expect(verifyCeremony(election.manifest, run.messages).valid).toBe(true);
  });

  /** Changes one field; every such change must make the board invalid. */
  function rejects(message: CeremonyMessage, change: (m: Record<string, unknown>) => void, check: RegExp) {
    const copy = structuredClone(message) as Record<string, unknown>;
    change(copy);
    const board = run.messages.map((m) => (m === message ? copy : m));
    const outcome = verifyCeremony(election.manifest, board);
    expect(outcome.valid).toBe(false);
    if (!outcome.valid) expect(outcome.reason).toMatch(check);
  }

  const flip = (text: string) => {
    const b = fromBase64Url(text);
    b[b.length >> 1]! ^= 0x01;
    return toBase64Url(b);
  };
  const otherElement = toBase64Url(generatorBase().multiply(5n).encode());

  it('rejects every field of a commitment changed', () => {
    const m = ofType('dkg-commitment');
    rejects(m, (c) => void Object.assign(c, { type: 'dkg-shares' }), /V09\.02/);
    rejects(m, (c) => void Object.assign(c, { electionId: 'another-election' }), /V09\.03/);
    rejects(m, (c) => void Object.assign(c, { sender: m.sender === 1 ? 2 : 1 }), /V09\.04/);
    rejects(m, (c) => void Object.assign(c, { sender: 4 }), /V09\.03/);
    rejects(m, (c) => void Object.assign(c, { commitments: [otherElement, ...m.commitments.slice(1)] }), /V09\.04/);
    rejects(m, (c) => void Object.assign(c, { commitments: m.commitments.slice(0, 1) }), /V09\.04/);
    rejects(m, (c) => void Object.assign(c, { proof: flip(m.proof) }), /V09\.0[46]/);
    rejects(m, (c) => void Object.assign(c, { signature: flip(m.signature) }), /V09\.0[24]/);
    rejects(m, (c) => void Object.assign(c, { extra: 1 }), /V09\.02/);
  });

  it('rejects every field of a shares message changed', () => {
    const m = ofType('dkg-shares');
    const s0 = m.shares[0]!;
    rejects(m, (c) => void Object.assign(c, { electionId: 'x' }), /V09\.03/);
    rejects(m, (c) => void Object.assign(c, { sender: m.sender === 1 ? 2 : 1 }), /V09\.04/);
    rejects(m, (c) => void Object.assign(c, { shares: [{ ...s0, recipient: 3 }, ...m.shares.slice(1)] }), /V09\.04/);
    rejects(
      m,
      (c) => void Object.assign(c, { shares: [{ ...s0, ephemeral: otherElement }, ...m.shares.slice(1)] }),
      /V09\.04/,
    );
    rejects(
      m,
      (c) => void Object.assign(c, { shares: [{ ...s0, ciphertext: flip(s0.ciphertext) }, ...m.shares.slice(1)] }),
      /V09\.04/,
    );
    rejects(m, (c) => void Object.assign(c, { shares: m.shares.slice(1) }), /V09\.04/);
    rejects(m, (c) => void Object.assign(c, { signature: flip(m.signature) }), /V09\.0[24]/);
  });

  it('rejects every field of a complaint and of a resolution changed', () => {
    const c = ofType('dkg-complaint');
    rejects(c, (x) => void Object.assign(x, { dealer: 1 }), /V09\.04/);
    rejects(c, (x) => void Object.assign(x, { sender: 1 }), /V09\.04/);
    rejects(c, (x) => void Object.assign(x, { reason: 'undecryptable' }), /V09\.04/);
    rejects(c, (x) => void Object.assign(x, { reason: 'bored' }), /V09\.02/);
    rejects(c, (x) => void Object.assign(x, { signature: flip(c.signature) }), /V09\.0[24]/);
    const r = ofType('dkg-resolution');
    rejects(r, (x) => void Object.assign(x, { recipient: 1 }), /V09\.04/);
    rejects(r, (x) => void Object.assign(x, { share: flip(r.share) }), /V09\.0[249]/);
    rejects(r, (x) => void Object.assign(x, { electionId: 'x' }), /V09\.03/);
    rejects(r, (x) => void Object.assign(x, { signature: flip(r.signature) }), /V09\.0[24]/);
  });

  it('rejects a tampered commitment or proof of knowledge even when the dealer signs it', () => {
    const m = ofType('dkg-commitment');
    const { signature: _, ...body } = m;
    const resign = (b: Omit<DkgCommitmentMessage, 'signature'>) =>
      signTrusteeMessage<DkgCommitmentMessage>('trustee-message', ctx.manifestHash, b, signingKey(election, m.sender));
    rejects(
      m,
      (c) => void Object.assign(c, resign({ ...body, commitments: [otherElement, ...m.commitments.slice(1)] })),
      /V09\.06/,
    );
    rejects(
      m,
      (c) => void Object.assign(c, resign({ ...body, commitments: [m.commitments[0]!, otherElement] })),
      /V09\.06/,
    );
    rejects(
      m,
      (c) => void Object.assign(c, resign({ ...body, commitments: [...m.commitments, otherElement] })),
      /V09\.05/,
    );
    rejects(
      m,
      (c) =>
        void Object.assign(c, resign({ ...body, commitments: [m.commitments[0]!, toBase64Url(new Uint8Array(32))] })),
      /V09\.05/,
    );
    rejects(m, (c) => void Object.assign(c, resign({ ...body, proof: flip(m.proof) })), /V09\.06/);
    // A valid proof from another dealer does not transfer: the context binds the dealer's index.
    const other = run.messages.find(
      (x) => x.type === 'dkg-commitment' && x.sender !== m.sender,
    ) as DkgCommitmentMessage;
    rejects(
      m,
      (c) => void Object.assign(c, resign({ ...body, commitments: other.commitments, proof: other.proof })),
      /V09\.06/,
    );
  });

  it('rejects a message signed for another election (the manifest hash is signed)', () => {
    const other = makeElection(3, 2);
    const otherRun = runCeremony(other);
    expect(verifyCeremony(election.manifest, [...run.messages, otherRun.messages[0]!]).valid).toBe(false);
  });

  it('disqualifies a dealer who signs two different commitments', () => {
    const second = deal(ctx, 1, signingKey(election, 1)).commitment;
    const outcome = verifyCeremony(election.manifest, [...run.messages, second]);
    expect(outcome.disqualified).toContainEqual(expect.objectContaining({ dealer: 1, reason: 'equivocation' }));
  });

  it('counts a repeated message once', () => {
    const outcome = verifyCeremony(election.manifest, [...run.messages, ...run.messages]);
    expect(outcome).toMatchObject({ valid: true, qualified: [1, 2, 3] });
  });

  it('reports bad trustee keys in the manifest as V09.01', () => {
    const bad = structuredClone(election.manifest);
    bad.trustees.members[1]!.encryptionKey = toBase64Url(new Uint8Array(32));
    expect(verifyCeremony(bad, run.messages)).toMatchObject({
      valid: false,
      reason: expect.stringMatching(/^V09\.01/),
    });
  });

  it('checks one message at a time for the server (Algorithm 9.12), from public data only', () => {
    for (const m of run.messages) expect(verifyCeremonyMessage(ctx, m)).toHaveProperty('verified');
    const other = requireCeremonyContext(makeElection(3, 2).manifest);
    const r = verifyCeremonyMessage(other, run.messages[0]);
    expect('error' in r && !r.error.valid && r.error.reason).toMatch(/^V09\.04/);
    const junk = verifyCeremonyMessage(ctx, { type: 'dkg-commitment' });
    expect('error' in junk && !junk.error.valid && junk.error.reason).toMatch(/^V09\.02/);
  });

  it('lets a trustee review shares without complaining about an honest dealer', () => {
    const honest = runCeremony(election);
    expect(reviewShares(election.manifest, honest.messages, identity(election, 2))).toMatchObject({
      accepted: [1, 3],
      complaints: [],
    });
  });
});
