// Decryption and the result on the server (docs/SPEC.md §14.4, §14.5): partial decryptions refused
// before mixing is complete, wrong ones refused with problem+json and the board unchanged (another
// trustee's, an altered share, a proof for another list, a second one from the same trustee), and
// once k valid ones are on the board the CEC-signed result, whose counts are the choices cast —
// re-votes and a paper vote included — on the results page and in JSON.
import { decodeAttachmentRef } from '@evotare/crypto/attachment';
import { electionContext, encryptAndSignBallot } from '@evotare/crypto/ballot';
import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { signTrusteeMessage } from '@evotare/crypto/dkg/messages';
import { GroupElement } from '@evotare/crypto/group';
import { type Manifest, ManifestSchema, manifestHash } from '@evotare/crypto/manifest';
import { type RowList, rowList } from '@evotare/crypto/shuffle/rows';
import { rowListDigest } from '@evotare/crypto/tally/list-digest';
import { verifyResult } from '@evotare/crypto/tally/result';
import type { PartialDecryptionMessage } from '@evotare/crypto/threshold/messages';
import { makePartialDecryption } from '@evotare/crypto/threshold/parallel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardSize, entryFromRow, readEntryRows } from '../board/board.ts';
import type { LocalTrustee } from '../ceremony/local-trustees.ts';
import { testDatabases } from '../testing/databases.ts';
import {
  exampleDefinition,
  makeParties,
  runCeremonyOverHttp,
  startTestServer,
  type TestServer,
} from '../testing/harness.ts';
import { mixHonestly } from '../testing/honest-mix.ts';
import { activateVoters } from '../testing/voters.ts';

