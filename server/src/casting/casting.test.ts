import {
  BALLOT_NOT_SIGNED,
  type BallotJson,
  electionContext,
  encryptAndSignBallot,
  encryptBallot,
  formatTrackingCode,
  signBallot,
} from '@evotare/crypto/ballot';
import { verifyBoardChain } from '@evotare/crypto/board/entry';
import { merkleTreeHash } from '@evotare/crypto/board/merkle';
import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { decodeSignedReceipt, verifyReceipt, verifyReceiptInclusion } from '@evotare/crypto/credential';
import { GroupElement } from '@evotare/crypto/group';
import { type Manifest, ManifestSchema } from '@evotare/crypto/manifest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { entryFromRow, latestTreeHead, readEntryRows } from '../board/board.ts';
import { testDatabases } from '../testing/databases.ts';
import {
  exampleDefinition,
  makeParties,
  runCeremonyOverHttp,
  startTestServer,
  type TestServer,
} from '../testing/harness.ts';
import { activateVoters, type TestVoter } from '../testing/voters.ts';

describe.each(testDatabases)('casting on $name', ({ open }) => {
  let s: TestServer;
  const id = 'casting';
  const definition = exampleDefinition(id);
  let voters: TestVoter[];
  let ctx: ReturnType<typeof electionContext>;
  const cast = (ballot: unknown) => s.request('POST', `/api/v1/elections/${id}/ballots`, { token: null, body: ballot });
  const ballotFor = (v: TestVoter, choices = [0, 0]) => encryptAndSignBallot(ctx, v.credential, choices);

  beforeAll(async () => {
    s = await startTestServer(await open(), { maxBatch: 64 });
    await s.request('POST', '/api/v1/admin/elections', { body: definition });
    const { parties, trustees } = makeParties(definition);
    await s.request('PUT', `/api/v1/admin/elections/${id}/parties`, { body: parties });
    await s.request('POST', `/api/v1/admin/elections/${id}/key-ceremony`, { body: {} });
    voters = await activateVoters(s, id, 40);
    const electionKey = await runCeremonyOverHttp(s, id, trustees);
    await s.request('POST', `/api/v1/admin/elections/${id}/open`, { body: {} });
    const manifest = ManifestSchema.parse(
      ((await (await s.request('GET', `/api/v1/elections/${id}`, { token: null })).json()) as { manifest: Manifest })
        .manifest,
    );
    ctx = electionContext(manifest, GroupElement.decode(fromBase64Url(electionKey)));
  });
  afterAll(() => s?.close());

  async function board() {
    return (await readEntryRows(s.deps.db, id, 0, 100_000)).map(entryFromRow);
  }

  it('takes 200 ballots cast concurrently, with re-votes, and keeps the chain and the tree consistent', async () => {
    const ballots: Array<{ voter: number; ballot: BallotJson }> = [];
    for (let i = 0; i < 200; i++) {
      const voter = i % voters.length;
      ballots.push({ voter, ballot: ballotFor(voters[voter]!, [i % 12, i % 3]) });
    }
    const before = (await board()).length;
    const responses = await Promise.all(ballots.map(({ ballot }) => cast(ballot)));
    expect(responses.map((r) => r.status)).toEqual(new Array(200).fill(201));
    const receipts = await Promise.all(responses.map((r) => r.json()));

    const entries = await board();
    expect(entries.length).toBe(before + 200);
    expect(verifyBoardChain(entries)).toEqual({ valid: true });
    const head = await latestTreeHead(s.deps.db, id);
    expect(head!.size).toBe(entries.length);
    expect(head!.root).toEqual(merkleTreeHash(entries.map((e) => e.hash)));

    // Every receipt is signed, names its entry, and its entry is in the tree by an inclusion proof.
    for (const [i, json] of receipts.entries()) {
      const decoded = decodeSignedReceipt(json);
      expect('value' in decoded).toBe(true);
      if (!('value' in decoded)) continue;
      const receipt = decoded.value;
      expect(verifyReceipt(receipt, s.deps.authority.publicKey, id)).toEqual({ valid: true });
      const entry = entries[receipt.position]!;
      expect(entry.type).toBe('ballot');
      expect(entry.payload).toEqual(ballots[i]!.ballot);
      expect(entry.hash).toEqual(receipt.entryHash);
      if (i % 20 === 0) {
        const p = (await (
          await s.request(
            'GET',
            `/api/v1/elections/${id}/board/inclusion?trackingCode=${toBase64Url(receipt.trackingCode)}`,
            {
              token: null,
            },
          )
        ).json()) as { proof: string[]; treeHead: unknown };
        expect(
          verifyReceiptInclusion(
            receipt,
            head!,
            p.proof.map((x) => fromBase64Url(x)),
          ),
        ).toEqual({ valid: true });
      }
    }

    // The ballot that counts is each credential's last one on the board.
    const lastByCredential = new Map<string, number>();
    for (const e of entries) if (e.type === 'ballot') lastByCredential.set((e.payload as BallotJson).credential, e.seq);
    const counting = await s.deps.db.selectFrom('counting_ballot').selectAll().where('election_id', '=', id).execute();
    expect(counting).toHaveLength(voters.length);
    for (const c of counting) expect(c.seq).toBe(lastByCredential.get(toBase64Url(c.credential_key)));
    // Every ballot is found by its short tracking code as people type it, and by its full code;
    // neither lookup says whether the ballot is the one that counts (THREAT-MODEL §3.10).
    const rows = await s.deps.db.selectFrom('ballot').selectAll().where('election_id', '=', id).execute();
    for (const b of rows) {
      const code = toBase64Url(b.tracking_code);
      const typed = formatTrackingCode(b.tracking_code).toLowerCase().replace(/-/g, ' ');
      for (const q of [encodeURIComponent(typed), code]) {
        const r = await s.request('GET', `/api/v1/elections/${id}/board/tracking-codes/${q}`, { token: null });
        expect(await r.json()).toEqual({ ballots: [{ position: b.seq, trackingCode: code }] });
      }
      const r = await s.request('GET', `/api/v1/elections/${id}/ballots/${code}`, { token: null });
      expect(Object.keys((await r.json()) as object)).toEqual(['receipt']);
    }
    const lookup = (q: string) =>
      s.request('GET', `/api/v1/elections/${id}/board/tracking-codes/${q}`, { token: null });
    const unknown = await lookup('0000-0000-0000-0000');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
    expect(await unknown.json()).toMatchObject({ type: 'urn:evotare:problem:entry-not-found' });
    const garbage = await lookup('not-a-code');
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toMatchObject({ type: 'urn:evotare:problem:invalid-request' });
  });

  it('answers a resubmitted ballot with the same receipt and no new entry, however often and concurrently', async () => {
    const ballot = ballotFor(voters[0]!, [3, 1]);
    const first = await (await cast(ballot)).json();
    const size = (await board()).length;
    const again = await Promise.all(Array.from({ length: 5 }, () => cast(ballot)));
    for (const r of again) {
      expect(r.status).toBe(201);
      expect(await r.json()).toEqual(first);
    }
    expect((await board()).length).toBe(size);
    const status = (await (
      await s.request('GET', `/api/v1/elections/${id}/ballots/${(first as { trackingCode: string }).trackingCode}`, {
        token: null,
      })
    ).json()) as { receipt: unknown };
    expect(status).toEqual({ receipt: first });
  });

  it('refuses a ballot replayed under another credential', async () => {
    const original = ballotFor(voters[1]!);
    const other = voters[2]!;
    // The credential swapped: the signature fails.
    const swapped = { ...original, credential: toBase64Url(other.credential.publicKey) };
    const r1 = await cast(swapped);
    expect(r1.status).toBe(422);
    expect(((await r1.json()) as { type: string }).type).toBe('urn:evotare:problem:ballot-invalid');
    // Re-signed by the other credential: the proofs are bound to the first credential.
    const resigned = signBallot(ctx, swapped, other.credential);
    const r2 = await cast(resigned);
    expect(r2.status).toBe(422);
    expect(((await r2.json()) as { detail: string }).detail).toMatch(/V08\.0[78]/);
  });

  it('refuses an unsigned ballot, and a copy of a ballot on the board under a bad signature', async () => {
    const voter = voters[4]!;
    const { ballot: unsigned } = encryptBallot(ctx, voter.credential.publicKey, [5, 0]);
    const size = (await board()).length;
    const r1 = await cast(unsigned);
    expect(r1.status).toBe(422);
    expect(r1.headers.get('content-type')).toBe('application/problem+json');
    expect(await r1.json()).toMatchObject({
      type: 'urn:evotare:problem:ballot-invalid',
      detail: BALLOT_NOT_SIGNED,
    });
    // The tracking code leaves the signature out: a copy of a ballot on the board with another
    // signature is verified (V08.06), not answered with the receipt of the one on the board.
    const onBoard = signBallot(ctx, unsigned, voter.credential);
    expect((await cast(onBoard)).status).toBe(201);
    const flipped = fromBase64Url(onBoard.signature, 64);
    flipped[0] = (flipped[0] as number) ^ 1;
    const r2 = await cast({ ...onBoard, signature: toBase64Url(flipped) });
    expect(r2.status).toBe(422);
    expect(((await r2.json()) as { detail: string }).detail).toMatch(/^V08\.06/);
    expect((await board()).length).toBe(size + 1);
  });

  it('refuses a ballot of a revoked credential, and stops counting its earlier ballots', async () => {
    const voter = voters[3]!;
    const counted = await s.deps.db
      .selectFrom('counting_ballot')
      .select('seq')
      .where('credential_key', '=', voter.credential.publicKey)
      .execute();
    expect(counted).toHaveLength(1);
    await s.request('POST', `/api/v1/admin/elections/${id}/revocations`, {
      body: { idnp: voter.idnp, reason: 'voted-in-person' },
    });
    const r = await cast(ballotFor(voter));
    expect(r.status).toBe(403);
    expect(((await r.json()) as { type: string }).type).toBe('urn:evotare:problem:credential-revoked');
    const after = await s.deps.db
      .selectFrom('counting_ballot')
      .select('seq')
      .where('credential_key', '=', voter.credential.publicKey)
      .execute();
    expect(after).toHaveLength(0);
    const earlier = await s.deps.db
      .selectFrom('ballot')
      .select('tracking_code')
      .where('seq', '=', counted[0]!.seq)
      .where('election_id', '=', id)
      .executeTakeFirstOrThrow();
    const status = await s.request('GET', `/api/v1/elections/${id}/ballots/${toBase64Url(earlier.tracking_code)}`, {
      token: null,
    });
    // The revoked credential's ballot stays on the board; its lookup answers the receipt and no more.
    expect(status.status).toBe(200);
    expect(Object.keys((await status.json()) as object)).toEqual(['receipt']);
  });

  it('refuses ballots once voting is closed', async () => {
    const ballot = ballotFor(voters[4]!);
    await s.request('POST', `/api/v1/admin/elections/${id}/close`, { body: {} });
    const size = (await board()).length;
    const r = await cast(ballot);
    expect(r.status).toBe(409);
    // Nor can a credential be revoked any more: the credentials live at the close are counted.
    const late = await s.request('POST', `/api/v1/admin/elections/${id}/revocations`, {
      body: { idnp: voters[5]!.idnp, reason: 'voted-in-person' },
    });
    expect(late.status).toBe(409);
    expect((await board()).length).toBe(size);
  });

  it('limits the look-ups of tracking codes and receipts together, per client, with problem+json', async () => {
    // The same server with the lookup limit of a real one, made small.
    const app = createApp(s.deps, { rateLimits: { lookup: { burst: 4, perMinute: 1 } } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const path =
        i % 2 === 0
          ? `/api/v1/elections/${id}/board/tracking-codes/0000-0000-0000-0000`
          : `/api/v1/elections/${id}/ballots/${'A'.repeat(43)}`;
      statuses.push((await app.request(path)).status);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 429, 429]);
    const limited = await app.request(`/api/v1/elections/${id}/board/tracking-codes/0000-0000-0000-0000`);
    expect(limited.headers.get('content-type')).toBe('application/problem+json');
    expect(await limited.json()).toMatchObject({ type: 'urn:evotare:problem:rate-limited' });
  });
});
