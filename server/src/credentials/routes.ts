// POST /api/v1/elections/:id/credentials — a voter activates a credential (public, rate limited);
// /api/v1/admin/elections/:id/activation-codes and /revocations — officials.

import { SignedTreeHeadSchema } from '@evotare/crypto/board/tree-head';
import { SignedCredentialSchema } from '@evotare/crypto/credential';
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { Count, Position } from '../http/answer-parts.ts';
import type { AppEnv } from '../http/env.ts';
import { answers } from '../http/middleware/answers/index.ts';
import { jsonBody } from '../http/middleware/json-body/index.ts';
import { problem } from '../http/problem.ts';
import { body, send } from '../http/request.ts';
import { ActivationClaimSchema } from './activation-code-provider.ts';
import { activateCredential, issueActivationCodes, revokeCredential, votersWithoutCode } from './credentials.ts';

const Key32 = z.string().regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/, 'a 32-byte key in base64url');
const Idnp = z.string().regex(/^\d{13}$/, '13 digits');

export const ActivationRequestSchema = z.strictObject({
  ...ActivationClaimSchema.shape,
  credentialKey: Key32,
});

/** The credential the CEC signed, where it went on the board, and the tree head that holds it. */
const ActivatedCredentialSchema = z.strictObject({
  credential: SignedCredentialSchema,
  position: Position,
  treeHead: SignedTreeHeadSchema,
});

export function credentialRoutes(deps: Deps, rateLimit: MiddlewareHandler<AppEnv>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const activation = jsonBody(ActivationRequestSchema, { maxBytes: 4096 });
  app.post('/:id/credentials', answers(201, ActivatedCredentialSchema), rateLimit, activation, async (c) => {
    const { credentialKey, ...claim } = body<z.infer<typeof ActivationRequestSchema>>(c);
    return send(c, await activateCredential(deps, c.req.param('id'), claim, credentialKey), 201);
  });
  return app;
}

export const IssueCodesSchema = z.strictObject({
  idnps: z.array(Idnp).min(1).max(1000).optional(),
  newOnly: z.boolean().optional(),
  limit: z.int().min(1).max(1000).optional(),
});

const PendingQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(10_000).default(1000) });

export const RevokeSchema = z.strictObject({
  idnp: Idnp,
  reason: z.enum(['voted-in-person', 'withdrawn']),
});

/** Codes issued (IssuedCodes): each voter's code with what a letter needs. */
const IssuedCodesSchema = z.strictObject({
  codes: z.array(
    z.strictObject({
      idnp: Idnp,
      name: z.string(),
      country: z.string(),
      address: z.string().nullable(),
      code: z.string(),
    }),
  ),
  remaining: Count,
  replaced: z.array(Idnp),
  skipped: z.array(Idnp),
});

const RevokedSchema = z.strictObject({ revoked: z.boolean(), position: Position.nullable() });

export function credentialAdminRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/:id/activation-codes', answers(201, IssuedCodesSchema), jsonBody(IssueCodesSchema), async (c) =>
    send(c, await issueActivationCodes(deps, c.req.param('id'), body(c), c.get('official').name), 201),
  );
  const Pending = z.strictObject({ idnps: z.array(Idnp), remaining: Count });
  app.get('/:id/activation-codes/pending', answers(200, Pending), async (c) => {
    const query = PendingQuery.safeParse(c.req.query());
    if (!query.success) return problem(c, 'invalid-request', { detail: z.prettifyError(query.error) });
    return send(c, await votersWithoutCode(deps, c.req.param('id'), query.data.limit));
  });
  app.post('/:id/revocations', answers(200, RevokedSchema), jsonBody(RevokeSchema), async (c) =>
    send(c, await revokeCredential(deps, c.req.param('id'), body(c), c.get('official').name)),
  );
  return app;
}
