import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { makeComplaint } from '@evotare/crypto/dkg/complaints';
import { deal } from '@evotare/crypto/dkg/dealing';
import { type DkgSharesMessage, signTrusteeMessage } from '@evotare/crypto/dkg/messages';
import { answerComplaints, reviewShares } from '@evotare/crypto/dkg/trustee';
import { requireCeremonyContext } from '@evotare/crypto/dkg/trustee-keys';
import { type Manifest, manifestHash } from '@evotare/crypto/manifest';
import { generateSigningKey } from '@evotare/crypto/signature';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryFromRow, readEntryRows } from '../board/board.ts';
import { testDatabases } from '../testing/databases.ts';
import { exampleDefinition, makeParties, startTestServer, type TestServer } from '../testing/harness.ts';

describe.each(testDatabases)('the key ceremony on the board, on $name', ({ open }) => {
  let s: TestServer;
  const id = 'ceremony';
  const definition = exampleDefinition(id);
  const { parties, trustees } = makeParties(definition);
  let manifest: Manifest;
  const post = (m: unknown) => s.request('POST', `/api/v1/elections/${id}/ceremony/messages`, { token: null, body: m });
  const closePhase = async () => {
    const r = await s.request('POST', `/api/v1/admin/elections/${id}/key-ceremony/close-phase`, { body: {} });
    return { status: r.status, body: (await r.json()) as { phase?: string; type?: string; detail?: string } };
  };
  const messages = async () =>
    (
      (await (await s.request('GET', `/api/v1/elections/${id}/ceremony`, { token: null })).json()) as {
        messages: unknown[];
      }
    ).messages;

  beforeAll(async () => {
    s = await startTestServer(await open());
    await s.request('POST', '/api/v1/admin/elections', { body: definition });
    await s.request('PUT', `/api/v1/admin/elections/${id}/parties`, { body: parties });
    await s.request('POST', `/api/v1/admin/elections/${id}/key-ceremony`, { body: {} });
    manifest = (
      (await (await s.request('GET', `/api/v1/elections/${id}`, { token: null })).json()) as { manifest: Manifest }
    ).manifest;
  });
  afterAll(() => s?.close());

  it('catches a cheating dealer by a complaint, takes its answer, and derives the key from VerifyCeremony', async () => {
    const ctx = requireCeremonyContext(manifest);
    const dealt = trustees.map((t) => deal(ctx, t.index, t.keys.secret.signingKey));
    // Dealer 2 sends trustee 1 a share that does not decrypt (signed, so the board takes it).
    const { signature: _, ...body } = dealt[1]!.shares;
    const tampered = signTrusteeMessage<DkgSharesMessage>(
      'trustee-message',
      manifestHash(manifest),
      {
        ...body,
        shares: body.shares.map((x) => {
          if (x.recipient !== 1) return x;
          const c = fromBase64Url(x.ciphertext);
          c[0]! ^= 0x80;
          return { ...x, ciphertext: toBase64Url(c) };
        }),
      },
      trustees[1]!.keys.secret.signingKey,
    );

    // Not yet: a complaint in the dealing phase, a message from no trustee, a forged signature.
    const stranger = generateSigningKey();
    const forged = signTrusteeMessage(
      'trustee-message',
      manifestHash(manifest),
      { ...dealt[0]!.commitment, signature: undefined },
      stranger.secretKey,
    );
    expect((await post(forged)).status).toBe(403);
    expect((await post({ ...dealt[0]!.commitment, sender: 9 })).status).toBe(403);

    for (const [i, d] of dealt.entries()) {
      expect((await post(d.commitment)).status).toBe(201);
      if (i < 2) expect((await post(i === 1 ? tampered : d.shares)).status).toBe(201);
    }
    // The same message again is fine (same position); another for a filled slot is not.
    const again = await post(dealt[0]!.commitment);
    expect(again.status).toBe(201);
    const other = deal(ctx, 1, trustees[0]!.keys.secret.signingKey);
    const conflict = await post(other.commitment);
    expect(conflict.status).toBe(422);
    expect(((await conflict.json()) as { detail: string }).detail).toMatch(/already filled/);

    // Dealing closes by itself with the last shares.
    expect((await post(dealt[2]!.shares)).status).toBe(201);
    const review = reviewShares(manifest, await messages(), {
      index: 1,
      signingKey: trustees[0]!.keys.secret.signingKey,
      encryptionKey: trustees[0]!.keys.secret.encryptionKey,
    });
    expect(review.complaints).toMatchObject([{ sender: 1, dealer: 2, reason: 'undecryptable' }]);
    for (const c of review.complaints) expect((await post(c)).status).toBe(201);
    // Opening now is refused: the ceremony is not over.
    expect((await s.request('POST', `/api/v1/admin/elections/${id}/open`, { body: {} })).status).toBe(409);

    expect((await closePhase()).body.phase).toBe('resolution');
    const answers = answerComplaints(manifest, await messages(), dealt[1]!.secret, trustees[1]!.keys.secret.signingKey);
    expect(answers).toHaveLength(1);
    expect((await post(review.complaints[0]!)).status).toBe(201); // the same complaint again: its position
    const late = makeComplaint(ctx, 3, 1, 'invalid-share', trustees[2]!.keys.secret.signingKey);
    expect((await post(late)).status).toBe(422); // complaints are over
    expect((await post(answers[0]!)).status).toBe(201);
    const done = await closePhase();
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ phase: 'done', qualified: [1, 2, 3] });

    const entries = (await readEntryRows(s.deps.db, id, 0, 1000)).map(entryFromRow);
    expect(entries.map((e) => e.type)).toEqual([
      'manifest',
      'dkg-commitment',
      'dkg-shares',
      'dkg-commitment',
      'dkg-shares',
      'dkg-commitment',
      'dkg-shares',
      'ceremony-phase',
      'dkg-complaint',
      'ceremony-phase',
      'dkg-resolution',
      'election-key',
    ]);
    expect(entries[entries.length - 1]!.payload).toMatchObject({ qualified: [1, 2, 3] });
    expect((await closePhase()).status).toBe(409);
    expect((await s.request('POST', `/api/v1/admin/elections/${id}/open`, { body: {} })).status).toBe(200);
  });
});
