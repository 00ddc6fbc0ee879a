import * as z from 'zod/mini';
import { webhookSubscriberSchema } from './webhook-subscriber.js';
import type { WebhookSubscriber } from './webhook-subscriber.js';

/** The stored subscriber as commanders see it: its health always present, `null` for never. */
export const webhookAnswerSchema = z.extend(
  z.pick(webhookSubscriberSchema, { id: true, url: true, format: true, locale: true, components: true, state: true, createdAt: true }),
  {
    lastSuccessAt: z.nullable(z.string()),
    lastFailure: z.nullable(z.object({ at: z.string(), reason: z.string() })),
  },
);

export const webhookListSchema = z.object({ items: z.array(webhookAnswerSchema), nextCursor: z.nullable(z.string()) });

/** `201` to a subscription: the id, and the signing secret, shown this once. */
export const webhookCreatedSchema = z.object({ id: z.string(), secret: z.string() });

export type WebhookAnswer = z.infer<typeof webhookAnswerSchema>;

/** A subscriber as `GET /v1/webhooks` lists it: where it posts, and how its deliveries have gone. */
export function presentWebhook(subscriber: WebhookSubscriber): WebhookAnswer {
  return {
    id: subscriber.id,
    url: subscriber.url,
    format: subscriber.format,
    locale: subscriber.locale,
    components: subscriber.components,
    state: subscriber.state,
    createdAt: subscriber.createdAt,
    lastSuccessAt: subscriber.lastSuccessAt ?? null,
    lastFailure: subscriber.lastFailure ?? null,
  };
}