describe.each(testDatabases)('decryption and the result on $name', ({ open }) => {
  let s: TestServer;
  const id = 'tally';
  const definition = exampleDefinition(id);
  let manifest: Manifest;
  let h: Uint8Array;
  let Y: GroupElement;
  let trustees: LocalTrustee[];
  let vks: GroupElement[];
  let mixNodes: ReturnType<typeof makeParties>['mixNodes'];
  const counted = new Map<number, number[]>();
  const admin = (path: string, body: unknown = {}) =>
    s.request('POST', `/api/v1/admin/elections/${id}${path}`, { body });
  const get = (path: string, headers: Record<string, string> = {}) =>
    s.request('GET', `/api/v1/elections/${id}${path}`, { token: null, headers });
  const post = (body: unknown) =>
    s.request('POST', `/api/v1/elections/${id}/partial-decryptions`, { token: null, body });
  const size = () => boardSize(s.deps.db, id);

  beforeAll(async () => {
    s = await startTestServer(await open());
    await s.request('POST', '/api/v1/admin/elections', { body: definition });
    const parties = makeParties(definition);
    trustees = parties.trustees;
    mixNodes = parties.mixNodes;
    await s.request('PUT', `/api/v1/admin/elections/${id}/parties`, { body: parties.parties });
    await admin('/key-ceremony');
    const voters = await activateVoters(s, id, 8);
    Y = GroupElement.decode(fromBase64Url(await runCeremonyOverHttp(s, id, trustees), 32));
    await admin('/open');
    manifest = ManifestSchema.parse(((await (await get('')).json()) as { manifest: Manifest }).manifest);
    h = manifestHash(manifest);
    const ctx = electionContext(manifest, Y);
    const cast = async (voter: number, choices: number[]) => {
      const r = await s.request('POST', `/api/v1/elections/${id}/ballots`, {
        token: null,
        body: encryptAndSignBallot(ctx, voters[voter]!.credential, choices),
      });
      expect(r.status).toBe(201);
      counted.set(voter, choices);
    };
    await cast(0, [1, 0]);
    await cast(1, [1, 1]);
    await cast(2, [0, 0]);
    await cast(3, [11, 2]); // blank in both contests
    await cast(4, [2, 0]);
    await cast(5, [1, 0]);
    await cast(1, [3, 0]); // re-vote: counts instead of [1, 1]
    await cast(0, [1, 2]); // re-vote
    // Voter 5 voted on paper too: the e-vote does not count.
    expect((await admin('/revocations', { idnp: voters[5]!.idnp, reason: 'voted-in-person' })).status).toBe(200);
    counted.delete(5);
    expect((await admin('/close', { reason: 'the test is over' })).status).toBe(200);
    vks = (
      (await readEntryRows(s.deps.db, id, 0, 1000)).map(entryFromRow).find((e) => e.type === 'election-key')!
        .payload as { verificationKeys: string[] }
    ).verificationKeys.map((k) => GroupElement.decode(fromBase64Url(k, 32)));
  });
  afterAll(() => s?.close());

  const finalList = async (): Promise<RowList> => {
    const status = (await (await get('/mixing')).json()) as {
      current: { width: number; data: { attachment: string } };
    };
    const bytes = new Uint8Array(await (await get(`/attachments/${status.current.data.attachment}`)).arrayBuffer());
    return rowList(bytes, status.current.width);
  };

  const partialFor = async (t: LocalTrustee, list: RowList) =>
    makePartialDecryption(undefined, {
      electionId: id,
      trustee: { manifestHash: h, index: t.index, verificationKey: vks[t.index - 1]! },
      list,
      listDigest: rowListDigest(list),
      secretShare: t.secretShare!,
      signingKey: t.keys.secret.signingKey,
    });

  const resign = (t: LocalTrustee, body: Omit<PartialDecryptionMessage, 'signature'>) =>
    signTrusteeMessage<PartialDecryptionMessage>('partial-decryption', h, body, t.keys.secret.signingKey);

  const refused = async (body: unknown, status: number, type: string, detail?: RegExp) => {
    const before = await size();
    const r = await post(body);
    expect(r.status).toBe(status);
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await r.json()) as { type: string; detail?: string };
    expect(problem.type).toBe(`urn:evotare:problem:${type}`);
    if (detail) expect(problem.detail).toMatch(detail);
    expect(await size()).toBe(before);
  };

  it('takes no partial decryption before mixing is complete, and has no result yet', async () => {
    const mixInput = await finalList();
    await refused(await partialFor(trustees[0]!, mixInput), 409, 'wrong-state');
    const r = await get('/result');
    expect(r.status).toBe(404);
    expect(await r.json()).toMatchObject({ type: 'urn:evotare:problem:result-not-published' });
    const page = await s.app.request(`/elections/${id}/results?lang=en`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(
      /There is no result yet\.<br>Current stage: <strong>mixing the ballots<\/strong>/,
    );
    const ro = await (await s.app.request(`/elections/${id}/results`)).text();
    expect(ro).toContain('Rezultatele nu sunt încă disponibile.');
  });

  it('refuses wrong partial decryptions and leaves the board unchanged', async () => {
    const mixInput = await finalList();
    await mixHonestly(async (path, init) => s.app.request(path, init), id, h, Y, mixNodes);
    const list = await finalList();
    expect(rowListDigest(list)).not.toEqual(rowListDigest(mixInput));
    const [one, two, three] = trustees as [LocalTrustee, LocalTrustee, LocalTrustee];

    // Trustee 2's message passed off as trustee 3's: the signature is not trustee 3's.
    const ofTwo = await partialFor(two, list);
    await refused({ ...ofTwo, sender: 3 }, 422, 'partial-decryption-invalid', /^V10\.02 /);
    // An altered share, signed again by its trustee: the batched proof fails.
    const { signature: _, ...body } = ofTwo;
    const altered = [...body.decryptionShares];
    altered[4] = altered[5]!;
    await refused(resign(two, { ...body, decryptionShares: altered }), 422, 'partial-decryption-invalid', /^V10\.05 /);
    // A decryption of another list (the mix input), with its own valid proof.
    await refused(await partialFor(two, mixInput), 422, 'partial-decryption-invalid', /^V10\.03 /);
    // …or its shares and proof presented as being for the final list.
    const other = await partialFor(two, mixInput);
    const { signature: __, ...otherBody } = other;
    await refused(
      resign(two, { ...otherBody, list: toBase64Url(rowListDigest(list)) }),
      422,
      'partial-decryption-invalid',
      /^V10\.05 /,
    );
    await refused({ type: 'partial-decryption' }, 422, 'partial-decryption-invalid', /^V10\.01 /);

    // A valid one is accepted, once; the same message again gets the same position.
    const first = await post(await partialFor(one, list).then((m) => m));
    expect(first.status).toBe(201);
    const accepted = (await first.json()) as { position: number; result: number | null; partialDecryptions: number };
    expect(accepted).toMatchObject({ partialDecryptions: 1, threshold: 2, result: null });
    const entry = entryFromRow((await readEntryRows(s.deps.db, id, accepted.position, 1))[0]!);
    expect(entry.type).toBe('partial-decryption');
    const ref = decodeAttachmentRef(
      (entry.payload as { decryptionShares: { attachment: string; bytes: number } }).decryptionShares,
    );
    expect(ref.bytes).toBe(32 * list.count * list.width);
    await refused(await partialFor(one, list), 409, 'partial-decryption-exists');
    void three;
  });

  it('publishes the signed result once k trustees have decrypted: the choices cast', async () => {
    const list = await finalList();
    const three = trustees[2]!;
    const r = await post(await partialFor(three, list));
    expect(r.status).toBe(201);
    const accepted = (await r.json()) as { result: number };
    expect(accepted.result).toBeGreaterThan(0);
    const entries = (await readEntryRows(s.deps.db, id, 0, 10_000)).map(entryFromRow);
    const result = entries.at(-1)!;
    expect(result).toMatchObject({ type: 'result', seq: accepted.result });
    const state = (await (await get('')).json()) as { state: string };
    expect(state.state).toBe('tallied');

    // What the voters chose, counted by hand: each voter's last ballot, voter 5's not at all.
    expect([...counted.values()]).toEqual([
      [1, 2],
      [3, 0],
      [0, 0],
      [11, 2],
      [2, 0],
    ]);
    expect(result.payload).toMatchObject({
      decryptedBy: [1, 3],
      contests: [
        {
          id: 'president',
          counts: { stoianoglo: 1, sandu: 1, usatii: 1, tarlev: 1, vlah: 0, morari: 0 },
          blank: 1,
          invalid: 0,
        },
        { id: 'eu-referendum', counts: { da: 3, nu: 0 }, blank: 2, invalid: 0 },
      ],
      turnout: {
        ballotsReceived: 8,
        credentialsIssued: 8,
        credentialsRevoked: 1,
        credentialsCounted: 5,
        ballotsSuperseded: 2,
        ballotsOfRevokedCredentials: 1,
      },
    });
    const payload = result.payload as { choices: { attachment: string } };
    const choices = new Uint8Array(await (await get(`/attachments/${payload.choices.attachment}`)).arrayBuffer());
    const mixInput = entries.find((e) => e.type === 'mix-input')!.payload as { turnout: object };
    expect(
      verifyResult(manifest, h, s.deps.authority.publicKey, result.payload, choices, {
        list: rowListDigest(list),
        rows: 5,
        decryptedBy: [1, 3],
        turnout: mixInput.turnout as never,
      }),
    ).toEqual({ valid: true });

    // Published: JSON and the page, in three languages.
    const json = (await (await get('/result')).json()) as { state: string; position: number; paperOverrides: number };
    expect(json).toMatchObject({ state: 'tallied', position: accepted.result, paperOverrides: 1, rollSize: 8 });
    const en = await (await s.app.request(`/elections/${id}/results?lang=en`)).text();
    expect(en).toContain('Blank ballots');
    expect(en).toMatch(/Ballots counted \(one per voter\)<\/td><td class="n">5</);
    expect(en).toMatch(/Voters who then voted on paper at a polling station<\/td><td class="n">1</);
    expect(en).toMatch(/Votes replaced by a later vote \(re-votes\)<\/td><td class="n">2</);
    expect(en).toContain('62.50%'); // participation: 5 of 8
    const ru = await (await s.app.request(`/elections/${id}/results`, { headers: { 'accept-language': 'ru' } })).text();
    expect(ru).toContain('Пустые бюллетени');
    const css = await s.app.request('/elections/results.css');
    expect(css.headers.get('content-type')).toMatch(/text\/css/);

    // Nothing more to decrypt; the result is not published twice.
    await refused(await partialFor(trustees[1]!, list), 409, 'wrong-state');
    const again = await admin('/result');
    expect(await again.json()).toEqual({ position: accepted.result });
    expect(entries.filter((e) => e.type === 'result')).toHaveLength(1);
  });

  it('publishes a result of zero counts, with no trustee, when no ballot counts', async () => {
    const empty = 'tally-empty';
    const d = exampleDefinition(empty);
    await s.request('POST', '/api/v1/admin/elections', { body: d });
    const parties = makeParties(d);
    await s.request('PUT', `/api/v1/admin/elections/${empty}/parties`, { body: parties.parties });
    await s.request('POST', `/api/v1/admin/elections/${empty}/key-ceremony`, { body: {} });
    await runCeremonyOverHttp(s, empty, parties.trustees);
    await s.request('POST', `/api/v1/admin/elections/${empty}/open`, { body: {} });
    expect(
      await (
        await s.request('POST', `/api/v1/admin/elections/${empty}/close`, { body: { reason: 'the test is over' } })
      ).json(),
    ).toMatchObject({
      state: 'decrypting',
    });
    const nothing = await s.request('POST', `/api/v1/elections/${empty}/partial-decryptions`, {
      token: null,
      body: { type: 'partial-decryption' },
    });
    expect(await nothing.json()).toMatchObject({ detail: 'the final list is empty: there is nothing to decrypt' });
    const r = await s.request('POST', `/api/v1/admin/elections/${empty}/result`, { body: {} });
    expect(r.status).toBe(201);
    const { result } = (await (await s.request('GET', `/api/v1/elections/${empty}/result`)).json()) as {
      result: { decryptedBy: number[]; contests: Array<{ counts: Record<string, number> }>; choices?: unknown };
    };
    expect(result.decryptedBy).toEqual([]);
    expect(result.choices).toBeUndefined();
    expect(Object.values(result.contests[1]!.counts)).toEqual([0, 0]);
    const page = await (await s.app.request(`/elections/${empty}/results?lang=en`)).text();
    expect(page).toMatch(/Ballots counted \(one per voter\)<\/td><td class="n">0</);
  });

  it('says plainly that there is no such election', async () => {
    const page = await s.app.request('/elections/no-such-election/results?lang=en');
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('There is no such election.');
  });
});
