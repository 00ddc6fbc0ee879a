import type { WebhookSubscriber } from './webhook-subscriber.js';

/** A subscriber that has failed every delivery for this long is disabled (docs/api.md). */
export const disableAfterFailingMs = 3 * 24 * 60 * 60 * 1000;

export type WebhookHealth = Pick<WebhookSubscriber, 'state' | 'lastSuccessAt' | 'lastFailure' | 'failingSince' | 'disabledAt'>;

/** After a delivery the receiver accepted: healthy again, whatever failed before. */
export function healthAfterSuccess(health: WebhookHealth, at: string): WebhookHealth {
  const { failingSince: _cleared, ...rest } = health;
  return { ...rest, lastSuccessAt: at };
}

/**
 * After a failed attempt: the failure is remembered, and a subscriber whose every attempt has failed
 * for three days is disabled (it receives nothing more until it subscribes again).
 *
 * @example
 * healthAfterFailure({ state: 'active', failingSince: '2024-12-09T00:00:00Z' }, '2024-12-12T00:00:01Z', 'answered 503').state; // 'disabled'
 */
export function healthAfterFailure(health: WebhookHealth, at: string, reason: string): WebhookHealth {
  const failingSince = health.failingSince ?? at;
  const failing = Date.parse(at) - Date.parse(failingSince) >= disableAfterFailingMs;
  return {
    ...health,
    lastFailure: { at, reason },
    failingSince,
    ...(failing && health.state === 'active' ? { state: 'disabled' as const, disabledAt: at } : {}),
  };
}
