import { HttpProblem } from './problem.js';

/**
 * The problem of a subscription token that is forged, mangled, of another purpose, or revoked by a
 * newer generation: always the same 404, so an answer never tells which check failed.
 *
 * @example
 * if (!subscriber) throw subscriptionNotFoundProblem();
 */
export function subscriptionNotFoundProblem(): HttpProblem {
  return new HttpProblem(404, 'subscription-not-found', 'this link is not valid: it is incomplete, or a newer mail replaced it; subscribe again to get a new one');
}
