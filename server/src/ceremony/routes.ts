// The key ceremony over HTTP: trustees post signed messages and read the ceremony's state
// (public: the signature authenticates the trustee); officials close phases.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/env.ts';
import { jsonBody } from '../http/middleware/json-body/index.ts';
import { body, send } from '../http/request.ts';
import { ceremonyState, closeCeremonyPhase, postCeremonyMessage } from './ceremony.ts';

/** The structure is checked by crypto (Algorithm 9.12); here only that it is a JSON object. */
const AnyMessage = z.looseObject({ type: z.string() });

export function ceremonyRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/:id/ceremony', async (c) => send(c, await ceremonyState(deps, c.req.param('id'))));
  app.post('/:id/ceremony/messages', jsonBody(AnyMessage, { maxBytes: 64 * 1024, maxDepth: 4 }), async (c) =>
    send(c, await postCeremonyMessage(deps, c.req.param('id'), body(c)), 201),
  );
  return app;
}

export function ceremonyAdminRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/:id/key-ceremony/close-phase', jsonBody(z.strictObject({})), async (c) =>
    send(c, await closeCeremonyPhase(deps, c.req.param('id'), c.get('official').name)),
  );
  return app;
}
