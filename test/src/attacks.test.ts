// A dishonest server against the real parties' programs (issue 9, THREAT-MODEL §5): the test
// writes to the server's board directly, through its board writer and signing with the CEC's key
// as the server itself could, while voting runs:
//   (a) a credential it signs itself and a ballot under it whose ciphertexts are λ·(a real voter's
//       ciphertexts) with that voter's proofs, which do not hold for them — mixed and decrypted, it
//       would tell the server that voter's choice (test λ·M_o for each option o);
//   (b) a ballot under a real voter's credential, with valid proofs but a signature the voter never
//       made — it would replace that voter's counted ballot.
// A mix node that follows the board while voting runs refuses as soon as it sees them; after voting
// closes every mix node (`evotare-mix run`) and every trustee (`evotare-trustee decrypt`) verifies
// the board before acting (SPEC §14.3, §14.4, §15.1), refuses, naming V13.06 and both entries, and
// nothing is shuffled or decrypted.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ballotSigningMessage, electionContext, encryptAndSignBallot, encryptBallot } from '@evotare/crypto/ballot';
import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { encodeSignedCredential, signCredential } from '@evotare/crypto/credential';
import { encodeTrusteeSecrets } from '@evotare/crypto/dkg/trustee-keys';
import { decodeCiphertext, encodeCiphertext } from '@evotare/crypto/elgamal';
import { GroupElement } from '@evotare/crypto/group';
import { type Manifest, ManifestSchema, manifestHash } from '@evotare/crypto/manifest';
import * as scalar from '@evotare/crypto/scalar';
import { sealSecret } from '@evotare/crypto/secret-file';
import { generateSigningKey, sign } from '@evotare/crypto/signature';
import { httpCeremonyAccess } from '@evotare/server/src/ceremony/http-access.ts';
import { makeLocalTrustees, runLocalCeremony } from '@evotare/server/src/ceremony/local-trustees.ts';
import { exampleDefinition } from '@evotare/server/src/elections/example.ts';
import type { RunningServer } from '@evotare/server/src/server.ts';
import { rollCsv } from '@evotare/server/src/testing/harness.ts';
import { startRealServer } from '@evotare/server/src/testing/real-server.ts';
import { type ApiClient, apiClient } from '@evotare/verifier/remote/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const trusteeProgram = fileURLToPath(new URL('../../trustee/src/main.ts', import.meta.url));
const mixProgram = fileURLToPath(new URL('../../mixnode/src/main.ts', import.meta.url));
const PASSPHRASE = 'a passphrase for the attack tests';
const FAST_SCRYPT = { logN: 10, r: 8, p: 1 };

