// Why the server refuses a request, in the officials' and voters' terms. Each kind has a stable
// problem type URI, a status and localized titles in ./http/problem.ts; `detail` is for people
// (English) and never contains a secret or an IDNP.
import type { ElectionState } from './db/schema.ts';

export type Refusal =
  | { readonly kind: 'election-not-found' }
  | { readonly kind: 'election-exists' }
  | { readonly kind: 'threshold-one' }
  | { readonly kind: 'wrong-state'; readonly state: ElectionState; readonly allowed: readonly ElectionState[] }
  | { readonly kind: 'invalid-parties'; readonly detail: string }
  | { readonly kind: 'ceremony-incomplete'; readonly detail: string }
  | { readonly kind: 'voter-not-found'; readonly detail: string }
  /** `triesLeft`: only for a wrong code given with the right IDNP and date of birth (a try counted). */
  | { readonly kind: 'activation-failed'; readonly triesLeft?: number }
  | { readonly kind: 'activation-locked' }
  | { readonly kind: 'already-activated' }
  | { readonly kind: 'credential-unavailable' }
  | { readonly kind: 'invalid-credential-key'; readonly detail: string }
  | { readonly kind: 'credential-unknown' }
  | { readonly kind: 'credential-revoked' }
  | { readonly kind: 'wrong-election' }
  | { readonly kind: 'ballot-invalid'; readonly detail: string }
  | { readonly kind: 'entry-not-found' }
  | { readonly kind: 'tree-size-invalid'; readonly detail: string }
  | { readonly kind: 'observer-unknown' }
  | { readonly kind: 'observer-exists' }
  | { readonly kind: 'cosignature-invalid'; readonly detail: string }
  | { readonly kind: 'trustee-unknown' }
  | { readonly kind: 'ceremony-message-invalid'; readonly detail: string }
  | { readonly kind: 'official-exists' }
  | { readonly kind: 'official-not-found' }
  | { readonly kind: 'last-administrator' }
  | { readonly kind: 'officials-exist'; readonly detail: string }
  | { readonly kind: 'attachment-not-found' }
  | { readonly kind: 'mix-output-invalid'; readonly detail: string }
  | { readonly kind: 'already-mixed'; readonly detail: string }
  | { readonly kind: 'mix-input-changed'; readonly detail: string }
  | { readonly kind: 'mixing-incomplete'; readonly detail: string }
  | { readonly kind: 'mixing-deadline-not-reached'; readonly detail: string; readonly deadline: string }
  | { readonly kind: 'partial-decryption-invalid'; readonly detail: string }
  | { readonly kind: 'partial-decryption-exists'; readonly detail: string }
  | { readonly kind: 'decryption-incomplete'; readonly detail: string }
  | { readonly kind: 'result-not-published'; readonly detail: string };

export type RefusalKind = Refusal['kind'];

export function wrongState(state: ElectionState, allowed: readonly ElectionState[]): Refusal {
  return { kind: 'wrong-state', state, allowed };
}
