// The Merkle tree over the bulletin board (docs/SPEC.md §12.3–§12.5), in the style of RFC 9162 §2.1:
//   HASH(x)        = SHA-512(x)[0..32]
//   MTH({})        = HASH()
//   MTH({d})       = HASH(0x00 || d)                       (leaf; d is a 32-byte entry hash, §12.1)
//   MTH(D[n])      = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n]))   k = largest power of 2 < n
// plus the audit paths (inclusion proofs, §2.1.3) and consistency proofs (§2.1.4) of the RFC and
// their verification algorithms, written with the RFC's variable names.
//
// The tree is described by ranges of leaves. Every range that a proof needs is [a, b) with `a` a
// multiple of the largest power of 2 below b − a, so it splits into a few perfect, aligned subtrees
// ("nodes": level L, index i covers leaves [i·2^L, (i+1)·2^L)). Nodes never change once their
// leaves exist: a store can keep them, and the server computes any proof from O(log² n) of them.
import { sha512 } from '@noble/hashes/sha2.js';
import { equalBytes } from '../bytes.ts';
import { invalid, VALID, type Verification } from '../result.ts';

export const MERKLE_HASH_LENGTH = 32;

const EMPTY_ROOT = sha512(new Uint8Array(0)).subarray(0, 32);

function hash(...parts: readonly Uint8Array[]): Uint8Array {
  const h = sha512.create();
  for (const p of parts) h.update(p);
  return h.digest().subarray(0, 32);
}

const LEAF = Uint8Array.of(0x00);
const NODE = Uint8Array.of(0x01);

/** §12.3 MTH({}) — the root of the empty tree. */
export function emptyTreeRoot(): Uint8Array {
  return EMPTY_ROOT.slice();
}

/** §12.3 LeafHash(d) = HASH(0x00 || d). */
export function merkleLeafHash(entryHash: Uint8Array): Uint8Array {
  return hash(LEAF, entryHash);
}

/** §12.3 NodeHash(l, r) = HASH(0x01 || l || r). */
export function merkleNodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return hash(NODE, left, right);
}

/** Leaves [start, end) of the tree. */
export interface LeafRange {
  readonly start: number;
  readonly end: number;
}

/** The perfect subtree at `level` with index `index`: leaves [index·2^level, (index+1)·2^level). */
export interface TreeNode {
  readonly level: number;
  readonly index: number;
}

/** Largest power of 2 strictly below n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

function assertSize(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0 || n > 2 ** 40) throw new RangeError(`${what}: not a tree size: ${n}`);
}

/**
 * §12.4 the ranges whose hashes form the audit path PATH(m, D[n]) of RFC 9162 §2.1.3.1, in the
 * RFC's order (from the leaf's sibling up to the root's child).
 */
export function inclusionProofRanges(index: number, size: number): LeafRange[] {
  assertSize(size, 'size');
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) throw new RangeError('index outside the tree');
  const out: LeafRange[] = [];
  const path = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      path(m, start, start + k);
      out.push({ start: start + k, end });
    } else {
      path(m - k, start + k, end);
      out.push({ start, end: start + k });
    }
  };
  path(index, 0, size);
  return out;
}

/** §12.5 the ranges whose hashes form PROOF(m, D[n]) of RFC 9162 §2.1.4.1, 0 < m ≤ n. */
export function consistencyProofRanges(first: number, second: number): LeafRange[] {
  assertSize(first, 'first');
  assertSize(second, 'second');
  if (first < 1 || first > second) throw new RangeError('need 0 < first ≤ second');
  const out: LeafRange[] = [];
  const subproof = (m: number, start: number, end: number, b: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!b) out.push({ start, end });
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      subproof(m, start, start + k, b);
      out.push({ start: start + k, end });
    } else {
      subproof(m - k, start + k, end, false);
      out.push({ start, end: start + k });
    }
  };
  subproof(first, 0, second, true);
  return out;
}

/**
 * The perfect aligned subtrees that make up a range met in the tree's recursion, left to right
 * (the binary digits of its length, largest first).
 */
