import { describe, expect, it } from 'vitest';
import { LifecycleConflict, PostmortemBeforeResolution } from '../../../lambdas/core/incident/errors.js';
import { addUpdate, declareIncident } from '../../../lambdas/core/incident/lifecycle.js';
import type { Change } from '../../../lambdas/core/incident/lifecycle.js';
import { postmortemOf } from '../../../lambdas/core/incident/postmortem-of.js';
import { presentIncident } from '../../../lambdas/core/incident/present-incident.js';
import { publishPostmortem } from '../../../lambdas/core/incident/publish-postmortem.js';
import type { StoredIncident } from '../../../lambdas/core/ports/incident-store.js';
import { aConfig, aDeclareInput, anAddUpdateInput, aPublishPostmortemInput } from '../../support/builders.js';

const config = aConfig();
const ids = { incidentId: 'inc_01JF3Z0000000000000000000A', updateId: 'upd_1' };

/** Declared at 07:02, resolved at 08:00 with impact `minor` (whose updates only go in-app and by email). */
function aResolvedIncident(): StoredIncident {
  const declared = declareIncident(aDeclareInput({ impact: 'minor' }), ids, '2024-12-12T07:02:11.000Z', config);
  const resolved = addUpdate(declared.head, anAddUpdateInput({ status: 'resolved', message: 'Fixed.' }), 'upd_2', '2024-12-12T08:00:00.000Z', config);
  return { head: resolved.head, updates: [declared.update, resolved.update] };
}

/** The incident after a change was stored. */
function after(stored: StoredIncident, change: Change): StoredIncident {
  return { head: change.head, updates: [...stored.updates, change.update] };
}

describe('publishing a postmortem', () => {
  it('appends one postmortem update with the next seq, bumps the version and leaves the incident resolved', () => {
    const resolved = aResolvedIncident();
    const { head, update } = publishPostmortem(resolved, aPublishPostmortemInput(), 'upd_3', '2024-12-14T02:00:00.000Z', config);
    expect(head).toMatchObject({ status: 'resolved', version: 3, resolvedAt: '2024-12-12T08:00:00.000Z', updatedAt: '2024-12-14T02:00:00.000Z' });
    expect(update).toMatchObject({ id: 'upd_3', seq: 3, kind: 'postmortem', status: 'resolved', impact: 'minor', createdAt: '2024-12-14T02:00:00.000Z' });
    expect(update.incident.version).toBe(3);
  });

  it('goes out by email, in-app, on X and to webhooks whatever the impact chose for the updates', () => {
    const { update } = publishPostmortem(aResolvedIncident(), aPublishPostmortemInput(), 'upd_3', '2024-12-14T02:00:00.000Z', config);
    expect(aResolvedIncident().updates[1]!.channels).toEqual(['inapp', 'email', 'webhook']);
    expect(update.channels).toEqual(['inapp', 'email', 'x', 'webhook']);
  });

  it('fills every locale from the default one, like an update message', () => {
    const oneText = publishPostmortem(aResolvedIncident(), aPublishPostmortemInput({ body: 'Why.' }), 'upd_3', '2024-12-14T02:00:00.000Z', config);
    expect(oneText.update.message).toEqual({ en: 'Why.', id: 'Why.' });
    const englishOnly = publishPostmortem(aResolvedIncident(), aPublishPostmortemInput({ body: { en: 'Why.' } }), 'upd_3', '2024-12-14T02:00:00.000Z', config);
    expect(englishOnly.update.message).toEqual({ en: 'Why.', id: 'Why.' });
  });

  it('notifies on the first publication and not on a revision, unless the commander says otherwise', () => {
    const resolved = aResolvedIncident();
    const first = publishPostmortem(resolved, aPublishPostmortemInput(), 'upd_3', '2024-12-14T02:00:00.000Z', config);
    expect(first.update.notify).toBe(true);
    const published = after(resolved, first);
    expect(publishPostmortem(published, aPublishPostmortemInput({ body: 'Corrected.' }), 'upd_4', '2024-12-14T03:00:00.000Z', config).update.notify).toBe(false);
    expect(publishPostmortem(published, aPublishPostmortemInput({ notify: true }), 'upd_4', '2024-12-14T03:00:00.000Z', config).update.notify).toBe(true);
    expect(publishPostmortem(resolved, aPublishPostmortemInput({ notify: false }), 'upd_3', '2024-12-14T02:00:00.000Z', config).update.notify).toBe(false);
  });

  it('is a conflict while the incident is open: a postmortem explains an incident that is over', () => {
    const open = declareIncident(aDeclareInput(), ids, '2024-12-12T07:02:11.000Z', config);
    const attempt = () => publishPostmortem({ head: open.head, updates: [open.update] }, aPublishPostmortemInput(), 'upd_2', '2024-12-12T08:00:00.000Z', config);
    expect(attempt).toThrow(PostmortemBeforeResolution);
    expect(attempt).toThrow(LifecycleConflict);
    expect(attempt).toThrow(/still investigating; publish its postmortem once it is resolved/);
  });

  it('never lets the timeline run backwards when a container clock lags', () => {
    const { update } = publishPostmortem(aResolvedIncident(), aPublishPostmortemInput(), 'upd_3', '2024-12-12T07:59:00.000Z', config);
    expect(update.createdAt).toBe('2024-12-12T08:00:00.000Z');
  });

  it('leaves a resolved incident closed to updates after its postmortem', () => {
    const resolved = aResolvedIncident();
    const published = after(resolved, publishPostmortem(resolved, aPublishPostmortemInput(), 'upd_3', '2024-12-14T02:00:00.000Z', config));
    expect(() => addUpdate(published.head, anAddUpdateInput(), 'upd_4', '2024-12-14T03:00:00.000Z', config)).toThrow(LifecycleConflict);
  });
});

describe('the postmortem an incident shows', () => {
  it('is absent until one is published', () => {
    const resolved = aResolvedIncident();
    expect(postmortemOf(resolved.updates)).toBeUndefined();
    expect(presentIncident(resolved.head, resolved.updates, config)).not.toHaveProperty('postmortem');
  });

  it('is the latest text, published when the first one was and revised when the latest one was', () => {
    const resolved = aResolvedIncident();
    const published = after(resolved, publishPostmortem(resolved, aPublishPostmortemInput({ body: 'First draft.' }), 'upd_3', '2024-12-14T02:00:00.000Z', config));
    expect(presentIncident(published.head, published.updates, config).postmortem).toEqual({
      body: { en: 'First draft.', id: 'First draft.' },
      publishedAt: '2024-12-14T02:00:00.000Z',
    });
    const revised = after(published, publishPostmortem(published, aPublishPostmortemInput({ body: { en: 'Final.', id: 'Final (id).' } }), 'upd_4', '2024-12-15T09:30:00.000Z', config));
    expect(presentIncident(revised.head, revised.updates, config)).toMatchObject({
      version: 4,
      status: 'resolved',
      postmortem: { body: { en: 'Final.', id: 'Final (id).' }, publishedAt: '2024-12-14T02:00:00.000Z', revisedAt: '2024-12-15T09:30:00.000Z' },
    });
    // Each revision stays in the timeline, as every accepted change does.
    expect(revised.updates.map((update) => update.kind)).toEqual(['apology', 'recovery', 'postmortem', 'postmortem']);
  });
});
