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
import { MixChain, mixingCompletedPayload, mixingEndedPayload } from './mix-chain.ts';
import {
  type MixingContext,
  mixOutputPayload,
  packedShuffleProofSize,
  packShuffleProof,
  shuffleProofAttachment,
  signMixOutput,
  unpackShuffleProof,
} from './mix-output.ts';
import { mixingDeadline } from './mixing-deadline.ts';

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

const DEADLINE = '2026-10-20T19:00:00.000Z';
const AFTER = '2026-10-20T19:00:00.001Z';

const start = () => new MixChain(ctx, { list: input, digest: rowListDigest(input) });

describe('the mix chain (§14.3, V14.04 – V14.06)', () => {
  it('follows honest shuffles to mixing-completed', async () => {
    const chain = start();
    const a = await mix(0, input);
    expect(await chain.addMixOutput(10, a.payload, fetch)).toEqual({ valid: true });
    const b = await mix(2, chain.current.list);
    expect(await chain.addMixOutput(11, b.payload, fetch)).toEqual({ valid: true });
    const c = await mix(1, chain.current.list);
    expect(await chain.addMixOutput(12, c.payload, fetch)).toEqual({ valid: true });
    expect(chain.mixed).toEqual([0, 2, 1]);
    expect(chain.current.list.bytes).toEqual(c.out.bytes);
    const done = mixingCompletedPayload(chain.current.digest, chain.mixed);
    expect(done).toEqual({ list: c.payload.output, mixNodes: [0, 2, 1] });
    expect(chain.checkCompleted(13, done)).toEqual({ valid: true });
    expect(chain.completed).toBe(true);
    const late = await mix(1, chain.current.list);
    expect(await chain.addMixOutput(14, late.payload, fetch)).toMatchObject({ valid: false });
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
      reason: /only 1 of the 3 mix nodes mixed, and it gives no reason/,
    });
    const ended = mixingEndedPayload(chain.current.digest, chain.mixed, 3, DEADLINE, 'node 0 is down');
    expect(chain.checkCompleted(12, ended, { time: AFTER, deadline: DEADLINE })).toMatchObject({
      reason: /only 1 mix node\(s\) mixed/,
    });
    expect(chain.checkCompleted(12, { list: a.payload.input, mixNodes: [1] })).toMatchObject({
      reason: /another list/,
    });
  });

  it('completes an empty mix input with no mix node, and refuses an early end of it', () => {
    const empty = { count: 0, width: W, bytes: new Uint8Array(0) };
    const chain = new MixChain(ctx, { list: empty, digest: rowListDigest(empty) });
    const ended = mixingEndedPayload(chain.current.digest, [], 3, DEADLINE, 'nothing to mix');
    expect(chain.checkCompleted(5, ended, { time: AFTER, deadline: DEADLINE })).toMatchObject({
      reason: /no mix node was left out/,
    });
    expect(chain.checkCompleted(5, mixingCompletedPayload(chain.current.digest, chain.mixed))).toEqual({ valid: true });
  });

  describe('ended by officials after the deadline (Algorithm 14.2)', () => {
    let outputs: Array<{ payload: Record<string, unknown> }>;
    beforeAll(async () => {
      const first = await mix(2, input);
      outputs = [first, await mix(0, first.out)];
    });
    /** A chain where nodes 2 and 0 mixed (of 3). */
    async function twoMixed(): Promise<MixChain> {
      const chain = start();
      for (const [i, o] of outputs.entries()) await chain.addMixOutput(10 + i, o.payload, fetch);
      expect(chain.mixed).toEqual([2, 0]);
      return chain;
    }
    const ended = (chain: MixChain) =>
      mixingEndedPayload(chain.current.digest, chain.mixed, 3, DEADLINE, 'mix node 1 is down');

    it('names the nodes left out and the reason, at or after the deadline', async () => {
      const chain = await twoMixed();
      const payload = ended(chain);
      expect(payload).toMatchObject({
        mixNodes: [2, 0],
        notMixed: [1],
        deadline: DEADLINE,
        reason: 'mix node 1 is down',
      });
      expect(chain.checkCompleted(12, payload, { time: DEADLINE, deadline: DEADLINE })).toEqual({ valid: true });
      expect(chain.completed).toBe(true);
    });

    const tampers: Array<[string, RegExp, (p: Record<string, unknown>) => unknown, string?]> = [
      ['before the deadline', /ended the mixing at .* before the deadline/, (p) => p, '2026-10-20T18:59:59.999Z'],
      ['without a reason', /malformed/, ({ reason: _, ...p }) => p],
      ['with an empty reason', /malformed/, (p) => ({ ...p, reason: '' })],
      ['naming no node left out', /malformed/, (p) => ({ ...p, notMixed: [] })],
      [
        'naming a node that mixed as left out',
        /names mix nodes 0 as not mixed; 1 did not mix/,
        (p) => ({ ...p, notMixed: [0] }),
      ],
      ['stating another deadline', /states the deadline .*Algorithm 14\.2 gives/, (p) => ({ ...p, deadline: AFTER })],
      [
        'without deadline and reason',
        /only 2 of the 3 mix nodes mixed/,
        (p) => ({ list: p.list, mixNodes: p.mixNodes }),
      ],
    ];
    it.each(tampers)('refuses an end %s (V14.06)', async (_, reason, change, time = DEADLINE) => {
      const chain = await twoMixed();
      const v = chain.checkCompleted(12, change(ended(chain) as Record<string, unknown>), { time, deadline: DEADLINE });
      expect(v).toMatchObject({ valid: false, reason: expect.stringMatching(/^V14\.06 /) });
      expect(!v.valid && v.reason).toMatch(reason);
      expect(chain.completed).toBe(false);
    });

    it('refuses an early end when every node mixed', async () => {
      const chain = await twoMixed();
      expect(await chain.addMixOutput(12, (await mix(1, chain.current.list)).payload, fetch)).toEqual({ valid: true });
      const payload = { ...mixingEndedPayload(chain.current.digest, chain.mixed, 3, DEADLINE, 'x'), notMixed: [1] };
      expect(chain.checkCompleted(13, payload, { time: AFTER, deadline: DEADLINE })).toMatchObject({
        reason: /no mix node was left out/,
      });
    });

    it('the deadline is the later of the window’s close and the mix input, plus the period', () => {
      const manifest = { votingWindow: { opens: '2026-10-20T04:00:00Z', closes: '2026-10-20T18:00:00Z' } };
      expect(mixingDeadline({ ...manifest, mixingPeriod: 3600 }, '2026-10-20T17:59:59.999Z')).toBe(DEADLINE);
      expect(mixingDeadline({ ...manifest, mixingPeriod: 3600 }, '2026-10-20T18:30:00.250Z')).toBe(
        '2026-10-20T19:30:00.250Z',
      );
      expect(mixingDeadline({ ...manifest, mixingPeriod: 2 }, '2026-10-20T18:00:00.000Z')).toBe(
        '2026-10-20T18:00:02.000Z',
      );
      expect(() => mixingDeadline({ ...manifest, mixingPeriod: 1 }, '2026-10-20T18:00:00Z')).toThrow(RangeError);
      expect(() =>
        mixingDeadline(
          { votingWindow: { opens: '9999-12-01T00:00:00Z', closes: '9999-12-31T23:00:00Z' }, mixingPeriod: 7200 },
          '9999-12-31T23:00:00.000Z',
        ),
      ).toThrow(RangeError);
    });
  });
});