export function rangeNodes(range: LeafRange): TreeNode[] {
  const { start, end } = range;
  if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && 0 <= start && start < end)) {
    throw new RangeError('empty or invalid range');
  }
  const out: TreeNode[] = [];
  let at = start;
  let remaining = end - start;
  for (let level = Math.floor(Math.log2(remaining)); remaining > 0; level--) {
    const width = 2 ** level;
    if (width > remaining) continue;
    if (at % width !== 0) throw new RangeError(`range [${start}, ${end}) is not one of the tree's subtrees`);
    out.push({ level, index: at / width });
    at += width;
    remaining -= width;
  }
  return out;
}

/** MTH of a range from the hashes of its perfect subtrees: folded from the right, as RFC 9162 splits. */
export function rangeHash(range: LeafRange, nodeHash: (node: TreeNode) => Uint8Array): Uint8Array {
  const nodes = rangeNodes(range);
  let h = nodeHash(nodes[nodes.length - 1]!);
  for (let i = nodes.length - 2; i >= 0; i--) h = merkleNodeHash(nodeHash(nodes[i]!), h);
  return h;
}

/**
 * The nodes that complete when leaf number `index` is appended: (level 0, index), then each parent
 * whose right child just completed. A store that keeps these has every node a proof needs.
 */
export function nodesCompletedByLeaf(index: number): TreeNode[] {
  const out: TreeNode[] = [{ level: 0, index }];
  let level = 0;
  let i = index;
  while (i % 2 === 1) {
    level++;
    i = (i - 1) / 2;
    out.push({ level, index: i });
  }
  return out;
}

/**
 * A Merkle tree held in memory: every perfect node, level by level. The verifier and the tests use
 * it; the server keeps the same nodes in its database (server/src/board/).
 */
export class MerkleTree {
  readonly #levels: Uint8Array[][] = [[]];

  get size(): number {
    return this.#levels[0]!.length;
  }

