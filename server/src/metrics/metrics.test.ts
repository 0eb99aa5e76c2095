// /metrics and /api/v1/openapi.json on a real app: request counts by route pattern, the casting and
// verification-queue series, only for observers and administrators; and an OpenAPI document whose
// request bodies come from the zod schemas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { addOfficial } from '../officials/officials.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';

describe('metrics and the OpenAPI document', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(await openDatabase({ inMemory: true }));
  });
  afterAll(() => s?.close());

  it('serve Prometheus metrics with request counts by route pattern, never by id', async () => {
    await s.request('GET', '/api/v1/elections/some-election');
    await s.request('POST', '/api/v1/elections/some-election/ballots', { body: {} });
    const r = await s.request('GET', '/metrics');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await r.text();
    expect(text).toMatch(
      /evotare_http_requests_total\{method="GET",route="\/api\/v1\/elections\/:id",status="404"\} 1/,
    );
    expect(text).toMatch(/evotare_ballots_cast_total\{outcome="refused"\} 1/);
    expect(text).toMatch(/evotare_ballot_verification_queued 0/);
    expect(text).toMatch(/evotare_http_request_duration_seconds_bucket/);
    expect(text).toMatch(/process_cpu_seconds_total/);
    expect(text).not.toContain('some-election');
  });

  it('answer /metrics only to an observer or an administrator, by bearer token', async () => {
    const refused = await s.request('GET', '/metrics', { token: null });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="evotare-officials"');
    const text = await refused.text();
    expect((JSON.parse(text) as { type: string }).type).toBe('urn:evotare:problem:unauthorized');
    expect(text).not.toContain('evotare_');

    const wrong = await s.request('GET', '/metrics', { token: `evo_${'A'.repeat(43)}` });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { detail: string }).detail).toBe('unknown token');

    const token = async (role: 'observer' | 'roll-clerk') => {
      const added = await addOfficial(s.deps.db, { name: `metrics ${role}`, role });
      if (!added.ok) throw new Error('could not add an official');
      return added.value.token;
    };
    const observer = await s.request('GET', '/metrics', { token: await token('observer') });
    expect(observer.status).toBe(200);
    expect(await observer.text()).toContain('evotare_http_requests_total');

    const clerk = await s.request('GET', '/metrics', { token: await token('roll-clerk') });
    expect(clerk.status).toBe(403);
    expect(((await clerk.json()) as { type: string }).type).toBe('urn:evotare:problem:forbidden');
    const denied = await s.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('official', '=', 'metrics roll-clerk')
      .execute();
    expect(denied.map((d) => d.action)).toEqual(['officials.denied']);

    // The load balancer's probes need no token.
    expect((await s.request('GET', '/healthz', { token: null })).status).toBe(200);
    expect((await s.request('GET', '/readyz', { token: null })).status).toBe(200);
  });

  it('describe every /api route, request bodies from the zod schemas, admin routes with the bearer token', async () => {
    const r = await s.request('GET', '/api/v1/openapi.json', { token: null });
    expect(r.status).toBe(200);
    const doc = (await r.json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: {
              content: Record<
                string,
                { schema: { properties: Record<string, { enum?: string[] }>; required: string[] } }
              >;
            };
            security?: unknown;
          }
        >
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    const add = doc.paths['/api/v1/admin/officials']!.post!;
    expect(add.security).toEqual([{ officialToken: [] }]);
    const schema = add.requestBody!.content['application/json']!.schema;
    expect(schema.properties.role?.enum).toEqual(['administrator', 'roll-clerk', 'observer']);
    expect(schema.required).toEqual(['name']);
    expect(doc.paths['/api/v1/admin/elections/{id}/close']!.post!.requestBody).toBeDefined();
    const lookup = Object.keys(doc.paths).find((p) => p.startsWith('/api/v1/elections/{id}/ballots/'));
    expect(lookup).toBe('/api/v1/elections/{id}/ballots/{trackingCode}');
    expect(doc.paths['/api/v1/elections/{id}/credentials']!.post!.security).toBeUndefined();
  });
});
