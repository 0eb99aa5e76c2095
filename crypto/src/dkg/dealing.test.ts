// Deterministic dealing (docs/SPEC.md §9.3, Algorithms 9.5 and 9.5a): every secret of a dealing
// derives from the dealer's polynomial and its context, so dealing again with the sealed polynomial
// gives the same bytes, and a board that holds both copies shows no equivocation.
import { sha512 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { concatBytes, fromBase64Url, u32be, utf8 } from '../bytes.ts';
import { canonicalize } from '../canonical-json.ts';
import * as scalar from '../scalar.ts';
import { TAG } from '../tags.ts';
import { makeElection } from './_fixtures.ts';
import { readCeremonyBoard } from './board.ts';
import { verifyCeremony } from './ceremony.ts';
import { deal, dealingSecret } from './dealing.ts';
import { randomPolynomial } from './polynomial.ts';
import { requireCeremonyContext } from './trustee-keys.ts';

const election = makeElection(4, 3);
const ctx = requireCeremonyContext(election.manifest);
const signingKey = (i: number) => election.trustees[i - 1]!.secret.signingKey;

/** Algorithm 9.5a from its SPEC text alone: the §3.2 transcript, hashed and reduced mod ℓ. */
function specDealingSecret(tag: string, h: Uint8Array, a: readonly bigint[], i: number, j?: number): bigint {
  const lp = (b: Uint8Array) => concatBytes(u32be(b.length), b);
  const fields = [utf8(tag), h, utf8('polynomial'), concatBytes(...a.map(scalar.encode)), utf8('dealer'), u32be(i)];
  if (j !== undefined) fields.push(utf8('recipient'), u32be(j));
  const wide = sha512(concatBytes(...fields.map(lp)));
  let n = 0n;
  for (let b = 63; b >= 0; b--) n = (n << 8n) + BigInt(wide[b]!);
  return n % scalar.ORDER;
}

describe('deterministic dealing', () => {
  it('deals the same bytes twice from the same polynomial', () => {
    const p = randomPolynomial(ctx.k);
    const first = deal(ctx, 2, signingKey(2), p);
    const again = deal(ctx, 2, signingKey(2), p);
    expect(canonicalize(again.commitment)).toBe(canonicalize(first.commitment));
    expect(canonicalize(again.shares)).toBe(canonicalize(first.shares));
    const other = deal(ctx, 2, signingKey(2), randomPolynomial(ctx.k));
    expect(other.commitment.proof).not.toBe(first.commitment.proof);
    expect(other.shares.shares[0]!.ephemeral).not.toBe(first.shares.shares[0]!.ephemeral);
  });

  it('derives its secrets as SPEC Algorithm 9.5a says, different for each purpose, dealer, recipient and election', () => {
    const p = randomPolynomial(ctx.k);
    const h = ctx.manifestHash;
    const nonce = dealingSecret(TAG.dkgProofNonce, h, p, 2);
    expect(nonce).toBe(specDealingSecret('evotare/v1/dkg-proof-nonce', h, p, 2));
    expect(dealingSecret(TAG.dkgEphemeral, h, p, 2, 3)).toBe(specDealingSecret('evotare/v1/dkg-ephemeral', h, p, 2, 3));
    const all = [
      nonce,
      dealingSecret(TAG.dkgProofNonce, h, p, 1),
      dealingSecret(TAG.dkgProofNonce, new Uint8Array(32), p, 2),
      dealingSecret(TAG.dkgProofNonce, h, [p[0]!, p[1]!, scalar.add(p[2]!, 1n)], 2),
      ...[1, 3, 4].map((j) => dealingSecret(TAG.dkgEphemeral, h, p, 2, j)),
      dealingSecret(TAG.dkgEphemeral, h, p, 3, 1),
    ];
    expect(new Set(all).size).toBe(all.length);
    // The messages carry them: R = w·G of the proof, E_{2→j} = e_{2→j}·G of each share.
    const dealt = deal(ctx, 2, signingKey(2), p);
    const ephemerals = dealt.shares.shares.map((s) => s.ephemeral);
    expect(new Set(ephemerals).size).toBe(3);
    expect(fromBase64Url(dealt.commitment.proof).subarray(0, 32)).not.toEqual(fromBase64Url(ephemerals[0]!));
  });

  it('leaves a dealer qualified when the board holds its messages twice', () => {
    const dealt = [1, 2, 3, 4].map((i) => deal(ctx, i, signingKey(i)));
    const messages = dealt.flatMap((d) => [d.commitment, d.shares]);
    const redealt = deal(ctx, 2, signingKey(2), dealt[1]!.secret.polynomial);
    const board = readCeremonyBoard(ctx, [...messages, redealt.commitment, redealt.shares]);
    expect(board.equivocators.size).toBe(0);
    expect(board.problems).toEqual([]);
    const outcome = verifyCeremony(election.manifest, [...messages, redealt.shares, redealt.commitment]);
    expect(outcome.valid && outcome.qualified).toEqual([1, 2, 3, 4]);
  });
});
