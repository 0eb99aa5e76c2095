import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppEnv } from '../../env.ts';
import { answerOf, answers, checkAnswers } from './index.ts';

const Greeting = z.strictObject({ hello: z.string() });

function app(): { app: Hono<AppEnv>; errors: string[] } {
  const errors: string[] = [];
  const a = new Hono<AppEnv>();
  a.use(checkAnswers());
  a.onError((e, c) => {
    errors.push(e.message);
    return c.text('fault', 500);
  });
  a.get('/api/right', answers(200, Greeting), (c) => c.json({ hello: 'world' }));
  a.get('/api/extra', answers(200, Greeting), (c) => c.json({ hello: 'world', secret: 1 }));
  a.post('/api/status', answers(201, Greeting), (c) => c.json({ hello: 'world' }));
  a.get('/api/undeclared', (c) => c.json({}));
  a.get('/api/refused', answers(200, Greeting), (c) => c.json({ type: 'urn:evotare:problem:not-found' }, 404));
  return { app: a, errors };
}

describe('answers', () => {
  it('keeps the declared status and schema on the middleware, for the OpenAPI document', () => {
    const declared = answerOf(answers(201, Greeting));
    expect(declared?.status).toBe(201);
    expect(declared?.schema).toBe(Greeting);
    expect(declared?.mediaType).toBe('application/json');
    expect(answerOf(() => undefined)).toBeUndefined();
  });

  it('lets an answer through that matches its declaration, and leaves errors alone', async () => {
    const { app: a, errors } = app();
    expect((await a.request('/api/right')).status).toBe(200);
    expect((await a.request('/api/refused')).status).toBe(404);
    expect(errors).toEqual([]);
  });

  it('fails an answer whose body, status or declaration is wrong', async () => {
    const { app: a, errors } = app();
    expect((await a.request('/api/extra')).status).toBe(500);
    expect((await a.request('/api/status', { method: 'POST' })).status).toBe(500);
    expect((await a.request('/api/undeclared')).status).toBe(500);
    expect(errors).toEqual([
      'GET /api/extra answered a body its schema refuses: : Unrecognized key: "secret"',
      'POST /api/status answered 200 application/json, not 201 application/json',
      'GET /api/undeclared declares no answer',
    ]);
  });
});
