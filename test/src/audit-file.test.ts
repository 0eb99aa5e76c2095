// An audit file taken from the booth cannot be cast by anyone (docs/SPEC.md §8.2, §8.5, §13.4;
// issue 9 item 2). Against the server (its app, storage, board writer and ballot verification on
// worker threads, on an in-memory database) with the sample election, a voter uses the booth's
// logic (client/src) to activate, audit one ballot and cast another. The
// audit file — as the booth downloads it — then reaches others: a thief with no credential, and
// another voter with a live credential of their own. Every way they try to cast it is refused with
// the check ID and appends nothing; the audited ballot never reaches the board, and the ballot that
// counts for the voter is still the one they cast, on the public board and by their receipt.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApi } from '@evotare/client/src/api.ts';
import { type AuditData, auditData, parseAuditData, runAudit, wasCast } from '@evotare/client/src/audit-check.ts';
import { CredentialStore } from '@evotare/client/src/credential-store.ts';
import { isLoaded, type LoadedElection, loadElection } from '@evotare/client/src/election.ts';
import { checkReceipt, fetchReceipt } from '@evotare/client/src/receipt-check.ts';
import { activateCredential, castBallot, credentialKeyPair } from '@evotare/client/src/voting.ts';
import {
  BALLOT_NOT_SIGNED,
  type BallotJson,
  ballotSigningMessage,
  ballotTrackingCode,
  encryptBallot,
  signBallot,
  type UnsignedBallotJson,
} from '@evotare/crypto/ballot';
import { toBase64Url } from '@evotare/crypto/bytes';
import type { SignedReceiptJson } from '@evotare/crypto/credential';
import { generateSigningKey, type SigningKeyPair, sign } from '@evotare/crypto/signature';
import { openDatabase } from '@evotare/server/src/db/database.ts';
import { prepareSampleElection, SAMPLE_ELECTION_ID, type SampleVoter } from '@evotare/server/src/sample.ts';
import { startTestServer, type TestServer } from '@evotare/server/src/testing/harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activationClaim, memoryStorage } from './_booth.ts';

