// Reads a test-vector file of docs/vectors/ (docs/SPEC.md Appendix A), for the tests only: the
// vectors live beside the specification, where a second implementation finds them, not in the code
// tree. crypto/ does no I/O; only its tests import this.
import { readFileSync } from 'node:fs';
import type { ShuffleProofJson } from './shuffle/encoding.ts';

/** The parsed JSON of `docs/vectors/<name>`, as the caller's type says it is. */
export function readVectors<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../docs/vectors/${name}`, import.meta.url), 'utf8')) as T;
}

/** docs/vectors/shuffle-proof.json: the example of §11.7, read by two tests. */
export interface ShuffleProofVector {
  readonly statement: {
    readonly manifestHash: string;
    readonly mixNode: { readonly index: number; readonly publicKey: string };
    readonly mixNodeIdHex: string;
    readonly electionKey: string;
    readonly count: number;
    readonly width: number;
    readonly input: string;
    readonly output: string;
  };
  /** The proof's JSON form (§11.7). */
  readonly proof: ShuffleProofJson;
  readonly intermediate: {
    readonly H: string;
    readonly h: readonly string[];
    readonly seedHex: string;
    readonly u: readonly string[];
    readonly c: string;
  };
  readonly secret: {
    readonly electionSecretKey: string;
    readonly permutation: readonly number[];
    readonly plaintexts: string;
  };
}
