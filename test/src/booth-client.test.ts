// The booth's logic (client/src, without the screens) against the real server on an in-memory
// database with the sample election: activation (wrong code, lockout, a lost answer completed with
// the same key), casting and re-voting, the voter's check of a receipt on the board (V13.10) and
// the Benaloh audit — each also against a server that lies (answers altered on their way back);
// and the election key taken from the board (Algorithm 7.6), refused when the election API or the
// board itself is altered, even by a server that holds the CEC's signing key.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  isValidIdnp as clientIdnp,
  normalizeActivationCode as clientNormalize,
} from '@evotare/client/src/activation.ts';
import { type Api, ApiError, createApi } from '@evotare/client/src/api.ts';
import { auditData, parseAuditData, runAudit, wasCast } from '@evotare/client/src/audit-check.ts';
import { CredentialStore } from '@evotare/client/src/credential-store.ts';
import { ElectionDataError, isLoaded, type LoadedElection, loadElection } from '@evotare/client/src/election.ts';
import { codeFromFragment, letterTarget } from '@evotare/client/src/letter.ts';
import { checkReceipt, fetchReceipt, findTrackingCodes } from '@evotare/client/src/receipt-check.ts';
import { exportCredential, openTransfer } from '@evotare/client/src/transfer.ts';
import {
  activateCredential,
  castBallot,
  credentialKeyPair,
  keepTransferred,
  lookUpCast,
} from '@evotare/client/src/voting.ts';
import { type EncryptedBallot, encryptBallot, signBallot } from '@evotare/crypto/ballot';
import { boardEntryHash, decodeBoardEntry, encodeBoardEntry } from '@evotare/crypto/board/entry';
import { MerkleTree } from '@evotare/crypto/board/merkle';
import { decodeSignedTreeHead, encodeSignedTreeHead, signTreeHead } from '@evotare/crypto/board/tree-head';
import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { canonicalBytes } from '@evotare/crypto/canonical-json';
import { electionFingerprint, formatFingerprint } from '@evotare/crypto/fingerprint';
import { GroupElement } from '@evotare/crypto/group';
import { manifestHash } from '@evotare/crypto/manifest';
import * as scalar from '@evotare/crypto/scalar';
import { generateSigningKey } from '@evotare/crypto/signature';
import { normalizeActivationCode as serverNormalize } from '@evotare/server/src/credentials/activation-code.ts';
import { activationUrl } from '@evotare/server/src/credentials/letters.ts';
import { openDatabase } from '@evotare/server/src/db/database.ts';
import { isValidIdnp as serverIdnp } from '@evotare/server/src/roll/idnp.ts';
import { prepareSampleElection, SAMPLE_ELECTION_ID, type SampleVoter } from '@evotare/server/src/sample.ts';
import { startTestServer, type TestServer } from '@evotare/server/src/testing/harness.ts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activationClaim, memoryStorage } from './_booth.ts';

type Alter = (path: string, body: string) => string;

