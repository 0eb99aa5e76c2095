// POST /api/v1/elections/:id/ballots (casting) and GET …/ballots/:trackingCode (a ballot's receipt),
// each rate limited per client address.
import { BALLOT_NOT_SIGNED, BallotSchema } from '@evotare/crypto/ballot';
import { fromBase64Url } from '@evotare/crypto/bytes';
import { SignedReceiptSchema } from '@evotare/crypto/credential';
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/env.ts';
import { answers } from '../http/middleware/answers/index.ts';
import { jsonBody } from '../http/middleware/json-body/index.ts';
import { refusal } from '../http/problem.ts';
import { body, send } from '../http/request.ts';
import { ballotReceipt, castBallot } from './cast.ts';

/** A ballot of 32 contests of 65 choices is about 370 KB; the limit leaves room and no more. */
export const MAX_BALLOT_BYTES = 400 * 1024;

/** A ballot, or one without its signature — refused with its own reason (§13.4 step 1). */
const CastBodySchema = BallotSchema.partial({ signature: true });

export function castingRoutes(
  deps: Deps,
  limits: { casting: MiddlewareHandler<AppEnv>; lookup: MiddlewareHandler<AppEnv> },
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post(
    '/:id/ballots',
    answers(201, SignedReceiptSchema, 'the receipt signed by the CEC (SPEC §13.4)'),
    limits.casting,
    jsonBody(CastBodySchema, { maxBytes: MAX_BALLOT_BYTES, maxDepth: 4 }),
    async (c) => {
      const ballot = body<z.infer<typeof CastBodySchema>>(c);
      // An unsigned ballot (e.g. the one in a voter's audit data) can never be cast.
      const { signature } = ballot;
      if (signature === undefined) return refusal(c, { kind: 'ballot-invalid', detail: BALLOT_NOT_SIGNED });
      return send(c, await castBallot(deps, c.req.param('id'), { ...ballot, signature }), 201);
    },
  );
  const Receipt = z.strictObject({ receipt: SignedReceiptSchema });
  app.get('/:id/ballots/:trackingCode{[A-Za-z0-9_-]{43}}', answers(200, Receipt), limits.lookup, async (c) => {
    let code: Uint8Array;
    try {
      code = fromBase64Url(c.req.param('trackingCode'), 32);
    } catch {
      return refusal(c, { kind: 'entry-not-found' });
    }
    return send(c, await ballotReceipt(deps, c.req.param('id'), code));
  });
  return app;
}
