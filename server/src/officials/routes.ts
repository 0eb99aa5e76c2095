// /api/v1/admin/officials — administrators add officials (the token is in the answer, once), list
// them and revoke them; every change goes on the audit log.
import { Hono } from 'hono';
import { z } from 'zod';
import { recordOfficialAction } from '../audit.ts';
import { OFFICIAL_ROLES } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/env.ts';
import { answers } from '../http/middleware/answers/index.ts';
import { jsonBody } from '../http/middleware/json-body/index.ts';
import { body, send } from '../http/request.ts';
import { ok } from '../result.ts';
import { addOfficial, listOfficials, revokeOfficial } from './officials.ts';

const OfficialName = z.string().regex(/^[\p{L}\p{N} .'-]{1,100}$/u, 'a name');

export const NewOfficialSchema = z.strictObject({
  name: OfficialName,
  role: z.enum(OFFICIAL_ROLES).default('administrator'),
  /** ISO 8601 date-time in the future; none: until revoked. */
  expiresAt: z.iso
    .datetime({ offset: true })
    .refine((s) => Date.parse(s) > Date.now(), 'a time in the future')
    .optional(),
});

/** An official as listed (OfficialListing): never the token. */
const OfficialListingSchema = z.strictObject({
  name: z.string(),
  role: z.enum(OFFICIAL_ROLES),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  active: z.boolean(),
});

/** A new official: the token is in this answer once, and nowhere else. */
const AddedOfficialSchema = z.strictObject({
  name: z.string(),
  role: z.enum(OFFICIAL_ROLES),
  expiresAt: z.string().nullable(),
  token: z.string().regex(/^evo_[A-Za-z0-9_-]{43}$/),
});

export function officialAdminRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', answers(200, z.strictObject({ officials: z.array(OfficialListingSchema) })), async (c) =>
    c.json({ officials: await listOfficials(deps.db) }),
  );
  app.post('/', answers(201, AddedOfficialSchema), jsonBody(NewOfficialSchema), async (c) => {
    const { name, role, expiresAt } = body<z.infer<typeof NewOfficialSchema>>(c);
    const r = await addOfficial(deps.db, { name, role, expiresAt: expiresAt ? new Date(expiresAt) : null });
    if (r.ok) {
      await recordOfficialAction(deps.db, c.get('official').name, 'officials.add', null, {
        name,
        role,
        expiresAt: r.value.expiresAt,
      });
    }
    return send(c, r, 201);
  });
  const Revoked = z.strictObject({ official: OfficialListingSchema });
  app.post('/:name/revoke', answers(200, Revoked), jsonBody(z.strictObject({})), async (c) => {
    const name = c.req.param('name');
    const r = await revokeOfficial(deps.db, name);
    if (r.ok) await recordOfficialAction(deps.db, c.get('official').name, 'officials.revoke', null, { name });
    return send(c, r.ok ? ok({ official: r.value }) : r);
  });
  return app;
}
