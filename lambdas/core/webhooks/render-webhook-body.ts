import { discordMessageBody } from './discord-message-body.js';
import { slackMessageBody } from './slack-message-body.js';
import { teamsMessageBody } from './teams-message-body.js';
import type { WebhookLabels } from './types.js';
import type { WebhookEvent } from './webhook-event.js';
import type { WebhookFormat } from './webhook-format.js';

/**
 * The JSON body POSTed to a webhook subscriber: the event itself for `json`, else the chat service's
 * incoming-webhook message, in the labels' locale (the event's message is already in it).
 *
 * @example
 * const event = buildWebhookEvent(record, update, 'id', config);
 * renderWebhookBody('slack', event, webhookLabels('id', config)); // '{"text":"…","blocks":[…]}'
 */
export function renderWebhookBody(format: WebhookFormat, event: WebhookEvent, labels: WebhookLabels): string {
  switch (format) {
    case 'json':
      return JSON.stringify(event);
    case 'slack':
      return JSON.stringify(slackMessageBody(event, labels));
    case 'teams':
      return JSON.stringify(teamsMessageBody(event, labels));
    case 'discord':
      return JSON.stringify(discordMessageBody(event, labels));
  }
}
