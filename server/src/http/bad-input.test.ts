// Bad input at every endpoint: each answer is a 4xx problem+json with a stable type and no stack
// trace, never a 5xx, and the board does not change.
import { type BallotJson, electionContext, encryptAndSignBallot } from '@evotare/crypto/ballot';
import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { GroupElement } from '@evotare/crypto/group';
import { type Manifest, ManifestSchema } from '@evotare/crypto/manifest';
import { generateSigningKey } from '@evotare/crypto/signature';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../testing/databases.ts';
import {
  exampleDefinition,
  makeParties,
  runCeremonyOverHttp,
  startTestServer,
  type TestServer,
} from '../testing/harness.ts';
import { activateVoters, type TestVoter } from '../testing/voters.ts';
import { PROBLEM_TYPE_PREFIX } from './problem.ts';

describe.each(testDatabases)('bad input on $name', ({ open }) => {
  let s: TestServer;
  const id = 'bad-input';
  let voters: TestVoter[];
  let ctx: ReturnType<typeof electionContext>;
  let good: BallotJson;

  beforeAll(async () => {
    s = await startTestServer(await open());
    const definition = exampleDefinition(id);
    const { parties, trustees } = makeParties(definition);
    await s.request('POST', '/api/v1/admin/elections', { body: definition });
    await s.request('PUT', `/api/v1/admin/elections/${id}/parties`, { body: parties });
    await s.request('POST', `/api/v1/admin/elections/${id}/key-ceremony`, { body: {} });
    voters = await activateVoters(s, id, 3);
    const key = await runCeremonyOverHttp(s, id, trustees);
    await s.request('POST', `/api/v1/admin/elections/${id}/open`, { body: {} });
    const manifest = ManifestSchema.parse(
      ((await (await s.request('GET', `/api/v1/elections/${id}`, { token: null })).json()) as { manifest: Manifest })
        .manifest,
    );
    ctx = electionContext(manifest, GroupElement.decode(fromBase64Url(key)));
    good = encryptAndSignBallot(ctx, voters[0]!.credential, [1, 1]);
  });
  afterAll(() => s?.close());

  async function boardCount(): Promise<number> {
    const r = await sql<{ n: number }>`select count(*)::int as n from board_entry`.execute(s.deps.db);
    return r.rows[0]!.n;
  }

  async function expectProblem(
    response: Response | Promise<Response>,
    status: number | readonly number[],
    type?: string,
  ): Promise<void> {
    const r = await response;
    const statuses = typeof status === 'number' ? [status] : status;
    const text = await r.text();
    expect(statuses, text).toContain(r.status);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    const doc = JSON.parse(text) as { type: string; title: string; status: number };
    expect(doc.type.startsWith(PROBLEM_TYPE_PREFIX)).toBe(true);
    expect(doc.status).toBe(r.status);
    if (type) expect(doc.type).toBe(`${PROBLEM_TYPE_PREFIX}${type}`);
    expect(text).not.toMatch(/\n\s+at |stack|\.ts:\d+/);
  }

  const post = (path: string, body: unknown, headers?: Record<string, string>) =>
    s.request('POST', path, { token: null, body, ...(headers ? { headers } : {}) });

  const junkBodies: Array<[string, string, Record<string, string>?]> = [
    ['malformed JSON', '{"election": '],
    ['not JSON at all', 'hello'],
    ['invalid UTF-8', '\udc80'],
    ['wrong types', JSON.stringify({ election: 5, credential: [], contests: 'x', signature: null })],
    ['an array', '[]'],
    ['null', 'null'],
    ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['deep nesting in an object', `{"a":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`],
    ['unclosed deep nesting', '{"a":'.repeat(200_000)],
    ['extra members', JSON.stringify({ x: 1 })],
    ['the wrong media type', '{}', { 'content-type': 'text/plain' }],
  ];

  it('refuses junk bodies at every public POST endpoint', async () => {
    const before = await boardCount();
    for (const path of [
      `/api/v1/elections/${id}/ballots`,
      `/api/v1/elections/${id}/credentials`,
      `/api/v1/elections/${id}/ceremony/messages`,
      `/api/v1/elections/${id}/board/cosignatures`,
    ]) {
      for (const [what, body, headers] of junkBodies) {
        const r = await post(path, body, headers);
        await expectProblem(r, [400, 409, 413, 415], undefined).catch((e) => {
          throw new Error(`${path}, ${what}: ${e.message}`);
        });
      }
      await expectProblem(post(path, 'x'.repeat(2 * 1024 * 1024)), [413, 415], undefined);
      await expectProblem(post(path, `"${'x'.repeat(600 * 1024)}"`), 413, 'payload-too-large');
    }
    expect(await boardCount()).toBe(before);
  });

  it('refuses a body larger than announced or than allowed, even without Content-Length', async () => {
    const big = JSON.stringify({ ...good, signature: 'A'.repeat(500_000) });
    await expectProblem(post(`/api/v1/elections/${id}/ballots`, big), 413, 'payload-too-large');
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue(new TextEncoder().encode('x'.repeat(100_000)));
        c.close();
      },
    });
    const r = await s.app.request(`/api/v1/elections/${id}/ballots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expectProblem(r, 413, 'payload-too-large');
  });

  it('refuses bad ballots with the reason, and leaves the board unchanged', async () => {
    const before = await boardCount();
    const ballots = `/api/v1/elections/${id}/ballots`;
    const ct = fromBase64Url(good.contests[0]!.ciphertext);
    const nonCanonical = ct.slice();
    nonCanonical.set(new Uint8Array(32).fill(0xff), 0);
    nonCanonical[31] = 0x7f;
    const identity = ct.slice();
    identity.set(new Uint8Array(32), 0);
    const withCiphertext = (bytes: Uint8Array) => ({
      ...good,
      contests: [{ ...good.contests[0]!, ciphertext: toBase64Url(bytes) }, good.contests[1]!],
    });
    await expectProblem(post(ballots, withCiphertext(nonCanonical)), 422, 'ballot-invalid');
    await expectProblem(post(ballots, withCiphertext(identity)), 422, 'ballot-invalid');
    await expectProblem(post(ballots, { ...good, contests: good.contests.slice(0, 1) }), 422, 'ballot-invalid');
    // a signature with one bit flipped (replacing characters could leave it unchanged by chance)
    const flipped = fromBase64Url(good.signature, 64);
    flipped[0] = (flipped[0] as number) ^ 1;
    const badSignature = await post(ballots, { ...good, signature: toBase64Url(flipped) });
    expect(await badSignature.clone().json()).toMatchObject({ detail: expect.stringMatching(/^V08\.06 /) });
    await expectProblem(badSignature, 422, 'ballot-invalid');
    // Not signed (as in a voter's audit data): refused with the check ID.
    const { signature: _, ...unsigned } = good;
    const notSigned = await post(ballots, unsigned);
    expect(await notSigned.clone().json()).toMatchObject({ detail: expect.stringMatching(/^V08\.01 .*not signed/) });
    await expectProblem(notSigned, 422, 'ballot-invalid');
    await expectProblem(post(ballots, { ...good, election: 'another-election' }), 422, 'wrong-election');
    await expectProblem(post(`/api/v1/elections/nope/ballots`, good), 404, 'election-not-found');
    const stranger = encryptAndSignBallot(ctx, generateSigningKey(), [0, 0]);
    await expectProblem(post(ballots, stranger), 403, 'credential-unknown');
    // Replayed under another credential (the signature no longer matches).
    await expectProblem(
      post(ballots, { ...good, credential: toBase64Url(voters[1]!.credential.publicKey) }),
      422,
      'ballot-invalid',
    );
    expect(await boardCount()).toBe(before);
  });

  it('refuses bad activations', async () => {
    const before = await boardCount();
    const credentials = `/api/v1/elections/${id}/credentials`;
    const key = toBase64Url(generateSigningKey().publicKey);
    const v = voters[0]!;
    await expectProblem(
      post(credentials, { idnp: v.idnp, birthDate: v.birthDate, code: 'AAAAA-AAAAA-AAAAA-AAAAA', credentialKey: key }),
      [403, 409],
    );
    await expectProblem(
      post(credentials, { idnp: '123', birthDate: v.birthDate, code: 'x', credentialKey: key }),
      400,
      'invalid-request',
    );
    await expectProblem(
      post(credentials, { idnp: v.idnp, birthDate: '1990-02-30', code: 'x', credentialKey: key }),
      400,
    );
    const small = new Uint8Array(32);
    small[0] = 1;
    await expectProblem(
      post(credentials, { idnp: v.idnp, birthDate: v.birthDate, code: 'x', credentialKey: toBase64Url(small) }),
      422,
      'invalid-credential-key',
    );
    await expectProblem(
      post(credentials, { idnp: v.idnp, birthDate: v.birthDate, code: 'x', credentialKey: `${key.slice(0, -1)}B` }),
      400,
    );
    expect(await boardCount()).toBe(before);
  });

  it('refuses bad board queries', async () => {
    const board = `/api/v1/elections/${id}/board`;
    const get = (path: string) => s.request('GET', path, { token: null });
    for (const q of ['?from=-1', '?from=abc', '?limit=1e9', '?from=1&extra=2', '?from=99999999999999999999']) {
      await expectProblem(get(`${board}${q}`), 400, 'invalid-request');
    }
    await expectProblem(get(`${board}/entries/999999`), 404, 'entry-not-found');
    await expectProblem(get(`${board}/inclusion?position=x`), 400);
    await expectProblem(get(`${board}/inclusion?trackingCode=${'A'.repeat(43)}`), 404, 'entry-not-found');
    await expectProblem(get(`${board}/inclusion?position=0&size=99999`), 400, 'tree-size-invalid');
    await expectProblem(get(`${board}/consistency?first=0`), 400, 'tree-size-invalid');
    await expectProblem(get(`${board}/consistency?first=5&second=2`), 400, 'tree-size-invalid');
    await expectProblem(get(`${board}/nothing-here`), 404, 'not-found');
    await expectProblem(get(`/api/v1/elections/${id}/ballots/${'A'.repeat(43)}`), 404, 'entry-not-found');
    await expectProblem(get('/api/v1/elections/nope/board'), 404, 'election-not-found');
    await expectProblem(get(`/api/v1/elections/${'é'.repeat(70)}`), 404);
  });

  it('refuses co-signatures from strangers and of heads the CEC never signed', async () => {
    const head = await (await s.request('GET', `/api/v1/elections/${id}/board/tree-head`, { token: null })).json();
    const stranger = generateSigningKey();
    const body = { observerKey: toBase64Url(stranger.publicKey), treeHead: head, signature: 'A'.repeat(86) };
    await expectProblem(post(`/api/v1/elections/${id}/board/cosignatures`, body), 403, 'observer-unknown');
  });

  it('refuses ceremony messages once the ceremony is over', async () => {
    await expectProblem(
      post(`/api/v1/elections/${id}/ceremony/messages`, { type: 'dkg-commitment', electionId: id }),
      409,
      'wrong-state',
    );
  });

  it('answers every official route without a valid token with 401, whatever the body', async () => {
    const admin = s.app.routes.filter((r) => r.path.startsWith('/api/v1/admin') && r.method !== 'ALL');
    expect(admin.length).toBeGreaterThan(10);
    const before = await boardCount();
    for (const { method, path } of admin) {
      const concrete = path.replace(/:id\b/, id);
      for (const token of [null, `evo_${'A'.repeat(43)}`, 'not-a-token']) {
        const r = await s.request(method, concrete, { token, ...(method === 'GET' ? {} : { body: {} }) });
        await expectProblem(r, 401, 'unauthorized');
        expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
    }
    await expectProblem(s.request('GET', '/api/v1/admin/anything-else', { token: null }), 401, 'unauthorized');
    expect(await boardCount()).toBe(before);
  });

  it('refuses malformed official requests with 4xx', async () => {
    const before = await boardCount();
    await expectProblem(
      s.request('POST', '/api/v1/admin/elections', { body: { electionId: 'x' } }),
      400,
      'invalid-request',
    );
    await expectProblem(s.request('POST', `/api/v1/admin/elections/${id}/roll`, { body: { csv: 5 } }), 400);
    await expectProblem(
      s.request('POST', `/api/v1/admin/elections/${id}/activation-codes`, { body: { idnps: ['1'] } }),
      400,
    );
    await expectProblem(
      s.request('POST', `/api/v1/admin/elections/${id}/revocations`, { body: { idnp: '2000000000007', reason: 'x' } }),
      400,
    );
    await expectProblem(
      s.request('POST', `/api/v1/admin/elections/nope/open`, { body: {} }),
      404,
      'election-not-found',
    );
    await expectProblem(
      s.request('POST', `/api/v1/admin/elections/${id}/key-ceremony`, { body: {} }),
      409,
      'wrong-state',
    );
    await expectProblem(s.request('POST', '/api/v1/admin/officials', { body: { name: '<script>' } }), 400);
    expect(await boardCount()).toBe(before);
  });

  it('refuses ballots of a revoked credential and of a closed election', async () => {
    const voter = voters[2]!;
    const ballot = encryptAndSignBallot(ctx, voter.credential, [0, 0]);
    await s.request('POST', `/api/v1/admin/elections/${id}/revocations`, {
      body: { idnp: voter.idnp, reason: 'withdrawn' },
    });
    const before = await boardCount();
    await expectProblem(post(`/api/v1/elections/${id}/ballots`, ballot), 403, 'credential-revoked');
    await s.request('POST', `/api/v1/admin/elections/${id}/close`, { body: { reason: 'the test is over' } });
    const closed = await boardCount();
    // voting-closed, the mix input, and (no ballot counts here) mixing-completed at once (§14.2, §14.3)
    expect(closed).toBe(before + 3);
    await expectProblem(post(`/api/v1/elections/${id}/ballots`, good), 409, 'wrong-state');
    expect(await boardCount()).toBe(closed);
  });
});
