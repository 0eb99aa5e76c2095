// Where the verifier reads a board from (docs/SPEC.md §12.8, §15): an export directory on disk
// (./export-reader.ts) or the server's public API (./remote-board.ts). Either way the verifier
// trusts nothing the source says: it checks every entry's link and hash, the tree heads against the
// CEC's key from entry 0, and every attachment against the reference its entry makes (V14.01).

export interface Line {
  /** Where the line came from, for messages: `entries/0000000000.jsonl:12`, `entry 12`. */
  readonly where: string;
  readonly text: string;
}

export interface BoardSource {
  /** What to call the board in the report: a directory, or `URL election`. */
  readonly name: string;
  /** Problems that keep the board from being read at all (V12.01); empty when it can be read. */
  layoutProblems(): Promise<string[]>;
  /** The text of the signed tree head the board stops at, or null when there is none. */
  treeHeadText(): Promise<string | null>;
  /** Every entry of the board from entry `from` (default 0) up to that head, as JCS text, in board order. */
  entryLines(from?: number): AsyncIterable<Line>;
  /** Every signed tree head of size at least `fromSize` (default 0) and at most that head's, as listed (increasing size). */
  treeHeadLines(fromSize?: number): AsyncIterable<Line>;
  /**
   * The consistency proof (§12.5) from the tree of size `first` to that of size `second`, as the
   * source gives it (the caller verifies it), or null when it gives none. Optional: a source
   * without it is checked by the entries' links and the Merkle root alone.
   */
  consistencyProof?(first: number, second: number): Promise<Uint8Array[] | null>;
  /**
   * The bytes of the attachment named `id` (base64url) that its entry says has `bytes` bytes, or
   * null when the source lacks it or gives another size. The caller checks the digest (V14.01).
   */
  attachment(id: string, bytes: number): Promise<Uint8Array | null>;
}
