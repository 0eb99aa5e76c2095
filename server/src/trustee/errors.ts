// A failure the trustee can act on (a wrong passphrase, another election, a board that does not
// verify): the program prints its message and exits with a non-zero status, no stack trace.
export class TrusteeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrusteeError';
  }
}
