import { beforeAll, describe, expect, it } from 'vitest';
import { type AttachmentRef, attachmentRef, encodeAttachmentRef } from '../attachment.ts';
import { toBase64Url } from '../bytes.ts';
import { canonicalBytes } from '../canonical-json.ts';
import { encryptRow, generateKeyPair } from '../elgamal.ts';
import { GroupElement } from '../group.ts';
import { encodeShuffleProof } from '../shuffle/encoding.ts';
import { genShuffleProof } from '../shuffle/proof.ts';
import { encodeRowList, type RowList } from '../shuffle/rows.ts';
import { genShuffle } from '../shuffle/shuffle.ts';
import { generateSigningKey, type SigningKeyPair } from '../signature.ts';
import { rowListDigest } from './list-digest.ts';
import { MixChain, mixingCompletedPayload } from './mix-chain.ts';
import {
  type MixingContext,
  mixOutputPayload,
  packedShuffleProofSize,
  packShuffleProof,
  shuffleProofAttachment,
  signMixOutput,
  unpackShuffleProof,
} from './mix-output.ts';

const W = 2;
const N = 5;
const manifestHash = new Uint8Array(32).fill(7);
const store = new Map<string, Uint8Array>();
const fetch = async (ref: AttachmentRef) => {
  const bytes = store.get(toBase64Url(ref.id));
  if (bytes === undefined) throw new Error('no such attachment');
  return bytes;
};
function keep(bytes: Uint8Array): AttachmentRef {
  const ref = attachmentRef(bytes);
  store.set(toBase64Url(ref.id), bytes);
  return ref;
}

let keys: SigningKeyPair[];
let ctx: MixingContext;
let input: RowList;

/** What mix node ν puts on the board after shuffling `list`, with `tamper` applied to the output. */
async function mix(nu: number, list: RowList, tamper: (out: Uint8Array) => void = () => {}) {
  const { output, witness } = await genShuffle(ctx.electionKey, list);
  const proof = await genShuffleProof(
    {
      manifestHash,
      mixNode: { index: nu, publicKey: keys[nu]!.publicKey },
      electionKey: ctx.electionKey,
      input: list,
      output,
    },
    witness,
  );
  const bytes = output.bytes.slice();
  tamper(bytes);
  const out = { count: list.count, width: list.width, bytes };
  const proofBytes = shuffleProofAttachment(proof);
  const proofRef = keep(proofBytes);
  const digest = rowListDigest(out);
  const signature = signMixOutput(manifestHash, nu, rowListDigest(list), digest, proofRef.id, keys[nu]!.secretKey);
  return {
    out,
    payload: mixOutputPayload({
      mixNode: nu,
      input: rowListDigest(list),
      output: digest,
      rows: list.count,
      width: list.width,
      data: keep(bytes),
      proof: proofRef,
      signature,
    }),
    proof,
  };
}

beforeAll(() => {
  keys = [generateSigningKey(), generateSigningKey(), generateSigningKey()];
  const kp = generateKeyPair();
  ctx = { manifestHash, mixNodeKeys: keys.map((k) => k.publicKey), electionKey: kp.publicKey.element };
  const messages = Array.from({ length: N }, (_, i) => [
    GroupElement.generator.multiply(BigInt(i + 1)),
    GroupElement.generator,
  ]);
  input = encodeRowList(messages.map((m) => encryptRow(kp.publicKey, m)));
});

const start = () => new MixChain(ctx, { list: input, digest: rowListDigest(input) });

