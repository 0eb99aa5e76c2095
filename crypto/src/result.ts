// Outcomes of verification (docs/SPEC.md §15): a check that fails is a value, not an exception.
// Bugs and misuse throw; bad input never does past the decoding boundary.

export type Verification = { readonly valid: true } | { readonly valid: false; readonly reason: string };

export const VALID: Verification = Object.freeze({ valid: true });

export function invalid(reason: string): Verification {
  return { valid: false, reason };
}

/** Runs a decoding step and turns InvalidEncodingError (or RangeError) into an invalid result. */
export function decodeOr<T>(what: string, decode: () => T): { value: T } | { error: Verification } {
  try {
    return { value: decode() };
  } catch (e) {
    if (e instanceof Error && (e.name === 'InvalidEncodingError' || e instanceof RangeError)) {
      return { error: invalid(`${what}: ${e.message}`) };
    }
    throw e;
  }
}
