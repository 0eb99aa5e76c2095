// Small helpers for handlers: the validated body, validated query parameters, and a Result sent as
// JSON or as problem+json.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { Refusal } from '../refusal.ts';
import type { Result } from '../result.ts';
import type { AppEnv } from './env.ts';
import { problem, refusal } from './problem.ts';

export function body<T>(c: Context<AppEnv>): T {
  return c.get('body') as T;
}

export function query<S extends z.ZodType>(
  c: Context<AppEnv>,
  schema: S,
): { ok: true; value: z.infer<S> } | { ok: false; response: Response } {
  const parsed = schema.safeParse(c.req.query());
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    response: problem(c, 'invalid-request', {
      errors: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
    }),
  };
}

export function send<T>(c: Context<AppEnv>, result: Result<T, Refusal>, status: ContentfulStatusCode = 200): Response {
  return result.ok ? c.json(result.value as object, status) : refusal(c, result.error);
}

/** A non-negative integer in a query string. */
export const QueryInt = z
  .string()
  .regex(/^(0|[1-9]\d{0,15})$/, 'a non-negative integer')
  .transform(Number)
  .pipe(z.number().int().max(Number.MAX_SAFE_INTEGER));

/** A path segment that may be an election id (anything else is simply not found). */
export const ELECTION_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
