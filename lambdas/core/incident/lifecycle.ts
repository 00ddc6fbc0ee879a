import { textFor } from '../config/localized-text.js';
import type { Config } from '../config/config-schema.js';
import type { ComponentStatuses, IncidentHead, TimelineUpdate } from './model.js';
import type { AddUpdateInput, ComponentChange, DeclareIncidentInput } from './request-schemas.js';
import type { Channel, Impact, IncidentStatus, MessageKind } from './vocabulary.js';
import { changeTime } from './change-time.js';
import { LifecycleConflict } from './errors.js';
import { incidentStatusOf } from './incident-status-of.js';
import { nextUpdateBy } from './next-update-promise.js';


export interface NewIds {
  incidentId: string;
  updateId: string;
}

export interface Change {
  head: IncidentHead;
  update: TimelineUpdate;
}

const channelsByImpact: Record<Impact, readonly Channel[]> = {
  none: ['inapp'],
  // Webhook and chat subscribers asked to be told as email subscribers are: they hear what email hears.
  minor: ['inapp', 'email', 'webhook'],
  major: ['inapp', 'email', 'x', 'webhook'],
  critical: ['inapp', 'email', 'x', 'webhook'],
};

/** docs/api.md's default channels when a request names none. */
export function defaultChannels(impact: Impact): Channel[] {
  return [...channelsByImpact[impact]];
}

/** The message kind follows from the transition: opening apologises, resolving recovers. */
export function deriveKind(previous: IncidentStatus | null, next: IncidentStatus): MessageKind {
  if (previous === null) return 'apology';
  return next === 'resolved' ? 'recovery' : 'update';
}

/** `resolved` is terminal; open statuses may follow each other in any order. */
export function assertCanUpdate(head: Pick<IncidentHead, 'id' | 'status'>): void {
  if (head.status === 'resolved') {
    throw new LifecycleConflict(`incident ${head.id} is resolved; a resolved incident takes no further updates`);
  }
}

/** Fills every configured locale, falling back to the default locale's words. */
export function messageByLocale(message: string | Partial<Record<string, string>>, config: Config): Record<string, string> {
  const byLocale: Record<string, string> = {};
  for (const locale of config.locales) {
    const text = typeof message === 'string' ? message : (message[locale] ?? message[config.defaultLocale]);
    if (text !== undefined) byLocale[locale] = text;
  }
  return byLocale;
}

export function declareIncident(input: DeclareIncidentInput, ids: NewIds, now: string, config: Config): Change {
  const head: IncidentHead = {
    id: ids.incidentId,
    title: textFor(input.title, config.defaultLocale, config.defaultLocale),
    titles: messageByLocale(input.title, config),
    status: input.status,
    impact: input.impact,
    components: applyComponentChanges({}, input.components),
    startedAt: now,
    updatedAt: now,
    resolvedAt: null,
    version: 1,
    nextUpdateBy: nextUpdateBy({ requested: input.nextUpdateInMinutes, impact: input.impact, resolved: false, at: now, cadence: config.cadenceMinutes }),
  };
  return { head, update: timelineEntry(head, ids.updateId, deriveKind(null, input.status), input, config) };
}

export function addUpdate(current: IncidentHead, input: AddUpdateInput, updateId: string, now: string, config: Config): Change {
  assertCanUpdate(current);
  const at = changeTime(now, current.updatedAt);
  const resolving = input.status === 'resolved';
  const touched = applyComponentChanges(current.components, input.components);
  const { overdue: _clearedByThisUpdate, ...unchanged } = current;
  const impact = input.impact ?? current.impact;
  const head: IncidentHead = {
    ...unchanged,
    status: input.status,
    impact,
    components: resolving ? restoreOperational(touched, input.components) : touched,
    updatedAt: at,
    resolvedAt: resolving ? at : null,
    version: current.version + 1,
    nextUpdateBy: nextUpdateBy({ requested: input.nextUpdateInMinutes, impact, resolved: resolving, at, cadence: config.cadenceMinutes }),
  };
  return { head, update: timelineEntry(head, updateId, deriveKind(incidentStatusOf(current), input.status), input, config) };
}

/** The update a change appends, with the incident as it stands after it (its seq is the head's new version). */
export function timelineEntry(
  head: IncidentHead,
  updateId: string,
  kind: MessageKind,
  input: Pick<AddUpdateInput, 'message' | 'channels' | 'notify'>,
  config: Config,
): TimelineUpdate {
  const { id: incidentId, version, ...incident } = head;
  return {
    id: updateId,
    incidentId,
    seq: version,
    kind,
    status: head.status,
    impact: head.impact,
    message: messageByLocale(input.message, config),
    channels: input.channels ?? defaultChannels(head.impact),
    notify: input.notify,
    createdAt: head.updatedAt,
    incident: { ...incident, version },
  };
}

function applyComponentChanges(current: ComponentStatuses, changes: readonly ComponentChange[] | undefined): ComponentStatuses {
  const next = { ...current };
  for (const change of changes ?? []) next[change.id] = change.status;
  return next;
}

/** Resolution puts every touched component back to operational, except those the request names. */
function restoreOperational(touched: ComponentStatuses, named: readonly ComponentChange[] | undefined): ComponentStatuses {
  const explicit = new Set((named ?? []).map((change) => change.id));
  return Object.fromEntries(
    Object.entries(touched).map(([id, status]) => [id, explicit.has(id) ? status : 'operational' as const]),
  );
}
