// The exit status of `evotare-verify` (docs/SPEC.md §15): what went wrong can be told from the
// status alone — a board that does not verify is never confused with one that could not be read.
export const EXIT = {
  /** Every check passed. */
  verifies: 0,
  /** A check failed: the board does not verify (or `fetch` refused what the server served). */
  doesNotVerify: 1,
  /** Bad usage: an unknown option, a missing argument. */
  usage: 2,
  /** The board could not be read: the export is missing, unreadable or cut short; the server cannot be reached. */
  couldNotRead: 3,
  /** No check failed, but some could not be run. */
  incomplete: 4,
  /** The verifier stopped on an error of its own: a bug to report. */
  internalError: 5,
} as const;

/** An error of the file system or the network stack (a file that cannot be read), as opposed to a bug. */
export function isReadError(e: unknown): boolean {
  return typeof (e as { code?: unknown })?.code === 'string' && /^E[A-Z_]+$/.test((e as { code: string }).code);
}
