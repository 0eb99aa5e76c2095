// Voters for tests: a roll, codes issued and credentials activated through the real API.
import { toBase64Url } from '@evotare/crypto/bytes';
import { generateSigningKey, type SigningKeyPair } from '@evotare/crypto/signature';
import { rollCsv, type TestServer } from './harness.ts';

export interface TestVoter {
  readonly idnp: string;
  readonly birthDate: string;
  readonly credential: SigningKeyPair;
}

/** Imports a roll of `n` voters, issues their codes and activates a credential for each. */
export async function activateVoters(s: TestServer, electionId: string, n: number, start = 0): Promise<TestVoter[]> {
  const roll = rollCsv(n, start);
  const births = new Map(
    roll.csv
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','))
      .map(([idnp, , birth]) => [idnp!, birth!]),
  );
  await s.request('POST', `/api/v1/admin/elections/${electionId}/roll`, { body: { csv: roll.csv } });
  const r = await s.request('POST', `/api/v1/admin/elections/${electionId}/activation-codes`, {
    body: { idnps: roll.idnps },
  });
  const { codes } = (await r.json()) as { codes: Array<{ idnp: string; code: string }> };
  const voters: TestVoter[] = [];
  for (const { idnp, code } of codes) {
    const credential = generateSigningKey();
    const birthDate = births.get(idnp)!;
    const a = await s.request('POST', `/api/v1/elections/${electionId}/credentials`, {
      token: null,
      body: { idnp, birthDate, code, credentialKey: toBase64Url(credential.publicKey) },
    });
    if (a.status !== 201) throw new Error(`activation failed: ${a.status} ${await a.text()}`);
    voters.push({ idnp, birthDate, credential });
  }
  return voters;
}
