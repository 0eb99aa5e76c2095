// /api/v1/admin/elections/:id/observers (officials register an observer's key) and
// POST /api/v1/elections/:id/board/cosignatures (observers co-sign; the signature authenticates).
import { SignedTreeHeadSchema } from '@evotare/crypto/board/tree-head';
import { textSchema } from '@evotare/crypto/wire-schema';
import { Hono } from 'hono';
import { z } from 'zod';
import { BoardPosition } from '../ceremony/routes.ts';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/env.ts';
import { answers } from '../http/middleware/answers/index.ts';
import { jsonBody } from '../http/middleware/json-body/index.ts';
import { body, send } from '../http/request.ts';
import { cosignTreeHead, registerObserver } from './observers.ts';

const Key32 = z.string().regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/, 'a 32-byte key in base64url');
const Sig64 = z.string().regex(/^[A-Za-z0-9_-]{85}[AQgw]$/, 'a 64-byte signature in base64url');

export const ObserverSchema = z.strictObject({ name: textSchema(200), signingKey: Key32 });
export const CosignatureSchema = z.strictObject({
  observerKey: Key32,
  treeHead: SignedTreeHeadSchema,
  signature: Sig64,
});

export function observerRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/:id/board/cosignatures', answers(201, BoardPosition), jsonBody(CosignatureSchema), async (c) =>
    send(c, await cosignTreeHead(deps, c.req.param('id'), body(c)), 201),
  );
  return app;
}

export function observerAdminRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/:id/observers', answers(201, BoardPosition), jsonBody(ObserverSchema), async (c) =>
    send(c, await registerObserver(deps, c.req.param('id'), body(c), c.get('official').name), 201),
  );
  return app;
}
