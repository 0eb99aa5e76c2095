// Reading a mix node's upload (docs/SPEC.md §14.6) from the request body as it streams in: the
// length-prefixed header first, so a refusal costs no more than its few hundred bytes, then the
// output list and the packed proof straight into buffers of their final size — never more bytes
// than the current list's N and w allow, and nothing kept of an upload that ends early or runs
// long.
export class BodyReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  #pending: Uint8Array = new Uint8Array(0);
  #done = false;
  /** Bytes taken from the stream so far. */
  read = 0;

  constructor(body: ReadableStream<Uint8Array>) {
    this.#reader = body.getReader();
  }

  /** Fills `target` entirely; false if the body ends first. */
  async fill(target: Uint8Array): Promise<boolean> {
    let at = 0;
    while (at < target.length) {
      if (this.#pending.length === 0) {
        if (this.#done) return false;
        const { done, value } = await this.#reader.read();
        if (done) {
          this.#done = true;
          return false;
        }
        this.#pending = value;
      }
      const n = Math.min(target.length - at, this.#pending.length);
      target.set(this.#pending.subarray(0, n), at);
      this.#pending = this.#pending.subarray(n);
      at += n;
      this.read += n;
    }
    return true;
  }

  /** Reads `n` bytes into a new buffer; null if the body ends first. */
  async take(n: number): Promise<Uint8Array | null> {
    const out = new Uint8Array(n);
    return (await this.fill(out)) ? out : null;
  }

  /** Whether the body has ended (reads at most one more chunk to know). */
  async atEnd(): Promise<boolean> {
    if (this.#pending.length > 0) return false;
    if (this.#done) return true;
    for (;;) {
      const { done, value } = await this.#reader.read();
      if (done) {
        this.#done = true;
        return true;
      }
      if (value.length > 0) {
        this.#pending = value;
        return false;
      }
    }
  }

  /** Stops reading (the rest of the body is discarded). */
  async cancel(): Promise<void> {
    await this.#reader.cancel().catch(() => {});
  }
}
