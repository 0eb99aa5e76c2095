// The OpenAPI 3.1 document of the HTTP API, at GET /api/v1/openapi.json: generated from the app's
// own routes (Hono's route list), the zod schemas their jsonBody middleware validate with, and the
// answers each route declares (./middleware/answers: status and schema of the success, which the
// tests check every answer against), so it cannot drift from what the server accepts and sends.
// Schemas are the wire form (z.toJSONSchema's input side: what a client parses). Every error is
// RFC 9457 problem+json (./problem.ts); /api/v1/admin needs an official's bearer token.
import { z } from 'zod';
import { answerOf } from './middleware/answers/index.ts';
import { bodySchemaOf } from './middleware/json-body/index.ts';
import { PROBLEMS } from './problem.ts';

type Operation = {
  summary: string;
  parameters?: Array<{ name: string; in: 'path'; required: true; schema: { type: 'string'; pattern?: string } }>;
  requestBody?: { required: true; content: { 'application/json': { schema: unknown } } };
  responses: Record<string, unknown>;
  security?: Array<Record<string, string[]>>;
};

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);

/** `/elections/:id/ballots/:code{[A-Za-z0-9_-]{43}}` → `/elections/{id}/ballots/{code}` and its parameters. */
function openApiPath(path: string): { path: string; parameters: NonNullable<Operation['parameters']> } {
  const parameters: NonNullable<Operation['parameters']> = [];
  const converted = path.replace(
    /:(\w+)(\{((?:[^{}]|\{[^{}]*\})*)\})?/g,
    (_all, name: string, _b, pattern?: string) => {
      parameters.push({
        name,
        in: 'path',
        required: true,
        schema: pattern ? { type: 'string', pattern: `^${pattern}$` } : { type: 'string' },
      });
      return `{${name}}`;
    },
  );
  return { path: converted, parameters };
}

/**
 * A zod schema as JSON Schema (the input side: the wire form). What zod puts in `$defs` (a
 * recursive schema such as a board entry's JSON payload) moves to the document's
 * components.schemas, named once per distinct definition, because a `#/$defs/…` reference inside
 * an OpenAPI document would resolve against the document, not the schema.
 */
function jsonSchema(schema: z.ZodType, shared: Record<string, unknown>): unknown {
  const { $defs, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Record<string, unknown> & { $defs?: Record<string, unknown> };
  if ($defs === undefined) return rest;
  const names = new Map<string, string>();
  for (const [local, definition] of Object.entries($defs)) {
    const text = JSON.stringify(definition);
    let name = Object.keys(shared).find((n) => JSON.stringify(shared[n]) === text);
    if (name === undefined) {
      name = `Shared${Object.keys(shared).length + 1}`;
      shared[name] = definition;
    }
    names.set(`#/$defs/${local}`, `#/components/schemas/${name}`);
  }
  // A definition may refer to another (or itself): rewrite the references everywhere, then again
  // in the shared definitions just added.
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' ? (names.get(v) ?? v) : rewrite(v),
      ]),
    );
  };
  for (const name of new Set(names.values())) {
    const key = name.slice('#/components/schemas/'.length);
    shared[key] = rewrite(shared[key]);
  }
  return rewrite(rest);
}

/** The routes of a Hono app (its `routes`), each middleware and handler listed on its own. */
export interface RouteList {
  readonly routes: ReadonlyArray<{ readonly method: string; readonly path: string; readonly handler: unknown }>;
}

export function openApiDocument(app: RouteList, version: string): object {
  const paths: Record<string, Record<string, Operation>> = {};
  /** Definitions the schemas share (see jsonSchema). */
  const shared: Record<string, unknown> = {};
  const problem = { $ref: '#/components/responses/Problem' };
  for (const route of app.routes) {
    if (!METHODS.has(route.method) || !route.path.startsWith('/api/')) continue;
    const { path, parameters } = openApiPath(route.path);
    const method = route.method.toLowerCase();
    const operations = paths[path] ?? {};
    paths[path] = operations;
    const operation = operations[method] ?? {
      summary: `${route.method} ${path}`,
      ...(parameters.length > 0 ? { parameters } : {}),
      responses: { '4XX': problem, '5XX': problem },
      ...(path.startsWith('/api/v1/admin') ? { security: [{ officialToken: [] }] } : {}),
    };
    const body = bodySchemaOf(route.handler);
    if (body !== undefined) {
      operation.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(body, shared) } } };
    }
    const answer = answerOf(route.handler);
    if (answer !== undefined) {
      operation.responses[String(answer.status)] = {
        description: answer.description,
        content: {
          [answer.mediaType]: {
            schema:
              answer.schema === null
                ? { type: 'string', contentMediaType: answer.mediaType }
                : jsonSchema(answer.schema, shared),
          },
        },
      };
    }
    operations[method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'e-Votare API',
      version,
      description:
        'The server of e-Votare (docs/SPEC.md fixes every board format). Errors are RFC 9457 problem+json with a stable type urn:evotare:problem:<name>.',
    },
    paths,
    components: {
      securitySchemes: {
        officialToken: { type: 'http', scheme: 'bearer', description: "an official's token (evo_…)" },
      },
      responses: {
        Problem: {
          description: 'RFC 9457 problem details',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      },
      schemas: {
        ...shared,
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string', enum: Object.keys(PROBLEMS).map((name) => `urn:evotare:problem:${name}`) },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
          },
        },
      },
    },
  };
}
