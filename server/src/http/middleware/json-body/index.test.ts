import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppEnv } from '../../env.ts';
import { JsonDepthScanner, jsonBody } from './index.ts';

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

  it('measures depth while reading, ignoring brackets inside strings', () => {
    const depthOf = (text: string) => {
      const s = new JsonDepthScanner();
      s.feed(new TextEncoder().encode(text), 1000);
      return s.max;
    };
    expect(depthOf('{"a":[1,{"b":2}]}')).toBe(3);
    expect(depthOf('"x"')).toBe(0);
    expect(depthOf('{"a":"[[[{{\\"}","b":"\\\\"}')).toBe(1);
    expect(depthOf('["ș[", ["ț"]]')).toBe(2);
  });

  it('stops reading a deeply nested body at the limit, before parsing it', async () => {
    const s = new JsonDepthScanner();
    expect(s.feed(new TextEncoder().encode('['.repeat(200_000)), 16)).toBe(false);
    expect(s.max).toBe(17);
    const chunks = ['{"n":', '[[', '[[1]]]]}'].map((t) => new TextEncoder().encode(t));
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    const r = await app.request('/', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(r.status).toBe(400);
    expect(((await r.json()) as { detail: string }).detail).toBe('JSON nested deeper than 3 levels');
  });
});
