// /api/v1/elections (public) and /api/v1/admin/elections (officials).
import { MAX_EARLY_CLOSE_REASON } from '@evotare/crypto/board/payloads';
import { type ElectionDefinition, ElectionDefinitionSchema, ManifestSchema } from '@evotare/crypto/manifest';
import { textSchema } from '@evotare/crypto/wire-schema';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { Base64Url32, Count, ElectionSummarySchema, ElectionSummaryShape, Fingerprint } from '../http/answer-parts.ts';
import type { AppEnv } from '../http/env.ts';
import { answers } from '../http/middleware/answers/index.ts';
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

const ElectionList = z.strictObject({ elections: z.array(ElectionSummarySchema) });

/** What anyone may know of an election (publicElection). */
export const PublicElectionSchema = z.strictObject({
  ...ElectionSummaryShape,
  manifest: ManifestSchema.nullable(),
  manifestHash: Base64Url32.nullable(),
  electionKey: Base64Url32.nullable(),
  authorityKey: Base64Url32,
  fingerprint: Fingerprint.nullable(),
});

/** The officials' counts (electionStatus). */
const ElectionStatusSchema = z.strictObject({
  ...ElectionSummaryShape,
  rollSize: Count,
  codesIssued: Count,
  credentialsIssued: Count,
  credentialsRevoked: Count,
  ballotsCast: Count,
  votersWhoCast: Count,
  boardSize: Count,
  treeHead: z.strictObject({ size: Count, root: Base64Url32, time: z.string() }).nullable(),
  electionKey: Base64Url32.nullable(),
  fingerprint: Fingerprint.nullable(),
});

export function electionRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', answers(200, ElectionList), async (c) =>
    c.json({ elections: await listElections(deps, { includeDrafts: false }) }),
  );
  app.get('/:id', answers(200, PublicElectionSchema), async (c) =>
    send(c, await publicElection(deps, c.req.param('id'))),
  );
  return app;
}

const Empty = z.strictObject({});
/** Why officials close voting before the window's end (§13.10): it goes on the board. */
const CloseBody = z.strictObject({ reason: z.string().trim().pipe(textSchema(MAX_EARLY_CLOSE_REASON)).optional() });

export function electionAdminRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', answers(200, ElectionList), async (c) =>
    c.json({ elections: await listElections(deps, { includeDrafts: true }) }),
  );
  app.post(
    '/',
    answers(201, ElectionSummarySchema),
    jsonBody(ElectionDefinitionSchema, { maxBytes: 512 * 1024 }),
    async (c) => send(c, await createElection(deps, body<ElectionDefinition>(c), c.get('official').name), 201),
  );
  app.get('/:id', answers(200, ElectionStatusSchema), async (c) =>
    send(c, await electionStatus(deps, c.req.param('id'))),
  );
  app.put('/:id/parties', answers(200, ElectionSummarySchema), jsonBody(PartiesSchema), async (c) =>
    send(c, await registerParties(deps, c.req.param('id'), body<Parties>(c), c.get('official').name)),
  );
  app.post(
    '/:id/key-ceremony',
    answers(200, z.strictObject({ ...ElectionSummaryShape, manifestHash: Base64Url32 })),
    jsonBody(Empty),
    async (c) => send(c, await startKeyCeremony(deps, c.req.param('id'), c.get('official').name)),
  );
  app.post('/:id/open', answers(200, ElectionSummarySchema), jsonBody(Empty), async (c) =>
    send(c, await openVoting(deps, c.req.param('id'), c.get('official').name)),
  );
  // The state in the answer is the one the close leaves (`mixing` once the mix input is on the board).
  app.post('/:id/close', answers(200, ElectionSummarySchema), jsonBody(CloseBody), async (c) => {
    const { reason } = body<z.infer<typeof CloseBody>>(c);
    const closed = await closeVoting(deps, c.req.param('id'), c.get('official').name, reason);
    if (!closed.ok) return send(c, closed);
    // The mix input follows the close at once (§14.2); the answer says the state it leaves.
    const prepared = await prepareMixInput(deps, c.req.param('id'));
    return send(c, prepared.ok ? { ok: true, value: { ...closed.value, state: prepared.value } } : prepared);
  });
  return app;
}
