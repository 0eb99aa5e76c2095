// The ceremony board reached through the HTTP API (local trustees of a benchmark or a trial).
import type { Manifest } from '@evotare/crypto/manifest';
import type { ApiClient } from '@evotare/verifier/remote/client';
import type { CeremonyBoardAccess } from './local-trustees.ts';

export function httpCeremonyAccess(api: ApiClient, electionId: string): CeremonyBoardAccess {
  const id = encodeURIComponent(electionId);
  return {
    manifest: async () => (await api.get<{ manifest: Manifest }>(`/api/v1/elections/${id}`)).manifest,
    messages: async () => (await api.get<{ messages: unknown[] }>(`/api/v1/elections/${id}/ceremony`)).messages,
    post: async (message) => void (await api.post(`/api/v1/elections/${id}/ceremony/messages`, message)),
    closePhase: async () =>
      (await api.post<{ phase: string }>(`/api/v1/admin/elections/${id}/key-ceremony/close-phase`, {})).phase,
  };
}
