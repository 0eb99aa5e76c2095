import { decodeSignedTreeHead, verifyTreeHead } from '@evotare/crypto/board/tree-head';
import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { decodeSignedCredential, verifyCredential } from '@evotare/crypto/credential';
import { generateSigningKey } from '@evotare/crypto/signature';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryFromRow, readEntryRows } from '../board/board.ts';
import { testDatabases } from '../testing/databases.ts';
import {
  exampleDefinition,
  makeParties,
  rollCsv,
  runCeremonyOverHttp,
  startTestServer,
  type TestServer,
} from '../testing/harness.ts';
import { MAX_FAILED_ATTEMPTS } from './activation-code-provider.ts';

interface Code {
  idnp: string;
  name: string;
  country: string;
  code: string;
}

describe.each(testDatabases)('activation codes and credentials on $name', ({ open }) => {
  let s: TestServer;
  const id = 'creds';
  const definition = exampleDefinition(id);
  const roll = rollCsv(8);
  const birth = new Map<string, string>();
  for (const line of roll.csv.trim().split('\n').slice(1)) {
    const [idnp, , date] = line.split(',');
    birth.set(idnp!, date!);
  }
  let codes: Code[] = [];
  const { parties, trustees } = makeParties(definition);
  let manifestHashB64 = '';

  const activate = (idnp: string, code: string, key = generateSigningKey().publicKey, birthDate = birth.get(idnp)!) =>
    s.request('POST', `/api/v1/elections/${id}/credentials`, {
      token: null,
      body: { idnp, birthDate, code, credentialKey: toBase64Url(key) },
    });

  beforeAll(async () => {
    s = await startTestServer(await open());
    await s.request('POST', '/api/v1/admin/elections', { body: definition });
    await s.request('PUT', `/api/v1/admin/elections/${id}/parties`, { body: parties });
    await s.request('POST', `/api/v1/admin/elections/${id}/roll`, { body: { csv: roll.csv } });
  });
  afterAll(() => s?.close());

  it('issues one code per voter, in pages, and never twice unless asked', async () => {
    const first = await s.request('POST', `/api/v1/admin/elections/${id}/activation-codes`, { body: { limit: 5 } });
    expect(first.status).toBe(201);
    const a = (await first.json()) as { codes: Code[]; remaining: number };
    expect(a.codes).toHaveLength(5);
    expect(a.remaining).toBe(3);
    const b = (await (
      await s.request('POST', `/api/v1/admin/elections/${id}/activation-codes`, { body: {} })
    ).json()) as {
      codes: Code[];
      remaining: number;
    };
    expect(b.codes).toHaveLength(3);
    expect(b.remaining).toBe(0);
    codes = [...a.codes, ...b.codes];
    expect(new Set(codes.map((c) => c.idnp))).toEqual(new Set(roll.idnps));
    for (const c of codes) expect(c.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
    // Only a slow hash is stored.
    const stored = await s.deps.db.selectFrom('activation_code').selectAll().execute();
    expect(stored.some((r) => Buffer.from(r.hash).toString().includes(codes[0]!.code))).toBe(false);
    expect(stored[0]!.params).toBe('16384,8,1');
  });

  it('does not activate before the key ceremony has frozen the manifest', async () => {
    const r = await activate(codes[0]!.idnp, codes[0]!.code);
    expect(r.status).toBe(409);
    expect(((await r.json()) as { type: string }).type).toBe('urn:evotare:problem:wrong-state');
    const start = await s.request('POST', `/api/v1/admin/elections/${id}/key-ceremony`, { body: {} });
    manifestHashB64 = ((await start.json()) as { manifestHash: string }).manifestHash;
  });

  it('activates with IDNP, date of birth and code (typed loosely), signing a credential that names no voter', async () => {
    const key = generateSigningKey();
    const typed = codes[0]!.code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    const r = await activate(codes[0]!.idnp, typed, key.publicKey);
    expect(r.status).toBe(201);
    const body = (await r.json()) as { credential: unknown; position: number; treeHead: unknown };
    const credential = decodeSignedCredential(body.credential);
    expect('value' in credential).toBe(true);
    if (!('value' in credential)) return;
    expect(
      verifyCredential(credential.value, s.deps.authority.publicKey, {
        electionId: id,
        manifestHash: fromBase64Url(manifestHashB64),
      }),
    ).toEqual({ valid: true });
    const head = decodeSignedTreeHead(body.treeHead);
    expect('value' in head && verifyTreeHead(head.value, s.deps.authority.publicKey)).toEqual({ valid: true });
    const entry = entryFromRow((await readEntryRows(s.deps.db, id, body.position, 1))[0]!);
    expect(entry.type).toBe('credential-issued');
    expect(entry.payload).toEqual(body.credential);
    const boardText = JSON.stringify((await readEntryRows(s.deps.db, id, 0, 1000)).map((e) => e.payload));
    for (const c of codes) {
      expect(boardText).not.toContain(c.idnp);
      expect(boardText).not.toContain(c.name);
    }
  });

  it('uses a code once', async () => {
    const r = await activate(codes[0]!.idnp, codes[0]!.code);
    expect(r.status).toBe(409);
  });

  it('refuses a key that is not a valid Ed25519 key, or that is already a credential', async () => {
    const small = new Uint8Array(32);
    small[0] = 1;
    expect((await activate(codes[1]!.idnp, codes[1]!.code, small)).status).toBe(422);
    const used = fromBase64Url(
      (
        (await (await s.request('GET', `/api/v1/elections/${id}/board/entries/2`, { token: null })).json()) as {
          payload: { publicKey: string };
        }
      ).payload.publicKey,
    );
    expect((await activate(codes[1]!.idnp, codes[1]!.code, used)).status).toBe(422);
  });

  it('locks a code after too many wrong tries, even when the right code comes next', async () => {
    const victim = codes[2]!;
    const wrong = victim.code.slice(0, -1) + (victim.code.endsWith('0') ? '1' : '0');
    for (let i = 1; i <= MAX_FAILED_ATTEMPTS; i++) {
      const r = await activate(victim.idnp, wrong);
      expect(r.status).toBe(i < MAX_FAILED_ATTEMPTS ? 403 : 423);
      // Each counted try says how many are left before the lock (SPEC §13.3 step 3).
      const doc = (await r.json()) as { triesLeft?: number };
      expect(doc.triesLeft).toBe(i < MAX_FAILED_ATTEMPTS ? MAX_FAILED_ATTEMPTS - i : undefined);
    }
    expect((await activate(victim.idnp, victim.code)).status).toBe(423);
    // Without the right date of birth nobody learns that the code is locked…
    const locked = await activate(victim.idnp, victim.code, undefined, '1900-01-01');
    expect(locked.status).toBe(403);
    const lockedDoc = (await locked.json()) as { type: string; triesLeft?: number };
    expect(lockedDoc.type).toBe('urn:evotare:problem:activation-failed');
    expect(lockedDoc.triesLeft).toBeUndefined();
    // …nor can lock a code: a wrong date of birth is refused like an unknown IDNP and not counted.
    const other = codes[3]!;
    const otherWrong = other.code.slice(0, -1) + (other.code.endsWith('0') ? '1' : '0');
    for (let i = 0; i < 2 * MAX_FAILED_ATTEMPTS; i++) {
      expect((await activate(other.idnp, otherWrong, undefined, '1900-01-01')).status).toBe(403);
    }
    expect((await activate(other.idnp, other.code, undefined, '1900-01-01')).status).toBe(403);
    expect((await activate(other.idnp, other.code)).status).toBe(201);
    const unknown = await activate('2999999999995', other.code, undefined, '1990-01-01');
    expect(unknown.status).toBe(403);
    expect(((await unknown.json()) as { type: string }).type).toBe('urn:evotare:problem:activation-failed');
    // The official issues a new code: the lock is gone.
    const re = await s.request('POST', `/api/v1/admin/elections/${id}/activation-codes`, {
      body: { idnps: [victim.idnp] },
    });
    const fresh = ((await re.json()) as { codes: Code[] }).codes[0]!;
    expect((await activate(victim.idnp, fresh.code)).status).toBe(201);
  });

  it('re-issues a code after a lost device: the old credential is revoked on the board', async () => {
    const voter = codes[4]!;
    expect((await activate(voter.idnp, voter.code)).status).toBe(201);
    const re = await s.request('POST', `/api/v1/admin/elections/${id}/activation-codes`, {
      body: { idnps: [voter.idnp] },
    });
    expect(re.status).toBe(201);
    const entries = (await readEntryRows(s.deps.db, id, 0, 1000)).map(entryFromRow);
    const last = entries[entries.length - 1]!;
    expect(last.type).toBe('credential-revoked');
    expect(last.payload).toMatchObject({ reason: 'reissued' });
    const fresh = ((await re.json()) as { codes: Code[] }).codes[0]!;
    expect((await activate(voter.idnp, voter.code)).status).toBe(403);
    expect((await activate(voter.idnp, fresh.code)).status).toBe(201);
  });

  it('revokes the credential of a voter who voted on paper, and refuses them a new one', async () => {
    await runCeremonyOverHttp(s, id, trustees);
    await s.request('POST', `/api/v1/admin/elections/${id}/open`, { body: {} });
    const voter = codes[5]!;
    expect((await activate(voter.idnp, voter.code)).status).toBe(201);
    const r = await s.request('POST', `/api/v1/admin/elections/${id}/revocations`, {
      body: { idnp: voter.idnp, reason: 'voted-in-person' },
    });
    expect(await r.json()).toMatchObject({ revoked: true });
    const re = await s.request('POST', `/api/v1/admin/elections/${id}/activation-codes`, {
      body: { idnps: [voter.idnp] },
    });
    expect(((await re.json()) as { codes: Code[] }).codes).toEqual([]);
    // A voter who voted on paper before activating cannot activate afterwards.
    const late = codes[6]!;
    await s.request('POST', `/api/v1/admin/elections/${id}/revocations`, {
      body: { idnp: late.idnp, reason: 'voted-in-person' },
    });
    const denied = await activate(late.idnp, late.code);
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { type: string }).type).toBe('urn:evotare:problem:credential-unavailable');
  });

  it('keeps one live credential per voter under concurrent activations with the same code', async () => {
    const voter = codes[7]!;
    const results = await Promise.all(Array.from({ length: 4 }, () => activate(voter.idnp, voter.code)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
  });
});
