// /api/v1/admin/officials — an official adds another (the token is in the answer, once).
import { Hono } from 'hono';
import { z } from 'zod';
import { recordOfficialAction } from '../audit.ts';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/env.ts';
import { jsonBody } from '../http/middleware/json-body/index.ts';
import { body, send } from '../http/request.ts';
import { addOfficial } from './officials.ts';

const NewOfficialSchema = z.strictObject({ name: z.string().regex(/^[\p{L}\p{N} .'-]{1,100}$/u, 'a name') });

export function officialAdminRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/', jsonBody(NewOfficialSchema), async (c) => {
    const { name } = body<z.infer<typeof NewOfficialSchema>>(c);
    const r = await addOfficial(deps.db, name);
    if (r.ok) await recordOfficialAction(deps.db, c.get('official').name, 'officials.add', null, { name });
    return send(c, r, 201);
  });
  return app;
}
