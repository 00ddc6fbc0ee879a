import type { PostmortemAnswer } from './answer-schemas.js';
import type { TimelineUpdate } from './model.js';

/**
 * The incident's postmortem as the API shows it, read from its timeline: the latest `postmortem`
 * update holds the current text, the first one says when it was published. The timeline is the one
 * record of it (each revision stays there, immutable), so nothing else has to be kept in step.
 *
 * @example
 * postmortemOf(updates); // { body: { en: '…', id: '…' }, publishedAt: '…', revisedAt: '…' }
 */
export function postmortemOf(updates: readonly TimelineUpdate[]): PostmortemAnswer | undefined {
  const published = updates.filter((update) => update.kind === 'postmortem');
  const first = published[0];
  const latest = published.at(-1);
  if (!first || !latest) return undefined;
  return {
    body: latest.message,
    publishedAt: first.createdAt,
    ...(latest === first ? {} : { revisedAt: latest.createdAt }),
  };
}
