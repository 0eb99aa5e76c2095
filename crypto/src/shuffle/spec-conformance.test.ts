// §11 written out from the spec text alone, with @noble/curves' ristretto255 and @noble/hashes
// instead of our engine, transcript and helpers: a small second verifier, unbatched, that checks
// V11.06 – V11.10 one equation at a time. It must agree with CheckShuffleProof on honest and on
// altered proofs, and it reads the proof only from its JSON (§11.7).
import { ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { readVectors, type ShuffleProofVector } from '../_vectors.ts';
import { concatBytes, fromBase64Url, toBase64Url, toHex, u32be, utf8 } from '../bytes.ts';
import { encrypt, generateKeyPair } from '../elgamal.ts';
import { generatorBase } from '../group.ts';
import * as scalar from '../scalar.ts';
import { encodeShuffleProof, type ShuffleProofJson } from './encoding.ts';
import { checkShuffleProof, genShuffleProof } from './proof.ts';
import { encodeRowList, rowList } from './rows.ts';
import { genShuffle } from './shuffle.ts';

const vector = readVectors<ShuffleProofVector>('shuffle-proof.json');
const Point = ristretto255.Point;
type P = InstanceType<typeof Point>;
const L = scalar.ORDER;

const LP = (b: Uint8Array) => concatBytes(u32be(b.length), b);
const label = (s: string) => LP(utf8(s));
const le = (b: Uint8Array) => [...b].reverse().reduce((acc, x) => (acc << 8n) | BigInt(x), 0n);
const mod = (x: bigint) => ((x % L) + L) % L;
const times = (p: P, k: bigint) => (mod(k) === 0n ? Point.ZERO : p.multiply(mod(k)));
const sum = (ps: readonly P[]) => ps.reduce((acc, p) => acc.add(p), Point.ZERO);
const elements = (b: Uint8Array) =>
  Array.from({ length: b.length / 32 }, (_, i) => Point.fromBytes(b.subarray(32 * i, 32 * i + 32)));
const scalars = (b: Uint8Array) =>
  Array.from({ length: b.length / 32 }, (_, i) => {
    const s = le(b.subarray(32 * i, 32 * i + 32));
    if (s >= L) throw new Error('V11.05');
    return s;
  });

interface Statement {
  h: Uint8Array;
  nu: number;
  pk: Uint8Array;
  Y: Uint8Array;
  N: number;
  w: number;
  input: Uint8Array;
  output: Uint8Array;
}

/** The intermediate values and the failing checks among V11.06 – V11.10, per §11.2, §11.4, §11.6. */
function specVerify(st: Statement, json: ShuffleProofJson) {
  const { N, w } = st;
  const field = (name: keyof ShuffleProofJson, size: number) => fromBase64Url(json[name], size);
  const bytes = {
    c: field('permutationCommitment', 32 * N),
    chat: field('commitmentChain', 32 * N),
    t1: field('t1', 32),
    t2: field('t2', 32),
    t3: field('t3', 32),
    t4: field('t4', 64 * w),
    that: field('tHat', 32 * N),
  };
  // §11.2 MixNodeId and Algorithm 11.1.
  const mixNodeId = concatBytes(u32be(st.nu), st.pk);
  const prefix = concatBytes(LP(st.h), LP(mixNodeId));
  const gen = (i: number) =>
    ristretto255_hasher.hashToCurve(concatBytes(prefix, u32be(i)), { DST: 'evotare/v1/shuffle-generator' });
  const H = gen(2 ** 32 - 1);
  const hs = Array.from({ length: N }, (_, i) => gen(i));
  // Algorithm 11.4, first round.
  const seed = sha512(
    concatBytes(
      label('evotare/v1/shuffle-challenges'),
      LP(st.h),
      label('mix-node'),
      LP(mixNodeId),
      label('election-key'),
      LP(st.Y),
      label('count'),
      LP(u32be(N)),
      label('width'),
      LP(u32be(w)),
      label('input'),
      LP(st.input),
      label('output'),
      LP(st.output),
      label('permutation-commitment'),
      LP(bytes.c),
    ),
  );
  // Algorithm 3.1 ExpandChallenges.
  const u = Array.from({ length: N }, (_, i) =>
    mod(le(sha512(concatBytes(label('evotare/v1/challenge-expansion'), LP(seed), u32be(i))))),
  );
  // Algorithm 11.4, second round.
  const c = mod(
    le(
      sha512(
        concatBytes(
          label('evotare/v1/shuffle'),
          LP(st.h),
          label('challenges-seed'),
          LP(seed),
          label('commitment-chain'),
          LP(bytes.chat),
          label('t1'),
          LP(bytes.t1),
          label('t2'),
          LP(bytes.t2),
          label('t3'),
          LP(bytes.t3),
          label('t4'),
          LP(bytes.t4),
          label('t-hat'),
          LP(bytes.that),
        ),
      ),
    ),
  );

  // Require V11.03 – V11.05 (noble's fromBytes rejects non-canonical encodings).
  const e = elements(st.input);
  const ep = elements(st.output);
  const [cs, chat, that, t4] = [bytes.c, bytes.chat, bytes.that, bytes.t4].map(elements) as [P[], P[], P[], P[]];
  const [t1, t2, t3] = [bytes.t1, bytes.t2, bytes.t3].map((b) => Point.fromBytes(b)) as [P, P, P];
  const [s1, s2, s3] = ['s1', 's2', 's3'].map((f) => scalars(field(f as keyof ShuffleProofJson, 32))[0]!) as [
    bigint,
    bigint,
    bigint,
  ];
  const s4 = scalars(field('s4', 32 * w));
  const shat = scalars(field('sHat', 32 * N));
  const sp = scalars(field('sPrime', 32 * N));
  const G = Point.BASE;
  const Y = Point.fromBytes(st.Y);
  const A = (j: number, k: number) => e[2 * (j * w + k)]!;
  const B = (j: number, k: number) => e[2 * (j * w + k) + 1]!;
  const A2 = (i: number, k: number) => ep[2 * (i * w + k)]!;
  const B2 = (i: number, k: number) => ep[2 * (i * w + k) + 1]!;
  const U = u.reduce((acc, x) => mod(acc * x), 1n);
  const rows = [...Array(N).keys()];

  const failing: string[] = [];
  const zero = (p: P) => p.equals(Point.ZERO);
  // V11.06
  if (!zero(t1.add(times(sum(cs).subtract(sum(hs)), c)).subtract(times(G, s1)))) failing.push('V11.06');
  // V11.07
  if (!zero(t2.add(times(chat[N - 1]!.subtract(times(H, U)), c)).subtract(times(G, s2)))) failing.push('V11.07');
  // V11.08
  const weighted = sum(rows.map((j) => times(cs[j]!, u[j]!)));
  if (
    !zero(
      t3
        .add(times(weighted, c))
        .subtract(times(G, s3))
        .subtract(sum(rows.map((i) => times(hs[i]!, sp[i]!)))),
    )
  )
    failing.push('V11.08');
  // V11.09
  let reencryption = true;
  for (let k = 0; k < w; k++) {
    const EA = sum(rows.map((j) => times(A(j, k), u[j]!)));
    const EB = sum(rows.map((j) => times(B(j, k), u[j]!)));
    const SA = sum(rows.map((i) => times(A2(i, k), sp[i]!)));
    const SB = sum(rows.map((i) => times(B2(i, k), sp[i]!)));
    if (!zero(t4[2 * k]!.add(times(EA, c)).add(times(G, s4[k]!)).subtract(SA))) reencryption = false;
    if (!zero(t4[2 * k + 1]!.add(times(EB, c)).add(times(Y, s4[k]!)).subtract(SB))) reencryption = false;
  }
  if (!reencryption) failing.push('V11.09');
  // V11.10
  const links = rows.every((i) =>
    zero(
      that[i]!.add(times(chat[i]!, c))
        .subtract(times(G, shat[i]!))
        .subtract(times(i === 0 ? H : chat[i - 1]!, sp[i]!)),
    ),
  );
  if (!links) failing.push('V11.10');

  const b64 = (p: P) => toBase64Url(p.toBytes());
  const enc = (s: bigint) => toBase64Url(scalar.encode(s));
  return { intermediate: { H: b64(H), h: hs.map(b64), seedHex: toHex(seed), u: u.map(enc), c: enc(c) }, failing };
}

function statementOf(v: ShuffleProofVector['statement']): Statement {
  return {
    h: fromBase64Url(v.manifestHash, 32),
    nu: v.mixNode.index,
    pk: fromBase64Url(v.mixNode.publicKey, 32),
    Y: fromBase64Url(v.electionKey, 32),
    N: v.count,
    w: v.width,
    input: fromBase64Url(v.input),
    output: fromBase64Url(v.output),
  };
}

describe('§11 from the spec alone', () => {
  it('verifies the example of §11.7 and computes its intermediate values', () => {
    const result = specVerify(statementOf(vector.statement), vector.proof);
    expect(result.failing).toEqual([]);
    expect(result.intermediate).toEqual(vector.intermediate);
  });

  it('agrees with CheckShuffleProof on a fresh proof, and on each response altered', async () => {
    const { publicKey } = generateKeyPair();
    const input = encodeRowList(
      Array.from({ length: 4 }, (_, j) =>
        Array.from({ length: 2 }, (_, k) => encrypt(publicKey, generatorBase().multiply(BigInt(7 * j + k + 1)))),
      ),
    );
    const { output, witness } = await genShuffle(publicKey.element, input);
    const ctx = {
      manifestHash: crypto.getRandomValues(new Uint8Array(32)),
      mixNode: { index: 3, publicKey: crypto.getRandomValues(new Uint8Array(32)) },
    };
    const st = { ...ctx, electionKey: publicKey.element, input, output };
    const proof = await genShuffleProof(st, witness);
    const spec: Statement = {
      h: ctx.manifestHash,
      nu: 3,
      pk: ctx.mixNode.publicKey,
      Y: publicKey.element.encode(),
      N: 4,
      w: 2,
      input: input.bytes,
      output: output.bytes,
    };
    expect(specVerify(spec, encodeShuffleProof(proof)).failing).toEqual([]);

    const expected: Record<string, string[]> = {
      s1: ['V11.06'],
      s2: ['V11.07'],
      s3: ['V11.08'],
      s4: ['V11.09'],
      sHat: ['V11.10'],
      sPrime: ['V11.08', 'V11.09', 'V11.10'],
    };
    for (const [name, ids] of Object.entries(expected)) {
      const f = name as 's1' | 's2' | 's3' | 's4' | 'sHat' | 'sPrime';
      const altered = proof[f].slice();
      altered.set(scalar.encode(scalar.add(scalar.decode(altered.subarray(0, 32)), 1n)), 0);
      const bad = { ...proof, [f]: altered };
      expect(specVerify(spec, encodeShuffleProof(bad)).failing).toEqual(ids);
      const ours = await checkShuffleProof({ ...st, output: rowList(output.bytes, 2) }, bad);
      expect(ours.valid).toBe(false);
      expect(ours.valid ? [] : [...new Set(ours.reason.match(/V11\.\d\d/g))]).toEqual(ids);
    }
  });
});
