// Who is activating a credential. The first provider checks an activation code (./activation-
// codes-provider.ts); MPass or MSign, the state's e-identity services, would be others. A provider
// splits its work in two: `verify`, which may be slow (a slow hash, a call to MPass) and runs
// outside the board's lock, and `consume`, which runs inside the transaction that issues the
// credential and makes the proof of identity single-use.
import type { Tx } from '../db/transaction.ts';
import type { Refusal } from '../refusal.ts';
import type { Result } from '../result.ts';

/** A verified identity, to be consumed by the transaction that issues the credential. */
export interface IdentityTicket {
  readonly voterId: number;
  /** Provider-specific proof that this ticket is still good (e.g. which code was checked). */
  readonly evidence: string;
}

export interface IdentityProvider {
  readonly name: string;
  verify(electionId: string, claim: unknown): Promise<Result<IdentityTicket, Refusal>>;
  consume(tx: Tx, ticket: IdentityTicket): Promise<Result<void, Refusal>>;
}