describe('the booth’s logic against the server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-booth-client-'));
  let server: TestServer;
  let voters: SampleVoter[];
  let election: LoadedElection & { ctx: NonNullable<LoadedElection['ctx']> };

  /** The API as a browser reaches it; `alter` rewrites answers (a lying server), `drop` loses them. */
  const apiFor = (options: { alter?: Alter; drop?: (path: string) => boolean } = {}): Api =>
    createApi({
      language: () => 'ro',
      fetch: (async (input: string, init?: RequestInit) => {
        const response = await server.app.request(input, init);
        if (options.drop?.(input)) throw new TypeError('Failed to fetch');
        if (!options.alter) return response;
        const body = options.alter(input, await response.text());
        return new Response(body, { status: response.status, headers: response.headers });
      }) as typeof fetch,
    });
  const api = apiFor();
  const claim = activationClaim;

  beforeAll(async () => {
    server = await startTestServer(await openDatabase({ inMemory: true }));
    voters = (await prepareSampleElection(server.deps, dir))!;
    const loaded = await loadElection(api, SAMPLE_ELECTION_ID);
    if (!isLoaded(loaded) || loaded.ctx === null) throw new Error('the sample election has no key');
    election = loaded as typeof election;
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the election and refuses one whose manifest does not match its hash', async () => {
    expect(election.summary.state).toBe('open');
    expect(election.manifest.contests.map((c) => c.id)).toEqual(['president', 'eu-referendum']);
    const lying = apiFor({ alter: (_, body) => body.replace('Alegerea Președintelui', 'Alegerea Premierului') });
    await expect(loadElection(lying, SAMPLE_ELECTION_ID)).rejects.toThrow(ElectionDataError);
    await expect(loadElection(api, 'no-such-election')).rejects.toMatchObject({ problem: 'election-not-found' });
  });

  it('activates with the code of the letter after a wrong one, which leaves nothing on the device', async () => {
    const storage = memoryStorage();
    const store = new CredentialStore(storage);
    const v = voters[0]!;
    const wrong = await activateCredential(api, store, election, claim(v, 'AAAAA-AAAAA-AAAAA-AAAAA'));
    expect(wrong).toEqual({ ok: false, message: { key: 'errActivationTries', values: { tries: '4' } } });
    // Neither the refused key nor the IDNP's last digits and the date of birth stay behind.
    expect(store.credentials(SAMPLE_ELECTION_ID)).toEqual([]);
    expect(storage.size).toBe(0);
    const activated = await activateCredential(api, store, election, claim(v, v.code.toLowerCase()));
    if (!activated.ok) throw new Error('activation failed');
    expect(store.credentials(SAMPLE_ELECTION_ID)).toHaveLength(1);
    const active = store.credential(SAMPLE_ELECTION_ID, activated.publicKey)!;
    expect(active).toMatchObject({ status: 'active', publicKey: activated.publicKey });
    expect(active.holder).toEqual({ idnpEnd: v.idnp.slice(-4), birthDate: v.birthDate });
    expect(active.credential?.publicKey).toBe(activated.publicKey);
    // The code is used up: another device gets a clear refusal.
    const other = new CredentialStore(memoryStorage());
    expect(await activateCredential(api, other, election, claim(v))).toEqual({
      ok: false,
      message: { key: 'errAlreadyActivated' },
    });
  });

  it('locks the code after five wrong tries and says so', async () => {
    const store = new CredentialStore(memoryStorage());
    const v = voters[1]!;
    const outcomes = [];
    for (let i = 0; i < 5; i++) {
      outcomes.push(await activateCredential(api, store, election, claim(v, 'BBBBB-BBBBB-BBBBB-BBBBB')));
    }
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.message))).toEqual([
      { key: 'errActivationTries', values: { tries: '4' } },
      { key: 'errActivationTries', values: { tries: '3' } },
      { key: 'errActivationTries', values: { tries: '2' } },
      { key: 'errActivationLastTry', values: { tries: '1' } },
      { key: 'errActivationLocked' },
    ]);
    expect(await activateCredential(api, store, election, claim(v))).toEqual({
      ok: false,
      message: { key: 'errActivationLocked' },
    });
  });

  it('completes an activation whose answer was lost, with the key the server took', async () => {
    const store = new CredentialStore(memoryStorage());
    const v = voters[2]!;
    const lossy = apiFor({ drop: (path) => path.endsWith('/credentials') });
    expect(await activateCredential(lossy, store, election, claim(v))).toEqual({
      ok: false,
      message: { key: 'errNetwork' },
    });
    const [pending] = store.credentials(SAMPLE_ELECTION_ID);
    expect(pending).toMatchObject({ status: 'pending', outcomeUnknown: true });
    expect(await activateCredential(api, store, election, claim(v))).toEqual({
      ok: true,
      publicKey: pending!.publicKey,
    });
    const key = credentialKeyPair(store, SAMPLE_ELECTION_ID, pending!.publicKey)!;
    const cast = await castBallot(api, store, election, encryptBallot(election.ctx, key.publicKey, [0, 0]));
    expect(cast.ok).toBe(true);
  });

  describe('casting, re-voting and the voter’s checks', () => {
    const store = new CredentialStore(memoryStorage());
    let first: EncryptedBallot;
    let second: EncryptedBallot;
    let receipt: unknown;

    let publicKey = '';

    beforeAll(async () => {
      const activated = await activateCredential(api, store, election, claim(voters[3]!));
      if (!activated.ok) throw new Error('activation failed');
      publicKey = activated.publicKey;
      const key = credentialKeyPair(store, SAMPLE_ELECTION_ID, publicKey)!;
      first = encryptBallot(election.ctx, key.publicKey, [1, 0]);
      second = encryptBallot(election.ctx, key.publicKey, [11, 2]);
      const a = await castBallot(api, store, election, first);
      const b = await castBallot(api, store, election, second);
      if (!a.ok || !b.ok) throw new Error('casting failed');
      receipt = a.receipt;
      expect(store.receipts(SAMPLE_ELECTION_ID, publicKey).map((r) => r.trackingCode)).toEqual([
        toBase64Url(first.trackingCode),
        toBase64Url(second.trackingCode),
      ]);
    });

    it('checks a receipt on the board: signatures, entry, ballot, inclusion and consistency', async () => {
      const check = await checkReceipt(api, election, receipt, first.trackingCode);
      expect(check.steps.filter((s) => !s.ok)).toEqual([]);
      expect(check.steps.map((s) => s.id)).toEqual([
        'receipt',
        'tracking-code',
        'entry',
        'ballot',
        'head',
        'inclusion',
        'consistency',
      ]);
      expect(check.valid).toBe(true);
    });

    it('finds both ballots of a re-voting credential by their short codes, and tells neither which counts', async () => {
      for (const b of [first, second]) {
        const found = await findTrackingCodes(api, SAMPLE_ELECTION_ID, b.trackingCode.slice(0, 10));
        const receipt = await fetchReceipt(api, SAMPLE_ELECTION_ID, b.trackingCode);
        const check = await checkReceipt(api, election, receipt, b.trackingCode);
        expect(check.valid).toBe(true);
        expect(found).toEqual([{ position: check.receipt!.position, trackingCode: b.trackingCode }]);
      }
      const raw = await api.get(`/elections/${SAMPLE_ELECTION_ID}/ballots/${toBase64Url(first.trackingCode)}`);
      expect(Object.keys(raw as object)).toEqual(['receipt']);
      await expect(fetchReceipt(api, SAMPLE_ELECTION_ID, new Uint8Array(32))).rejects.toThrow(ApiError);
      expect(await findTrackingCodes(api, SAMPLE_ELECTION_ID, new Uint8Array(10))).toEqual([]);
    });

    it('catches a receipt for another ballot, a forged receipt and a board that lies', async () => {
      const failed = async (a: Api, r: unknown, code = first.trackingCode) =>
        (await checkReceipt(a, election, r, code)).steps.filter((s) => !s.ok).map((s) => s.id);
      expect(await failed(api, receipt, second.trackingCode)).toEqual(['tracking-code']);
      const json = receipt as { position: number; signature: string };
      const sig = fromBase64Url(json.signature);
      sig[0]! ^= 1;
      expect(await failed(api, { ...json, signature: toBase64Url(sig) })).toEqual(['receipt']);
      // The entry's time changed on the way: its hash no longer matches.
      const entryTime = apiFor({
        alter: (path, body) =>
          path.includes('/board/entries/')
            ? body.replace(/"time":"(\d{4})/, (_, y) => `"time":"${Number(y) + 1}`)
            : body,
      });
      expect(await failed(entryTime, receipt)).toEqual(['entry']);
      // Another entry is sent in its place.
      const otherEntry = apiFor({
        alter: (path, body) => (path.includes('/board/entries/') ? body.replace(/"seq":\d+/, '"seq":0') : body),
      });
      expect(await failed(otherEntry, receipt)).toEqual(['entry']);
      // An inclusion proof with one hash replaced.
      const badProof = apiFor({
        alter: (path, body) => {
          if (!path.includes('/board/inclusion')) return body;
          const x = JSON.parse(body);
          x.proof[0] = toBase64Url(new Uint8Array(32));
          return JSON.stringify(x);
        },
      });
      expect(await failed(badProof, receipt)).toEqual(['inclusion']);
      // A latest tree head not signed by the CEC.
      const badHead = apiFor({
        alter: (path, body) =>
          path.endsWith('/board/tree-head') ? body.replace(/"size":(\d+)/, '"size":$1000') : body,
      });
      expect(await failed(badHead, receipt)).toEqual(['head']);
      // A consistency proof that does not connect the receipt's head to the latest.
      const badConsistency = apiFor({
        alter: (path, body) => {
          if (!path.includes('/board/consistency')) return body;
          const x = JSON.parse(body);
          x.proof = [...x.proof].reverse();
          if (x.proof.length < 2) x.proof.push(toBase64Url(new Uint8Array(32)));
          return JSON.stringify(x);
        },
      });
      expect(await failed(badConsistency, receipt)).toEqual(['consistency']);
    });

    it('audits a ballot: the stated choices, unsigned and never cast; and catches audit data that lies', async () => {
      const key = credentialKeyPair(store, SAMPLE_ELECTION_ID, publicKey)!;
      const audited = encryptBallot(election.ctx, key.publicKey, [4, 1]);
      const data = auditData(audited);
      expect(Object.keys(data.ballot).sort()).toEqual(['contests', 'credential', 'election']);
      const outcome = runAudit(election, JSON.parse(JSON.stringify(data)));
      expect(outcome).toMatchObject({ valid: true, choices: [4, 1], proofsValid: true });
      expect(outcome.trackingCode).toEqual(audited.trackingCode);
      expect(await wasCast(api, SAMPLE_ELECTION_ID, audited.trackingCode)).toBe(false);
      const lie = runAudit(election, { ...data, audit: { ...data.audit, choices: [5, 1] } });
      expect(lie).toMatchObject({ valid: false, reason: expect.stringMatching(/^V08\.09 contest 0/) });
      const other = runAudit(election, { ...data, audit: { ...data.audit, randomness: [...first.audit.randomness] } });
      expect(other.valid).toBe(false);
      // Audit data holding a signed ballot is not audit data (the booth never makes it).
      const signed = { ...data, ballot: signBallot(election.ctx, data.ballot, key) };
      expect(parseAuditData(JSON.stringify(data))).toEqual(data);
      expect(parseAuditData(JSON.stringify(signed))).toBeNull();
      // A cast ballot is seen on the board.
      expect(await wasCast(api, SAMPLE_ELECTION_ID, first.trackingCode)).toBe(true);
    });

    it('signs only when casting, with the key the ballot was encrypted for: one not on this device is not cast', async () => {
      const elsewhere = encryptBallot(election.ctx, generateSigningKey().publicKey, [0, 0]);
      expect(await castBallot(api, store, election, elsewhere)).toEqual({
        ok: false,
        message: { key: 'errCredentialUnknown' },
        credentialLost: true,
      });
      expect(await castBallot(api, new CredentialStore(memoryStorage()), election, first)).toEqual({
        ok: false,
        message: { key: 'errCredentialUnknown' },
        credentialLost: true,
      });
    });

    it('casts the same ballot again after a lost answer: signed to the same bytes, the same receipt', async () => {
      const key = credentialKeyPair(store, SAMPLE_ELECTION_ID, publicKey)!;
      const ballot = encryptBallot(election.ctx, key.publicKey, [2, 0]);
      const lossy = apiFor({ drop: (path) => path.endsWith('/ballots') });
      expect(await castBallot(lossy, store, election, ballot)).toMatchObject({ ok: false, answerLost: true });
      // The lost answer is looked up by tracking code: the ballot was recorded, with its receipt.
      const found = await lookUpCast(api, store, election, ballot);
      expect(found.state).toBe('recorded');
      const unsent = encryptBallot(election.ctx, key.publicKey, [3, 0]);
      expect(await lookUpCast(api, store, election, unsent)).toEqual({ state: 'absent' });
      const again = await castBallot(api, store, election, ballot);
      const once = await castBallot(api, store, election, ballot);
      if (!again.ok || !once.ok) throw new Error('casting failed');
      expect(once.receipt).toEqual(again.receipt);
      expect(toBase64Url(ballot.trackingCode)).toBe(again.receipt.trackingCode);
    });

    it('keeps two voters apart on one device, and moves a key to another device with its code', async () => {
      const other = await activateCredential(api, store, election, claim(voters[4]!));
      if (!other.ok) throw new Error('activation failed');
      expect(store.active(SAMPLE_ELECTION_ID).map((c) => c.publicKey)).toEqual([publicKey, other.publicKey]);
      const theirs = encryptBallot(election.ctx, fromBase64Url(other.publicKey, 32), [5, 1]);
      const cast = await castBallot(api, store, election, theirs);
      if (!cast.ok) throw new Error('casting failed');
      expect(store.receipts(SAMPLE_ELECTION_ID, other.publicKey)).toEqual([cast.receipt]);
      expect(store.receipts(SAMPLE_ELECTION_ID, publicKey).map((r) => r.trackingCode)).not.toContain(
        cast.receipt.trackingCode,
      );
      // The second voter's key goes to a second device, sealed; the wrong code opens nothing.
      const importCredential = (into: CredentialStore, electionId: string, text: string, code: string) =>
        keepTransferred(into, electionId, openTransfer(electionId, text, code));
      const sealed = exportCredential(store, SAMPLE_ELECTION_ID, other.publicKey)!;
      const second = new CredentialStore(memoryStorage());
      const wrongCode = sealed.code.endsWith('A') ? `${sealed.code.slice(0, -1)}B` : `${sealed.code.slice(0, -1)}A`;
      expect(importCredential(second, SAMPLE_ELECTION_ID, sealed.text, wrongCode)).toEqual({
        ok: false,
        message: { key: 'moveErrCode' },
      });
      expect(importCredential(second, 'another-election', sealed.text, sealed.code)).toMatchObject({ ok: false });
      expect(importCredential(second, SAMPLE_ELECTION_ID, sealed.text, sealed.code)).toEqual({
        ok: true,
        publicKey: other.publicKey,
      });
      expect(second.active(SAMPLE_ELECTION_ID)[0]!.holder).toEqual({
        idnpEnd: voters[4]!.idnp.slice(-4),
        birthDate: voters[4]!.birthDate,
      });
      const fromSecond = await castBallot(
        api,
        second,
        election,
        encryptBallot(election.ctx, fromBase64Url(other.publicKey, 32), [6, 0]),
      );
      expect(fromSecond.ok).toBe(true);
      store.forget(SAMPLE_ELECTION_ID, other.publicKey);
      expect(store.active(SAMPLE_ELECTION_ID).map((c) => c.publicKey)).toEqual([publicKey]);
    });

    it('takes the election key from the board and shows its fingerprint', () => {
      expect(election.fingerprint).not.toBeNull();
      const f = election.fingerprint!;
      expect(f).toEqual(
        electionFingerprint(
          manifestHash(election.manifest),
          server.deps.authority.publicKey,
          election.ctx.electionKey.element,
        ),
      );
    });

    it('asks for a new activation when the credential was revoked (a new code was issued)', async () => {
      const r = await server.request('POST', `/api/v1/admin/elections/${SAMPLE_ELECTION_ID}/activation-codes`, {
        body: { idnps: [voters[3]!.idnp] },
      });
      expect(r.status).toBe(201);
      const key = credentialKeyPair(store, SAMPLE_ELECTION_ID, publicKey)!;
      const cast = await castBallot(api, store, election, encryptBallot(election.ctx, key.publicKey, [0, 0]));
      expect(cast).toEqual({ ok: false, message: { key: 'errCredentialRevoked' }, credentialLost: true });
      expect(store.credentials(SAMPLE_ELECTION_ID)).toEqual([]);
    });
  });

  describe('a server that shows the booth another key or manifest than the board’s', () => {
    const board = `/api/v1/elections/${SAMPLE_ELECTION_ID}/board`;
    const refusal = async (a: Api) => {
      const e = await loadElection(a, SAMPLE_ELECTION_ID).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ElectionDataError);
      return (e as Error).message;
    };
    /** Rewrites the election API's JSON answer (not the board's). */
    const electionApi = (change: (x: Record<string, unknown>) => void): Api =>
      apiFor({
        alter: (path, body) => {
          if (!path.endsWith(`/elections/${SAMPLE_ELECTION_ID}`)) return body;
          const x = JSON.parse(body);
          change(x);
          return JSON.stringify(x);
        },
      });
    const knownKey = () => GroupElement.generator.multiply(scalar.random());

    it('shows the same fingerprint as the server’s convenience field when nothing lies', async () => {
      const answer = (await api.get(`/elections/${SAMPLE_ELECTION_ID}`)) as { fingerprint: { short: string } };
      expect(formatFingerprint(election.fingerprint!)).toBe(answer.fingerprint.short);
    });

    it('refuses an election API whose election key is not the board’s', async () => {
      const other = toBase64Url(knownKey().encode());
      const lying = electionApi((x) => {
        x.electionKey = other;
      });
      expect(await refusal(lying)).toMatch(/election key is not the board/);
    });

    it('refuses an election API whose manifest is not the board’s, even with its own hash', async () => {
      const lying = electionApi((x) => {
        const m = x.manifest as { title: { ro: string } };
        m.title.ro = 'Alegeri altele';
        x.manifestHash = toBase64Url(manifestHash(m as never));
      });
      expect(await refusal(lying)).toMatch(/manifest is not the board/);
    });

    it('refuses a board entry changed on its way (the chain breaks)', async () => {
      const other = toBase64Url(knownKey().encode());
      const lying = apiFor({
        alter: (path, body) =>
          path.startsWith(`${board}?`)
            ? body.replace(/("type":"election-key".*?"electionKey":")[^"]+/, `$1${other}`)
            : body,
      });
      expect(await refusal(lying)).toMatch(/^V12\.06/);
    });

    it('refuses a board that the server re-signed with its own election key (the ceremony does not give it)', async () => {
      // A server holding the CEC's key: it rewrites the election-key entry, re-hashes it, and signs a
      // tree head over the altered board; the election API agrees with the altered board.
      const page = (await api.get(`/elections/${SAMPLE_ELECTION_ID}/board?from=0&limit=1000`)) as {
        entries: unknown[];
      };
      const entries = page.entries.map((j) => {
        const d = decodeBoardEntry(j);
        if ('error' in d) throw new Error('malformed entry');
        return d.entry;
      });
      const k = entries.findIndex((e) => e.type === 'election-key');
      const forgedKey = toBase64Url(knownKey().encode());
      const payload = { ...(entries[k]!.payload as object), electionKey: forgedKey };
      const altered = {
        ...entries[k]!,
        payload,
        hash: boardEntryHash(k, 'election-key', entries[k]!.time, canonicalBytes(payload), entries[k]!.previous),
      };
      const forged = [...entries.slice(0, k), altered];
      const tree = new MerkleTree();
      for (const e of forged) tree.append(e.hash);
      const head = decodeSignedTreeHead(await api.get(`${board.slice('/api/v1'.length)}/tree-head`));
      if (!('value' in head)) throw new Error('no head');
      const forgedHead = signTreeHead(
        { electionId: SAMPLE_ELECTION_ID, size: forged.length, root: tree.root(), time: head.value.time },
        server.deps.authority.secretKey,
      );
      const lying = apiFor({
        alter: (path, body) => {
          if (path.startsWith(`${board}?`))
            return JSON.stringify({ size: forged.length, next: null, entries: forged.map(encodeBoardEntry) });
          if (path === `${board}/tree-head`) return JSON.stringify(encodeSignedTreeHead(forgedHead));
          if (path.startsWith(`${board}/inclusion`))
            return JSON.stringify({ proof: tree.inclusionProof(k).map(toBase64Url) });
          if (path.endsWith(`/elections/${SAMPLE_ELECTION_ID}`))
            return body.replace(/"electionKey":"[^"]+"/, `"electionKey":"${forgedKey}"`);
          return body;
        },
      });
      expect(await refusal(lying)).toMatch(/^V09\.14/);
    });
  });
});

describe('the booth reads what the server writes', () => {
  it('reads typed codes as the server does', () => {
    const typed = fc.string({
      unit: fc.constantFrom(...'0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghijklmnopqrstuvwxyzOIL -_'.split('')),
    });
    fc.assert(fc.property(typed, (s) => clientNormalize(s) === serverNormalize(s)));
  });
  it('checks IDNPs as the roll import does', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{13}$/), (s) => clientIdnp(s) === serverIdnp(s)));
  });
  it('follows the link of an activation letter to the booth, with its code', () => {
    const url = new URL(activationUrl('https://vot.cec.md/', 'md-2024-10-20', 'N0V90-NJDWG-H22GE-R4RD2'));
    const target = new URL(letterTarget(url.hash)!, url);
    expect(target.pathname).toBe('/vote/md-2024-10-20');
    expect(codeFromFragment(target.hash)).toBe('N0V90-NJDWG-H22GE-R4RD2');
  });
});
