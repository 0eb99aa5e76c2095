// The trustee's program in the key ceremony, against a real server over HTTP: three trustees with
// key files run it phase after phase; a cheating dealer is complained against and answers; an
// interrupted dealer deals again with the polynomial it sealed; a dealer whose first messages the
// server withheld deals again to the same bytes and is not disqualified; each ends with its key
// share sealed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { verifyCeremony } from '@evotare/crypto/dkg/ceremony';
import { deal } from '@evotare/crypto/dkg/dealing';
import type { CeremonyMessage } from '@evotare/crypto/dkg/messages';
import { randomPolynomial } from '@evotare/crypto/dkg/polynomial';
import { requireCeremonyContext } from '@evotare/crypto/dkg/trustee-keys';
import { GroupElement, generatorBase } from '@evotare/crypto/group';
import type { Manifest } from '@evotare/crypto/manifest';
import { generateSigningKey } from '@evotare/crypto/signature';
import { loadConfig } from '@evotare/server/src/config.ts';
import { exampleDefinition } from '@evotare/server/src/elections/example.ts';
import { silentLogger } from '@evotare/server/src/log.ts';
import { type RunningServer, startServer } from '@evotare/server/src/server.ts';
import { takePartInCeremony } from '@evotare/trustee/ceremony';
import { createKeyFile, type KeyFile, openKeyFile, saveKeyFile } from '@evotare/trustee/key-file';
import { TrusteeServer } from '@evotare/trustee/server-api';
import { apiClient } from '@evotare/verifier/remote/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PASSPHRASE = 'trustee passphrase for the tests';

/**
 * A dishonest server, as a trustee's program sees it: it answers "posted" to the trustee's dealing
 * messages but keeps them off the board, for later use.
 */
class WithholdingServer extends TrusteeServer {
  readonly withheld: CeremonyMessage[] = [];

  override async postCeremonyMessage(message: CeremonyMessage): Promise<void> {
    if (message.type === 'dkg-commitment' || message.type === 'dkg-shares') this.withheld.push(message);
    else await super.postCeremonyMessage(message);
  }
}
const FAST = { logN: 10, r: 8, p: 1 };

