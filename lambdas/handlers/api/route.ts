import type { z } from 'zod';
import type { ApiOperations, OperationDeclaration, OperationId } from '../../core/api/api-contract.js';
import type { ApiSchemas } from '../../core/api/api-schemas.js';
import type { ApiDependencies } from './api-dependencies.js';
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

/** What a route handler is given: the request already authorised and validated by its operation's schemas. */
export interface RouteInput<Operation extends OperationDeclaration> {
  event: ApiEvent;
  deps: ApiDependencies;
  params: PathParameters<Operation['path']>;
  body: BodyOf<Operation>;
  query: QueryOf<Operation>;
  headers: RequestHeaders;
  /** The raw query string, for routes outside the contract that read their own. */
  rawQuery: URLSearchParams;
}

export type RouteHandler<Operation extends OperationDeclaration> = (input: RouteInput<Operation>) => Promise<ApiResult>;

/** One handler per operation of the contract: a missing or misspelt one does not compile. */
export type RouteHandlers = { [Id in OperationId]: RouteHandler<ApiOperations[Id]> };

/** What the router hands any handler, before the operation's own types are known. */
export type UntypedRouteInput = Omit<RouteInput<OperationDeclaration>, 'params' | 'body' | 'query'> & {
  params: Record<string, string>;
  body: unknown;
  query: unknown;
};

/** An operation and the handler serving it, as the router takes them. */
export interface RouteBinding {
  operation: OperationDeclaration & { id: string };
  handle(input: UntypedRouteInput): Promise<ApiResult>;
}
