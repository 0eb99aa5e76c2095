// Errors of the crypto core. Decoding untrusted bytes throws InvalidEncodingError; verification
// functions never throw on bad input: they return a VerificationResult (./result.ts).

/** An encoding that is not the canonical encoding of a value of the expected kind. */
export class InvalidEncodingError extends Error {
  readonly kind: string;
  constructor(kind: string, detail: string) {
    super(`invalid ${kind}: ${detail}`);
    this.name = 'InvalidEncodingError';
    this.kind = kind;
  }
}
