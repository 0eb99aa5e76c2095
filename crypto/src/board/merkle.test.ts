// The board's Merkle tree against RFC 9162 §2.1, re-implemented here from the RFC's text with
// node:crypto (not @noble/hashes), recursively and without any of merkle.ts's node bookkeeping.
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes.ts';
import {
  consistencyProofRanges,
  emptyTreeRoot,
  MerkleTree,
  merkleTreeHash,
  nodesCompletedByLeaf,
  verifyConsistencyProof,
  verifyInclusionProof,
} from './merkle.ts';

// --- RFC 9162 §2.1, with HASH = SHA-512 truncated to 32 bytes (docs/SPEC.md §12.3) ---------------
const HASH = (...parts: Uint8Array[]) => {
  const h = createHash('sha512');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest().subarray(0, 32));
};
const k = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1); // largest power of two smaller than n

/** §2.1.1 MTH(D[n]). */
function MTH(D: Uint8Array[]): Uint8Array {
  if (D.length === 0) return HASH();
  if (D.length === 1) return HASH(Uint8Array.of(0), D[0]!);
  const s = k(D.length);
  return HASH(Uint8Array.of(1), MTH(D.slice(0, s)), MTH(D.slice(s)));
}

/** §2.1.3.1 PATH(m, D[n]). */
function PATH(m: number, D: Uint8Array[]): Uint8Array[] {
  if (D.length === 1) return [];
  const s = k(D.length);
  return m < s ? [...PATH(m, D.slice(0, s)), MTH(D.slice(s))] : [...PATH(m - s, D.slice(s)), MTH(D.slice(0, s))];
}

