import * as z from 'zod/mini';
import type { Config } from '../config/config-schema.js';
import { operationList } from './api-contract.js';
import type { OperationDeclaration } from './api-contract.js';
import { answerSchemas } from './api-schemas.js';
import type { ApiSchemas } from './api-schemas.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const headerParameters = {
  'idempotency-key': {
    name: 'Idempotency-Key',
    in: 'header',
    description: 'A retry with the same key and body within 24 h answers the first answer again and changes nothing',
    schema: { type: 'string', minLength: 1, maxLength: 255 },
  },
  'if-match': {
    name: 'If-Match',
    in: 'header',
    description: "The incident's ETag (its version); a stale one is answered 412 and nothing is written",
    schema: { type: 'string', examples: ['"3"'] },
  },
  'if-none-match': {
    name: 'If-None-Match',
    in: 'header',
    description: 'The ETag of the answer you already have; while it is still current the answer is 304 with no body',
    schema: { type: 'string' },
  },
} as const;

/**
 * The contract as OpenAPI 3.1, generated from the operations of `api-contract.ts` and the same zod
 * schemas that validate requests and describe answers, so the document cannot drift from the API.
 *
 * @example
 * const document = buildOpenApiDocument(config, createApiSchemas(config));
 */
export function buildOpenApiDocument(config: Config, schemas: ApiSchemas): object {
  const registry = z.registry<{ id: string }>();
  const bodyNames: Record<string, string> = {};
  for (const [name, schema] of Object.entries(schemas.bodies)) {
    const id = pascalCase(name);
    // One schema may serve two operations (update and preview); register it once.
    if (!registry.has(schema)) registry.add(schema, { id });
    bodyNames[name] = registry.get(schema)!.id;
  }
  for (const [id, schema] of Object.entries(answerSchemas)) registry.add(schema, { id });
  const { schemas: componentSchemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });

  const paths: Record<string, Record<string, object>> = {};
  for (const operation of operationList) {
    (paths[operation.path] ??= {})[operation.method.toLowerCase()] = toOperation(operation, schemas, bodyNames);
  }
  return {
    openapi: '3.1.0',
    info: { title: `${config.serviceName} incident communication API`, version: '1.0.0' },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    components: {
      schemas: componentSchemas,
      securitySchemes: { commander: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    paths,
  };
}

function toOperation(operation: OperationDeclaration & { id: string }, schemas: ApiSchemas, bodyNames: Record<string, string>): object {
  const problem = { description: 'Problem (RFC 9457)', content: { 'application/problem+json': { schema: ref('Problem') } } };
  const { status, schema, mediaType = 'application/json' } = operation.answer;
  const parameters = [
    ...pathParameters(operation.path),
    ...(operation.query ? queryParameters(schemas.queries[operation.query]) : []),
    ...(operation.headers ?? []).map((header) => headerParameters[header]),
  ];
  return {
    operationId: operation.id,
    summary: operation.summary,
    ...(operation.access === 'commander' ? { security: [{ commander: [] }] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(operation.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: ref(bodyNames[operation.body]!) } } } }
      : {}),
    responses: {
      [status]: { description: 'Success', ...(schema || mediaType !== 'application/json' ? { content: { [mediaType]: schema ? { schema: ref(schema) } : {} } } : {}) },
      ...(operation.headers?.includes('if-none-match') ? { '304': { description: 'Not Modified: the If-None-Match ETag is still current' } } : {}),
      '4XX': problem,
    },
  };
}

function pathParameters(path: string): object[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
}

/** A query's fields as OpenAPI parameters; the read queries are zod/mini objects, the others classic ones. */
function queryParameters(schema: { shape: Record<string, z.core.$ZodType> }): object[] {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query',
    schema: z.toJSONSchema(field, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }),
  }));
}

function pascalCase(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
