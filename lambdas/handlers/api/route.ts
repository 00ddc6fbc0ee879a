import type * as z from 'zod/mini';
import type { ApiOperations, OperationDeclaration, OperationIdServedBy, ServedBy } from '../../core/api/api-contract.js';
import type { Logger } from '../../core/ports/logger.js';
import type { ApiSchemas } from '../../core/api/api-schemas.js';
import type { ApiDependencies, PreviewApiDependencies, ReadApiDependencies } from './api-dependencies.js';
import type { CommanderAuth } from './commander-auth.js';
import type { ApiEvent, ApiResult } from './http.js';

/** `/v1/incidents/{id}/updates` → `{ id: string }`. */
type PathParameters<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}`
  ? { [K in Name]: string } & PathParameters<Rest>
  : unknown;

type BodyOf<Operation> = Operation extends { body: infer Name extends keyof ApiSchemas['bodies'] } ? z.output<ApiSchemas['bodies'][Name]> : undefined;
type QueryOf<Operation> = Operation extends { query: infer Name extends keyof ApiSchemas['queries'] } ? z.output<ApiSchemas['queries'][Name]> : undefined;

/** The contract's request headers, read and checked by the router before the handler runs. */
export interface RequestHeaders {
  /** `Idempotency-Key`, when the operation takes one and the client sent it. */
  idempotencyKey?: string;
  /** `If-Match` as a version number, when the operation takes one and the client sent it. */
  ifMatch?: number;
}

/**
 * The read function's handlers get the read dependencies only, so a read route cannot reach a write
 * port; the preview function's get the preview dependencies only, so a preview cannot store or send.
 */
type DependenciesOf<Operation> = Operation extends { servedBy: 'reads' }
  ? ReadApiDependencies
  : Operation extends { servedBy: 'previews' }
    ? PreviewApiDependencies
    : ApiDependencies;

/** What a route handler is given: the request already authorised and validated by its operation's schemas. */
export interface RouteInput<Operation extends OperationDeclaration> {
  event: ApiEvent;
  deps: DependenciesOf<Operation>;
  params: PathParameters<Operation['path']>;
  body: BodyOf<Operation>;
  query: QueryOf<Operation>;
  headers: RequestHeaders;
  /** The raw query string, for routes outside the contract that read their own. */
  rawQuery: URLSearchParams;
}

export type RouteHandler<Operation extends OperationDeclaration> = (input: RouteInput<Operation>) => Promise<ApiResult>;

/** One handler per operation one function serves: a missing or misspelt one does not compile. */
export type RouteHandlers<Function extends ServedBy> = { [Id in OperationIdServedBy<Function>]: RouteHandler<ApiOperations[Id]> };

/** What the router needs of any function's dependencies: the schemas it validates with, the auth it checks, a logger. */
export interface RouterDependencies {
  /** Which channels the deployment switched on: an operation of a channel switched off answers 404. */
  config: { channels: { email: { enabled: boolean }; webhook: { enabled: boolean } } };
  schemas: { bodies?: Record<string, z.core.$ZodType>; queries: Record<string, z.core.$ZodType> };
  /** Only a function serving `commander` operations has one. */
  auth?: CommanderAuth;
  logger: Logger;
}

/** What the router hands any handler, before the operation's own types are known. */
export type UntypedRouteInput<Deps> = Omit<RouteInput<OperationDeclaration>, 'params' | 'body' | 'query' | 'deps'> & {
  deps: Deps;
  params: Record<string, string>;
  body: unknown;
  query: unknown;
};

/** An operation and the handler serving it, as the router takes them. */
export interface RouteBinding<Deps = ApiDependencies> {
  operation: OperationDeclaration & { id: string };
  handle(input: UntypedRouteInput<Deps>): Promise<ApiResult>;
}
