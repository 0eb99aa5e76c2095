// Algorithms 11.5 GenShuffleProof and 11.6 CheckShuffleProof: honest proofs verify, and every
// change to the statement or to any single field of the proof is caught, by the check that §11.6
// names for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encrypt, generateKeyPair, reencrypt } from '../elgamal.ts';
import { GroupElement, generatorBase } from '../group.ts';
import { WorkerPool } from '../parallel/pool.ts';
import type { Verification } from '../result.ts';
import * as scalar from '../scalar.ts';
import { checkEncodedShuffleProof, encodeShuffleProof } from './encoding.ts';
import { checkShuffleProof, genShuffleProof, type ShuffleProof, type ShuffleStatement } from './proof.ts';
import { decodeRowList, encodeRowList, type RowList, rowList } from './rows.ts';
import { genShuffle } from './shuffle.ts';

const { publicKey } = generateKeyPair();
const manifestHash = crypto.getRandomValues(new Uint8Array(32));
const mixNode = { index: 1, publicKey: crypto.getRandomValues(new Uint8Array(32)) };

function ballots(count: number, width: number): RowList {
  return encodeRowList(
    Array.from({ length: count }, (_, i) =>
      Array.from({ length: width }, (_, k) => encrypt(publicKey, generatorBase().multiply(BigInt(100 * i + k + 1)))),
    ),
  );
}

async function provenShuffle(count: number, width: number, pool?: WorkerPool) {
  const input = ballots(count, width);
  const { output, witness } = await genShuffle(publicKey.element, input, pool);
  const st: ShuffleStatement = { manifestHash, mixNode, electionKey: publicKey.element, input, output };
  return { st, proof: await genShuffleProof(st, witness, pool) };
}

// --- changes to lists and proof fields ------------------------------------------------------

function mapRows(list: RowList, change: (rows: ReturnType<typeof decodeRowList>) => void): RowList {
  const rows = decodeRowList(list);
  change(rows);
  return encodeRowList(rows);
}

/** Element `index` of a packed list replaced by another valid element (itself plus G). */
function otherElement(bytes: Uint8Array, index = 0): Uint8Array {
  const out = bytes.slice();
  const e = GroupElement.decode(bytes.subarray(32 * index, 32 * index + 32));
  out.set(e.add(GroupElement.generator).encode(), 32 * index);
  return out;
}

/** Scalar `index` of a packed list replaced by itself plus one. */
function otherScalar(bytes: Uint8Array, index = 0): Uint8Array {
  const out = bytes.slice();
  const s = scalar.decode(bytes.subarray(32 * index, 32 * index + 32));
  out.set(scalar.encode(scalar.add(s, 1n)), 32 * index);
  return out;
}

/** A non-canonical encoding (a field element ≥ p) at element `index`. */
function invalidElement(bytes: Uint8Array, index = 0): Uint8Array {
  const out = bytes.slice();
  out.fill(0xff, 32 * index, 32 * index + 31);
  out[32 * index + 31] = 0x7f;
  return out;
}

/** ℓ itself, which is not a reduced scalar, at scalar `index`. */
function unreducedScalar(bytes: Uint8Array, index = 0): Uint8Array {
  const out = bytes.slice();
  let l = scalar.ORDER;
  for (let i = 0; i < 32; i++, l >>= 8n) out[32 * index + i] = Number(l & 0xffn);
  return out;
}

const ELEMENT_FIELDS = ['permutationCommitment', 'commitmentChain', 't1', 't2', 't3', 't4', 'tHat'] as const;
const SCALAR_FIELDS = ['s1', 's2', 's3', 's4', 'sHat', 'sPrime'] as const;

/** The checks that fail when one response changes: the equations it appears in (§11.6). */
const RESPONSE_CHECKS: Record<(typeof SCALAR_FIELDS)[number], string[]> = {
  s1: ['V11.06'],
  s2: ['V11.07'],
  s3: ['V11.08'],
  s4: ['V11.09'],
  sHat: ['V11.10'],
  sPrime: ['V11.08', 'V11.09', 'V11.10'],
};

function failedChecks(v: Verification): string[] {
  expect(v.valid).toBe(false);
  return v.valid ? [] : [...new Set(v.reason.match(/V11\.\d\d/g) ?? [])].sort();
}

// --------------------------------------------------------------------------------------------

