// What the services and routes need, made once at start-up (./server.ts) or by a test.

import type { Kysely } from 'kysely';
import type { AuthorityKey } from './authority/authority.ts';
import type { NodeCache } from './board/nodes.ts';
import type { BoardWriter } from './board/writer.ts';
import type { BallotVerifier } from './casting/verifier.ts';
import type { ScryptParams } from './credentials/activation-code.ts';
import type { IdentityProvider } from './credentials/identity-provider.ts';
import type { DatabaseKind, PoolStatus } from './db/database.ts';
import type { StorageStatus } from './db/disk-guard.ts';
import type { Database } from './db/schema.ts';
import type { Logger } from './log.ts';
import type { ServerWorkers } from './workers.ts';

export interface Deps {
  readonly db: Kysely<Database>;
  readonly databaseKind: DatabaseKind;
  /** PGlite in a data directory: free space, and whether writes are refused (../db/disk-guard.ts). */
  readonly storage?: () => StorageStatus;
  /** PostgreSQL: the connection pool's clients (../db/database.ts), for /metrics. */
  readonly pool?: () => PoolStatus;
  readonly authority: AuthorityKey;
  readonly writer: BoardWriter;
  readonly nodes: NodeCache;
  readonly identity: IdentityProvider;
  /** scrypt parameters for activation codes issued from now on (§13.3). */
  readonly codeScrypt: ScryptParams;
  readonly ballots: BallotVerifier;
  readonly log: Logger;
  /** Elections whose threshold is one trustee may be created: test elections only (SPEC §7.1). */
  readonly allowThresholdOne?: boolean;
  /** Worker threads for the tally's proofs (shuffle proofs of uploaded mix outputs). */
  readonly workers: ServerWorkers;
}
