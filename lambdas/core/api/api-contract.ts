import type { AnswerSchemaName, BodySchemaName, QuerySchemaName } from './api-schemas.js';

/**
 * The HTTP contract, each operation once: the router binds a handler to every id (the compiler
 * checks none is missing), the stack builds its routes and authorizer from it, the OpenAPI document
 * is generated from it, and `docs/api.md` is checked against it.
 *
 * `body` and `query` name schemas of `createApiSchemas(config)` (they depend on the configured
 * components and locales); `answer.schema` names one of `answerSchemas`.
 *
 * @example
 * apiOperations.addUpdate.path; // '/v1/incidents/{id}/updates'
 */
export const apiOperations = {
  declareIncident: {
    method: 'POST',
    path: '/v1/incidents',
    access: 'commander',
    servedBy: 'writes',
    summary: 'Declare an incident; its first update is the apology',
    body: 'declareIncident',
    headers: ['idempotency-key'],
    answer: { status: 201, schema: 'Incident' },
  },
  listIncidents: {
    method: 'GET',
    path: '/v1/incidents',
    access: 'public',
    servedBy: 'reads',
    summary: 'List incidents, newest first',
    query: 'listIncidents',
    headers: ['if-none-match'],
    answer: { status: 200, schema: 'IncidentList' },
  },
  getIncident: {
    method: 'GET',
    path: '/v1/incidents/{id}',
    access: 'public',
    servedBy: 'reads',
    summary: 'One incident with its whole timeline',
    headers: ['if-none-match'],
    answer: { status: 200, schema: 'Incident' },
  },
  addUpdate: {
    method: 'POST',
    path: '/v1/incidents/{id}/updates',
    access: 'commander',
    servedBy: 'writes',
    summary: 'Add an update; status "resolved" sends the recovery',
    body: 'addUpdate',
    headers: ['idempotency-key', 'if-match'],
    answer: { status: 201, schema: 'Incident' },
  },
  previewDeclaration: {
    method: 'POST',
    path: '/v1/incidents/preview',
    access: 'commander',
    servedBy: 'previews',
    summary: 'Render what declaring an incident (the body of POST /v1/incidents, a scenario included) would send on every channel and locale, storing and sending nothing',
    body: 'declareIncident',
    answer: { status: 200, schema: 'Preview' },
  },
  previewUpdate: {
    method: 'POST',
    path: '/v1/incidents/{id}/preview',
    access: 'commander',
    servedBy: 'previews',
    summary: 'Render what an update (the body of POST …/updates) or a postmortem ({ "postmortem": … }) would send on every channel and locale, storing and sending nothing',
    body: 'previewUpdate',
    headers: ['if-match'],
    answer: { status: 200, schema: 'Preview' },
  },
  publishPostmortem: {
    method: 'PUT',
    path: '/v1/incidents/{id}/postmortem',
    access: 'commander',
    servedBy: 'writes',
    summary: 'Publish (or revise) the postmortem of a resolved incident; the first publication notifies by default, a revision does not',
    body: 'publishPostmortem',
    headers: ['idempotency-key', 'if-match'],
    answer: { status: 200, schema: 'Incident' },
  },
  scheduleMaintenance: {
    method: 'POST',
    path: '/v1/maintenances',
    access: 'commander',
    servedBy: 'writes',
    summary: 'Schedule a maintenance window; customers are told now, reminded before it starts, and told when it starts and ends',
    body: 'scheduleMaintenance',
    headers: ['idempotency-key'],
    answer: { status: 201, schema: 'Maintenance' },
  },
  updateMaintenance: {
    method: 'POST',
    path: '/v1/maintenances/{id}/updates',
    access: 'commander',
    servedBy: 'writes',
    summary: 'Reschedule, start early, extend, verify, complete or cancel a maintenance window',
    body: 'updateMaintenance',
    headers: ['idempotency-key', 'if-match'],
    answer: { status: 201, schema: 'Maintenance' },
  },
  previewMaintenance: {
    method: 'POST',
    path: '/v1/maintenances/preview',
    access: 'commander',
    servedBy: 'previews',
    summary: 'Render what scheduling a window (the body of POST /v1/maintenances) would send, and its reminder, on every channel and locale, storing and sending nothing',
    body: 'scheduleMaintenance',
    answer: { status: 200, schema: 'Preview' },
  },
  previewMaintenanceUpdate: {
    method: 'POST',
    path: '/v1/maintenances/{id}/preview',
    access: 'commander',
    servedBy: 'previews',
    summary: 'Render what an update of a window (the body of POST …/updates) would send on every channel and locale, storing and sending nothing',
    body: 'updateMaintenance',
    headers: ['if-match'],
    answer: { status: 200, schema: 'Preview' },
  },
  listMaintenances: {
    method: 'GET',
    path: '/v1/maintenances',
    access: 'public',
    servedBy: 'reads',
    summary: 'List maintenance windows: upcoming and active ones soonest first, past ones latest first',
    query: 'listMaintenances',
    headers: ['if-none-match'],
    answer: { status: 200, schema: 'MaintenanceList' },
  },
  getMaintenance: {
    method: 'GET',
    path: '/v1/maintenances/{id}',
    access: 'public',
    servedBy: 'reads',
    summary: 'One maintenance window with its whole timeline',
    headers: ['if-none-match'],
    answer: { status: 200, schema: 'Maintenance' },
  },
  listDeliveries: {
    method: 'GET',
    path: '/v1/incidents/{id}/deliveries',
    access: 'commander',
    servedBy: 'writes',
    summary: 'What was sent where: one row per update, channel and locale',
    answer: { status: 200, schema: 'DeliveryList' },
  },
  listMaintenanceDeliveries: {
    method: 'GET',
    path: '/v1/maintenances/{id}/deliveries',
    access: 'commander',
    servedBy: 'writes',
    summary: "What a maintenance window's messages sent where: one row per update, channel and locale",
    answer: { status: 200, schema: 'DeliveryList' },
  },
  redriveDeliveries: {
    method: 'POST',
    path: '/v1/incidents/{id}/deliveries/redrive',
    access: 'commander',
    servedBy: 'writes',
    summary: 'Send failed X and in-app deliveries again (of one update, one channel, or all): each is reset to pending and published anew',
    body: 'redriveDeliveries',
    answer: { status: 202, schema: 'RedriveAccepted' },
  },
  getStatus: {
    method: 'GET',
    path: '/v1/status',
    access: 'public',
    servedBy: 'reads',
    summary: 'Overall status, component statuses and open incidents; cacheable',
    headers: ['if-none-match'],
    answer: { status: 200, schema: 'Status' },
  },
  readFeed: {
    method: 'GET',
    path: '/v1/feed',
    access: 'public',
    servedBy: 'reads',
    summary: 'The in-app feed of one locale, oldest first after the cursor',
    query: 'readFeed',
    headers: ['if-none-match'],
    answer: { status: 200, schema: 'FeedPage' },
  },
  readAtomFeed: {
    method: 'GET',
    path: '/v1/feed.atom',
    access: 'public',
    servedBy: 'reads',
    summary: 'The in-app feed as Atom 1.0, newest entries first',
    query: 'readAtomFeed',
    headers: ['if-none-match'],
    answer: { status: 200, mediaType: 'application/atom+xml' },
  },
  subscribe: {
    method: 'POST',
    path: '/v1/subscriptions',
    access: 'public',
    servedBy: 'writes',
    requiresChannel: 'email',
    summary: 'Subscribe an email address (double opt-in); the answer never says who is on the list',
    body: 'subscribe',
    answer: { status: 202, schema: 'SubscriptionAccepted' },
  },
  confirmSubscription: {
    method: 'GET',
    path: '/v1/subscriptions/confirm',
    access: 'public',
    servedBy: 'writes',
    requiresChannel: 'email',
    summary: "The confirmation mail's link: confirms the subscription (an HTML page, or JSON to Accept: application/json)",
    query: 'token',
    answer: { status: 200, schema: 'Confirmation', mediaType: 'text/html' },
  },
  unsubscribePage: {
    method: 'GET',
    path: '/v1/subscriptions/unsubscribe',
    access: 'public',
    servedBy: 'writes',
    requiresChannel: 'email',
    summary: 'A page with an "Unsubscribe" button; a GET never unsubscribes (mail scanners follow links)',
    query: 'token',
    answer: { status: 200, mediaType: 'text/html' },
  },
  unsubscribe: {
    method: 'POST',
    path: '/v1/subscriptions/unsubscribe',
    access: 'public',
    servedBy: 'writes',
    requiresChannel: 'email',
    summary: 'Unsubscribes (RFC 8058 one-click: body List-Unsubscribe=One-Click, or empty)',
    query: 'token',
    answer: { status: 200, schema: 'Unsubscribed', mediaType: 'text/html' },
  },
  getPreferences: {
    method: 'GET',
    path: '/v1/subscriptions/preferences',
    access: 'public',
    servedBy: 'writes',
    requiresChannel: 'email',
    summary: "A subscriber's locale, components and time zone, by the manage token of its mails",
    query: 'token',
    answer: { status: 200, schema: 'Preferences' },
  },
  updatePreferences: {
    method: 'PUT',
    path: '/v1/subscriptions/preferences',
    access: 'public',
    servedBy: 'writes',
    requiresChannel: 'email',
    summary: "Change a subscriber's locale, components or time zone",
    query: 'token',
    body: 'updatePreferences',
    answer: { status: 200, schema: 'Preferences' },
  },
  listSubscribers: {
    method: 'GET',
    path: '/v1/subscribers',
    access: 'commander',
    servedBy: 'writes',
    requiresChannel: 'email',
    summary: 'The subscriber list (export), newest first',
    query: 'listSubscribers',
    answer: { status: 200, schema: 'SubscriberList' },
  },
  importSubscribers: {
    method: 'POST',
    path: '/v1/subscribers/import',
    access: 'commander',
    servedBy: 'writes',
    requiresChannel: 'email',
    summary: 'Bulk import, e.g. a list exported from another status page; confirmed: true attests an earlier opt-in',
    body: 'importSubscribers',
    answer: { status: 200, schema: 'ImportResult' },
  },
  subscribeWebhook: {
    method: 'POST',
    path: '/v1/webhooks',
    access: 'public',
    servedBy: 'writes',
    requiresChannel: 'webhook',
    summary: 'Subscribe a webhook (signed JSON, Slack, Microsoft Teams or Discord); the answer carries its signing secret, shown this once',
    body: 'subscribeWebhook',
    answer: { status: 201, schema: 'WebhookCreated' },
  },
  unsubscribeWebhook: {
    method: 'DELETE',
    path: '/v1/webhooks/{id}',
    access: 'public',
    servedBy: 'writes',
    requiresChannel: 'webhook',
    summary: 'Unsubscribe a webhook, authenticated by its own secret (Authorization: Bearer whsec_…); a wrong secret is 404, as an unknown id',
    answer: { status: 204 },
  },
  listWebhooks: {
    method: 'GET',
    path: '/v1/webhooks',
    access: 'commander',
    servedBy: 'writes',
    requiresChannel: 'webhook',
    summary: 'The webhook subscribers, newest first, with the health of their deliveries',
    query: 'listWebhooks',
    answer: { status: 200, schema: 'WebhookList' },
  },
  listScenarios: {
    method: 'GET',
    path: '/v1/scenarios',
    access: 'commander',
    servedBy: 'writes',
    summary: 'The configured pre-translated incident scenarios, to declare from with "scenario"',
    answer: { status: 200, schema: 'ScenarioList' },
  },
  getOpenApi: {
    method: 'GET',
    path: '/v1/openapi.json',
    access: 'public',
    servedBy: 'writes',
    summary: 'This contract as OpenAPI 3.1',
    answer: { status: 200 },
  },
} as const satisfies Record<string, OperationDeclaration>;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** `public`: anyone (read-only, except subscribing); `commander`: a commander's bearer token. */
export type Access = 'public' | 'commander';

