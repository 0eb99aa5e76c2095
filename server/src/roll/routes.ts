// /api/v1/admin/elections/:id/roll — importing the electoral roll (officials).
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/env.ts';
import { jsonBody } from '../http/middleware/json-body/index.ts';
import { body, send } from '../http/request.ts';
import { importRoll } from './roll.ts';

/** A roll is sent in chunks of at most 8 MiB; `firstLine` numbers the chunk's lines as in the file. */
export const RollUploadSchema = z.strictObject({
  csv: z.string().max(8 * 1024 * 1024),
  firstLine: z.int().min(1).optional(),
});

export function rollAdminRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/:id/roll', jsonBody(RollUploadSchema, { maxBytes: 9 * 1024 * 1024 }), async (c) => {
    const { csv, firstLine } = body<z.infer<typeof RollUploadSchema>>(c);
    return send(c, await importRoll(deps, c.req.param('id'), csv, c.get('official').name, firstLine ?? 1));
  });
  return app;
}
