// The database as the TypeScript code sees it (the migrations in ./migrations/ create it).
// Board tables are insert-only here as in the database: their columns cannot be set by an UPDATE
// (type `never`), and triggers reject UPDATE, DELETE and TRUNCATE (./migrations/).
import type { ColumnType, Generated } from 'kysely';

/** Written once, on insert; an UPDATE cannot name it. */
type Frozen<T> = ColumnType<T, T, never>;
/** Set by the database on insert; never updated. */
type FrozenDefault<T> = ColumnType<T, T | undefined, never>;

export const ELECTION_STATES = ['draft', 'key-ceremony', 'open', 'closed', 'mixing', 'decrypting', 'tallied'] as const;
export type ElectionState = (typeof ELECTION_STATES)[number];

export const CEREMONY_PHASES = ['dealing', 'complaints', 'resolution', 'done'] as const;
export type CeremonyPhase = (typeof CEREMONY_PHASES)[number];

export interface ElectionTable {
  id: Frozen<string>;
  /** The ElectionDefinition as imported (JSON text). */
  definition: Frozen<string>;
  state: ElectionState;
  /** Public keys of trustees and mix nodes registered in draft (JSON text). */
  parties: string | null;
  /** The frozen manifest, UTF8(JCS(manifest)), from the start of the key ceremony. */
  manifest: string | null;
  manifest_hash: Uint8Array | null;
  election_key: Uint8Array | null;
  /** Secret salt of the roll commitment (§13.1). */
  roll_salt: Frozen<Uint8Array>;
  /** The key ceremony's phase while the election is in key-ceremony (then 'done'). */
  ceremony_phase: CeremonyPhase | null;
  created_at: FrozenDefault<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

// --- the bulletin board (insert-only) -------------------------------------------------------------

export interface BoardEntryTable {
  election_id: Frozen<string>;
  seq: Frozen<number>;
  type: Frozen<string>;
  time: Frozen<string>;
  /** UTF8(JCS(payload)) exactly as hashed. */
  payload: Frozen<string>;
  previous: Frozen<Uint8Array>;
  hash: Frozen<Uint8Array>;
}

/** Perfect subtrees of the Merkle tree (crypto/src/board/merkle.ts): they never change. */
export interface BoardNodeTable {
  election_id: Frozen<string>;
  level: Frozen<number>;
  idx: Frozen<number>;
  hash: Frozen<Uint8Array>;
}

export interface TreeHeadTable {
  election_id: Frozen<string>;
  size: Frozen<number>;
  root: Frozen<Uint8Array>;
  time: Frozen<string>;
  signature: Frozen<Uint8Array>;
}

/**
 * One row per ballot entry: finds it by tracking code. A resubmission gets the same receipt: it is
 * rebuilt from the entry and the first tree head containing it (Ed25519 signs deterministically).
 */
export interface BallotTable {
  election_id: Frozen<string>;
  tracking_code: Frozen<Uint8Array>;
  credential_key: Frozen<Uint8Array>;
  seq: Frozen<number>;
}

/**
 * The last ballot of each credential, updated in the transaction that appends a ballot: the
 * ballot-status lookup reads it by primary key. An index of the board, not part of it.
 */
export interface LatestBallotTable {
  election_id: Frozen<string>;
  credential_key: Frozen<Uint8Array>;
  tracking_code: Uint8Array;
  seq: number;
}

/** Credentials issued; the link to the voter stays here, never on the board. */
export interface CredentialTable {
  election_id: Frozen<string>;
  public_key: Frozen<Uint8Array>;
  voter_id: Frozen<number>;
  seq: Frozen<number>;
}

export interface RevocationTable {
  election_id: Frozen<string>;
  public_key: Frozen<Uint8Array>;
  reason: Frozen<string>;
  seq: Frozen<number>;
}

export interface ObserverTable {
  election_id: Frozen<string>;
  signing_key: Frozen<Uint8Array>;
  name: Frozen<string>;
  seq: Frozen<number>;
}

/** An attachment (§14.1) of an election: its id, size and number of chunks; written after the chunks. */
export interface AttachmentTable {
  election_id: Frozen<string>;
  id: Frozen<Uint8Array>;
  size: Frozen<number>;
  chunks: Frozen<number>;
}

export interface AttachmentChunkTable {
  election_id: Frozen<string>;
  id: Frozen<Uint8Array>;
  idx: Frozen<number>;
  data: Frozen<Uint8Array>;
}

// --- private tables ----------------------------------------------------------------------------

export interface VoterTable {
  id: Generated<number>;
  election_id: string;
  idnp: string;
  name: string;
  birth_date: string;
  country: string;
  /** Set when the voter voted on paper: no credential may be activated any more. */
  voted_in_person: Generated<boolean>;
}

export interface ActivationCodeTable {
  voter_id: number;
  /** scrypt(code, salt) (§13.3); the code itself is never stored. */
  hash: Uint8Array;
  salt: Uint8Array;
  /** scrypt parameters, "N,r,p". */
  params: string;
  issued_at: Date;
  used_at: Date | null;
  failed_attempts: number;
}

export const OFFICIAL_ROLES = ['administrator', 'roll-clerk', 'observer'] as const;
export type OfficialRole = (typeof OFFICIAL_ROLES)[number];

export interface OfficialTable {
  id: Generated<number>;
  name: string;
  /** SHA-256 of the bearer token. */
  token_hash: Uint8Array;
  created_at: FrozenDefault<Date>;
  revoked_at: Date | null;
  /** What the official may do (../officials/roles.ts). */
  role: ColumnType<OfficialRole, OfficialRole | undefined, never>;
  /** The token is refused from this time on; null: until revoked. */
  expires_at: Date | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  time: FrozenDefault<Date>;
  official: Frozen<string>;
  action: Frozen<string>;
  election_id: Frozen<string | null>;
  /** JSON text, never secrets or IDNPs. */
  detail: Frozen<string>;
}

export interface AuthorityKeyTable {
  id: Frozen<number>;
  public_key: Frozen<Uint8Array>;
  /** The secret key sealed with the authority passphrase. */
  sealed: Frozen<Uint8Array>;
  created_at: FrozenDefault<Date>;
}

/** A view: the last ballot of each credential that was not revoked — the ballots that count. */
export interface CountingBallotView {
  election_id: string;
  credential_key: Uint8Array;
  tracking_code: Uint8Array;
  seq: number;
}

/** A token bucket of one rate limit and client address (http/middleware/rate-limit/). */
export interface RateLimitBucketTable {
  scope: string;
  client: string;
  tokens: number;
  at_ms: number;
  allowed: boolean;
}

export interface Database {
  counting_ballot: CountingBallotView;
  election: ElectionTable;
  board_entry: BoardEntryTable;
  board_node: BoardNodeTable;
  tree_head: TreeHeadTable;
  ballot: BallotTable;
  latest_ballot: LatestBallotTable;
  credential: CredentialTable;
  revocation: RevocationTable;
  observer: ObserverTable;
  voter: VoterTable;
  activation_code: ActivationCodeTable;
  official: OfficialTable;
  audit_log: AuditLogTable;
  authority_key: AuthorityKeyTable;
  attachment: AttachmentTable;
  attachment_chunk: AttachmentChunkTable;
  rate_limit_bucket: RateLimitBucketTable;
}

/** Tables that make up or index the bulletin board: append-only. */
export const APPEND_ONLY_TABLES = [
  'board_entry',
  'board_node',
  'tree_head',
  'ballot',
  'credential',
  'revocation',
  'observer',
  'audit_log',
  'authority_key',
  'attachment',
  'attachment_chunk',
] as const;
