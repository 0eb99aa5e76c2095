// A board read through the server's public API (docs/SPEC.md §13.7), for the parties that check it
// before they act (./party.ts) and for anyone who verifies a running election: the latest signed
// tree head first, then exactly the entries below it, page by page, the heads the CEC signed up to
// it, and the attachments the entries name. Nothing here is trusted: the verifier checks the chain,
// the Merkle root against the head, the head against the CEC key of entry 0 and every attachment
// against its reference, exactly as it checks an export.
import { fromBase64Url } from '@evotare/crypto/bytes';
import { canonicalize } from '@evotare/crypto/canonical-json';
import type { BoardSource, Line } from './board-source.ts';

/** The part of an HTTP client the board needs: JSON GETs and a GET of bytes (any ApiClient). */
export interface BoardApi {
  get<T>(path: string): Promise<T>;
  download(path: string): Promise<Response>;
}

const PAGE = 1000;

interface HeadJson {
  readonly size: number;
}

export class RemoteBoard implements BoardSource {
  readonly name: string;
  readonly #api: BoardApi;
  readonly #base: string;
  #head: HeadJson | undefined;
  #headText: string | null = null;

  /** `name` says in reports where the board came from (by default the election's id). */
  constructor(api: BoardApi, electionId: string, name = `${electionId} (API)`) {
    this.#api = api;
    this.#base = `/api/v1/elections/${encodeURIComponent(electionId)}`;
    this.name = name;
  }

  /** Reads the latest signed tree head: the size the board is read up to. */
  async layoutProblems(): Promise<string[]> {
    try {
      const head = await this.#api.get<unknown>(`${this.#base}/board/tree-head`);
      if (typeof head !== 'object' || head === null || !Number.isSafeInteger((head as HeadJson).size)) {
        return ['the server’s tree head is not a tree head'];
      }
      this.#head = head as HeadJson;
      this.#headText = canonicalize(head as never);
      return [];
    } catch (e) {
      return [`the board cannot be read from the server: ${e instanceof Error ? e.message : String(e)}`];
    }
  }

  async treeHeadText(): Promise<string | null> {
    return this.#headText;
  }

  async *entryLines(start = 0): AsyncGenerator<Line> {
    const size = this.#head?.size ?? 0;
    for (let from = start; from < size; ) {
      const page = await this.#api.get<{ entries?: unknown[] }>(
        `${this.#base}/board?from=${from}&limit=${Math.min(PAGE, size - from)}`,
      );
      const entries = Array.isArray(page.entries) ? page.entries : [];
      if (entries.length === 0) return; // the verifier reports a board shorter than its head (V12.08)
      for (const json of entries.slice(0, size - from)) {
        yield { where: `entry ${from}`, text: canonicalize(json as never) };
        from++;
      }
    }
  }

  async *treeHeadLines(fromSize = 0): AsyncGenerator<Line> {
    const size = this.#head?.size ?? 0;
    for (let from = fromSize, n = 0; ; ) {
      const page = await this.#api.get<{ treeHeads?: HeadJson[] }>(
        `${this.#base}/board/tree-heads?from=${from}&limit=${PAGE}`,
      );
      const heads = Array.isArray(page.treeHeads) ? page.treeHeads : [];
      for (const h of heads) {
        if (!(h.size <= size)) return;
        yield { where: `tree head ${++n}`, text: canonicalize(h as never) };
      }
      if (heads.length < PAGE) return;
      const next = heads[heads.length - 1]!.size + 1;
      if (!(next > from)) return;
      from = next;
    }
  }

  /** GET board/consistency (§13.7): the proof's hashes, or null when the server gives none or a malformed one. */
  async consistencyProof(first: number, second: number): Promise<Uint8Array[] | null> {
    try {
      const r = await this.#api.get<{ proof?: unknown }>(
        `${this.#base}/board/consistency?first=${first}&second=${second}`,
      );
      if (!Array.isArray(r.proof) || !r.proof.every((p) => typeof p === 'string')) return null;
      return r.proof.map((p: string) => fromBase64Url(p, 32));
    } catch {
      return null;
    }
  }

  /** Streams the attachment in, and stops (null) as soon as it runs past its stated size. */
  async attachment(id: string, bytes: number): Promise<Uint8Array | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
    let response: Response;
    try {
      response = await this.#api.download(`${this.#base}/attachments/${id}`);
    } catch {
      return null;
    }
    if (response.body === null) return null;
    const out = new Uint8Array(bytes);
    let at = 0;
    for await (const piece of response.body) {
      if (at + piece.length > bytes) {
        await response.body.cancel().catch(() => {});
        return null;
      }
      out.set(piece, at);
      at += piece.length;
    }
    return at === bytes ? out : null;
  }
}
