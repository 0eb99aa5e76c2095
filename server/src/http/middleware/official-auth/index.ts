// Officials authenticate with a bearer token (`evotare officials add` makes one; it is shown once
// and only its SHA-256 is stored). There are no open admin routes: every official route sits
// behind this middleware.
import { createHash, randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { AppEnv } from '../../env.ts';
import { problem } from '../../problem.ts';

const TOKEN = /^evo_[A-Za-z0-9_-]{43}$/;

export function newOfficialToken(): string {
  return `evo_${randomBytes(32).toString('base64url')}`;
}

export function tokenHash(token: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(token, 'utf8').digest());
}

export function officialAuth(db: Kysely<Database>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!TOKEN.test(token)) {
      c.header('www-authenticate', 'Bearer realm="evotare-officials"');
      return problem(c, 'unauthorized');
    }
    const official = await db
      .selectFrom('official')
      .select(['id', 'name'])
      .where('token_hash', '=', tokenHash(token))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!official) {
      c.header('www-authenticate', 'Bearer realm="evotare-officials", error="invalid_token"');
      return problem(c, 'unauthorized');
    }
    c.set('official', official);
    await next();
  };
}
