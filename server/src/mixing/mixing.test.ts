// Mixing on the server (docs/SPEC.md §14.2, §14.3): the mix input published at close, uploads
// checked before anything is stored — every cheat refused with problem+json and the board
// unchanged — the officials' end of mixing, and the final list decrypting to the choices cast.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeAttachmentRef } from '@evotare/crypto/attachment';
import { electionContext, encryptAndSignBallot } from '@evotare/crypto/ballot';
import { verifyBoardChain } from '@evotare/crypto/board/entry';
import { concatBytes, fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { EncryptionKey, encryptRow } from '@evotare/crypto/elgamal';
import { GroupElement } from '@evotare/crypto/group';
import { type Manifest, ManifestSchema, manifestHash } from '@evotare/crypto/manifest';
import { genShuffleProof, type ShuffleProof } from '@evotare/crypto/shuffle/proof';
import { encodeRowList, type RowList, rowList } from '@evotare/crypto/shuffle/rows';
import { genShuffle } from '@evotare/crypto/shuffle/shuffle';
import { generateSigningKey, type SigningKeyPair } from '@evotare/crypto/signature';
import { rowListDigest } from '@evotare/crypto/tally/list-digest';
import { MixChain } from '@evotare/crypto/tally/mix-chain';
import { checkMixInputPayload, mixInput } from '@evotare/crypto/tally/mix-input';
import { packShuffleProof, shuffleProofId, signMixOutput, unpackShuffleProof } from '@evotare/crypto/tally/mix-output';
import { MIX_UPLOAD_MEDIA_TYPE, type MixUploadHeader, mixUploadParts } from '@evotare/crypto/tally/mix-upload';
import { mixingDeadline } from '@evotare/crypto/tally/mixing-deadline';
import type { ApiClient } from '@evotare/verifier/remote/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryFromRow, readEntryRows } from '../board/board.ts';
import { exportBoard } from '../board/export.ts';
import type { LocalTrustee } from '../ceremony/local-trustees.ts';
import { testDatabases } from '../testing/databases.ts';
import { decryptWithTrustees, multiset } from '../testing/decrypt.ts';
import {
  exampleDefinition,
  makeParties,
  runCeremonyOverHttp,
  startTestServer,
  type TestServer,
} from '../testing/harness.ts';
import { activateVoters } from '../testing/voters.ts';

interface Upload {
  header: MixUploadHeader;
  output: Uint8Array;
  proof: Uint8Array;
  /** Signs again what the upload now holds (so that only the changed part is wrong). */
  resign(): void;
}

describe.each(testDatabases)('mixing on $name', ({ open }) => {
  let s: TestServer;
  const id = 'mixing';
  // A window of ten minutes from now: it is over, and the mixing deadline counts from its end,
  // when the test moves the server's clock forward (Algorithm 14.2).
  const opens = Math.floor(Date.now() / 1000) * 1000;
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const definition = { ...exampleDefinition(id), votingWindow: { opens: iso(opens), closes: iso(opens + 600_000) } };
  let manifest: Manifest;
  let h: Uint8Array;
  let Y: GroupElement;
  let nodes: SigningKeyPair[];
  let trustees: LocalTrustee[];
  const expected: number[][] = [];
  /** How far the server's clock is ahead of the real one: the mixing deadline arrives without waiting. */
  let clockAhead = 0;
  const admin = (path: string, body: unknown = {}) =>
    s.request('POST', `/api/v1/admin/elections/${id}${path}`, { body });
  const get = async <T>(path: string) =>
    (await (await s.request('GET', `/api/v1/elections/${id}${path}`, { token: null })).json()) as T;

  beforeAll(async () => {
    s = await startTestServer(await open(), { now: () => new Date(Date.now() + clockAhead) });
    await s.request('POST', '/api/v1/admin/elections', { body: definition });
    const parties = makeParties(definition);
    nodes = parties.mixNodes;
    trustees = parties.trustees;
    await s.request('PUT', `/api/v1/admin/elections/${id}/parties`, { body: parties.parties });
    await admin('/key-ceremony');
    const voters = await activateVoters(s, id, 9);
    const key = await runCeremonyOverHttp(s, id, trustees);
    await admin('/open');
    manifest = ManifestSchema.parse((await get<{ manifest: Manifest }>('')).manifest);
    h = manifestHash(manifest);
    Y = GroupElement.decode(fromBase64Url(key, 32));
    const ctx = electionContext(manifest, Y);
    const cast = async (voter: number, choices: number[]) => {
      const r = await s.request('POST', `/api/v1/elections/${id}/ballots`, {
        token: null,
        body: encryptAndSignBallot(ctx, voters[voter]!.credential, choices),
      });
      expect(r.status).toBe(201);
    };
    const last = new Map<number, number[]>();
    for (let v = 0; v < 8; v++) {
      const choices = [v % 12, v % 3];
      await cast(v, choices);
      last.set(v, choices);
    }
    await cast(1, [11, 2]); // re-votes: the last ballot counts
    last.set(1, [11, 2]);
    await cast(3, [4, 0]);
    last.set(3, [4, 0]);
    // Voter 5 votes on paper: the e-ballot does not count.
    expect((await admin('/revocations', { idnp: voters[5]!.idnp, reason: 'voted-in-person' })).status).toBe(200);
    last.delete(5);
    expected.push(...last.values());
  });
  afterAll(() => s?.close());

  const board = async () => (await readEntryRows(s.deps.db, id, 0, 100_000)).map(entryFromRow);
  const attachmentCount = async () =>
    Number(
      (
        await s.deps.db
          .selectFrom('attachment_chunk')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('election_id', '=', id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const download = async (ref: { attachment: string }) =>
    new Uint8Array(
      await (
        await s.request('GET', `/api/v1/elections/${id}/attachments/${ref.attachment}`, { token: null })
      ).arrayBuffer(),
    );

  interface Current {
    list: string;
    rows: number;
    width: number;
    data: { attachment: string; bytes: number } | null;
    mixed: number[];
  }
  const current = async () => rowList(await download((await get<{ current: Current }>('/mixing')).current.data!), 2);

  const post = (body: Uint8Array) =>
    s.app.request(`/api/v1/elections/${id}/mixing/outputs`, {
      method: 'POST',
      headers: { 'content-type': MIX_UPLOAD_MEDIA_TYPE },
      body: body as BodyInit,
    });

  /** A mix node's upload; `cheat` may change any part before it is sent (and sign again). */
  async function upload(nu: number, input: RowList, cheat: (u: Upload) => void = () => {}, signer = nodes[nu]!) {
    const { output, witness } = await genShuffle(Y, input);
    const proof = await genShuffleProof(
      { manifestHash: h, mixNode: { index: nu, publicKey: nodes[nu]!.publicKey }, electionKey: Y, input, output },
      witness,
    );
    const u: Upload = {
      output: output.bytes,
      proof: packShuffleProof(proof),
      header: {} as MixUploadHeader,
      resign: () => sign(u.output, unpackShuffleProof(u.proof, input.count, input.width)),
    };
    const sign = (out: Uint8Array, p: ShuffleProof) => {
      const outputDigest = rowListDigest(rowList(out, input.width));
      const proofId = shuffleProofId(p);
      u.header = {
        mixNode: nu,
        input: toBase64Url(rowListDigest(input)),
        output: toBase64Url(outputDigest),
        proof: toBase64Url(proofId),
        signature: toBase64Url(signMixOutput(h, nu, rowListDigest(input), outputDigest, proofId, signer.secretKey)),
      };
    };
    sign(u.output, proof);
    cheat(u);
    const body = concatBytes(...mixUploadParts(u.header, u.output, u.proof));
    return post(body);
  }

  it('publishes the mix input at close: Algorithm 14.1 on the board', async () => {
    const closed = await admin('/close', { reason: 'the test is over' });
    expect(await closed.json()).toMatchObject({ state: 'mixing' });
    const entries = await board();
    const entry = entries.find((e) => e.type === 'mix-input')!;
    expect(entries.at(-1)).toBe(entry);
    const recomputed = mixInput(2, entries);
    if (!recomputed.valid) throw new Error(recomputed.reason);
    expect(checkMixInputPayload(entry.payload, recomputed.mixInput)).toEqual({ valid: true });
    expect(recomputed.mixInput.turnout).toEqual({
      ballotsReceived: 10,
      credentialsIssued: 9,
      credentialsRevoked: 1,
      credentialsCounted: 7,
      ballotsSuperseded: 2,
      ballotsOfRevokedCredentials: 1,
    });
    expect(await current()).toEqual(recomputed.mixInput.list);
    const status = await get<{ state: string; current: Current; mixNodes: unknown[]; deadline: string }>('/mixing');
    expect(status).toMatchObject({ state: 'mixing', current: { rows: 7, width: 2, mixed: [] }, mixingPeriod: 21600 });
    // Algorithm 14.2: voting closed early (with a reason), so the period runs from the window's end.
    expect(status.deadline).toBe(mixingDeadline(manifest, entry.time));
    expect(Date.parse(status.deadline) - Date.parse(manifest.votingWindow.closes)).toBe(21600 * 1000);
    expect(status.mixNodes).toHaveLength(3);
  });

  const cheats: Array<[string, number, string, RegExp, (u: Upload) => void]> = [
    [
      'a wrong proof',
      422,
      'mix-output-invalid',
      /^V14\.05 .*V11\.06/,
      (u) => {
        // The response s1 changed (its place: after 3·32·N + 96 + 64·w bytes), signed as it is.
        const proof = u.proof.slice();
        proof[3 * 32 * 7 + 96 + 128]! ^= 1;
        u.proof = proof;
        u.resign();
      },
    ],
    [
      'a dropped row',
      400,
      'invalid-request',
      /ended after/,
      (u) => {
        u.output = u.output.subarray(0, u.output.length - 128);
      },
    ],
    [
      'a duplicated row',
      422,
      'mix-output-invalid',
      /^V14\.05 .*V11\.09/,
      (u) => {
        const out = u.output.slice();
        out.copyWithin(128, 0, 128);
        u.output = out;
        u.resign();
      },
    ],
    [
      'a replaced ciphertext',
      422,
      'mix-output-invalid',
      /^V14\.05 .*V11\.09/,
      (u) => {
        const out = u.output.slice();
        const fresh = encryptRow(new EncryptionKey(Y), [GroupElement.generator, GroupElement.generator]);
        out.set(encodeRowList([fresh]).bytes, 0);
        u.output = out;
        u.resign();
      },
    ],
    [
      'a bad signature',
      422,
      'mix-output-invalid',
      /^V14\.04 the signature/,
      (u) => {
        u.header = { ...u.header, signature: toBase64Url(new Uint8Array(64).fill(3)) };
      },
    ],
    [
      'an output the header does not name',
      422,
      'mix-output-invalid',
      /names/,
      (u) => {
        u.output = u.output.with(0, u.output[0]! ^ 1);
      },
    ],
    [
      'one byte too many',
      413,
      'payload-too-large',
      /more than/,
      (u) => {
        u.proof = concatBytes(u.proof, new Uint8Array(1));
      },
    ],
    [
      'a node not in the manifest',
      422,
      'mix-output-invalid',
      /not in the manifest/,
      (u) => {
        u.header = { ...u.header, mixNode: 7 };
      },
    ],
    [
      'an input that is not the current list',
      409,
      'mix-input-changed',
      /the current list is/,
      (u) => {
        u.header = { ...u.header, input: toBase64Url(new Uint8Array(32)) };
      },
    ],
  ];

  it.each(cheats)(
    'refuses %s with problem+json and leaves the board unchanged',
    async (_, status, type, detail, cheat) => {
      const input = await current();
      const before = await board();
      const chunks = await attachmentCount();
      const r = await upload(1, input, cheat);
      expect(r.status).toBe(status);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const doc = (await r.json()) as { type: string; detail: string };
      expect(doc.type).toBe(`urn:evotare:problem:${type}`);
      expect(doc.detail).toMatch(detail);
      expect(await board()).toEqual(before);
      expect(await attachmentCount()).toBe(chunks);
    },
  );

  it('refuses a proof made for another input list', async () => {
    const input = await current();
    const other = await genShuffle(Y, input); // a list of the same size that is not the current one
    const before = await board();
    const r = await upload(1, other.output, (u) => {
      u.header = { ...u.header, input: toBase64Url(rowListDigest(input)) };
    });
    expect(r.status).toBe(422);
    expect(((await r.json()) as { detail: string }).detail).toMatch(/V14\.04 the signature|V14\.05/);
    expect(await board()).toEqual(before);
  });

  it('refuses an upload signed with a key that is not the node’s', async () => {
    const r = await upload(1, await current(), () => {}, generateSigningKey());
    expect(r.status).toBe(422);
    expect(((await r.json()) as { detail: string }).detail).toMatch(/V14\.04 the signature of mix node 1/);
  });

  it('refuses another media type and a body cut inside the header', async () => {
    const r = await s.request('POST', `/api/v1/elections/${id}/mixing/outputs`, { token: null, body: {} });
    expect(r.status).toBe(415);
    const cut = await post(new Uint8Array([0, 0, 0, 200, 123]));
    expect(cut.status).toBe(400);
  });

  const problemOf = async (r: Response) => {
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return (await r.json()) as { type: string; detail: string; deadline?: string };
  };

  it('accepts honest outputs and refuses a node twice; officials end with two only after the deadline, with a reason', async () => {
    const reason = 'Mix node 2 (Mix node 2) did not mix by the deadline: its operator reports a hardware failure.';
    const first = await upload(0, await current());
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ completed: false, entryHash: expect.any(String) });
    const again = await upload(0, await current());
    expect(again.status).toBe(409);
    expect(((await again.json()) as { type: string }).type).toBe('urn:evotare:problem:already-mixed');
    clockAhead = 7 * 3600 * 1000; // past the deadline, but only one node has mixed
    const one = await admin('/mixing/end', { reason });
    expect(one.status).toBe(409);
    expect((await problemOf(one)).type).toBe('urn:evotare:problem:mixing-incomplete');
    clockAhead = 0;

    expect((await upload(2, await current())).status).toBe(201);
    const before = await board();
    const { deadline } = await get<{ deadline: string }>('/mixing');
    for (const body of [{}, { reason: '' }, { reason: '  \n ' }, { reason: 'x'.repeat(501) }, { why: reason }]) {
      const r = await admin('/mixing/end', body);
      expect(r.status).toBe(400);
      expect((await problemOf(r)).type).toBe('urn:evotare:problem:invalid-request');
    }
    const early = await admin('/mixing/end', { reason });
    expect(early.status).toBe(409);
    const refused = await problemOf(early);
    expect(refused).toMatchObject({ type: 'urn:evotare:problem:mixing-deadline-not-reached', deadline });
    expect(refused.detail).toMatch(/mix nodes have until .*; 1 may still mix/);
    clockAhead = Date.parse(deadline) - Date.now() - 2000; // two seconds before it
    expect((await admin('/mixing/end', { reason })).status).toBe(409);
    expect(await board()).toEqual(before);

    clockAhead = Date.parse(deadline) - Date.now(); // the deadline itself
    const end = await admin('/mixing/end', { reason: `  ${reason}\n` });
    expect(end.status).toBe(200);
    const ended = (await end.json()) as { position: number };
    expect(ended).toMatchObject({ state: 'decrypting', mixNodes: [0, 2], notMixed: [1], deadline, reason });
    const entry = (await board()).at(-1)!;
    expect(entry).toMatchObject({ seq: ended.position, type: 'mixing-completed' });
    expect(entry.payload).toEqual({
      list: (await get<{ current: Current }>('/mixing')).current.list,
      mixNodes: [0, 2],
      deadline,
      notMixed: [1],
      reason,
    });
    expect(entry.time >= deadline).toBe(true);
    expect((await upload(1, await current())).status).toBe(409);
    expect((await admin('/mixing/end', { reason })).status).toBe(409);
  });

  it('leaves a board whose mix chain verifies and whose final list decrypts to the choices cast', async () => {
    const entries = await board();
    expect(verifyBoardChain(entries)).toEqual({ valid: true });
    expect(entries.slice(-3).map((e) => e.type)).toEqual(['mix-output', 'mix-output', 'mixing-completed']);
    const mi = mixInput(2, entries);
    if (!mi.valid) throw new Error(mi.reason);
    const chain = new MixChain(
      { manifestHash: h, mixNodeKeys: nodes.map((n) => n.publicKey), electionKey: Y },
      mi.mixInput,
    );
    const fetch = async (ref: { id: Uint8Array }) => download({ attachment: toBase64Url(ref.id) });
    for (const e of entries) {
      if (e.type === 'mix-output') expect(await chain.addMixOutput(e.seq, e.payload, fetch)).toEqual({ valid: true });
      if (e.type === 'mixing-completed') {
        const deadline = mixingDeadline(manifest, entries.find((x) => x.type === 'mix-input')!.time);
        expect(chain.checkCompleted(e.seq, e.payload, { time: e.time, deadline })).toEqual({ valid: true });
      }
    }
    expect(chain.mixed).toEqual([0, 2]);
    const key = entries.find((e) => e.type === 'election-key')!.payload as { verificationKeys: string[] };
    const choices = decryptWithTrustees(manifest, key.verificationKeys, trustees, chain.current.list);
    expect(multiset(choices)).toEqual(multiset(expected));
    // The final list is not the mix input in another order only: every ciphertext is new.
    const inputs = new Set(
      Array.from({ length: 14 }, (_, i) => toBase64Url(mi.mixInput.list.bytes.subarray(64 * i, 64 * i + 64))),
    );
    for (let i = 0; i < 14; i++)
      expect(inputs.has(toBase64Url(chain.current.list.bytes.subarray(64 * i, 64 * i + 64)))).toBe(false);
  });

  it('exports the board with its attachments, each checked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evotare-mixing-export-'));
    try {
      const api: ApiClient = {
        get: async <T>(path: string) => (await (await s.request('GET', path, { token: null })).json()) as T,
        post: () => Promise.reject(new Error('read only')),
        put: () => Promise.reject(new Error('read only')),
        download: (path) => s.request('GET', path, { token: null }),
        upload: () => Promise.reject(new Error('read only')),
      };
      const r = await exportBoard(api, id, dir);
      expect(r.attachments).toBe(5); // the mix input, and two outputs with their proofs
      const files = readdirSync(join(dir, 'attachments'));
      const mixInputEntry = (await board()).find((e) => e.type === 'mix-input')!;
      const ref = decodeAttachmentRef((mixInputEntry.payload as { data: { attachment: string; bytes: number } }).data);
      expect(files).toContain(toBase64Url(ref.id));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
