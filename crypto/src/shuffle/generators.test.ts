// Algorithm 11.1 GetGenerators against hash_to_ristretto255 of @noble/curves (RFC 9380), with the
// message layout of §11.2 written out independently here.
import { ristretto255_hasher } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes.ts';
import { CHAIN_BASE_INDEX, generatorPrefix, getChainBase, getGenerators, mixNodeId } from './generators.ts';

const manifestHash = Uint8Array.from({ length: 32 }, (_, i) => i);
const node = { index: 1, publicKey: new Uint8Array(32).fill(0xab) };
const ctx = { manifestHash, mixNode: node };

function reference(index: number): string {
  // LP(manifestHash) || LP(I2OSP(1, 4) || key) || I2OSP(index, 4)
  const msg = new Uint8Array(4 + 32 + 4 + 36 + 4);
  const view = new DataView(msg.buffer);
  view.setUint32(0, 32);
  msg.set(manifestHash, 4);
  view.setUint32(36, 36);
  view.setUint32(40, 1);
  msg.set(node.publicKey, 44);
  view.setUint32(76, index);
  const point = ristretto255_hasher.hashToCurve(msg, { DST: 'evotare/v1/shuffle-generator' });
  return toHex(point.toBytes());
}

describe('Algorithm 11.1 GetGenerators', () => {
  const prefix = generatorPrefix(ctx);

  it('is hash_to_ristretto255 of LP(manifest hash) || LP(MixNodeId) || I2OSP(i, 4)', () => {
    expect(toHex(mixNodeId(node))).toBe(`00000001${'ab'.repeat(32)}`);
    const h = getGenerators(prefix, 0, 3);
    expect(h.map((e) => toHex(e.encode()))).toEqual([reference(0), reference(1), reference(2)]);
    expect(toHex(getChainBase(prefix).encode())).toBe(reference(CHAIN_BASE_INDEX));
  });

  it('gives any range of the same sequence, so threads can derive their own', () => {
    const all = getGenerators(prefix, 0, 10).map((e) => toHex(e.encode()));
    expect(getGenerators(prefix, 4, 7).map((e) => toHex(e.encode()))).toEqual(all.slice(4, 7));
  });

  it('differs for another election, another node index and another node key', () => {
    const base = toHex(getGenerators(prefix, 0, 1)[0]!.encode());
    const variants = [
      { manifestHash: manifestHash.map((b) => b ^ 1), mixNode: node },
      { manifestHash, mixNode: { ...node, index: 2 } },
      { manifestHash, mixNode: { ...node, publicKey: new Uint8Array(32).fill(0xac) } },
    ];
    for (const v of variants) expect(toHex(getGenerators(generatorPrefix(v), 0, 1)[0]!.encode())).not.toBe(base);
  });

  it('gives distinct generators, none the identity', () => {
    const all = [...getGenerators(prefix, 0, 64), getChainBase(prefix)];
    expect(new Set(all.map((e) => toHex(e.encode()))).size).toBe(all.length);
    expect(all.some((e) => e.isIdentity())).toBe(false);
  });

  it('rejects a mix node key that is not 32 bytes', () => {
    expect(() => mixNodeId({ index: 0, publicKey: new Uint8Array(31) })).toThrow(RangeError);
  });
});
