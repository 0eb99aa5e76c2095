// Expected outcomes are values: a refused ballot, a wrong activation code, a closed election.
// Bugs throw. Only the HTTP layer (./http/problem.ts) turns a Refusal into problem+json.
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}
