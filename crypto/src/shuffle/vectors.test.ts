// The example of docs/SPEC.md §11.7 (docs/vectors/shuffle-proof.json): its proof verifies, its
// intermediate values are those of Algorithm 11.6, and its output is its input permuted as stated.
import { describe, expect, it } from 'vitest';
import { readVectors, type ShuffleProofVector } from '../_vectors.ts';
import { fromBase64Url, toBase64Url, toHex } from '../bytes.ts';
import { decrypt } from '../elgamal.ts';
import { GroupElement, generatorBase } from '../group.ts';
import * as scalar from '../scalar.ts';
import { checkEncodedShuffleProof, decodeShuffleProof } from './encoding.ts';
import { mixNodeId } from './generators.ts';
import { type ShuffleStatement, shuffleIntermediates } from './proof.ts';
import { decodeRowList, rowList } from './rows.ts';

const vector = readVectors<ShuffleProofVector>('shuffle-proof.json');
const s = vector.statement;
const st: ShuffleStatement = {
  manifestHash: fromBase64Url(s.manifestHash, 32),
  mixNode: { index: s.mixNode.index, publicKey: fromBase64Url(s.mixNode.publicKey, 32) },
  electionKey: GroupElement.decode(fromBase64Url(s.electionKey, 32)),
  input: rowList(fromBase64Url(s.input), s.width),
  output: rowList(fromBase64Url(s.output), s.width),
};

describe('the shuffle proof example of §11.7', () => {
  it('verifies', async () => {
    expect(st.input.count).toBe(s.count);
    expect(await checkEncodedShuffleProof(st, vector.proof)).toEqual({ valid: true });
  });

  it('has the intermediate values of Algorithm 11.6', () => {
    expect(toHex(mixNodeId(st.mixNode))).toBe(s.mixNodeIdHex);
    const mid = shuffleIntermediates(st, decodeShuffleProof(vector.proof, s.count, s.width), s.count);
    expect({
      H: toBase64Url(mid.chainBase),
      h: mid.generators.map(toBase64Url),
      seedHex: toHex(mid.seed),
      u: mid.challenges.map(toBase64Url),
      c: toBase64Url(mid.challenge),
    }).toEqual(vector.intermediate);
  });

  it('decrypts to its input rows in the order of its permutation', () => {
    const x = scalar.decode(fromBase64Url(vector.secret.electionSecretKey, 32));
    decodeRowList(st.output).forEach((row, i) => {
      const j = vector.secret.permutation[i]!;
      row.forEach((ct, k) => {
        expect(decrypt(x, ct).equals(generatorBase().multiply(BigInt(10 * (j + 1) + k)))).toBe(true);
      });
    });
  });
});
