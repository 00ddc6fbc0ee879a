import { expect } from 'vitest';
import type { LocalRuntime } from '../../local/start-local-runtime.js';
import type { apiClient } from './api-client.js';
import { mailsIn } from './outbox.js';

/**
 * A reader subscribes through the API, gets the confirmation mail (sent by the email workers through
 * the local pipeline) and follows its link: what a customer does from the status page.
 *
 * @example
 * await subscribeAndConfirm(local, 'ana@example.com', { locale: 'id' });
 */
export async function subscribeAndConfirm(
  local: { runtime: LocalRuntime; api: ReturnType<typeof apiClient>; outboxDir: string },
  email: string,
  preferences: { locale?: string; components?: string[]; timeZone?: string } = {},
) {
  const subscribed = await local.api.call('POST', '/v1/subscriptions', { email, ...preferences });
  expect(subscribed.status).toBe(202);
  expect(await local.runtime.pipeline.settled()).toBe(true);
  const confirmation = (await mailsIn(local.outboxDir)).filter((mail) => mail.to === email).at(-1);
  expect(confirmation, `a confirmation mail to ${email}`).toBeDefined();
  const link = /(http:\/\/\S+\/v1\/subscriptions\/confirm\?token=[^\s"<>]+)/.exec(confirmation!.text)![1]!;
  const confirmed = await fetch(link, { headers: { accept: 'application/json' } });
  expect(confirmed.status).toBe(200);
  return confirmation!;
}
