// /api/v1/admin/officials — administrators add officials (the token is in the answer, once), list
// them and revoke them; every change goes on the audit log.
import { Hono } from 'hono';
import { z } from 'zod';
import { recordOfficialAction } from '../audit.ts';
import { OFFICIAL_ROLES } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/env.ts';
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

export function officialAdminRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => c.json({ officials: await listOfficials(deps.db) }));
  app.post('/', jsonBody(NewOfficialSchema), async (c) => {
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
  app.post('/:name/revoke', jsonBody(z.strictObject({})), async (c) => {
    const name = c.req.param('name');
    const r = await revokeOfficial(deps.db, name);
    if (r.ok) await recordOfficialAction(deps.db, c.get('official').name, 'officials.revoke', null, { name });
    return send(c, r.ok ? ok({ official: r.value }) : r);
  });
  return app;
}