/**
 * Which of the API's three functions serves an operation. `reads`: the public reads of the status page,
 * the feed and the incidents, in a lean function that may only read the incident table; `previews`:
 * the commanders' previews, which render every channel and locale (the renderers, the catalogs,
 * twitter-text) and store nothing, in a function of their own so that the write function, the one a
 * commander declares an incident with during an outage, cold-starts without the renderers; `writes`:
 * the commanders' and the subscribers' other operations, and everything else.
 */
export type ServedBy = 'reads' | 'writes' | 'previews';

/** Request headers an operation reads, each validated at the edge before the handler runs. */
/** `if-none-match`: the answer carries a strong ETag and is `304` when the client already has it. */
export type ContractHeader = 'idempotency-key' | 'if-match' | 'if-none-match';

export interface OperationDeclaration {
  readonly method: HttpMethod;
  /** Path template such as `/v1/incidents/{id}/updates`. */
  readonly path: string;
  readonly access: Access;
  readonly servedBy: ServedBy;
  readonly summary: string;
  /** A body schema of `createApiSchemas(config).bodies`. */
  readonly body?: BodySchemaName;
  /** A query schema of `createApiSchemas(config).queries`. */
  readonly query?: QuerySchemaName;
  readonly headers?: readonly ContractHeader[];
  /** The channel the operation belongs to: while the configuration switches it off, the operation answers 404. */
  readonly requiresChannel?: 'email' | 'webhook';
  readonly answer: { readonly status: number; readonly schema?: AnswerSchemaName; readonly mediaType?: string };
}

export type ApiOperations = typeof apiOperations;
export type OperationId = keyof ApiOperations;

/** The ids of the operations one function serves. */
export type OperationIdServedBy<Function extends ServedBy> = {
  [Id in OperationId]: ApiOperations[Id]['servedBy'] extends Function ? Id : never;
}[OperationId];

/** Every operation with its id, in declaration order. */
export const operationList: readonly (OperationDeclaration & { id: OperationId })[] = (Object.keys(apiOperations) as OperationId[]).map(
  (id) => ({ id, ...apiOperations[id] }),
);
