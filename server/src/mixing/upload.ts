// Reading a mix node's upload (docs/SPEC.md §14.6) from the request body as it streams in: the
// length-prefixed header first, so a refusal costs no more than its few hundred bytes, then the
// output list and the packed proof straight into buffers of their final size — never more bytes
// than the current list's N and w allow, and nothing kept of an upload that ends early or runs
// long. A deadline bounds how long a slow (or stalled) sender can keep the election's upload slot.
export class BodyReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  #pending: Uint8Array = new Uint8Array(0);
  #done = false;
  #deadline = Number.POSITIVE_INFINITY;
  /** Bytes taken from the stream so far. */
  read = 0;
  /** Whether reading stopped at the deadline. */
  timedOut = false;

  constructor(body: ReadableStream<Uint8Array>) {
    this.#reader = body.getReader();
  }

  /** From now on, the body must have arrived within `ms` milliseconds. */
  setDeadline(ms: number): void {
    this.#deadline = performance.now() + ms;
  }

  async #next(): Promise<ReadableStreamReadResult<Uint8Array>> {
    const left = this.#deadline - performance.now();
    if (left === Number.POSITIVE_INFINITY) return this.#reader.read();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<ReadableStreamReadResult<Uint8Array>>((resolve) => {
      timer = setTimeout(
        () => {
          this.timedOut = true;
          resolve({ done: true, value: undefined });
        },
        Math.max(0, left),
      );
    });
    try {
      return await Promise.race([this.#reader.read(), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Fills `target` entirely; false if the body ends first. */
  async fill(target: Uint8Array): Promise<boolean> {
    let at = 0;
    while (at < target.length) {
      if (this.#pending.length === 0) {
        if (this.#done) return false;
        const { done, value } = await this.#next();
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
      const { done, value } = await this.#next();
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

  /**
   * Reads and discards the rest of the body, up to `limit` more bytes, so that a client still
   * sending gets the answer rather than a reset connection; then stops reading.
   */
  async discard(limit: number): Promise<void> {
    let left = limit - this.#pending.length;
    this.#pending = new Uint8Array(0);
    while (!this.#done && !this.timedOut && left > 0) {
      const { done, value } = await this.#next();
      if (done) this.#done = true;
      else left -= value.length;
    }
    await this.#reader.cancel().catch(() => {});
  }
}
