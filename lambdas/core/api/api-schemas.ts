import { scenarioListSchema } from '../incident/scenario-answer.js';
import type { Config } from '../config/config-schema.js';
import {
  deliveryListSchema,
  feedPageSchema,
  incidentAnswerSchema,
  incidentListSchema,
  maintenanceAnswerSchema,
  maintenanceListSchema,
  previewAnswerSchema,
  problemSchema,
  statusAnswerSchema,
} from '../incident/answer-schemas.js';
import { createRequestSchemas } from '../incident/request-schemas.js';
import { createMaintenanceRequestSchemas } from '../maintenance/maintenance-request-schemas.js';
import {
  confirmationAnswerSchema,
  importResultSchema,
  preferencesAnswerSchema,
  subscriberListSchema,
  subscriptionAcceptedSchema,
  unsubscribedAnswerSchema,
} from '../subscribers/subscription-schemas.js';
import { redriveAnswerSchema, redriveBodySchema } from '../delivery/redrive-request.js';
import { createSubscriptionSchemas } from '../subscribers/subscription-schemas.js';
import { createReadSchemas } from './read-schemas.js';
import { webhookCreatedSchema, webhookListSchema } from '../webhooks/present-webhook.js';
import { createWebhookSchemas } from '../webhooks/webhook-request-schemas.js';

/**
 * The request bodies and query strings the contract names, for one configuration (the component
 * ids and locales a request may use are the configured ones).
 *
 * @example
 * createApiSchemas(config).queries.readFeed.parse({ locale: 'id' }); // { locale: 'id', limit: 50 }
 */
export function createApiSchemas(config: Config) {
  const { declareIncidentSchema, addUpdateSchema, publishPostmortemSchema, previewSchema } = createRequestSchemas(config);
  const maintenance = createMaintenanceRequestSchemas(config);
  const subscription = createSubscriptionSchemas(config);
  const reads = createReadSchemas(config);
  const webhooks = createWebhookSchemas(config);
  return {
    bodies: {
      declareIncident: declareIncidentSchema,
      addUpdate: addUpdateSchema,
      previewUpdate: previewSchema,
      publishPostmortem: publishPostmortemSchema,
      scheduleMaintenance: maintenance.scheduleMaintenanceSchema,
      updateMaintenance: maintenance.updateMaintenanceSchema,
      subscribe: subscription.subscribe,
      updatePreferences: subscription.updatePreferences,
      importSubscribers: subscription.importSubscribers,
      redriveDeliveries: redriveBodySchema,
      subscribeWebhook: webhooks.subscribe,
    },
    queries: {
      ...reads.queries,
      token: subscription.token,
      listSubscribers: subscription.listSubscribers,
      listWebhooks: webhooks.list,
    },
    /** One entry of an import, checked on its own (the import reports it instead of refusing all). */
    importedSubscriber: subscription.importedSubscriber,
  };
}

export type ApiSchemas = ReturnType<typeof createApiSchemas>;
export type BodySchemaName = keyof ApiSchemas['bodies'];
export type QuerySchemaName = keyof ApiSchemas['queries'];

/** The answer shapes, by the names the contract and the OpenAPI document use. */
export const answerSchemas = {
  Incident: incidentAnswerSchema,
  IncidentList: incidentListSchema,
  Maintenance: maintenanceAnswerSchema,
  MaintenanceList: maintenanceListSchema,
  Status: statusAnswerSchema,
  DeliveryList: deliveryListSchema,
  Preview: previewAnswerSchema,
  FeedPage: feedPageSchema,
  SubscriptionAccepted: subscriptionAcceptedSchema,
  Confirmation: confirmationAnswerSchema,
  Unsubscribed: unsubscribedAnswerSchema,
  Preferences: preferencesAnswerSchema,
  SubscriberList: subscriberListSchema,
  ImportResult: importResultSchema,
  RedriveAccepted: redriveAnswerSchema,
  ScenarioList: scenarioListSchema,
  WebhookCreated: webhookCreatedSchema,
  WebhookList: webhookListSchema,
  Problem: problemSchema,
};

export type AnswerSchemaName = keyof typeof answerSchemas;
