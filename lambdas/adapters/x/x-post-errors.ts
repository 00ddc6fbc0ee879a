/**
 * What can go wrong posting to X, classified by what the X channel does about it. The messages
 * carry the status and X's own reason, never a request or a header: those hold the OAuth signature.
 */
export abstract class XPostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** 429: X accepts nothing more from this account until `resetAt` (epoch seconds). */
export class XRateLimited extends XPostError {
  constructor(readonly resetAt: number) {
    super(`X rate limit reached; it resets at ${new Date(resetAt * 1000).toISOString()}`);
  }
}

/** 5xx, a dropped connection or a timeout: the same post may well succeed if tried again. */
export class XTransientFailure extends XPostError {
  constructor(readonly reason: string) {
    super(`X did not answer the post: ${reason}`);
  }
}

/** 403 duplicate content: X already holds this exact text from this account (an earlier attempt got through). */
export class XDuplicateContent extends XPostError {
  constructor() {
    super('X reported duplicate content; the earlier post stands');
  }
}

/** Any other 4xx: X will refuse this post however often it is sent. */
export class XRejected extends XPostError {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(`X rejected the post (HTTP ${status}): ${reason}`);
  }
}

/** No usable credentials: nothing can be posted until an operator sets them. */
export class XNotConfigured extends XPostError {}
