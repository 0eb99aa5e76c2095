// What a trustee's program asks of the server, over its public HTTP API only: the election and its
// manifest, the ceremony's messages, the board page by page and its attachments; and what it posts.
// The program trusts none of it: the ceremony is checked by VerifyCeremony, the board by its hash
// chain and the CEC's signed tree head, the mix chain by its proofs (./board-check.ts).
import type { CeremonyMessage } from '@evotare/crypto/dkg/messages';
import { type Manifest, ManifestSchema } from '@evotare/crypto/manifest';
import { type ApiClient, ApiError } from '@evotare/verifier/remote/client';
import { TrusteeError } from './errors.ts';
import { text } from './text.ts';

export interface PublicElection {
  readonly id: string;
  readonly state: string;
  readonly manifest: Manifest;
  readonly electionKey: string | null;
}

export class TrusteeServer {
  readonly api: ApiClient;
  readonly #server: string;
  readonly electionId: string;
  readonly #base: string;

  constructor(api: ApiClient, server: string, electionId: string) {
    this.api = api;
    this.#server = server;
    this.electionId = electionId;
    this.#base = `/api/v1/elections/${encodeURIComponent(electionId)}`;
  }

  /** Runs a request; turns "no such election" and "unreachable" into messages a trustee can act on. */
  async #call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (e) {
      if (e instanceof ApiError && e.status === 0) throw new TrusteeError(e.text);
      if (e instanceof ApiError && e.status === 404 && e.problem?.type === 'urn:evotare:problem:election-not-found') {
        throw new TrusteeError(text('noSuchElectionAt', { server: this.#server, id: this.electionId }));
      }
      throw e;
    }
  }

  async election(): Promise<PublicElection> {
    const e = await this.#call(() =>
      this.api.get<{ id: string; state: string; manifest: unknown; electionKey: string | null }>(this.#base),
    );
    if (e.manifest === null) throw new TrusteeError(text('noManifestYet', { id: this.electionId }));
    const manifest = ManifestSchema.safeParse(e.manifest);
    if (!manifest.success) throw new TrusteeError(text('invalidManifest'));
    if (manifest.data.electionId !== this.electionId) {
      throw new TrusteeError(text('otherManifest', { id: manifest.data.electionId }));
    }
    return { id: e.id, state: e.state, manifest: manifest.data, electionKey: e.electionKey };
  }

  ceremony(): Promise<{ phase: string | null; messages: CeremonyMessage[] }> {
    return this.#call(() => this.api.get(`${this.#base}/ceremony`));
  }

  async postCeremonyMessage(message: CeremonyMessage): Promise<void> {
    await this.#call(() => this.api.post(`${this.#base}/ceremony/messages`, message));
  }

  /** The signed tree head the server has now. */
  treeHead(): Promise<unknown> {
    return this.#call(() => this.api.get(`${this.#base}/board/tree-head`));
  }

  postPartialDecryption(
    message: unknown,
  ): Promise<{ position: number; partialDecryptions: number; threshold: number; result: number | null }> {
    return this.#call(() => this.api.post(`${this.#base}/partial-decryptions`, message));
  }
}
