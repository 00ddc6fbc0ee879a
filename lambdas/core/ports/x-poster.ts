/** One post to X: the text as rendered, and the post it answers when it continues a thread. */
export interface XPostRequest {
  text: string;
  /** The X post id this one replies to (the previous post of the same incident and locale). */
  inReplyTo?: string;
  locale: string;
  incidentId: string;
  updateId: string;
}

/**
 * Where the X channel posts: the real X API, the local outbox, or a stand-in in tests.
 * A failed post rejects with one of the errors of `x-post-errors.ts`, so the caller can tell
 * "wait for the reset" from "try again" from "give up".
 *
 * @example
 * const { id } = await poster.post({ text: 'We are investigating…', locale: 'en', incidentId, updateId });
 */
export interface XPoster {
  post(request: XPostRequest): Promise<{ id: string }>;
}
