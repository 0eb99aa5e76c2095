// Officials of the CEC who run elections. Each has a name, a role (./roles.ts), perhaps an expiry,
// and a bearer token shown once (only its SHA-256 is stored). An official is never deleted: a
// revoked one stays listed, so the audit log's names keep their meaning.
import { type Kysely, sql } from 'kysely';
import type { Database, OfficialRole } from '../db/schema.ts';
import { sqlState } from '../db/transaction.ts';
import { newOfficialToken, tokenHash } from '../http/middleware/official-auth/index.ts';
import type { Refusal } from '../refusal.ts';
import { err, ok, type Result } from '../result.ts';

export interface NewOfficial {
  readonly name: string;
  readonly role?: OfficialRole;
  /** The token is refused from then on; none: until revoked. */
  readonly expiresAt?: Date | null;
}

export interface OfficialListing {
  readonly name: string;
  readonly role: OfficialRole;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  /** Whether the token is accepted now (not revoked, not expired). */
  readonly active: boolean;
}

export async function addOfficial(
  db: Kysely<Database>,
  official: string | NewOfficial,
): Promise<Result<{ name: string; role: OfficialRole; expiresAt: string | null; token: string }, Refusal>> {
  const {
    name,
    role = 'administrator',
    expiresAt = null,
  } = typeof official === 'string' ? { name: official } : official;
  const token = newOfficialToken();
  try {
    await db
      .insertInto('official')
      .values({ name, token_hash: tokenHash(token), revoked_at: null, role, expires_at: expiresAt })
      .execute();
  } catch (e) {
    if (sqlState(e) === '23505') return err({ kind: 'official-exists' });
    throw e;
  }
  return ok({ name, role, expiresAt: expiresAt?.toISOString() ?? null, token });
}

export async function hasOfficials(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('official').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function listOfficials(db: Kysely<Database>, now = new Date()): Promise<OfficialListing[]> {
  const rows = await db
    .selectFrom('official')
    .select(['name', 'role', 'created_at', 'expires_at', 'revoked_at'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    name: r.name,
    role: r.role,
    createdAt: new Date(r.created_at).toISOString(),
    expiresAt: r.expires_at && new Date(r.expires_at).toISOString(),
    revokedAt: r.revoked_at && new Date(r.revoked_at).toISOString(),
    active: r.revoked_at === null && (r.expires_at === null || new Date(r.expires_at) > now),
  }));
}

/**
 * Revokes an official's token for good. The last active administrator cannot be revoked (nobody
 * could then add officials but someone with the database's password, by `evotare officials bootstrap`).
 */
export async function revokeOfficial(db: Kysely<Database>, name: string): Promise<Result<OfficialListing, Refusal>> {
  return db.transaction().execute(async (tx) => {
    await sql`lock table official in share row exclusive mode`.execute(tx);
    const all = await listOfficials(tx);
    const target = all.find((o) => o.name === name);
    if (!target) return err({ kind: 'official-not-found' });
    if (target.revokedAt !== null) return ok(target);
    const admins = all.filter((o) => o.active && o.role === 'administrator');
    if (target.active && target.role === 'administrator' && admins.length === 1) {
      return err({ kind: 'last-administrator' });
    }
    const now = new Date();
    await tx.updateTable('official').set({ revoked_at: now }).where('name', '=', name).execute();
    return ok({ ...target, revokedAt: now.toISOString(), active: false });
  });
}

/**
 * The first administrator, made directly in the database (so from any instance, or from an
 * operator's machine with the database's address): only while no administrator is active. Two
 * instances bootstrapping at once are serialized by the table lock; the second is refused.
 */
export async function bootstrapOfficial(
  db: Kysely<Database>,
  name: string,
): Promise<Result<{ name: string; token: string }, Refusal>> {
  return db.transaction().execute(async (tx) => {
    await sql`lock table official in share row exclusive mode`.execute(tx);
    const all = await listOfficials(tx);
    const admins = all.filter((o) => o.active && o.role === 'administrator');
    if (all.some((o) => o.name === name)) return err({ kind: 'official-exists' });
    if (admins.length > 0) return err({ kind: 'officials-exist', detail: admins.map((a) => a.name).join(', ') });
    const added = await addOfficial(tx, { name, role: 'administrator' });
    return added.ok ? ok({ name, token: added.value.token }) : added;
  });
}
