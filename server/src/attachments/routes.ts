// GET /api/v1/elections/:id/attachments/:attachmentId — an attachment's bytes (§14.1), streamed
// chunk by chunk from the database. Public, like the board; immutable, so cacheable forever.
import { fromBase64Url } from '@evotare/crypto/bytes';
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/env.ts';
import { answersBytes } from '../http/middleware/answers/index.ts';
import { refusal } from '../http/problem.ts';
import { attachmentChunks, attachmentSize } from './store.ts';

export function attachmentRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const bytes = answersBytes('application/octet-stream', 'the attachment’s bytes (SPEC §14.1)');
  app.get('/:id/attachments/:attachmentId{[A-Za-z0-9_-]{43}}', bytes, async (c) => {
    const electionId = c.req.param('id');
    let id: Uint8Array;
    try {
      id = fromBase64Url(c.req.param('attachmentId'), 32);
    } catch {
      return refusal(c, { kind: 'attachment-not-found' });
    }
    const size = await attachmentSize(deps.db, electionId, id);
    if (size === null) return refusal(c, { kind: 'attachment-not-found' });
    c.header('content-type', 'application/octet-stream');
    c.header('content-length', String(size));
    c.header('cache-control', 'public, max-age=31536000, immutable');
    return stream(c, async (out) => {
      for await (const chunk of attachmentChunks(deps.db, electionId, id)) {
        if (out.aborted) return;
        await out.write(chunk);
      }
    });
  });
  return app;
}