/** §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
function SUBPROOF(m: number, D: Uint8Array[], b: boolean): Uint8Array[] {
  if (m === D.length) return b ? [] : [MTH(D)];
  const s = k(D.length);
  return m <= s
    ? [...SUBPROOF(m, D.slice(0, s), b), MTH(D.slice(s))]
    : [...SUBPROOF(m - s, D.slice(s), false), MTH(D.slice(0, s))];
}
const PROOF = (m: number, D: Uint8Array[]) => SUBPROOF(m, D, true);

// ---------------------------------------------------------------------------------------------

const entries = (n: number) => Array.from({ length: n }, () => new Uint8Array(randomBytes(32)));
const hex = (xs: Uint8Array[]) => xs.map(toHex);
const flip = (x: Uint8Array, bit = 0) => {
  const y = x.slice();
  y[bit >> 3]! ^= 1 << (bit & 7);
  return y;
};

function treeOf(D: Uint8Array[]): MerkleTree {
  const t = new MerkleTree();
  for (const d of D) t.append(d);
  return t;
}

describe('RFC 9162 Merkle tree hash', () => {
  it('has MTH({}) = HASH() for the empty tree', () => {
    expect(toHex(emptyTreeRoot())).toBe(toHex(HASH()));
    expect(toHex(merkleTreeHash([]))).toBe(toHex(HASH()));
  });

  it('computes MTH(D[n]) for every size up to 70 and every prefix', () => {
    const D = entries(70);
    const tree = treeOf(D);
    for (let n = 0; n <= D.length; n++) {
      expect(toHex(tree.root(n))).toBe(toHex(MTH(D.slice(0, n))));
      expect(toHex(merkleTreeHash(D.slice(0, n)))).toBe(toHex(MTH(D.slice(0, n))));
    }
  });

  it('goes on from its frontier alone: the same roots and consistency proofs of every later size', () => {
    const D = entries(70);
    for (let n = 0; n <= 40; n++) {
      const kept = treeOf(D.slice(0, n));
      const resumed = MerkleTree.fromFrontier(n, kept.frontier());
      expect(resumed.frontier().length).toBe(n.toString(2).replace(/0/g, '').length);
      for (const d of D.slice(n)) resumed.append(d);
      const whole = treeOf(D);
      for (let m = n; m <= D.length; m++) {
        expect(toHex(resumed.root(m))).toBe(toHex(whole.root(m)));
        if (n > 0) expect(resumed.consistencyProof(n, m).map(toHex)).toEqual(whole.consistencyProof(n, m).map(toHex));
      }
    }
    expect(() => MerkleTree.fromFrontier(5, [new Uint8Array(32)])).toThrow(RangeError);
  });

  it('completes one node per trailing one bit of the leaf index', () => {
    expect(nodesCompletedByLeaf(0)).toEqual([{ level: 0, index: 0 }]);
    expect(nodesCompletedByLeaf(7)).toEqual([
      { level: 0, index: 7 },
      { level: 1, index: 3 },
      { level: 2, index: 1 },
      { level: 3, index: 0 },
    ]);
    expect(nodesCompletedByLeaf(10)).toEqual([{ level: 0, index: 10 }]);
    expect(nodesCompletedByLeaf(11)).toEqual([
      { level: 0, index: 11 },
      { level: 1, index: 5 },
      { level: 2, index: 2 },
    ]);
  });
});

describe('RFC 9162 §2.1.3 inclusion proofs', () => {
  const D = entries(37);
  const tree = treeOf(D);

  it('equals PATH(m, D[n]) and verifies, for every leaf of every tree size', () => {
    for (let n = 1; n <= D.length; n++) {
      const root = tree.root(n);
      for (let m = 0; m < n; m++) {
        const proof = tree.inclusionProof(m, n);
        expect(hex(proof)).toEqual(hex(PATH(m, D.slice(0, n))));
        expect(verifyInclusionProof(D[m]!, m, n, proof, root)).toEqual({ valid: true });
      }
    }
  });

  it('fails when any hash changes: the entry, the root, or any hash of the path', () => {
    for (const [m, n] of [
      [0, 1],
      [5, 6],
      [13, 37],
      [36, 37],
      [16, 32],
    ] as const) {
      const proof = tree.inclusionProof(m, n);
      const root = tree.root(n);
      expect(verifyInclusionProof(flip(D[m]!), m, n, proof, root).valid).toBe(false);
      expect(verifyInclusionProof(D[m]!, m, n, proof, flip(root, 255)).valid).toBe(false);
      for (let i = 0; i < proof.length; i++) {
        for (const bit of [0, 100, 255]) {
          const bad = proof.map((p, j) => (j === i ? flip(p, bit) : p));
          expect(verifyInclusionProof(D[m]!, m, n, bad, root).valid).toBe(false);
        }
      }
    }
  });

  it('fails for another index, another size, a shorter or longer path', () => {
    const proof = tree.inclusionProof(13, 37);
    const root = tree.root(37);
    expect(verifyInclusionProof(D[13]!, 12, 37, proof, root).valid).toBe(false);
    expect(verifyInclusionProof(D[13]!, 13, 32, proof, root).valid).toBe(false);
    expect(verifyInclusionProof(D[13]!, 13, 20, proof, root).valid).toBe(false);
    expect(verifyInclusionProof(D[13]!, 13, 37, proof.slice(1), root).valid).toBe(false);
    expect(verifyInclusionProof(D[13]!, 13, 37, [...proof, proof[0]!], root).valid).toBe(false);
    expect(verifyInclusionProof(D[13]!, 37, 37, proof, root).valid).toBe(false);
    expect(verifyInclusionProof(D[13]!, -1, 37, proof, root).valid).toBe(false);
    expect(verifyInclusionProof(D[13]!, 13, 37, [new Uint8Array(31)], root).valid).toBe(false);
  });

  it('holds for random trees (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), (n, at) => {
        const Dn = entries(n);
        const t = treeOf(Dn);
        const m = at % n;
        const proof = t.inclusionProof(m, n);
        expect(hex(proof)).toEqual(hex(PATH(m, Dn)));
        return verifyInclusionProof(Dn[m]!, m, n, proof, MTH(Dn)).valid;
      }),
      { numRuns: 40 },
    );
  });
});

describe('RFC 9162 §2.1.4 consistency proofs', () => {
  const D = entries(41);
  const tree = treeOf(D);

  it('equals PROOF(m, D[n]) and verifies, for every pair of sizes', () => {
    for (let n = 1; n <= D.length; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = tree.consistencyProof(m, n);
        expect(hex(proof)).toEqual(hex(PROOF(m, D.slice(0, n))));
        expect(verifyConsistencyProof(m, n, proof, MTH(D.slice(0, m)), MTH(D.slice(0, n)))).toEqual({ valid: true });
      }
    }
  });

  it('accepts the empty tree as a prefix of any tree, and equal sizes with equal roots', () => {
    expect(verifyConsistencyProof(0, 5, [], emptyTreeRoot(), tree.root(5)).valid).toBe(true);
    expect(verifyConsistencyProof(7, 7, [], tree.root(7), tree.root(7)).valid).toBe(true);
    expect(verifyConsistencyProof(7, 7, [], tree.root(7), tree.root(8)).valid).toBe(false);
    expect(verifyConsistencyProof(0, 5, [tree.root(1)], emptyTreeRoot(), tree.root(5)).valid).toBe(false);
  });

  it('fails when any hash changes: either root or any hash of the proof', () => {
    for (const [m, n] of [
      [1, 2],
      [3, 7],
      [4, 8],
      [6, 41],
      [32, 41],
      [33, 40],
    ] as const) {
      const proof = tree.consistencyProof(m, n);
      const r1 = tree.root(m);
      const r2 = tree.root(n);
      expect(verifyConsistencyProof(m, n, proof, flip(r1), r2).valid).toBe(false);
      expect(verifyConsistencyProof(m, n, proof, r1, flip(r2, 77)).valid).toBe(false);
      for (let i = 0; i < proof.length; i++) {
        for (const bit of [0, 128, 255]) {
          const bad = proof.map((p, j) => (j === i ? flip(p, bit) : p));
          expect(verifyConsistencyProof(m, n, bad, r1, r2).valid).toBe(false);
        }
      }
    }
  });

  it('fails for swapped or wrong sizes and for truncated or extended proofs', () => {
    const proof = tree.consistencyProof(6, 41);
    const r1 = tree.root(6);
    const r2 = tree.root(41);
    expect(verifyConsistencyProof(41, 6, proof, r2, r1).valid).toBe(false);
    expect(verifyConsistencyProof(5, 41, proof, r1, r2).valid).toBe(false);
    expect(verifyConsistencyProof(6, 32, proof, r1, r2).valid).toBe(false);
    expect(verifyConsistencyProof(6, 20, proof, r1, r2).valid).toBe(false);
    expect(verifyConsistencyProof(6, 41, proof.slice(0, -1), r1, r2).valid).toBe(false);
    expect(verifyConsistencyProof(6, 41, [...proof, r1], r1, r2).valid).toBe(false);
    expect(verifyConsistencyProof(6, 41, [], r1, r2).valid).toBe(false);
  });

  it('known limit: a proof does not authenticate the tree size; the signed tree head does (§12.6)', () => {
    // Trees of 33 to 64 leaves give leaf 13 and the prefix of 6 the same path shape, so a size
    // taken from anywhere but the same signed tree head as the root is not checked by the proof.
    const inclusion = tree.inclusionProof(13, 37);
    expect(verifyInclusionProof(D[13]!, 13, 40, inclusion, tree.root(37)).valid).toBe(true);
    expect(verifyConsistencyProof(6, 40, tree.consistencyProof(6, 41), tree.root(6), tree.root(41)).valid).toBe(true);
  });

  it('rejects a tree that rewrote an old entry', () => {
    const rewritten = treeOf(D.map((d, i) => (i === 3 ? flip(d) : d)));
    const proof = rewritten.consistencyProof(10, 41);
    expect(verifyConsistencyProof(10, 41, proof, tree.root(10), rewritten.root(41)).valid).toBe(false);
  });

  it('lists the subtree ranges of PROOF(m, n)', () => {
    // RFC 9162 §2.1.5's example tree of 7 leaves: PROOF(3, D[7]) = [c, d, g, l].
    expect(consistencyProofRanges(3, 7)).toEqual([
      { start: 2, end: 3 },
      { start: 3, end: 4 },
      { start: 0, end: 2 },
      { start: 4, end: 7 },
    ]);
    expect(consistencyProofRanges(4, 7)).toEqual([{ start: 4, end: 7 }]);
  });
});
