// Reads a JSON request body: application/json only, at most `maxBytes` and nested at most
// `maxDepth` deep — both counted while reading, whatever Content-Length says, so a hostile body
// is dropped before JSON.parse spends time on it — strict UTF-8, then validated by a zod schema.
// The handler finds the parsed value in c.var.body.
import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../../env.ts';
import { problem } from '../../problem.ts';

export interface JsonBodyOptions {
  readonly maxBytes?: number;
  readonly maxDepth?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Nesting depth of JSON text, measured byte by byte as it arrives: brackets outside strings open
 * and close levels. UTF-8 multi-byte sequences hold no byte below 0x80, so the quote and the
 * backslash are found by byte. For valid JSON it is the depth of the parsed value (a scalar is 0,
 * `[]` is 1); for invalid JSON it is some number, and JSON.parse refuses the text anyway.
 */
export class JsonDepthScanner {
  #depth = 0;
  #inString = false;
  #escaped = false;
  max = 0;

  /** Scans more bytes; returns false as soon as the depth exceeds `limit`. */
  feed(bytes: Uint8Array, limit: number): boolean {
    for (const b of bytes) {
      if (this.#inString) {
        if (this.#escaped) this.#escaped = false;
        else if (b === 0x5c) this.#escaped = true;
        else if (b === 0x22) this.#inString = false;
      } else if (b === 0x22) {
        this.#inString = true;
      } else if (b === 0x5b || b === 0x7b) {
        if (++this.#depth > this.max) this.max = this.#depth;
        if (this.#depth > limit) return false;
      } else if (b === 0x5d || b === 0x7d) {
        this.#depth--;
      }
    }
    return true;
  }
}

type Read = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly why: 'size' | 'depth' };

/** Reads the body, stopping as soon as it is larger than `maxBytes` or nested deeper than `maxDepth`. */
async function readBounded(request: Request, maxBytes: number, maxDepth: number): Promise<Read> {
  if (request.body === null) return { ok: true, bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const depth = new JsonDepthScanner();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    const why = total > maxBytes ? 'size' : depth.feed(value, maxDepth) ? null : 'depth';
    if (why !== null) {
      await reader.cancel();
      return { ok: false, why };
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { ok: true, bytes: out };
}

/** Where a jsonBody middleware keeps its schema, for the OpenAPI document (../../openapi.ts). */
export const BODY_SCHEMA: unique symbol = Symbol('evotare/body-schema');

/** The request body's schema of a route's handler, if it is a jsonBody middleware. */
export function bodySchemaOf(handler: unknown): z.ZodType | undefined {
  return (handler as { [BODY_SCHEMA]?: z.ZodType } | undefined)?.[BODY_SCHEMA];
}

export function jsonBody<S extends z.ZodType>(schema: S, options: JsonBodyOptions = {}): MiddlewareHandler<AppEnv> {
  const maxBytes = options.maxBytes ?? 64 * 1024;
  const maxDepth = options.maxDepth ?? 16;
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) return problem(c, 'unsupported-media-type');
    // Refused before the whole body is read: the connection is closed after the answer, so that
    // the client does not send its next request on a socket the server is about to drop.
    const declared = Number(c.req.header('content-length') ?? '0');
    const read: Read =
      declared > maxBytes ? { ok: false, why: 'size' } : await readBounded(c.req.raw, maxBytes, maxDepth);
    if (!read.ok) {
      c.header('connection', 'close');
      return read.why === 'size'
        ? problem(c, 'payload-too-large', { detail: `at most ${maxBytes} bytes` })
        : problem(c, 'invalid-request', { detail: `JSON nested deeper than ${maxDepth} levels` });
    }
    let value: unknown;
    try {
      value = JSON.parse(utf8.decode(read.bytes));
    } catch {
      return problem(c, 'malformed-json');
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
  return Object.assign(middleware, { [BODY_SCHEMA]: schema });
}