describe('an audit file from the booth', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-audit-file-'));
  let server: TestServer;
  let election: LoadedElection & { ctx: NonNullable<LoadedElection['ctx']> };
  /** The voter's device and the other voter's. */
  const voterStore = new CredentialStore(memoryStorage());
  const otherStore = new CredentialStore(memoryStorage());
  let voterKey: SigningKeyPair;
  let otherKey: SigningKeyPair;
  /** The audit file as the booth offers it for download, and the ballot the voter cast. */
  let file: string;
  let cast: { ballot: UnsignedBallotJson; trackingCode: Uint8Array; receipt: SignedReceiptJson };

  const api = () =>
    createApi({
      language: () => 'en',
      fetch: ((input: string, init?: RequestInit) => server.app.request(input, init)) as typeof fetch,
    });
  const post = (body: unknown) =>
    server.request('POST', `/api/v1/elections/${SAMPLE_ELECTION_ID}/ballots`, { body, token: null });
  const boardSize = async () =>
    ((await api().get(`/elections/${SAMPLE_ELECTION_ID}/board/tree-head`)) as { size: number }).size;

  async function activate(store: CredentialStore, v: SampleVoter): Promise<SigningKeyPair> {
    const outcome = await activateCredential(api(), store, election, activationClaim(v));
    if (!outcome.ok) throw new Error(`activation failed: ${outcome.message.key}`);
    return credentialKeyPair(store, SAMPLE_ELECTION_ID, outcome.publicKey)!;
  }

  beforeAll(async () => {
    server = await startTestServer(await openDatabase({ inMemory: true }));
    const voters = (await prepareSampleElection(server.deps, join(dir, 'data')))!;
    const loaded = await loadElection(api(), SAMPLE_ELECTION_ID);
    if (!isLoaded(loaded) || loaded.ctx === null) throw new Error('the sample election has no key');
    election = loaded as typeof election;
    voterKey = await activate(voterStore, voters[0]!);
    otherKey = await activate(otherStore, voters[1]!);

    // The voter audits one ballot (as vote.ts does: audit data, then the ballot is dropped) …
    const audited = encryptBallot(election.ctx, voterKey.publicKey, [3, 0]);
    file = `${JSON.stringify(auditData(audited), null, 2)}\n`;
    // … and casts another one.
    const real = encryptBallot(election.ctx, voterKey.publicKey, [1, 1]);
    const outcome = await castBallot(api(), voterStore, election, real);
    if (!outcome.ok) throw new Error(`casting failed: ${JSON.stringify(outcome.message)}`);
    cast = { ballot: real.ballot, trackingCode: real.trackingCode, receipt: outcome.receipt };
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Posts `body` and expects a refusal of that type whose detail starts with `detail`. */
  async function refused(body: unknown, status: number, type: string, detail?: RegExp | string): Promise<void> {
    const r = await post(body);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await r.json()) as { type: string; detail?: string };
    expect({ status: r.status, type: problem.type }).toEqual({ status, type: `urn:evotare:problem:${type}` });
    if (typeof detail === 'string') expect(problem.detail).toBe(detail);
    else if (detail) expect(problem.detail).toMatch(detail);
  }

  it('holds the choices, the randomness and an unsigned ballot — no signature anywhere', () => {
    const data = parseAuditData(file)!;
    expect(data).not.toBeNull();
    expect(file).not.toMatch(/signature/);
    expect(Object.keys(data.ballot).sort()).toEqual(['contests', 'credential', 'election']);
    expect(data.ballot.credential).toBe(toBase64Url(voterKey.publicKey));
    expect(runAudit(election, data)).toMatchObject({ valid: true, choices: [3, 0], proofsValid: true });
  });

  it('cannot be cast by anyone: unsigned, signed by another key, or moved to another credential', async () => {
    const data = parseAuditData(file) as AuditData;
    const ballot = data.ballot;
    const before = await boardSize();
    const signedBy = (key: SigningKeyPair, b: UnsignedBallotJson = ballot): BallotJson => ({
      ...b,
      signature: toBase64Url(sign('ballot', ballotSigningMessage(election.ctx, b), key.secretKey)),
    });

    // As it is, or the whole file: there is no signature to check.
    await refused(ballot, 422, 'ballot-invalid', BALLOT_NOT_SIGNED);
    await refused(data, 400, 'invalid-request');
    // A thief signs it with a key of their own, or with the other voter's credential key.
    await refused(signedBy(generateSigningKey()), 422, 'ballot-invalid', /^V08\.06 /);
    await refused(signedBy(otherKey), 422, 'ballot-invalid', /^V08\.06 /);
    // The signature of the voter's cast ballot, copied from the public board.
    const onBoard = (await api().get(`/elections/${SAMPLE_ELECTION_ID}/board/entries/${cast.receipt.position}`)) as {
      payload: BallotJson;
    };
    await refused({ ...ballot, signature: onBoard.payload.signature }, 422, 'ballot-invalid', /^V08\.06 /);
    // Moved under the other voter's live credential and signed by it: the proofs name the voter.
    const moved = signBallot(election.ctx, { ...ballot, credential: toBase64Url(otherKey.publicKey) }, otherKey);
    await refused(moved, 422, 'ballot-invalid', /^V08\.0[78] /);
    // Under a stranger's key: no such credential.
    const stranger = generateSigningKey();
    await refused(
      signedBy(stranger, { ...ballot, credential: toBase64Url(stranger.publicKey) }),
      403,
      'credential-unknown',
    );

    expect(await boardSize()).toBe(before);
    expect(await wasCast(api(), SAMPLE_ELECTION_ID, ballotTrackingCode(election.ctx, ballot))).toBe(false);
  });

  it('leaves the voter’s cast ballot the one that counts, on the board and by the receipt', async () => {
    expect(await fetchReceipt(api(), SAMPLE_ELECTION_ID, cast.trackingCode)).toEqual(cast.receipt);
    const check = await checkReceipt(api(), election, cast.receipt, cast.trackingCode);
    expect(check.steps.filter((s) => !s.ok)).toEqual([]);
    expect(check.valid).toBe(true);
    // On the public board, the voter's credential has exactly one ballot: the one cast.
    const board = (await api().get(`/elections/${SAMPLE_ELECTION_ID}/board?from=0&limit=1000`)) as {
      entries: { type: string; payload: BallotJson }[];
    };
    const mine = board.entries.filter((e) => e.type === 'ballot' && e.payload.credential === cast.ballot.credential);
    expect(mine.map((e) => toBase64Url(ballotTrackingCode(election.ctx, e.payload)))).toEqual([
      toBase64Url(cast.trackingCode),
    ]);
    expect(mine[0]!.payload).toEqual(signBallot(election.ctx, cast.ballot, voterKey));
  });
});