describe('an honest shuffle proof verifies', () => {
  const pool = new WorkerPool({ size: 2 });
  afterAll(() => pool.close());

  for (const count of [1, 2, 10, 1000]) {
    for (const width of [1, 3]) {
      it(`N = ${count}, width ${width}, on this thread and on the pool`, async () => {
        const here = await provenShuffle(count, width);
        expect(await checkShuffleProof(here.st, here.proof)).toEqual({ valid: true });
        const pooled = await provenShuffle(count, width, pool);
        expect(await checkShuffleProof(pooled.st, pooled.proof, pool)).toEqual({ valid: true });
        // A proof made on the pool verifies here, and one made here verifies on the pool.
        expect(await checkShuffleProof(pooled.st, pooled.proof)).toEqual({ valid: true });
        expect(await checkShuffleProof(here.st, here.proof, pool)).toEqual({ valid: true });
      });
    }
  }
});

describe('a changed statement fails verification', () => {
  let st: ShuffleStatement;
  let proof: ShuffleProof;
  beforeAll(async () => {
    ({ st, proof } = await provenShuffle(10, 3));
  });

  const cases: [string, () => ShuffleStatement][] = [
    [
      'one output row replaced',
      () => ({
        ...st,
        output: mapRows(st.output, (rows) => {
          rows[4] = rows[4]!.map(() => encrypt(publicKey, generatorBase().multiply(7n)));
        }),
      }),
    ],
    [
      'two output rows swapped after proving',
      () => ({
        ...st,
        output: mapRows(st.output, (rows) => {
          [rows[2], rows[7]] = [rows[7]!, rows[2]!];
        }),
      }),
    ],
    [
      'one output ciphertext re-encrypted again',
      () => ({
        ...st,
        output: mapRows(st.output, (rows) => {
          rows[5] = rows[5]!.map((ct, k) => (k === 1 ? reencrypt(publicKey, ct) : ct));
        }),
      }),
    ],
    [
      'one input row replaced',
      () => ({
        ...st,
        input: mapRows(st.input, (rows) => {
          rows[0] = rows[0]!.map(() => encrypt(publicKey, generatorBase().multiply(9n)));
        }),
      }),
    ],
    [
      'two input rows swapped',
      () => ({
        ...st,
        input: mapRows(st.input, (rows) => {
          [rows[1], rows[8]] = [rows[8]!, rows[1]!];
        }),
      }),
    ],
    ['another election', () => ({ ...st, manifestHash: st.manifestHash.map((b, i) => (i === 0 ? b ^ 1 : b)) })],
    ['another mix node index', () => ({ ...st, mixNode: { ...st.mixNode, index: 2 } })],
    [
      'another mix node key',
      () => ({ ...st, mixNode: { ...st.mixNode, publicKey: crypto.getRandomValues(new Uint8Array(32)) } }),
    ],
    ['another election key', () => ({ ...st, electionKey: generateKeyPair().publicKey.element })],
  ];
  for (const [name, change] of cases) {
    it(name, async () => {
      const v = await checkShuffleProof(change(), proof);
      expect(failedChecks(v).length).toBeGreaterThan(0);
    });
  }

  it('V11.01: lists of different lengths or widths, an identity key', async () => {
    const shorter = rowList(st.output.bytes.subarray(0, 9 * 3 * 64), 3);
    expect(failedChecks(await checkShuffleProof({ ...st, output: shorter }, proof))).toEqual(['V11.01']);
    const narrower = rowList(st.output.bytes, 1);
    expect(failedChecks(await checkShuffleProof({ ...st, output: narrower }, proof))).toEqual(['V11.01']);
    expect(failedChecks(await checkShuffleProof({ ...st, electionKey: GroupElement.identity }, proof))).toEqual([
      'V11.01',
    ]);
    const empty = { count: 0, width: 3, bytes: new Uint8Array(0) };
    expect(failedChecks(await checkShuffleProof({ ...st, input: empty, output: empty }, proof))).toEqual(['V11.01']);
  });

  it('V11.03 and V11.04: an invalid element in the input or the output list, naming its row', async () => {
    const badIn = await checkShuffleProof(
      { ...st, input: rowList(invalidElement(st.input.bytes, 6 * 7 + 3), 3) },
      proof,
    );
    expect(failedChecks(badIn)).toEqual(['V11.03']);
    expect(badIn.valid || badIn.reason).toMatch(/row 7/);
    const badOut = await checkShuffleProof({ ...st, output: rowList(invalidElement(st.output.bytes, 1), 3) }, proof);
    expect(failedChecks(badOut)).toEqual(['V11.04']);
    expect(badOut.valid || badOut.reason).toMatch(/row 0/);
  });
});

