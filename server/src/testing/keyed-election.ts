// An election made ready for codes and voting through the officials' API, as the CLI would: created,
// its parties registered (local trustees, throwaway mix-node keys), the roll imported, the key
// ceremony run to the election key. For whole-system tests and benchmarks.
import { toBase64Url } from '@evotare/crypto/bytes';
import type { ElectionDefinition } from '@evotare/crypto/manifest';
import { generateSigningKey } from '@evotare/crypto/signature';
import type { ApiClient } from '@evotare/verifier/remote/client';
import { httpCeremonyAccess } from '../ceremony/http-access.ts';
import { makeLocalTrustees, runLocalCeremony } from '../ceremony/local-trustees.ts';

export async function prepareKeyedElection(
  api: ApiClient,
  definition: ElectionDefinition,
  rollCsv: string,
): Promise<void> {
  const id = definition.electionId;
  const trustees = makeLocalTrustees(definition.trustees.members.length);
  await api.post('/api/v1/admin/elections', definition);
  await api.put(`/api/v1/admin/elections/${encodeURIComponent(id)}/parties`, {
    trustees: definition.trustees.members.map((m, i) => ({ name: m.name, ...trustees[i]!.keys.public })),
    mixNodes: definition.mixNodes.map((m) => ({
      name: m.name,
      signingKey: toBase64Url(generateSigningKey().publicKey),
    })),
  });
  await api.post(`/api/v1/admin/elections/${encodeURIComponent(id)}/roll`, { csv: rollCsv });
  await api.post(`/api/v1/admin/elections/${encodeURIComponent(id)}/key-ceremony`, {});
  await runLocalCeremony(httpCeremonyAccess(api, id), trustees);
}
