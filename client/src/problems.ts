// The server's refusals (problem types, server/src/http/problem.ts) as messages a voter can act on.
// A type the booth does not know is shown with the server's own (localized) title.
import { ApiError } from './api.ts';
import type { TextKey } from './text.ts';

const MESSAGES: Readonly<Record<string, TextKey>> = {
  'activation-failed': 'errActivationFailed',
  'activation-locked': 'errActivationLocked',
  'already-activated': 'errAlreadyActivated',
  'credential-unavailable': 'errVotedInPerson',
  'voter-not-found': 'errVoterNotFound',
  'election-not-found': 'errElectionNotFound',
  'wrong-state': 'errWrongState',
  'rate-limited': 'errRateLimited',
  'invalid-credential-key': 'errInvalidKey',
  'credential-unknown': 'errCredentialUnknown',
  'credential-revoked': 'errCredentialRevoked',
  'ballot-invalid': 'errBallotInvalid',
  'wrong-election': 'errBallotInvalid',
  'entry-not-found': 'checkNotFound',
  network: 'errNetwork',
  timeout: 'errTimeout',
  'internal-error': 'errServer',
  'service-unavailable': 'errUnavailable',
  'storage-full': 'errStorageFull',
};

export interface Message {
  readonly key: TextKey;
  readonly values?: Record<string, string>;
}

/** The message for a failure: a known problem, else the server's title, else a server error. */
export function problemMessage(error: unknown): Message {
  if (error instanceof ApiError) {
    const tries = error.extensions.triesLeft;
    if (error.problem === 'activation-failed' && typeof tries === 'number' && Number.isInteger(tries)) {
      return { key: tries === 1 ? 'errActivationLastTry' : 'errActivationTries', values: { tries: String(tries) } };
    }
    const key = MESSAGES[error.problem];
    if (key !== undefined) return { key };
    return { key: 'errGeneric', values: { title: error.title } };
  }
  return { key: 'errServer' };
}