describe('a change to any single field of the proof fails verification', () => {
  let st: ShuffleStatement;
  let proof: ShuffleProof;
  beforeAll(async () => {
    ({ st, proof } = await provenShuffle(10, 3));
  });

  for (const field of ELEMENT_FIELDS) {
    it(`${field}: another valid element fails the equations; an invalid one fails V11.05`, async () => {
      const index = proof[field].length > 32 ? 1 : 0;
      const changed = await checkShuffleProof(st, { ...proof, [field]: otherElement(proof[field], index) });
      const ids = failedChecks(changed);
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.every((id) => id >= 'V11.06')).toBe(true);
      const broken = await checkShuffleProof(st, { ...proof, [field]: invalidElement(proof[field], index) });
      expect(failedChecks(broken)).toEqual(['V11.05']);
    });
  }

  for (const field of SCALAR_FIELDS) {
    it(`${field}: another scalar fails ${RESPONSE_CHECKS[field].join(', ')}; an unreduced one fails V11.05`, async () => {
      const index = proof[field].length > 32 ? 2 : 0;
      const changed = await checkShuffleProof(st, { ...proof, [field]: otherScalar(proof[field], index) });
      expect(failedChecks(changed)).toEqual(RESPONSE_CHECKS[field]);
      const broken = await checkShuffleProof(st, { ...proof, [field]: unreducedScalar(proof[field], index) });
      expect(failedChecks(broken)).toEqual(['V11.05']);
    });
  }

  it('V11.02: any field of the wrong length', async () => {
    for (const field of [...ELEMENT_FIELDS, ...SCALAR_FIELDS]) {
      const v = await checkShuffleProof(st, { ...proof, [field]: proof[field].subarray(0, proof[field].length - 32) });
      expect(failedChecks(v)).toEqual(['V11.02']);
    }
  });
});

describe('changes in a large proof checked in chunks on the pool', () => {
  const pool = new WorkerPool({ size: 2 });
  afterAll(() => pool.close());
  let st: ShuffleStatement;
  let proof: ShuffleProof;
  beforeAll(async () => {
    ({ st, proof } = await provenShuffle(1000, 1, pool));
  });

  it('finds a changed ŝ in a later chunk, and a changed chain element at a chunk boundary', async () => {
    expect(failedChecks(await checkShuffleProof(st, { ...proof, sHat: otherScalar(proof.sHat, 700) }, pool))).toEqual([
      'V11.10',
    ]);
    // Row 125 starts the second of eight chunks: ĉ_124 enters both the first and the second.
    const chain = otherElement(proof.commitmentChain, 124);
    expect(
      failedChecks(await checkShuffleProof(st, { ...proof, commitmentChain: chain }, pool)).length,
    ).toBeGreaterThan(0);
  });

  it('names the row of an invalid output element', async () => {
    const v = await checkShuffleProof(
      { ...st, output: rowList(invalidElement(st.output.bytes, 2 * 900), 1) },
      proof,
      pool,
    );
    expect(failedChecks(v)).toEqual(['V11.04']);
    expect(v.valid || v.reason).toMatch(/row 900/);
  });

  it('rejects two swapped output rows', async () => {
    const swapped = mapRows(st.output, (rows) => {
      [rows[10], rows[990]] = [rows[990]!, rows[10]!];
    });
    expect((await checkShuffleProof({ ...st, output: swapped }, proof, pool)).valid).toBe(false);
  });
});

describe('§11.7 the proof in JSON', () => {
  let st: ShuffleStatement;
  let proof: ShuffleProof;
  beforeAll(async () => {
    ({ st, proof } = await provenShuffle(4, 2));
  });

  it('round-trips through JSON text and verifies', async () => {
    const json = JSON.parse(JSON.stringify(encodeShuffleProof(proof)));
    expect(Object.keys(json)).toEqual([
      'permutationCommitment',
      'commitmentChain',
      't1',
      't2',
      't3',
      't4',
      'tHat',
      's1',
      's2',
      's3',
      's4',
      'sHat',
      'sPrime',
    ]);
    expect(json.t4).toHaveLength(Math.ceil((2 * 2 * 32 * 4) / 3));
    expect(await checkEncodedShuffleProof(st, json)).toEqual({ valid: true });
  });

  it('V11.02: a missing or extra field, padding, a bad character, the wrong length, not a string', async () => {
    const json = encodeShuffleProof(proof);
    const { t1: _dropped, ...missing } = json;
    const variants: unknown[] = [
      missing,
      { ...json, extra: '' },
      { ...json, s1: `${json.s1}=` },
      { ...json, s2: `${json.s2.slice(0, -1)}+` },
      { ...json, tHat: `${json.tHat}AAAA` },
      { ...json, s3: 42 },
      null,
      [],
    ];
    for (const v of variants) expect(failedChecks(await checkEncodedShuffleProof(st, v))).toEqual(['V11.02']);
  });
});
