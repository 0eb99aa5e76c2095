// Reads a JSON request body: application/json only, at most `maxBytes` (counted while reading,
// whatever Content-Length says), strict UTF-8, nested at most `maxDepth` deep, then validated by
// a zod schema. The handler finds the parsed value in c.var.body.
import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../../env.ts';
import { problem } from '../../problem.ts';

export interface JsonBodyOptions {
  readonly maxBytes?: number;
  readonly maxDepth?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

async function readAtMost(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Depth of a parsed JSON value, iteratively (no recursion on attacker-chosen input). */
export function jsonDepth(value: unknown, limit: number): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > max) max = d;
    if (max > limit) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

export function jsonBody<S extends z.ZodType>(schema: S, options: JsonBodyOptions = {}): MiddlewareHandler<AppEnv> {
  const maxBytes = options.maxBytes ?? 64 * 1024;
  const maxDepth = options.maxDepth ?? 16;
  return async (c, next) => {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) return problem(c, 'unsupported-media-type');
    const declared = Number(c.req.header('content-length') ?? '0');
    if (declared > maxBytes) return problem(c, 'payload-too-large', { detail: `at most ${maxBytes} bytes` });
    const bytes = await readAtMost(c.req.raw, maxBytes);
    if (bytes === null) return problem(c, 'payload-too-large', { detail: `at most ${maxBytes} bytes` });
    let value: unknown;
    try {
      value = JSON.parse(utf8.decode(bytes));
    } catch {
      return problem(c, 'malformed-json');
    }
    if (jsonDepth(value, maxDepth) > maxDepth) {
      return problem(c, 'invalid-request', { detail: `JSON nested deeper than ${maxDepth} levels` });
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      return problem(c, 'invalid-request', {
        errors: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    c.set('body', parsed.data);
    await next();
  };
}
