// The key ceremony over HTTP: trustees post signed messages and read the ceremony's state
// (public: the signature authenticates the trustee); officials close phases.
import { CeremonyMessageSchema } from '@evotare/crypto/dkg/messages';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { Base64Url32, Phase, Position } from '../http/answer-parts.ts';
import type { AppEnv } from '../http/env.ts';
import { answers } from '../http/middleware/answers/index.ts';
import { jsonBody } from '../http/middleware/json-body/index.ts';
import { body, send } from '../http/request.ts';
import { ceremonyState, closeCeremonyPhase, postCeremonyMessage } from './ceremony.ts';

/** The structure is checked by crypto (Algorithm 9.12); here only that it is a JSON object. */
const AnyMessage = z.looseObject({ type: z.string() });

const CeremonyStateSchema = z.strictObject({ phase: Phase.nullable(), messages: z.array(CeremonyMessageSchema) });
/** Where a message, an observer's key or a co-signature went on the board. */
export const BoardPosition = z.strictObject({ position: Position });

export function ceremonyRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/:id/ceremony', answers(200, CeremonyStateSchema), async (c) =>
    send(c, await ceremonyState(deps, c.req.param('id'))),
  );
  app.post(
    '/:id/ceremony/messages',
    answers(201, BoardPosition),
    jsonBody(AnyMessage, { maxBytes: 64 * 1024, maxDepth: 4 }),
    async (c) => send(c, await postCeremonyMessage(deps, c.req.param('id'), body(c)), 201),
  );
  return app;
}

export function ceremonyAdminRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const Outcome = z.strictObject({
    phase: Phase,
    electionKey: Base64Url32.optional(),
    qualified: z.array(z.int().min(1)).optional(),
  });
  app.post('/:id/key-ceremony/close-phase', answers(200, Outcome), jsonBody(z.strictObject({})), async (c) =>
    send(c, await closeCeremonyPhase(deps, c.req.param('id'), c.get('official').name)),
  );
  return app;
}
