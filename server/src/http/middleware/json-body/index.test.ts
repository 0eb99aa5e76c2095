import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppEnv } from '../../env.ts';
import { jsonBody, jsonDepth } from './index.ts';

const app = new Hono<AppEnv>();
app.post('/', jsonBody(z.strictObject({ n: z.int() }), { maxBytes: 100, maxDepth: 3 }), (c) => c.json(c.get('body')));
const send = (body: BodyInit, type = 'application/json') =>
  app.request('/', { method: 'POST', body, headers: { 'content-type': type } });
const typeOf = async (r: Response) => ((await r.json()) as { type: string }).type.replace('urn:evotare:problem:', '');

describe('json-body middleware', () => {
  it('passes a valid body to the handler', async () => {
    const r = await send('{"n":5}', 'application/json; charset=utf-8');
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ n: 5 });
  });

  it('refuses other media types, oversized, malformed, too deep and invalid bodies', async () => {
    expect(await typeOf(await send('{"n":5}', 'text/plain'))).toBe('unsupported-media-type');
    expect(await typeOf(await send(`{"n":5,"x":"${'a'.repeat(200)}"}`))).toBe('payload-too-large');
    expect(await typeOf(await send('{"n":'))).toBe('malformed-json');
    expect(await typeOf(await send(new Uint8Array([0x7b, 0xff, 0x7d])))).toBe('malformed-json');
    expect(await typeOf(await send('[[[[1]]]]'))).toBe('invalid-request');
    const invalid = await send('{"n":1.5,"m":2}');
    expect(invalid.status).toBe(400);
    const doc = (await invalid.json()) as { errors: Array<{ path: string }> };
    expect(doc.errors.length).toBeGreaterThan(0);
  });

  it('measures depth without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(jsonDepth(deep, 10)).toBe(11);
    expect(jsonDepth({ a: [1, { b: 2 }] }, 10)).toBe(3);
    expect(jsonDepth('x', 10)).toBe(0);
  });
});