describe('a dishonest server that injects ballots', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-attacks-'));
  const id = 'md-attacked';
  let server: RunningServer;
  let official: ApiClient;

  beforeAll(async () => {
    server = await startRealServer(join(dir, 'data'), false);
    official = apiClient(server.url, readFileSync(join(dir, 'data', 'official-token'), 'utf8').trim(), 'en');
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs a party's program to its end. */
  const party = async (program: string, args: string[], env: Record<string, string>) =>
    promisify(execFile)(process.execPath, [program, '--lang', 'en', '--server', server.url, ...args], {
      env: { ...process.env, ...env },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('is refused by every mix node and every trustee, naming V13.06 and the entries', {
    timeout: 240_000,
  }, async () => {
    // An election of four voters on the roll, three of whom activate and vote; its parties' key files.
    const definition = { ...exampleDefinition(), electionId: id };
    const trustees = makeLocalTrustees(definition.trustees.members.length);
    const mixNodes = definition.mixNodes.map(() => generateSigningKey());
    await official.post('/api/v1/admin/elections', definition);
    await official.put(`/api/v1/admin/elections/${id}/parties`, {
      trustees: definition.trustees.members.map((m, i) => ({ name: m.name, ...trustees[i]!.keys.public })),
      mixNodes: definition.mixNodes.map((m, i) => ({ name: m.name, signingKey: toBase64Url(mixNodes[i]!.publicKey) })),
    });
    const roll = rollCsv(4, 7000);
    await official.post(`/api/v1/admin/elections/${id}/roll`, { csv: roll.csv });
    await official.post(`/api/v1/admin/elections/${id}/key-ceremony`, {});
    await runLocalCeremony(
      {
        ...httpCeremonyAccess(official, id),
        closePhase: async () =>
          (await official.post<{ phase: string }>(`/api/v1/admin/elections/${id}/key-ceremony/close-phase`, {})).phase,
      },
      trustees,
    );
    const trusteeFile = (t: number) => join(dir, `trustee-${t}.key`);
    for (const t of trustees) {
      const secrets = {
        ...t.keys.secret,
        electionId: id,
        polynomial: t.dealer?.polynomial,
        secretShare: t.secretShare,
      };
      writeFileSync(
        trusteeFile(t.index),
        sealSecret(encodeTrusteeSecrets(secrets), PASSPHRASE, { kind: 'trustee', scrypt: FAST_SCRYPT }),
      );
    }
    const mixFile = (nu: number) => join(dir, `mix-${nu}.key`);
    mixNodes.forEach((m, nu) => {
      writeFileSync(mixFile(nu), sealSecret(m.secretKey, PASSPHRASE, { kind: 'mix-node', scrypt: FAST_SCRYPT }));
    });

    const { codes } = await official.post<{ codes: Array<{ idnp: string; code: string }> }>(
      `/api/v1/admin/elections/${id}/activation-codes`,
      { idnps: roll.idnps },
    );
    await official.post(`/api/v1/admin/elections/${id}/open`, {});
    const election = await official.get<{ manifest: Manifest; electionKey: string }>(`/api/v1/elections/${id}`);
    const manifest = ManifestSchema.parse(election.manifest);
    const ctx = electionContext(manifest, GroupElement.decode(fromBase64Url(election.electionKey, 32)));
    const birthOf = new Map(
      roll.csv
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => [l.split(',')[0]!, l.split(',')[2]!]),
    );
    const voters = [];
    for (const { idnp, code } of codes.slice(0, 3)) {
      const credential = generateSigningKey();
      await official.post(`/api/v1/elections/${id}/credentials`, {
        idnp,
        birthDate: birthOf.get(idnp),
        code,
        credentialKey: toBase64Url(credential.publicKey),
      });
      const ballot = encryptAndSignBallot(ctx, credential, [voters.length + 1, 0]);
      await official.post(`/api/v1/elections/${id}/ballots`, ballot);
      voters.push({ credential, ballot });
    }
    const target = voters[0]!;

    // (a) The server's own credential, CEC-signed, and λ·(the target's ciphertexts) under it, with
    // the target's proofs; signed with the server's credential key, so only the proofs are wrong.
    const own = generateSigningKey();
    const credential = encodeSignedCredential(
      signCredential(
        { electionId: id, manifestHash: manifestHash(manifest), publicKey: own.publicKey },
        server.deps.authority.secretKey,
      ),
    );
    const lambda = scalar.randomNonZero();
    const unsigned = {
      election: id,
      credential: toBase64Url(own.publicKey),
      contests: target.ballot.contests.map((c) => {
        const ct = decodeCiphertext(fromBase64Url(c.ciphertext, 64));
        return {
          ciphertext: toBase64Url(encodeCiphertext({ a: ct.a.multiply(lambda), b: ct.b.multiply(lambda) })),
          proof: c.proof,
        };
      }),
    };
    const related = {
      ...unsigned,
      signature: toBase64Url(sign('ballot', ballotSigningMessage(ctx, unsigned), own.secretKey)),
    };
    // (b) Under the second voter's credential, with valid proofs, signed by a key that is not theirs.
    const impostor = encryptBallot(ctx, voters[1]!.credential.publicKey, [11, 2]).ballot;
    const forged = {
      ...impostor,
      signature: toBase64Url(sign('ballot', ballotSigningMessage(ctx, impostor), generateSigningKey().secretKey)),
    };

    const injected = await server.deps.writer.submit(id, async (batch) => {
      batch.append('credential-issued', credential);
      return [batch.append('ballot', related).seq, batch.append('ballot', forged).seq];
    });
    const [relatedAt, forgedAt] = injected.value;
    const namesBoth = (output: string, who: string) => {
      expect(output, who).toMatch(new RegExp(`\\nV13\\.06 entry ${relatedAt}: V08\\.0\\d `));
      expect(output, who).toMatch(new RegExp(`\\nV13\\.06 entry ${forgedAt}: V08\\.0\\d `));
    };

    // A mix node that follows the board while voting runs refuses as soon as it sees them.
    const early = await party(mixProgram, ['run', '--election', id, '--key', mixFile(0), '--follow', '1'], {
      EVOTARE_MIX_PASSPHRASE: PASSPHRASE,
    });
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/waiting for voting to close/);
    expect(early.stderr).toMatch(/error: the board does not verify up to mixing — nothing is shuffled; report it:/);
    namesBoth(early.stderr, 'mix node 0, while voting runs');

    await official.post(`/api/v1/admin/elections/${id}/close`, { reason: 'the test is over' });

    // Every mix node and every trustee, each its own process: all refuse before acting.
    const runs = await Promise.all([
      ...mixNodes.map((_, nu) =>
        party(mixProgram, ['run', '--election', id, '--key', mixFile(nu), '--threads', '1'], {
          EVOTARE_MIX_PASSPHRASE: PASSPHRASE,
        }),
      ),
      ...trustees.map((t) =>
        party(trusteeProgram, ['decrypt', '--election', id, '--key', trusteeFile(t.index), '--threads', '1'], {
          EVOTARE_TRUSTEE_PASSPHRASE: PASSPHRASE,
        }),
      ),
    ]);
    runs.forEach((r, i) => {
      const who = i < mixNodes.length ? `mix node ${i}` : `trustee ${i - mixNodes.length + 1}`;
      expect(r.code, `${who}: ${r.stdout}${r.stderr}`).toBe(1);
      expect(r.stderr, who).toMatch(
        i < mixNodes.length
          ? /error: the board does not verify up to mixing — nothing is shuffled; report it:/
          : /error: the board does not verify up to decryption — nothing is decrypted; report it:/,
      );
      namesBoth(r.stderr, who);
      expect(r.stderr, who).not.toMatch(/\n\s+at /);
    });

    // Nothing was shuffled or decrypted: the board ends with the mix input.
    const board = await official.get<{ entries: Array<{ type: string }> }>(`/api/v1/elections/${id}/board?limit=1000`);
    const types = board.entries.map((e) => e.type);
    expect(types.at(-1)).toBe('mix-input');
    expect(types.filter((t) => t === 'mix-output' || t === 'partial-decryption')).toEqual([]);
    expect((await official.get<{ state: string }>(`/api/v1/elections/${id}`)).state).toBe('mixing');
  });
});
