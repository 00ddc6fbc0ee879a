import parseTweet from 'twitter-text/dist/parseTweet.js';

export interface XWeight {
  /** Length as X counts it: URLs 23, CJK and emoji 2, most Latin 1. */
  weightedLength: number;
  /** False over 280 or with a character X refuses. */
  valid: boolean;
}

/**
 * Weighs a post exactly as X does, through twitter-text: a hand-made count drifts from X's rules.
 *
 * @example
 * weighXPost('Down? https://status.example.com').weightedLength; // 29: a link counts 23
 */
export function weighXPost(text: string): XWeight {
  const { weightedLength, valid } = parseTweet(text);
  return { weightedLength, valid };
}
