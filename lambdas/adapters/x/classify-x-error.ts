import type { TwitterRateLimit } from 'twitter-api-v2';
import type { IncomingHttpHeaders } from 'node:http';
import { XDuplicateContent, XRateLimited, XRejected, XTransientFailure } from '../../core/ports/x-post-errors.js';
import type { XPostError } from '../../core/ports/x-post-errors.js';
import { ApiPartialResponseError, ApiRequestError, ApiResponseError, EApiV1ErrorCode } from './twitter-api-base.js';
import { xRateLimitReset } from './x-rate-limit-reset.js';

const longestReason = 300;

/**
 * Turns what twitter-api-v2 throws into what the X channel acts on. Only the status and X's own
 * words are kept: the library's errors also hold the request, whose Authorization header is signed
 * with our credentials, so they must never reach a log (nor ride along as a `cause`, which loggers
 * print). Anything unrecognised is returned as is.
 *
 * @example
 * try { await client.v2.tweet('…'); } catch (error) { throw classifyXError(error, Date.now() / 1000); }
 */
export function classifyXError(error: unknown, nowSeconds: number): XPostError | unknown {
  if (error instanceof ApiResponseError) return classifyResponse(error, nowSeconds);
  if (error instanceof ApiPartialResponseError) return new XTransientFailure(`the answer was cut off (HTTP ${error.response.statusCode ?? 'unknown'})`);
  if (error instanceof ApiRequestError) return new XTransientFailure(describeRequestError(causeOf(error)));
  return error;
}

function classifyResponse(error: ApiResponseError, nowSeconds: number): XPostError {
  const status = error.code;
  if (status === 429) {
    return new XRateLimited(xRateLimitReset(error.rateLimit ?? rateLimitFromHeaders(error.headers), nowSeconds));
  }
  if (status >= 500 || status === 408) return new XTransientFailure(`HTTP ${status}: ${reasonOf(error)}`);
  if (status === 403 && isDuplicateContent(error)) return new XDuplicateContent();
  return new XRejected(status, reasonOf(error));
}

function isDuplicateContent(error: ApiResponseError): boolean {
  // v2 says it in `detail` ("You are not allowed to create a Tweet with duplicate content."); v1.1 used code 187.
  return error.hasErrorCode(EApiV1ErrorCode.DuplicatedTweet) || /duplicate/i.test(reasonOf(error));
}

function reasonOf(error: ApiResponseError): string {
  const data: unknown = error.data;
  if (typeof data === 'string') return truncate(data.trim() || 'no reason given');
  if (typeof data === 'object' && data !== null) {
    const body = data as { detail?: unknown; title?: unknown; errors?: Array<{ message?: unknown; detail?: unknown }> };
    // v2 puts the summary in `detail` and the specifics (which parameter, why) in `errors[].message`.
    const fromErrors = (Array.isArray(body.errors) ? body.errors : []).map((entry) => entry.message ?? entry.detail);
    const said = [...new Set([body.detail, ...fromErrors].filter((text): text is string => typeof text === 'string' && text.length > 0))];
    if (said.length > 0) return truncate(said.join(' '));
    if (typeof body.title === 'string' && body.title) return truncate(body.title);
  }
  return 'no reason given';
}

/**
 * The network error under an ApiRequestError. twitter-api-v2 1.29 builds it with `{ error }` while its
 * `requestError` getter reads `requestError`, so the getter is always undefined: read what it stored.
 */
function causeOf(error: ApiRequestError): Error | undefined {
  const stored = (error as unknown as { _options?: { error?: unknown } })._options?.error;
  const cause: unknown = error.requestError ?? stored;
  return cause instanceof Error ? cause : undefined;
}

function describeRequestError(error: Error | undefined): string {
  if (!error) return 'the request failed before X answered';
  const code = (error as NodeJS.ErrnoException).code;
  return truncate(code ? `${code} ${error.message}` : error.message);
}

/** The library reads the rate-limit headers only when `x-rate-limit-limit` is present; X does not always send it. */
function rateLimitFromHeaders(headers: IncomingHttpHeaders | undefined): TwitterRateLimit | undefined {
  const header = (name: string) => {
    const value = Number(headers?.[name]);
    return Number.isFinite(value) ? value : undefined;
  };
  const reset = header('x-rate-limit-reset');
  const userDayReset = header('x-user-limit-24hour-reset');
  const appDayReset = header('x-app-limit-24hour-reset');
  if (reset === undefined && userDayReset === undefined && appDayReset === undefined) return undefined;
  const day = (limitReset: number | undefined, prefix: string) =>
    limitReset === undefined ? undefined : { limit: header(`${prefix}-limit`) ?? 0, remaining: header(`${prefix}-remaining`) ?? 0, reset: limitReset };
  return {
    limit: header('x-rate-limit-limit') ?? 0,
    remaining: header('x-rate-limit-remaining') ?? 0,
    reset: reset ?? 0,
    userDay: day(userDayReset, 'x-user-limit-24hour'),
    day: day(appDayReset, 'x-app-limit-24hour'),
  };
}

function truncate(text: string): string {
  return text.length > longestReason ? `${text.slice(0, longestReason - 1)}…` : text;
}
