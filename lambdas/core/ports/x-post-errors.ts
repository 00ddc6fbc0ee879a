import { DomainError } from '../errors/domain-error.js';

/**
 * What can go wrong posting to X, classified by what the X channel does about it. The messages
 * carry the status and X's own reason, never a request or a header: those hold the OAuth signature.
 */
export abstract class XPostError extends DomainError {}

/** 429: X accepts nothing more from this account until `resetAt` (epoch seconds). */
export class XRateLimited extends XPostError {
  constructor(
    readonly resetAt: number,
    options?: ErrorOptions,
  ) {
    super(`X rate limit reached; it resets at ${new Date(resetAt * 1000).toISOString()}`, options);
  }
}

/** 5xx, a dropped connection or a timeout: the same post may well succeed if tried again. */
export class XTransientFailure extends XPostError {
  constructor(
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`X did not answer the post: ${reason}`, options);
  }
}

/** 403 duplicate content: X already holds this exact text from this account (an earlier attempt got through). */
export class XDuplicateContent extends XPostError {
  constructor(options?: ErrorOptions) {
    super('X reported duplicate content; the earlier post stands', options);
  }
}

/** Any other 4xx: X will refuse this post however often it is sent. */
export class XRejected extends XPostError {
  constructor(
    readonly status: number,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`X rejected the post (HTTP ${status}): ${reason}`, options);
  }
}

/** No usable credentials: nothing can be posted until an operator sets them. */
export class XNotConfigured extends XPostError {}
