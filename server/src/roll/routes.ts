// /api/v1/admin/elections/:id/roll — importing the electoral roll (officials).
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { Count } from '../http/answer-parts.ts';
import type { AppEnv } from '../http/env.ts';
import { answers } from '../http/middleware/answers/index.ts';
import { jsonBody } from '../http/middleware/json-body/index.ts';
import { body, send } from '../http/request.ts';
import { importRoll, type RollInput } from './roll.ts';

/**
 * A roll is sent in parts of at most 8 MiB: CSV text (`firstLine` numbers its lines as in the
 * file), or records parsed by `evotare roll import` (each with the line it starts on).
 */
export const RollUploadSchema = z.union([
  z.strictObject({
    csv: z.string().max(8 * 1024 * 1024),
    firstLine: z.int().min(1).optional(),
  }),
  z.strictObject({
    records: z
      .array(
        z.strictObject({
          line: z.int().min(1),
          idnp: z.string().max(64),
          name: z.string().max(1000),
          birth_date: z.string().max(64),
          country: z.string().max(64),
          address: z.string().max(2000).optional(),
        }),
      )
      .max(20_000),
    skipExisting: z.boolean().optional(),
  }),
]);

/** What an import did (RollImportReport): refused rows by their line, never their IDNP. */
const RollImportReportSchema = z.strictObject({
  added: Count,
  skipped: Count,
  errors: z.array(z.strictObject({ line: z.int().min(1), message: z.string() })),
  rollSize: Count,
});

export function rollAdminRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const upload = jsonBody(RollUploadSchema, { maxBytes: 9 * 1024 * 1024 });
  app.post('/:id/roll', answers(200, RollImportReportSchema), upload, async (c) => {
    return send(c, await importRoll(deps, c.req.param('id'), body<RollInput>(c), c.get('official').name));
  });
  return app;
}