describe('the mix chain (§14.3, V14.04 – V14.06)', () => {
  it('follows honest shuffles to mixing-completed', async () => {
    const chain = start();
    const a = await mix(0, input);
    expect(await chain.addMixOutput(10, a.payload, fetch)).toEqual({ valid: true });
    const b = await mix(2, chain.current.list);
    expect(await chain.addMixOutput(11, b.payload, fetch)).toEqual({ valid: true });
    expect(chain.mixed).toEqual([0, 2]);
    expect(chain.current.list.bytes).toEqual(b.out.bytes);
    const done = mixingCompletedPayload(chain.current.digest, chain.mixed);
    expect(done).toEqual({ list: b.payload.output, mixNodes: [0, 2] });
    expect(chain.checkCompleted(12, done)).toEqual({ valid: true });
    expect(chain.completed).toBe(true);
    const late = await mix(1, chain.current.list);
    expect(await chain.addMixOutput(13, late.payload, fetch)).toMatchObject({ valid: false });
  });

  it('packs a proof into 160·N + 96·w + 192 bytes and back', async () => {
    const { proof } = await mix(0, input);
    const packed = packShuffleProof(proof);
    expect(packed).toHaveLength(packedShuffleProofSize(N, W));
    expect(packed).toHaveLength(160 * N + 96 * W + 192);
    expect(shuffleProofAttachment(unpackShuffleProof(packed, N, W))).toEqual(shuffleProofAttachment(proof));
    expect(() => unpackShuffleProof(packed.subarray(1), N, W)).toThrow(RangeError);
    // The attachment is UTF8(JCS(proof)) of §11.7, written directly.
    expect(shuffleProofAttachment(proof)).toEqual(canonicalBytes(encodeShuffleProof(proof)));
  });

  const cases: Array<[string, RegExp, () => Promise<{ payload: Record<string, unknown> }>]> = [
    ['a replaced ciphertext', /V14\.05 .*V11\.09/, () => mix(0, input, (b) => b.set(input.bytes.subarray(0, 64), 0))],
    [
      'a bad signature',
      /V14\.04 the signature/,
      async () => {
        const m = await mix(0, input);
        return { payload: { ...m.payload, mixNode: 1 } };
      },
    ],
    [
      'a proof for another input',
      /V14\.04 .*not the current list/,
      async () => {
        const other = await mix(1, input);
        return mix(0, other.out);
      },
    ],
    [
      'data that is not its attachment',
      /V14\.01 .*digest/,
      async () => {
        const m = await mix(0, input);
        const wrong = store.get(m.payload.data.attachment)!.slice();
        wrong[5]! ^= 1;
        store.set(m.payload.data.attachment, wrong);
        return m;
      },
    ],
    [
      'a dropped row',
      /V14\.04 .*rows/,
      async () => {
        const m = await mix(0, input);
        return {
          payload: { ...m.payload, rows: N - 1, data: encodeAttachmentRef(keep(new Uint8Array((N - 1) * W * 64))) },
        };
      },
    ],
  ];

  it.each(cases)('refuses %s', async (_, reason, make) => {
    const chain = start();
    const { payload } = await make();
    const v = await chain.addMixOutput(10, payload, fetch);
    expect(v.valid).toBe(false);
    expect(!v.valid && v.reason).toMatch(reason);
    expect(chain.mixed).toEqual([]);
    expect(chain.current.list).toBe(input);
  });

  it('refuses a node that mixes twice, a node not in the manifest, and an early completion', async () => {
    const chain = start();
    const a = await mix(1, input);
    expect(await chain.addMixOutput(10, a.payload, fetch)).toEqual({ valid: true });
    const again = await mix(1, chain.current.list);
    expect(await chain.addMixOutput(11, again.payload, fetch)).toMatchObject({ reason: /has mixed before/ });
    expect(await chain.addMixOutput(11, { ...again.payload, mixNode: 5 }, fetch)).toMatchObject({
      reason: /not in the manifest/,
    });
    expect(chain.checkCompleted(12, mixingCompletedPayload(chain.current.digest, chain.mixed))).toMatchObject({
      reason: /only 1 mix node/,
    });
    expect(chain.checkCompleted(12, { list: a.payload.input, mixNodes: [1] })).toMatchObject({
      reason: /another list/,
    });
  });

  it('completes an empty mix input with no mix node', () => {
    const empty = { count: 0, width: W, bytes: new Uint8Array(0) };
    const chain = new MixChain(ctx, { list: empty, digest: rowListDigest(empty) });
    expect(chain.checkCompleted(5, mixingCompletedPayload(chain.current.digest, chain.mixed))).toEqual({ valid: true });
  });
});
