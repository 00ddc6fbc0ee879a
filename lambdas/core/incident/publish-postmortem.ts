import type { Config } from '../config/config-schema.js';
import type { StoredIncident } from '../ports/incident-store.js';
import { changeTime } from './change-time.js';
import { PostmortemBeforeResolution } from './errors.js';
import { timelineEntry } from './lifecycle.js';
import type { Change } from './lifecycle.js';
import type { PublishPostmortemInput } from './request-schemas.js';
import type { Channel } from './vocabulary.js';

/**
 * docs/api.md: a postmortem goes out by email and in-app, and X gets a post with the link, whatever
 * the incident's impact chose for its updates: by then readers want the explanation wherever they
 * heard about the outage.
 */
export const postmortemChannels: readonly Channel[] = ['inapp', 'email', 'x', 'webhook'];

/**
 * Publishes (or revises) the postmortem of a resolved incident: one `postmortem` update appended to
 * the timeline, status still `resolved`, version bumped by one. The update's message is the
 * postmortem in every locale, so the fan-out renders and sends it like any other update. `notify`
 * defaults to true on the first publication and to false on a revision: fixing a typo must not mail
 * every subscriber again.
 *
 * @example
 * const { head, update } = publishPostmortem(stored, { body: 'What happened…' }, 'upd_5', now, config);
 * update.kind; // 'postmortem'
 */
export function publishPostmortem(
  current: StoredIncident,
  input: PublishPostmortemInput,
  updateId: string,
  now: string,
  config: Config,
): Change {
  const { head: before, updates } = current;
  if (before.status !== 'resolved') {
    throw new PostmortemBeforeResolution(`incident ${before.id} is still ${before.status}; publish its postmortem once it is resolved`);
  }
  const firstPublication = !updates.some((update) => update.kind === 'postmortem');
  const at = changeTime(now, before.updatedAt);
  const head = { ...before, updatedAt: at, version: before.version + 1 };
  const update = timelineEntry(head, updateId, 'postmortem', {
    message: input.body,
    channels: [...postmortemChannels],
    notify: input.notify ?? firstPublication,
  }, config);
  return { head, update };
}
