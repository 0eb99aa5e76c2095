// The OpenAPI 3.1 document of the HTTP API, at GET /api/v1/openapi.json: generated from the app's
// own routes (Hono's route list) and the zod schemas their jsonBody middleware validate with
// (z.toJSONSchema, the input side), so it cannot drift from what the server accepts. Every error is
// RFC 9457 problem+json (./problem.ts); /api/v1/admin needs an official's bearer token.
import { z } from 'zod';
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

function jsonSchema(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
}

/** The routes of a Hono app (its `routes`), each middleware and handler listed on its own. */
export interface RouteList {
  readonly routes: ReadonlyArray<{ readonly method: string; readonly path: string; readonly handler: unknown }>;
}

export function openApiDocument(app: RouteList, version: string): object {
  const paths: Record<string, Record<string, Operation>> = {};
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
      responses: { '2XX': { description: 'success (JSON)' }, '4XX': problem, '5XX': problem },
      ...(path.startsWith('/api/v1/admin') ? { security: [{ officialToken: [] }] } : {}),
    };
    const body = bodySchemaOf(route.handler);
    if (body !== undefined) {
      operation.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(body) } } };
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