  /** Appends the entry hash d of the next leaf; returns the nodes it completed with their hashes. */
  append(entryHash: Uint8Array): Array<TreeNode & { hash: Uint8Array }> {
    const index = this.size;
    const completed = nodesCompletedByLeaf(index);
    const out: Array<TreeNode & { hash: Uint8Array }> = [];
    for (const node of completed) {
      if (this.#levels[node.level] === undefined) this.#levels[node.level] = [];
      const h =
        node.level === 0
          ? merkleLeafHash(entryHash)
          : merkleNodeHash(
              this.node({ level: node.level - 1, index: 2 * node.index }),
              this.node({ level: node.level - 1, index: 2 * node.index + 1 }),
            );
      this.#levels[node.level]!.push(h);
      out.push({ ...node, hash: h });
    }
    return out;
  }

  node(node: TreeNode): Uint8Array {
    const h = this.#levels[node.level]?.[node.index];
    if (h === undefined) throw new RangeError(`no node at level ${node.level}, index ${node.index}`);
    return h;
  }

  /** MTH(D[size]) for any size up to the current one. */
  root(size: number = this.size): Uint8Array {
    if (size > this.size) throw new RangeError('the tree is smaller');
    if (size === 0) return emptyTreeRoot();
    return rangeHash({ start: 0, end: size }, (n) => this.node(n));
  }

  inclusionProof(index: number, size: number = this.size): Uint8Array[] {
    if (size > this.size) throw new RangeError('the tree is smaller');
    return inclusionProofRanges(index, size).map((r) => rangeHash(r, (n) => this.node(n)));
  }

  consistencyProof(first: number, second: number = this.size): Uint8Array[] {
    if (second > this.size) throw new RangeError('the tree is smaller');
    return consistencyProofRanges(first, second).map((r) => rangeHash(r, (n) => this.node(n)));
  }

  /**
   * The hashes of the perfect subtrees that cover leaves [0, size), largest first (the binary
   * digits of the size; at most 41 hashes): all that is needed to go on appending leaves and to
   * compute MTH(D[m]) for every m ≥ size. A reader that keeps its place in the board keeps these
   * (docs/SPEC.md §15.1).
   */
  frontier(): Uint8Array[] {
    return this.size === 0 ? [] : rangeNodes({ start: 0, end: this.size }).map((n) => this.node(n));
  }

  /**
   * A tree of `size` leaves known only by its frontier (see frontier()): it appends and gives
   * roots and proofs of every size ≥ `size`; what needs a node inside the first `size` leaves
   * other than the frontier's throws a RangeError.
   */
  static fromFrontier(size: number, frontier: readonly Uint8Array[]): MerkleTree {
    assertSize(size, 'size');
    const nodes = size === 0 ? [] : rangeNodes({ start: 0, end: size });
    if (frontier.length !== nodes.length || !frontier.every(isHash)) {
      throw new RangeError(`a tree of ${size} leaves has a frontier of ${nodes.length} hashes of 32 bytes`);
    }
    const tree = new MerkleTree();
    for (let level = 0; 2 ** level <= size; level++) {
      const row: Uint8Array[] = [];
      row.length = Math.floor(size / 2 ** level);
      tree.#levels[level] = row;
    }
    nodes.forEach((n, i) => {
      tree.#levels[n.level]![n.index] = frontier[i]!.slice();
    });
    return tree;
  }
}

/** MTH over all entry hashes, computed directly (the verifier recomputes the root this way). */
export function merkleTreeHash(entryHashes: readonly Uint8Array[]): Uint8Array {
  const tree = new MerkleTree();
  for (const d of entryHashes) tree.append(d);
  return tree.root();
}

function isHash(x: Uint8Array): boolean {
  return x instanceof Uint8Array && x.length === MERKLE_HASH_LENGTH;
}

/**
 * Algorithm 12.4 VerifyInclusionProof — RFC 9162 §2.1.3.2: that the entry with hash `entryHash` is
 * leaf number `index` of the tree of size `size` whose root is `root`.
 */
export function verifyInclusionProof(
  entryHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): Verification {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0) return invalid('bad index or size');
  if (index >= size) return invalid('the index is not below the tree size');
  if (!isHash(entryHash) || !isHash(root) || !proof.every(isHash)) return invalid('a hash is not 32 bytes');
  // Shifts on numbers up to 2^53 (not the 32-bit >>).
  let fn = index;
  let sn = size - 1;
  let r = merkleLeafHash(entryHash);
  for (const p of proof) {
    if (sn === 0) return invalid('the proof is too long');
    if (fn % 2 === 1 || fn === sn) {
      r = merkleNodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = merkleNodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return invalid('the proof is too short');
  return equalBytes(r, root) ? VALID : invalid('the proof does not lead to the root');
}

/**
 * Algorithm 12.5 VerifyConsistencyProof — RFC 9162 §2.1.4.2: that the tree of size `first` with
 * root `firstRoot` is a prefix of the tree of size `second` with root `secondRoot`. For
 * first = second the proof is empty and the roots must be equal; the empty tree (first = 0) is a
 * prefix of every tree.
 */
export function verifyConsistencyProof(
  first: number,
  second: number,
  proof: readonly Uint8Array[],
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
): Verification {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0) return invalid('bad tree sizes');
  if (first > second) return invalid('the first tree is larger than the second');
  if (!isHash(firstRoot) || !isHash(secondRoot) || !proof.every(isHash)) return invalid('a hash is not 32 bytes');
  if (first === 0) {
    if (proof.length !== 0) return invalid('a proof from the empty tree must be empty');
    return equalBytes(firstRoot, EMPTY_ROOT) ? VALID : invalid('the first root is not the empty tree root');
  }
  if (first === second) {
    if (proof.length !== 0) return invalid('a proof between equal sizes must be empty');
    return equalBytes(firstRoot, secondRoot) ? VALID : invalid('equal sizes with different roots');
  }
  // 1.–2.
  if (proof.length === 0) return invalid('the proof is empty');
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  // 3.–4.
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 5.
  let fr = path[0]!;
  let sr = path[0]!;
  // 6.
  for (const c of path.slice(1)) {
    if (sn === 0) return invalid('the proof is too long');
    if (fn % 2 === 1 || fn === sn) {
      fr = merkleNodeHash(c, fr);
      sr = merkleNodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = merkleNodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 7.
  if (sn !== 0) return invalid('the proof is too short');
  if (!equalBytes(fr, firstRoot)) return invalid('the proof does not lead to the first root');
  if (!equalBytes(sr, secondRoot)) return invalid('the proof does not lead to the second root');
  return VALID;
}
