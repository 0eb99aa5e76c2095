// A failure the trustee can act on (a wrong passphrase, another election, a board that does not
// verify): the program prints its message, in the trustee's language, and exits with a non-zero
// status, no stack trace.
import { LocalizedError } from '@evotare/verifier/i18n';

export class TrusteeError extends LocalizedError {
  override readonly name = 'TrusteeError';
}
