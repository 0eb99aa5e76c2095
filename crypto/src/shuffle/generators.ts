// Independent generators of a mix node's shuffle proof (docs/SPEC.md §11.2, Algorithm 11.1).
//
//   MixNodeId    = I2OSP(index, 4) || publicKey
//   prefix       = LP(manifestHash) || LP(MixNodeId)
//   h_i          = HashToGroup("evotare/v1/shuffle-generator", prefix || I2OSP(i, 4)),  0 ≤ i < N
//   H            = HashToGroup("evotare/v1/shuffle-generator", prefix || I2OSP(2^32 − 1, 4))
//
// Every mix node of every election gets its own generators, derived by hashing, so nobody —
// the node included — knows a discrete logarithm between any two of them or G.
import { concatBytes, lengthPrefixed, u32be } from '../bytes.ts';
import type { GroupElement } from '../group.ts';
import { hashToGroup } from '../hash-to-group.ts';
import { TAG } from '../tags.ts';

/** A mix node as the manifest lists it (§7): its position among the mix nodes and its Ed25519 key. */
export interface MixNode {
  readonly index: number;
  readonly publicKey: Uint8Array;
}

/** What a shuffle proof is bound to besides its lists: the election and the mix node. */
export interface ShuffleContext {
  readonly manifestHash: Uint8Array;
  readonly mixNode: MixNode;
}

/** The index of H in the generator sequence; no row index reaches it (N·w·64 < 2^32). */
export const CHAIN_BASE_INDEX = 0xffffffff;

/** §11.2 MixNodeId = I2OSP(index, 4) || publicKey (36 bytes). */
export function mixNodeId(node: MixNode): Uint8Array {
  if (node.publicKey.length !== 32) throw new RangeError(`a mix node key is 32 bytes, got ${node.publicKey.length}`);
  return concatBytes(u32be(node.index), node.publicKey);
}

/** The message prefix LP(manifestHash) || LP(MixNodeId) shared by all generators of a proof. */
export function generatorPrefix(ctx: ShuffleContext): Uint8Array {
  return concatBytes(lengthPrefixed(ctx.manifestHash), lengthPrefixed(mixNodeId(ctx.mixNode)));
}

function generatorAt(prefix: Uint8Array, index: number, message: Uint8Array): GroupElement {
  message.set(u32be(index), prefix.length);
  return hashToGroup(TAG.shuffleGenerator, message);
}

/** Algorithm 11.1 GetGenerators, for the range h_start .. h_(end-1) (threads each derive their own). */
export function getGenerators(prefix: Uint8Array, start: number, end: number): GroupElement[] {
  const message = new Uint8Array(prefix.length + 4);
  message.set(prefix);
  const out: GroupElement[] = [];
  for (let i = start; i < end; i++) out.push(generatorAt(prefix, i, message));
  return out;
}

/** Algorithm 11.1 GetGenerators, the base H of the commitment chain. */
export function getChainBase(prefix: Uint8Array): GroupElement {
  const message = new Uint8Array(prefix.length + 4);
  message.set(prefix);
  return generatorAt(prefix, CHAIN_BASE_INDEX, message);
}
