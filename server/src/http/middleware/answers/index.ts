// What a route answers when it succeeds: its status and the zod schema of its JSON body, declared
// on the route itself (`app.get(path, answers(200, Schema), handler)`) like jsonBody declares the
// request. The OpenAPI document (../../openapi.ts) describes every answer from these; with
// `checkAnswers` (the test harness turns it on) every success is parsed with its schema, so a
// schema that no longer matches what the handler sends fails the server's tests, not a client.
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { z } from 'zod';
import type { AppEnv } from '../../env.ts';

export interface Answer {
  /** The success status (201 for something created, 200 otherwise). */
  readonly status: 200 | 201;
  /** The JSON body's schema; `null` for a body that is not JSON (its media type is `mediaType`). */
  readonly schema: z.ZodType | null;
  readonly mediaType: string;
  readonly description: string;
}

/** Where an answers middleware keeps its answer. */
const ANSWER: unique symbol = Symbol('evotare/answer');

/** The answer a route's handler declares, if it is an answers middleware. */
export function answerOf(handler: unknown): Answer | undefined {
  return (handler as { [ANSWER]?: Answer } | undefined)?.[ANSWER];
}

/** Declares the route's success: `status` with a JSON body that `schema` describes. */
export function answers(
  status: Answer['status'],
  schema: z.ZodType,
  description = status === 201 ? 'created' : 'success',
): MiddlewareHandler<AppEnv> {
  return declare({ status, schema, mediaType: 'application/json', description });
}

/** Declares a success whose body is not JSON (an attachment's bytes). */
export function answersBytes(mediaType: string, description: string): MiddlewareHandler<AppEnv> {
  return declare({ status: 200, schema: null, mediaType, description });
}

function declare(answer: Answer): MiddlewareHandler<AppEnv> {
  const middleware: MiddlewareHandler<AppEnv> = (_c, next) => next();
  return Object.assign(middleware, { [ANSWER]: answer });
}

/**
 * Checks each success against the answer its route declares: the status, the media type and the
 * body by its schema. A mismatch throws (a 500 in the test that made the request), naming the
 * route and the first differences.
 */
export function checkAnswers(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (c.res.status < 200 || c.res.status >= 300) return;
    const answer = matchedRoutes(c)
      .map((r) => answerOf(r.handler))
      .find((a) => a !== undefined);
    const route = `${c.req.method} ${c.req.routePath}`;
    if (answer === undefined) {
      if (c.req.routePath.startsWith('/api/')) throw new Error(`${route} declares no answer`);
      return;
    }
    const type = c.res.headers.get('content-type') ?? '';
    if (c.res.status !== answer.status || !type.startsWith(answer.mediaType)) {
      throw new Error(`${route} answered ${c.res.status} ${type}, not ${answer.status} ${answer.mediaType}`);
    }
    if (answer.schema === null) return;
    const parsed = answer.schema.safeParse(await c.res.clone().json());
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
      throw new Error(`${route} answered a body its schema refuses: ${issues.join('; ')}`);
    }
  };
}
