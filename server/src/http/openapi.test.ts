// The OpenAPI document as a whole: valid OpenAPI 3.1 by the specification's own JSON Schema
// (@seriousme/openapi-schema-validator), every `$ref` resolving inside it, and every operation
// describing its success (a 2xx answer with a schema) and its errors (RFC 9457 problem+json).
// That the success schemas match what the server sends is checked by every server test: the test
// harness checks each answer against its route's schema (./middleware/answers).
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Response = { $ref?: string; content?: Record<string, { schema?: Json }> };
type Document = {
  paths: Record<string, Record<string, { responses: Record<string, Response> }>>;
  components: { responses: Record<string, Response> };
};

/** Every `$ref` in `value`, with where it is. */
function refs(value: Json, at = '#'): Array<{ ref: string; at: string }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => refs(v, `${at}/${i}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k === '$ref' && typeof v === 'string' ? [{ ref: v, at }] : refs(v, `${at}/${k}`),
  );
}

/** The value a local JSON pointer (`#/a/b`) names in `doc`, or undefined. */
function resolve(doc: Json, pointer: string): Json | undefined {
  let node: Json | undefined = doc;
  for (const raw of pointer.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    node = node !== null && typeof node === 'object' && !Array.isArray(node) ? node[key] : undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

describe('the OpenAPI document', () => {
  let s: TestServer;
  let doc: Document & Json;
  beforeAll(async () => {
    s = await startTestServer(await openDatabase({ inMemory: true }));
    const r = await s.request('GET', '/api/v1/openapi.json', { token: null });
    expect(r.status).toBe(200);
    doc = (await r.json()) as Document & Json;
  });
  afterAll(() => s?.close());

  it('is valid OpenAPI 3.1, and every $ref in it resolves inside it', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter(({ ref }) => !ref.startsWith('#/') || resolve(doc, ref) === undefined)).toEqual([]);
  });

  it('gives every operation a success with a schema and problem+json errors', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(operations.length).toBeGreaterThan(35);
    const problem = doc.components.responses.Problem!;
    expect(Object.keys(problem.content ?? {})).toEqual(['application/problem+json']);
    const lacking: string[] = [];
    for (const { name, op } of operations) {
      const successes = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      const described = successes.some(([, r]) => Object.values(r.content ?? {}).some((c) => c.schema !== undefined));
      if (!described) lacking.push(`${name}: no 2xx answer with a schema`);
      const problems = Object.entries(op.responses).filter(([status]) => /^[45]/.test(status));
      if (!problems.some(([, r]) => r.$ref === '#/components/responses/Problem')) {
        lacking.push(`${name}: no problem+json answer`);
      }
    }
    expect(lacking).toEqual([]);
  });

  it('describes answers with the schemas the server uses: the receipt, the board page, the console', () => {
    type Schema = { properties?: Record<string, { properties?: Record<string, unknown> }>; required?: string[] };
    const schema = (path: string, method: string, status: string) =>
      resolve(
        doc,
        `#/paths/${path.replaceAll('/', '~1')}/${method}/responses/${status}/content/application~1json/schema`,
      ) as Schema;
    const receipt = schema('/api/v1/elections/{id}/ballots', 'post', '201');
    expect(receipt.required).toEqual(['electionId', 'trackingCode', 'position', 'entryHash', 'treeHead', 'signature']);
    const page = schema('/api/v1/elections/{id}/board', 'get', '200');
    expect(Object.keys(page.properties!)).toEqual(['size', 'next', 'entries']);
    const console = schema('/api/v1/admin/elections/{id}/console', 'get', '200');
    expect(Object.keys(console.properties!.turnout!.properties!)).toContain('byCountry');
    // An attachment is bytes, not JSON.
    const attachment = resolve(
      doc,
      '#/paths/~1api~1v1~1elections~1{id}~1attachments~1{attachmentId}/get/responses/200/content',
    ) as Record<string, unknown>;
    expect(Object.keys(attachment)).toEqual(['application/octet-stream']);
  });
});
