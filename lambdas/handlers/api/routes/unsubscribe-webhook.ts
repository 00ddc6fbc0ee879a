import type { ApiOperations } from '../../../core/api/api-contract.js';
import { webhookIdPattern } from '../../../core/webhooks/webhook-subscriber.js';
import { HttpProblem } from '../problem.js';
import type { RouteInput } from '../route.js';

const bearerPattern = /^Bearer[ ]+(\S{1,200})$/i;

/**
 * `DELETE /v1/webhooks/{id}` with `Authorization: Bearer <its secret>`: only who holds the secret
 * may remove a subscriber. A wrong secret answers as an unknown id does, so the route says nothing
 * about which ids exist.
 */
export async function unsubscribeWebhookRoute({ event, deps, params }: RouteInput<ApiOperations['unsubscribeWebhook']>) {
  const webhookId = params['id'] ?? '';
  const secret = bearerPattern.exec(event.headers['authorization'] ?? '')?.[1];
  if (!webhookIdPattern.test(webhookId) || secret === undefined || !(await deps.webhookSecrets()).matches(webhookId, secret)) throw notFound(webhookId);
  if (!(await deps.webhooks.remove(webhookId))) throw notFound(webhookId);
  deps.logger.info('webhook unsubscribed', { webhookId });
  return { statusCode: 204, headers: { 'cache-control': 'no-store' }, body: '' };
}

function notFound(webhookId: string): HttpProblem {
  return new HttpProblem(404, 'webhook-not-found', `no webhook ${JSON.stringify(webhookId.slice(0, 40))} with that secret: send Authorization: Bearer <the secret its subscription answered>`);
}
