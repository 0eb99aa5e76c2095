// GET /api/v1/admin/elections/:id/console — everything the officials' console shows of one
// election (./console.ts), for any official's role (it only reads). Its answer's schema follows
// the console's own type (client/src/console/view.ts, ConsoleView); the tests check the one
// against what the other builds.
import { NEXT_STEPS } from '@evotare/client/src/console/steps.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import { OFFICIAL_ROLES } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { Count, Phase, State, Title, VotingWindow } from '../http/answer-parts.ts';
import type { AppEnv } from '../http/env.ts';
import { answers } from '../http/middleware/answers/index.ts';
import { send } from '../http/request.ts';
import { consoleView } from './console.ts';

const Cell = z.union([
  z.strictObject({ count: Count }),
  z.strictObject({ suppressed: z.enum(['small', 'complement']) }),
]);

export const ConsoleViewSchema = z.strictObject({
  official: z.strictObject({ name: z.string(), role: z.enum(OFFICIAL_ROLES) }),
  election: z.strictObject({
    id: z.string(),
    title: Title,
    state: State,
    ceremonyPhase: Phase.nullable(),
    votingWindow: VotingWindow,
    threshold: z.int().min(1).nullable(),
    next: z.enum(NEXT_STEPS),
  }),
  trustees: z.array(
    z.strictObject({
      index: z.int().min(1),
      name: z.string(),
      dealt: z.boolean(),
      sharesChecked: z.enum(['pending', 'accepted', 'complained']),
      complaintsFiled: Count,
      complaintsAgainst: Count,
      resolutions: Count,
      qualified: z.boolean().nullable(),
      decrypted: z.boolean(),
    }),
  ),
  turnout: z.strictObject({
    rollSize: Count,
    voters: Count,
    ballots: Count,
    threshold: Count,
    byHour: z.array(z.strictObject({ hour: z.string(), ballots: Count, firstBallots: Count })),
    byCountry: z.array(z.strictObject({ country: z.string(), roll: Cell, voted: Cell })),
  }),
  credentials: z.strictObject({ codesIssued: Count, activated: Count, revoked: Count, votedInPerson: Count }),
  mixing: z.strictObject({
    nodes: z.array(z.strictObject({ index: Count, name: z.string(), mixed: z.boolean() })),
    deadline: z.string().nullable(),
    completed: z.boolean(),
  }),
  decryption: z.strictObject({ posted: Count, needed: Count.nullable(), resultPublished: z.boolean() }),
  board: z.strictObject({
    size: Count,
    treeHead: z.strictObject({ size: Count, time: z.string() }).nullable(),
    observers: z.array(z.strictObject({ name: z.string(), cosignedSize: Count.nullable() })),
    cosignatures: Count,
  }),
  actions: z.array(z.strictObject({ time: z.string(), official: z.string(), action: z.string(), detail: z.string() })),
});

export function consoleAdminRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/:id/console', answers(200, ConsoleViewSchema), async (c) => {
    const { name, role } = c.get('official');
    return send(c, await consoleView(deps, c.req.param('id'), { name, role }));
  });
  return app;
}
