// /api/v1/elections (public) and /api/v1/admin/elections (officials).
import { MAX_EARLY_CLOSE_REASON } from '@evotare/crypto/board/payloads';
import { type ElectionDefinition, ElectionDefinitionSchema } from '@evotare/crypto/manifest';
import { textSchema } from '@evotare/crypto/wire-schema';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/env.ts';
import { jsonBody } from '../http/middleware/json-body/index.ts';
import { body, send } from '../http/request.ts';
import { prepareMixInput } from '../mixing/mix-input.ts';
import {
  closeVoting,
  createElection,
  electionStatus,
  listElections,
  openVoting,
  publicElection,
  registerParties,
  startKeyCeremony,
} from './elections.ts';
import { type Parties, PartiesSchema } from './parties.ts';

export function electionRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => c.json({ elections: await listElections(deps, { includeDrafts: false }) }));
  app.get('/:id', async (c) => send(c, await publicElection(deps, c.req.param('id'))));
  return app;
}

const Empty = z.strictObject({});
/** Why officials close voting before the window's end (§13.10): it goes on the board. */
const CloseBody = z.strictObject({ reason: z.string().trim().pipe(textSchema(MAX_EARLY_CLOSE_REASON)).optional() });

export function electionAdminRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => c.json({ elections: await listElections(deps, { includeDrafts: true }) }));
  app.post('/', jsonBody(ElectionDefinitionSchema, { maxBytes: 512 * 1024 }), async (c) =>
    send(c, await createElection(deps, body<ElectionDefinition>(c), c.get('official').name), 201),
  );
  app.get('/:id', async (c) => send(c, await electionStatus(deps, c.req.param('id'))));
  app.put('/:id/parties', jsonBody(PartiesSchema), async (c) =>
    send(c, await registerParties(deps, c.req.param('id'), body<Parties>(c), c.get('official').name)),
  );
  app.post('/:id/key-ceremony', jsonBody(Empty), async (c) =>
    send(c, await startKeyCeremony(deps, c.req.param('id'), c.get('official').name)),
  );
  app.post('/:id/open', jsonBody(Empty), async (c) =>
    send(c, await openVoting(deps, c.req.param('id'), c.get('official').name)),
  );
  app.post('/:id/close', jsonBody(CloseBody), async (c) => {
    const { reason } = body<z.infer<typeof CloseBody>>(c);
    const closed = await closeVoting(deps, c.req.param('id'), c.get('official').name, reason);
    if (!closed.ok) return send(c, closed);
    // The mix input follows the close at once (§14.2); the answer says the state it leaves.
    const prepared = await prepareMixInput(deps, c.req.param('id'));
    return send(c, prepared.ok ? { ok: true, value: { ...closed.value, state: prepared.value } } : prepared);
  });
  return app;
}
