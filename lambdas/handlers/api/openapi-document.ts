import { z } from 'zod';
import type { Config } from '../../core/config/config-schema.js';
import {
  deliveryListSchema,
  feedPageSchema,
  incidentAnswerSchema,
  incidentListSchema,
  previewAnswerSchema,
  problemSchema,
  statusAnswerSchema,
} from '../../core/incident/answer-schemas.js';
import type { RequestSchemas } from '../../core/incident/request-schemas.js';
import { listIncidentsQuerySchema } from './routes/list-incidents.js';

type Operation = {
  summary: string;
  commander?: boolean;
  request?: string;
  answer?: { status: number; schema?: string; mediaType?: string };
  parameters?: object[];
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const pathId = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const idempotencyKey = { name: 'Idempotency-Key', in: 'header', schema: { type: 'string', minLength: 1, maxLength: 255 } };
const ifMatch = { name: 'If-Match', in: 'header', schema: { type: 'string', examples: ['"3"'] } };

/**
 * The contract as OpenAPI 3.1, generated from the same zod schemas that validate requests and
 * describe answers, so the document cannot drift from what the API does.
 */
export function buildOpenApiDocument(config: Config, schemas: RequestSchemas): object {
  const registry = z.registry<{ id: string }>();
  const named: Record<string, z.ZodType> = {
    DeclareIncident: schemas.declareIncidentSchema,
    AddUpdate: schemas.addUpdateSchema,
    Subscribe: schemas.subscribeSchema,
    Incident: incidentAnswerSchema,
    IncidentList: incidentListSchema,
    Status: statusAnswerSchema,
    DeliveryList: deliveryListSchema,
    Preview: previewAnswerSchema,
    FeedPage: feedPageSchema,
    Problem: problemSchema,
  };
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas: componentSchemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });

  const operations: Record<string, Record<string, Operation>> = {
    '/v1/incidents': {
      post: { summary: 'Declare an incident (its first update is the apology)', commander: true, request: 'DeclareIncident', answer: { status: 201, schema: 'Incident' }, parameters: [idempotencyKey] },
      get: { summary: 'List incidents, newest first', answer: { status: 200, schema: 'IncidentList' }, parameters: queryParameters(listIncidentsQuerySchema) },
    },
    '/v1/incidents/{id}': { get: { summary: 'One incident with its timeline', answer: { status: 200, schema: 'Incident' }, parameters: [pathId] } },
    '/v1/incidents/{id}/updates': {
      post: { summary: 'Add an update; status resolved sends the recovery', commander: true, request: 'AddUpdate', answer: { status: 201, schema: 'Incident' }, parameters: [pathId, idempotencyKey, ifMatch] },
    },
    '/v1/incidents/{id}/preview': {
      post: { summary: 'Render what an update would send, storing and sending nothing', commander: true, request: 'AddUpdate', answer: { status: 200, schema: 'Preview' }, parameters: [pathId, ifMatch] },
    },
    '/v1/incidents/{id}/deliveries': { get: { summary: 'The delivery ledger of an incident', commander: true, answer: { status: 200, schema: 'DeliveryList' }, parameters: [pathId] } },
    '/v1/status': { get: { summary: 'Overall status, components and open incidents (cacheable)', answer: { status: 200, schema: 'Status' } } },
    '/v1/feed': {
      get: {
        summary: 'The in-app feed, oldest first after the cursor',
        answer: { status: 200, schema: 'FeedPage' },
        parameters: [
          { name: 'locale', in: 'query', schema: { type: 'string', enum: config.locales } },
          { name: 'after', in: 'query', schema: { type: 'string' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
        ],
      },
    },
    '/v1/feed.atom': {
      get: { summary: 'The feed as Atom 1.0, newest first', answer: { status: 200, mediaType: 'application/atom+xml' }, parameters: [{ name: 'locale', in: 'query', schema: { type: 'string', enum: config.locales } }] },
    },
    '/v1/subscriptions': { post: { summary: 'Subscribe an email address (double opt-in)', request: 'Subscribe', answer: { status: 202 } } },
    '/v1/openapi.json': { get: { summary: 'This document', answer: { status: 200 } } },
  };

  return {
    openapi: '3.1.0',
    info: { title: `${config.serviceName} incident communication API`, version: '1.0.0' },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    components: {
      schemas: componentSchemas,
      securitySchemes: { commander: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    paths: Object.fromEntries(
      Object.entries(operations).map(([path, methods]) => [
        path,
        Object.fromEntries(Object.entries(methods).map(([method, operation]) => [method, toOperation(operation)])),
      ]),
    ),
  };
}

function toOperation(operation: Operation): object {
  const problem = { description: 'Problem (RFC 9457)', content: { 'application/problem+json': { schema: ref('Problem') } } };
  const { status, schema, mediaType = 'application/json' } = operation.answer ?? { status: 200 };
  return {
    summary: operation.summary,
    ...(operation.commander ? { security: [{ commander: [] }] } : {}),
    ...(operation.parameters ? { parameters: operation.parameters } : {}),
    ...(operation.request
      ? { requestBody: { required: true, content: { 'application/json': { schema: ref(operation.request) } } } }
      : {}),
    responses: {
      [status]: { description: 'Success', ...(schema || mediaType !== 'application/json' ? { content: { [mediaType]: schema ? { schema: ref(schema) } : {} } } : {}) },
      '4XX': problem,
    },
  };
}

function queryParameters(schema: z.ZodObject): object[] {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query',
    schema: z.toJSONSchema(field as z.ZodType, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }),
  }));
}
