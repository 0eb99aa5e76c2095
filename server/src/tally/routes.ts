// The tally over HTTP: trustees post partial decryptions (public: the trustee's signature and proof
// authenticate it); anyone reads the result; officials may ask for the result to be published
// (after a restart, or for an election whose final list is empty).
import { ResultSchema } from '@evotare/crypto/tally/result';
import { Hono } from 'hono';
import { z } from 'zod';
import { recordOfficialAction } from '../audit.ts';
import type { Deps } from '../deps.ts';
import { Count, Position, State } from '../http/answer-parts.ts';
import type { AppEnv } from '../http/env.ts';
import { answers } from '../http/middleware/answers/index.ts';
import { jsonBody } from '../http/middleware/json-body/index.ts';
import { refusal } from '../http/problem.ts';
import { body, send } from '../http/request.ts';
import { ok } from '../result.ts';
import { acceptPartialDecryption, decryptionTarget, maxPartialDecryptionBytes } from './decryption.ts';
import type { FinalList } from './final-list.ts';
import { publishedResult } from './published-result.ts';
import { publishResult } from './tally.ts';

/** The structure is checked by crypto (Algorithm 10.5); here only that it is a JSON object. */
const AnyPartialDecryption = z.looseObject({ type: z.string() });

/** A partial decryption accepted (AcceptedPartialDecryption). */
const AcceptedPartialDecryptionSchema = z.strictObject({
  position: Position,
  partialDecryptions: Count,
  threshold: z.int().min(1),
  result: Position.nullable(),
});

/** The published result: the board's `result` entry (SPEC §10) with the roll's size. */
const PublishedResultSchema = z.strictObject({
  electionId: z.string(),
  state: State,
  position: Position,
  time: z.string(),
  result: ResultSchema,
  rollSize: Count.nullable(),
  paperOverrides: Count,
});

export function tallyRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  // The final list is looked up first: it says how large a body may be (46 characters a share).
  const targets = new WeakMap<Request, FinalList>();
  app.post(
    '/:id/partial-decryptions',
    answers(201, AcceptedPartialDecryptionSchema),
    async (c, next) => {
      const target = await decryptionTarget(deps, c.req.param('id'));
      if (!target.ok) return refusal(c, target.error);
      targets.set(c.req.raw, target.value);
      const ciphertexts = target.value.list.count * target.value.list.width;
      return jsonBody(AnyPartialDecryption, { maxBytes: maxPartialDecryptionBytes(ciphertexts), maxDepth: 3 })(c, next);
    },
    async (c) => send(c, await acceptPartialDecryption(deps, c.req.param('id'), targets.get(c.req.raw)!, body(c)), 201),
  );

  app.get('/:id/result', answers(200, PublishedResultSchema), async (c) => {
    const found = await publishedResult(deps, c.req.param('id'));
    if (!found.ok) return refusal(c, found.error);
    const p = found.value;
    if (p.result === null) {
      return refusal(c, { kind: 'result-not-published', detail: `the election is ${p.state}` });
    }
    return send(
      c,
      ok({
        electionId: p.electionId,
        state: p.state,
        position: p.result.position,
        time: p.result.time,
        result: p.result.payload,
        rollSize: p.rollSize,
        paperOverrides: p.paperOverrides,
      }),
    );
  });
  return app;
}

export function tallyAdminRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const Published = z.strictObject({ position: Position });
  app.post('/:id/result', answers(201, Published), jsonBody(z.strictObject({})), async (c) => {
    const published = await publishResult(deps, c.req.param('id'));
    if (published.ok)
      await recordOfficialAction(deps.db, c.get('official').name, 'election.publish-result', c.req.param('id'));
    return send(c, published, 201);
  });
  return app;
}
