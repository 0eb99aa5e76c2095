// Officials authenticate with a bearer token (`evotare officials add` makes one; it is shown once
// and only its SHA-256 is stored). There are no open admin routes: every official route sits
// behind this middleware, which also checks the official's role against the request
// (server/src/officials/roles.ts) before any route runs. A token revoked or past its expiry is
// refused like an unknown one (401, with the reason in the detail); a request the role does not
// allow is refused (403) and the attempt goes on the audit log.
import { createHash, randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import { recordOfficialAction } from '../../../audit.ts';
import type { Database } from '../../../db/schema.ts';
import { roleAllows } from '../../../officials/roles.ts';
import type { AppEnv } from '../../env.ts';
import { problem } from '../../problem.ts';

const TOKEN = /^evo_[A-Za-z0-9_-]{43}$/;

export function newOfficialToken(): string {
  return `evo_${randomBytes(32).toString('base64url')}`;
}

export function tokenHash(token: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(token, 'utf8').digest());
}

export interface OfficialAuthOptions {
  /** Where the guarded sub-app is mounted: role rules name paths below it. */
  readonly mountedAt?: string;
  /** The clock that decides expiry (tests move it). */
  readonly now?: () => Date;
}

export function officialAuth(db: Kysely<Database>, options: OfficialAuthOptions = {}): MiddlewareHandler<AppEnv> {
  const mountedAt = options.mountedAt ?? '';
  const now = options.now ?? (() => new Date());
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const refuse = (detail?: string) => {
      c.header(
        'www-authenticate',
        detail === undefined
          ? 'Bearer realm="evotare-officials"'
          : 'Bearer realm="evotare-officials", error="invalid_token"',
      );
      return problem(c, 'unauthorized', detail === undefined ? {} : { detail });
    };
    if (!TOKEN.test(token)) return refuse();
    const official = await db
      .selectFrom('official')
      .select(['id', 'name', 'role', 'revoked_at', 'expires_at'])
      .where('token_hash', '=', tokenHash(token))
      .executeTakeFirst();
    if (!official) return refuse('unknown token');
    if (official.revoked_at !== null) return refuse('this token was revoked');
    if (official.expires_at !== null && new Date(official.expires_at) <= now()) return refuse('this token has expired');
    const path = c.req.path.startsWith(mountedAt) ? c.req.path.slice(mountedAt.length) || '/' : c.req.path;
    if (!roleAllows(official.role, c.req.method, path)) {
      await recordOfficialAction(db, official.name, 'officials.denied', null, { method: c.req.method, path });
      return problem(c, 'forbidden', { detail: `the role ${official.role} may not ${c.req.method} ${path}` });
    }
    c.set('official', { id: Number(official.id), name: official.name, role: official.role });
    await next();
  };
}
