import { z } from 'zod';
import { readQuery } from '../lambdas/handlers/api/read-query.js';
import type { RouteBinding } from '../lambdas/handlers/api/route.js';
import type { LocalSubscriptionBook } from './pipeline/local-subscription-book.js';

const tokenQuerySchema = z.strictObject({ token: z.string().min(1).max(200) });

/**
 * The local-only confirm and unsubscribe links of the local email stand-in (deployed, SNS serves its
 * own). They are not operations of the contract: the deployed API does not have them.
 */
export function localSubscriptionRoutes(book: LocalSubscriptionBook): RouteBinding[] {
  return [
    {
      operation: { id: 'localConfirmSubscription', method: 'GET', path: '/v1/subscriptions/confirm', access: 'public', summary: 'Confirm a local subscription', answer: { status: 200, mediaType: 'text/html' } },
      handle: async ({ rawQuery }) => {
        const { token } = readQuery(rawQuery, tokenQuerySchema);
        const confirmed = await book.confirm(token);
        return page(confirmed ? 200 : 404, confirmed ? 'Subscription confirmed' : 'This link is not valid', confirmed ? 'You will now receive incident updates by email.' : 'It may have been used up by an unsubscribe. Subscribe again from the status page.');
      },
    },
    {
      operation: { id: 'localUnsubscribe', method: 'GET', path: '/v1/subscriptions/unsubscribe', access: 'public', summary: 'Unsubscribe a local subscription', answer: { status: 200, mediaType: 'text/html' } },
      handle: async ({ rawQuery }) => {
        const { token } = readQuery(rawQuery, tokenQuerySchema);
        const done = await book.unsubscribe(token);
        return page(done ? 200 : 404, done ? 'You are unsubscribed' : 'This link is not valid', done ? 'You will not receive any more incident emails.' : 'You may already be unsubscribed.');
      },
    },
  ];
}

function page(statusCode: number, title: string, text: string) {
  return {
    statusCode,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'" },
    body: `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title><main><h1>${title}</h1><p>${text}</p><p><a href="/">Back to the status page</a></p></main></html>`,
  };
}