describe('evotare-trustee ceremony', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-trustee-'));
  let server: RunningServer;
  let official: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    server = await startServer(
      loadConfig({ EVOTARE_DATA_DIR: join(dir, 'data'), HOST: '127.0.0.1', PORT: '0' }),
      silentLogger,
    );
    official = apiClient(server.url, readFileSync(join(dir, 'data', 'official-token'), 'utf8').trim(), 'en');
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function newElection(id: string): Promise<string[]> {
    const definition = { ...exampleDefinition(), electionId: id };
    await official.post('/api/v1/admin/elections', definition);
    const files = definition.trustees.members.map((_, i) => join(dir, `${id}-trustee-${i + 1}.json`));
    const publicKeys = files.map((f) => createKeyFile(f, PASSPHRASE, FAST));
    await official.put(`/api/v1/admin/elections/${id}/parties`, {
      trustees: definition.trustees.members.map((m, i) => ({ name: m.name, ...publicKeys[i]! })),
      mixNodes: definition.mixNodes.map((m) => ({
        name: m.name,
        signingKey: toBase64Url(generateSigningKey().publicKey),
      })),
    });
    await official.post(`/api/v1/admin/elections/${id}/key-ceremony`, {});
    return files;
  }

  const lines: string[] = [];
  const run = (id: string, file: string | KeyFile) =>
    takePartInCeremony(
      new TrusteeServer(apiClient(server.url, null, 'en'), server.url, id),
      typeof file === 'string' ? openKeyFile(file, PASSPHRASE) : file,
      { say: (l) => lines.push(l.en) },
    );
  const closePhase = async (id: string) =>
    (await official.post<{ phase: string }>(`/api/v1/admin/elections/${id}/key-ceremony/close-phase`, {})).phase;

  async function expectShares(id: string, files: string[]) {
    const election = await official.get<{ electionKey: string; manifest: Manifest }>(`/api/v1/elections/${id}`);
    const key = await official.get<{ entries: Array<{ type: string; payload: { verificationKeys: string[] } }> }>(
      `/api/v1/elections/${id}/board?limit=1000`,
    );
    const vks = key.entries.find((e) => e.type === 'election-key')!.payload.verificationKeys;
    files.forEach((f, i) => {
      const secrets = openKeyFile(f, PASSPHRASE).secrets;
      expect(secrets.electionId).toBe(id);
      expect(
        generatorBase()
          .multiply(secrets.secretShare!)
          .equals(GroupElement.decode(fromBase64Url(vks[i]!))),
      ).toBe(true);
    });
    expect(election.electionKey).toBeTruthy();
  }

  it('runs phase by phase: each trustee deals, reviews, and derives its key share', async () => {
    const id = 'trustee-ceremony-a';
    const files = await newElection(id);
    expect(await run(id, files[0]!)).toEqual({ finished: false });
    expect(await run(id, files[1]!)).toEqual({ finished: false });
    // The last dealer's shares close the dealing phase; it reviews the shares at once.
    expect(await run(id, files[2]!)).toEqual({ finished: false });
    expect(lines).toContain('shares checked: valid from trustee(s) 1, 2');
    await run(id, files[0]!);
    await run(id, files[1]!);
    expect(await closePhase(id)).toBe('done');
    for (const f of files) expect((await run(id, f)).finished).toBe(true);
    await expectShares(id, files);
    // Running again changes nothing.
    expect((await run(id, files[0]!)).finished).toBe(true);
  });

  it('complains against a cheating dealer, who answers; an interrupted dealer deals again from its file', async () => {
    const id = 'trustee-ceremony-b';
    const files = await newElection(id);
    const election = await official.get<{ manifest: Manifest }>(`/api/v1/elections/${id}`);
    const ctx = requireCeremonyContext(election.manifest);

    // Trustee 2 commits to P but sends shares of another polynomial.
    const p = randomPolynomial(ctx.k);
    let two = openKeyFile(files[1]!, PASSPHRASE);
    two = saveKeyFile(two, { ...two.secrets, electionId: id, polynomial: p });
    const api = new TrusteeServer(apiClient(server.url, null, 'en'), server.url, id);
    await api.postCeremonyMessage(deal(ctx, 2, two.secrets.signingKey, p).commitment);
    await api.postCeremonyMessage(deal(ctx, 2, two.secrets.signingKey).shares);

    // Trustee 3 sealed its polynomial, then stopped before posting anything.
    let three = openKeyFile(files[2]!, PASSPHRASE);
    const q = randomPolynomial(ctx.k);
    three = saveKeyFile(three, { ...three.secrets, electionId: id, polynomial: q });

    await run(id, files[0]!);
    await run(id, files[2]!); // deals with q, closing dealing, and complains against 2
    const afterDealing = await api.ceremony();
    const commitment3 = afterDealing.messages.find((m) => m.type === 'dkg-commitment' && m.sender === 3)!;
    expect(commitment3).toMatchObject({
      commitments: deal(ctx, 3, three.secrets.signingKey, q).commitment.commitments,
    });
    await run(id, files[0]!);
    const complaints = (await api.ceremony()).messages.filter((m) => m.type === 'dkg-complaint');
    expect(complaints.map((m) => [m.sender, m.type === 'dkg-complaint' && m.dealer]).sort()).toEqual([
      [1, 2],
      [3, 2],
    ]);

    expect(await closePhase(id)).toBe('resolution');
    await run(id, files[1]!); // answers both complaints
    expect(lines).toContain('answered the complaint of trustee 3 by revealing its share');
    expect(await closePhase(id)).toBe('done');
    for (const f of files) expect((await run(id, f)).finished).toBe(true);
    expect(lines.at(-3)).toBe('ceremony complete: qualified dealers 1, 2, 3');
    await expectShares(id, files);
  });

  it('deals again to the same bytes after the server withheld its messages; nobody is disqualified', async () => {
    const id = 'trustee-ceremony-d';
    const files = await newElection(id);
    const api = new TrusteeServer(apiClient(server.url, null, 'en'), server.url, id);
    const withholding = new WithholdingServer(apiClient(server.url, null, 'en'), server.url, id);
    expect(await takePartInCeremony(withholding, openKeyFile(files[0]!, PASSPHRASE), { say: () => {} })).toEqual({
      finished: false,
    });
    expect(withholding.withheld.map((m) => m.type)).toEqual(['dkg-commitment', 'dkg-shares']);
    expect((await api.ceremony()).messages).toEqual([]);

    await run(id, files[1]!);
    await run(id, files[2]!);
    await run(id, files[0]!); // sees none of its messages on the board and deals again
    const board = (await api.ceremony()).messages;
    const dealt = board.filter((m) => m.sender === 1 && (m.type === 'dkg-commitment' || m.type === 'dkg-shares'));
    expect(dealt).toEqual(withholding.withheld);

    // The server now shows the withheld copies too: the same slot, the same bytes, no equivocation.
    for (const m of withholding.withheld) await api.postCeremonyMessage(m);
    const manifest = (await api.election()).manifest;
    for (const messages of [board, [...withholding.withheld, ...board], [...board, ...withholding.withheld]]) {
      const outcome = verifyCeremony(manifest, messages);
      expect(outcome.valid && outcome.disqualified).toEqual([]);
    }

    await run(id, files[1]!);
    await run(id, files[2]!);
    expect(await closePhase(id)).toBe('done');
    for (const f of files) expect((await run(id, f)).finished).toBe(true);
    expect(lines.at(-3)).toBe('ceremony complete: qualified dealers 1, 2, 3');
    await expectShares(id, files);
  });

  it('refuses a key file bound to another election, and keys that are not a trustee’s', async () => {
    const files = await newElection('trustee-ceremony-c');
    await run('trustee-ceremony-c', files[0]!);
    await expect(run('trustee-ceremony-a', files[0]!)).rejects.toThrow(
      /belongs to the election "trustee-ceremony-c", not "trustee-ceremony-a"/,
    );
    const stranger = join(dir, 'stranger.json');
    createKeyFile(stranger, PASSPHRASE, FAST);
    await expect(run('trustee-ceremony-c', stranger)).rejects.toThrow(/not one of the trustees/);
    await expect(run('no-such-election', stranger)).rejects.toThrow(/has no election "no-such-election"/);
  });
});
