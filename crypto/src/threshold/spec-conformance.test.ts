// §9 and §10 written out from the spec text alone, with @noble/curves' ristretto255 and Ed25519 and
// @noble/ciphers instead of our engine and helpers — a small second implementation. It checks that
// the bytes the code hashes, signs and encrypts are exactly those the spec describes.
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { ed25519, ristretto255 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { concatBytes, fromBase64Url, u32be, utf8 } from '../bytes.ts';
import { canonicalBytes } from '../canonical-json.ts';
import { keyShares, makeElection, runCeremony } from '../dkg/_fixtures.ts';
import { verifyCeremony } from '../dkg/ceremony.ts';
import type { DkgSharesMessage } from '../dkg/messages.ts';
import { EncryptionKey, encrypt } from '../elgamal.ts';
import { manifestHash, optionElements } from '../manifest.ts';
import * as scalar from '../scalar.ts';
import { ciphertextList } from './ciphertext-list.ts';
import { createPartialDecryption } from './messages.ts';
import { decryptionShares } from './partial-decryption.ts';

const Point = ristretto255.Point;
type P = InstanceType<typeof Point>;

const LP = (b: Uint8Array) => concatBytes(u32be(b.length), b);
const A = (s: string) => LP(utf8(s));
const sha = (...parts: Uint8Array[]) => sha512(concatBytes(...parts));
const le = (b: Uint8Array) =>
  BigInt(
    `0x${
      [...b]
        .reverse()
        .map((x) => x.toString(16).padStart(2, '0'))
        .join('') || '0'
    }`,
  );
const wide = (b: Uint8Array) => le(b) % scalar.ORDER;
const point = (text: string) => Point.fromBytes(fromBase64Url(text, 32));
const msm = (ps: readonly P[], ks: readonly bigint[]) =>
  ps.reduce((acc, p, i) => acc.add(p.multiply(ks[i]!)), Point.ZERO);
const mulOrZero = (p: P, k: bigint) => (k === 0n ? Point.ZERO : p.multiply(k));

const election = makeElection(3, 2);
const run = runCeremony(election);
const h = manifestHash(election.manifest);

describe('§9 from the spec alone', () => {
  it('signs TrusteeMessageBytes(h, m) = LP(h) || JCS(m without signature) under SignedMessage (§6)', () => {
    for (const m of run.messages) {
      const { signature, ...body } = m;
      const signed = concatBytes(
        A('evotare/v1/signature'),
        A('trustee-message'),
        LP(concatBytes(LP(h), canonicalBytes(body))),
      );
      const pk = fromBase64Url(election.manifest.trustees.members[m.sender - 1]!.signingKey, 32);
      expect(ed25519.verify(fromBase64Url(signature, 64), signed, pk, { zip215: false })).toBe(true);
    }
  });

  it('proves knowledge of a_{i,0} with the context of Algorithm 9.5', () => {
    for (const m of run.messages) {
      if (m.type !== 'dkg-commitment') continue;
      const C = m.commitments.map(point);
      const ctx = concatBytes(A('evotare/v1/dkg-commitment'), u32be(m.sender), ...C.map((c) => c.toBytes()));
      const proof = fromBase64Url(m.proof, 64);
      const R = Point.fromBytes(proof.subarray(0, 32));
      const u = le(proof.subarray(32));
      const c = wide(
        sha(
          A('evotare/v1/schnorr'),
          LP(h),
          A('context'),
          LP(ctx),
          A('public'),
          LP(C[0]!.toBytes()),
          A('commitment'),
          LP(R.toBytes()),
        ),
      );
      expect(Point.BASE.multiply(u).equals(R.add(C[0]!.multiply(c)))).toBe(true);
    }
  });

  it('encrypts each share as in §9.4, and the share matches the commitments (Algorithm 9.7)', () => {
    const sharesOf2 = run.messages.find((m) => m.type === 'dkg-shares' && m.sender === 2) as DkgSharesMessage;
    const C = (
      run.messages.find((m) => m.type === 'dkg-commitment' && m.sender === 2) as { commitments: string[] }
    ).commitments.map(point);
    for (const entry of sharesOf2.shares) {
      const j = entry.recipient;
      const x = election.trustees[j - 1]!.secret.encryptionKey;
      const X = point(election.manifest.trustees.members[j - 1]!.encryptionKey);
      const E = point(entry.ephemeral);
      const S = E.multiply(x);
      const K = sha(
        A('evotare/v1/dkg-share-key'),
        LP(h),
        A('shared'),
        LP(S.toBytes()),
        A('ephemeral'),
        LP(E.toBytes()),
        A('recipient-key'),
        LP(X.toBytes()),
        A('dealer'),
        LP(u32be(2)),
        A('recipient'),
        LP(u32be(j)),
      );
      const ad = concatBytes(A('evotare/v1/dkg-share'), LP(h), u32be(2), u32be(j));
      const s = le(
        xchacha20poly1305(K.subarray(0, 32), K.subarray(32, 56), ad).decrypt(fromBase64Url(entry.ciphertext, 48)),
      );
      expect(Point.BASE.multiply(s).equals(msm(C, [1n, BigInt(j)]))).toBe(true);
    }
  });

  it('derives Y = Σ C_{i,0} and VK_j = Σ_t j^t·A_t', () => {
    const outcome = verifyCeremony(election.manifest, run.messages);
    if (!outcome.valid) throw new Error(outcome.reason);
    const C = [1, 2, 3].map((i) =>
      (
        run.messages.find((m) => m.type === 'dkg-commitment' && m.sender === i) as { commitments: string[] }
      ).commitments.map(point),
    );
    const A0 = C.reduce((acc, c) => acc.add(c[0]!), Point.ZERO);
    const A1 = C.reduce((acc, c) => acc.add(c[1]!), Point.ZERO);
    expect(outcome.electionKey.encode()).toEqual(A0.toBytes());
    for (const j of [1, 2, 3])
      expect(outcome.verificationKeys[j - 1]!.encode()).toEqual(A0.add(A1.multiply(BigInt(j))).toBytes());
  });
});

describe('§10 from the spec alone', () => {
  it('checks a partial decryption: list digest, seed, 128-bit weights, Chaum–Pedersen equations', () => {
    const outcome = verifyCeremony(election.manifest, run.messages);
    if (!outcome.valid) throw new Error(outcome.reason);
    const key = new EncryptionKey(outcome.electionKey);
    const opts = optionElements(election.manifest, election.manifest.contests[0]!);
    const rows = [0, 1, 2].map((r) => [encrypt(key, opts[r]!), encrypt(key, opts[3 - r]!)]);
    const list = ciphertextList(rows);
    const x = keyShares(election, run).get(3)!;
    const VK = outcome.verificationKeys[2]!;
    const m = createPartialDecryption({
      electionId: election.manifest.electionId,
      trustee: { manifestHash: h, index: 3, verificationKey: VK },
      list,
      shares: decryptionShares(x, list),
      secretShare: x,
      signingKey: election.trustees[2]!.secret.signingKey,
    });

    // Algorithm 10.1
    const cts = rows.flat();
    const L = sha(
      A('evotare/v1/ciphertext-list'),
      LP(u32be(3)),
      LP(u32be(2)),
      LP(concatBytes(...cts.flatMap((c) => [c.a.encode(), c.b.encode()]))),
    ).subarray(0, 32);
    expect(fromBase64Url(m.list, 32)).toEqual(L);

    // §10.3
    const D = m.decryptionShares.map(point);
    const seed = sha(
      A('evotare/v1/partial-decryption'),
      LP(h),
      A('trustee'),
      LP(u32be(3)),
      A('verification-key'),
      LP(VK.encode()),
      A('list'),
      LP(L),
      A('decryption-shares'),
      LP(concatBytes(...D.map((d) => d.toBytes()))),
    );
    const rho = D.map(
      (_, i) => wide(sha(A('evotare/v1/challenge-expansion'), LP(seed), u32be(i))) & ((1n << 128n) - 1n),
    );
    const aHat = msm(
      cts.map((c) => Point.fromBytes(c.a.encode())),
      rho,
    );
    const dHat = msm(D, rho);
    const proof = fromBase64Url(m.proof, 96);
    const P1 = Point.fromBytes(proof.subarray(0, 32));
    const P2 = Point.fromBytes(proof.subarray(32, 64));
    const u = le(proof.subarray(64));
    const vk = Point.fromBytes(VK.encode());
    const c = wide(
      sha(
        A('evotare/v1/chaum-pedersen'),
        LP(h),
        A('context'),
        LP(seed),
        A('base1'),
        LP(Point.BASE.toBytes()),
        A('public1'),
        LP(vk.toBytes()),
        A('base2'),
        LP(aHat.toBytes()),
        A('public2'),
        LP(dHat.toBytes()),
        A('commitment1'),
        LP(P1.toBytes()),
        A('commitment2'),
        LP(P2.toBytes()),
      ),
    );
    expect(mulOrZero(Point.BASE, u).equals(P1.add(mulOrZero(vk, c)))).toBe(true);
    expect(mulOrZero(aHat, u).equals(P2.add(mulOrZero(dHat, c)))).toBe(true);

    // Each D_m is x·A_m, and Lagrange (§10.5) with a second trustee gives the plaintexts.
    const x1 = keyShares(election, run).get(1)!;
    const l1 = scalar.mul(3n, scalar.invert(2n)); // λ_1 for S = {1, 3}: 3 / (3 − 1)
    const l3 = scalar.mul(1n, scalar.invert(scalar.mod(-2n))); // λ_3: 1 / (1 − 3)
    cts.forEach((ct, i) => {
      const a = Point.fromBytes(ct.a.encode());
      const M = Point.fromBytes(ct.b.encode()).subtract(a.multiply(x1).multiply(l1)).subtract(D[i]!.multiply(l3));
      expect(M.toBytes()).toEqual((i % 2 === 0 ? opts[i / 2]! : opts[3 - (i - 1) / 2]!).encode());
    });
  });
});
