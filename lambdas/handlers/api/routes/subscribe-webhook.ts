import type { ApiOperations } from '../../../core/api/api-contract.js';
import type { ApiDependencies } from '../api-dependencies.js';
import type { ApiEvent } from '../http.js';
import { json } from '../http.js';
import { HttpProblem } from '../problem.js';
import type { RouteInput } from '../route.js';

/** Per client: a team wiring up its channels, not a way to fill the list with other people's URLs. */
export const subscribeWebhookRateRule = { limit: 20, windowSeconds: 60 };

/**
 * `POST /v1/webhooks`: a webhook or chat subscriber, once its URL may be called (its form, and every
 * address its host resolves to right now). The answer holds the signing secret, shown this once.
 */
export async function subscribeWebhookRoute({ event, deps, body }: RouteInput<ApiOperations['subscribeWebhook']>) {
  const now = deps.clock();
  await takeRate(deps, event, now.getTime());
  const refusal = await deps.webhookDestinations.refusal(body.url);
  if (refusal) throw new HttpProblem(400, 'invalid-webhook-url', refusal, [{ path: 'url', message: refusal }]);
  const secrets = await deps.webhookSecrets();
  const id = deps.ids.webhookId();
  await deps.webhooks.create({ id, url: body.url, format: body.format, locale: body.locale, components: body.components, state: 'active', createdAt: now.toISOString() });
  deps.logger.info('webhook subscribed', { webhookId: id, format: body.format, locale: body.locale });
  return json(201, { id, secret: secrets.secretFor(id) }, { 'cache-control': 'no-store', location: `/v1/webhooks/${id}` });
}

async function takeRate(deps: ApiDependencies, event: ApiEvent, nowMs: number): Promise<void> {
  const client = event.requestContext.http.sourceIp ?? 'unknown';
  const { allowed, retryAfterSeconds } = await deps.rateLimiter.take(`webhook#${client}`, subscribeWebhookRateRule, nowMs);
  if (allowed) return;
  throw new HttpProblem(
    429,
    'rate-limited',
    `too many webhook subscriptions from this client: at most ${subscribeWebhookRateRule.limit} per ${subscribeWebhookRateRule.windowSeconds} seconds; try again in ${retryAfterSeconds} s`,
    undefined,
    { 'retry-after': String(retryAfterSeconds) },
  );
}
