import type { Config } from '../config/config-schema.js';
import { textFor } from '../config/localized-text.js';
import { InvalidMaintenanceWindow, MaintenanceConflict, MaintenanceNotFound } from '../incident/errors.js';
import { changeTime } from '../incident/change-time.js';
import { messageByLocale, timelineEntry } from '../incident/lifecycle.js';
import { hasEnded } from '../incident/vocabulary.js';
import type { Change } from '../incident/lifecycle.js';
import type { ComponentStatuses, IncidentHead, MaintenanceWindow } from '../incident/model.js';
import { isMaintenanceHead } from './maintenance-head.js';
import type { MaintenanceHead } from './maintenance-head.js';
import type { Channel, ComponentStatus, MaintenanceKind, MaintenanceStatus } from '../incident/vocabulary.js';
import type { ScheduleMaintenanceInput, UpdateMaintenanceInput } from './maintenance-request-schemas.js';

/** Every message of a window goes to every channel unless the commander named some. */
const allChannels: readonly Channel[] = ['inapp', 'email', 'x', 'webhook'];


/**
 * Schedules a window: status `scheduled`, its components operational until it starts, the reminder
 * due `remindBeforeMinutes` before the start (none when that moment has already passed), and
 * `maintenance_scheduled` as update 1.
 *
 * @example
 * scheduleMaintenance(body, { maintenanceId, updateId }, now, config).update.kind; // 'maintenance_scheduled'
 */
export function scheduleMaintenance(
  input: ScheduleMaintenanceInput,
  ids: { maintenanceId: string; updateId: string },
  now: string,
  config: Config,
): Change {
  const times = checkedTimes(input.scheduledFor, input.scheduledUntil, now);
  const message = messageByLocale(input.message, config);
  const window: MaintenanceWindow = {
    ...times,
    remindBeforeMinutes: input.remindBeforeMinutes,
    reminderDue: reminderDue(times.scheduledFor, input.remindBeforeMinutes, now),
    autoStart: input.autoStart,
    autoComplete: input.autoComplete,
    channels: input.channels ?? [...allChannels],
    message,
  };
  const head: MaintenanceHead = {
    id: ids.maintenanceId,
    window,
    title: textFor(input.title, config.defaultLocale, config.defaultLocale),
    titles: messageByLocale(input.title, config),
    status: 'scheduled',
    // Planned work has no incident impact: the kind, not the impact, decides what its messages say.
    impact: 'none',
    components: componentsIn(input.components, 'operational'),
    startedAt: now,
    updatedAt: now,
    resolvedAt: null,
    version: 1,
    nextUpdateBy: null,
  };
  return { head, update: timelineEntry(head, ids.updateId, 'maintenance_scheduled', { message, channels: window.channels, notify: input.notify }, config) };
}

/**
 * A commander's change to a window. `scheduled` on a window that has not started reschedules it
 * (new times, the reminder anew) and announces it again; `in_progress` starts it, or, once started,
 * says how it goes (`scheduledUntil` alone extends it), as does `verifying`; `completed` ends a
 * started window, `cancelled` one that has not started. A finished window takes nothing more.
 */
export function updateMaintenance(current: IncidentHead, input: UpdateMaintenanceInput, updateId: string, now: string, config: Config): Change {
  if (!isMaintenanceHead(current)) throw new MaintenanceNotFound(`no maintenance window with id "${current.id}"`);
  if (current.status === 'completed' || current.status === 'cancelled') {
    throw new MaintenanceConflict(`maintenance ${current.id} is ${current.status}; a finished window takes no further updates`);
  }
  const started = current.status !== 'scheduled';
  const message = messageByLocale(input.message, config);
  const at = changeTime(now, current.updatedAt);
  // This update says what it says; the window keeps its description of the work, which its reminder
  // and its automatic start repeat (a reschedule's "moved by an hour" is no description of the work).
  const change = (status: MaintenanceStatus, kind: MaintenanceKind, window: MaintenanceWindow, components: ComponentStatus) =>
    transition(current, { status, kind, window, components, at, updateId, notify: input.notify, message }, config);

  if (started && input.scheduledFor !== undefined) {
    throw new InvalidMaintenanceWindow(`maintenance ${current.id} has started; only scheduledUntil can still change`, 'scheduledFor');
  }
  switch (input.status) {
    case 'scheduled': {
      if (started) throw new MaintenanceConflict(`maintenance ${current.id} has started; it cannot be scheduled again (complete it, then schedule a new one)`);
      const times = checkedTimes(input.scheduledFor ?? current.window.scheduledFor, input.scheduledUntil ?? current.window.scheduledUntil, now);
      const window = { ...current.window, ...times, reminderDue: reminderDue(times.scheduledFor, current.window.remindBeforeMinutes, now) };
      return change('scheduled', 'maintenance_scheduled', window, 'operational');
    }
    case 'in_progress':
    case 'verifying': {
      if (!started && input.status === 'verifying') throw new MaintenanceConflict(`maintenance ${current.id} has not started; start it (in_progress) before verifying`);
      const window = { ...current.window, reminderDue: null, scheduledUntil: extendedUntil(current, input.scheduledUntil, now) };
      return change(input.status, 'maintenance_started', window, 'under_maintenance');
    }
    case 'completed':
      if (!started) throw new MaintenanceConflict(`maintenance ${current.id} has not started; cancel it instead`);
      return change('completed', 'maintenance_completed', { ...current.window, reminderDue: null }, 'operational');
    case 'cancelled':
      if (started) throw new MaintenanceConflict(`maintenance ${current.id} is in progress; complete it instead`);
      return change('cancelled', 'maintenance_cancelled', { ...current.window, reminderDue: null }, 'operational');
  }
}

/** What a timer may do to the window it was set for, when it fires. */
export type MaintenanceTimerKind = 'maintenance-reminder' | 'maintenance-start' | 'maintenance-end';

/**
 * The change a fired timer makes, if the window still stands at the version it was set for and its
 * time has come: the reminder, the automatic start, the automatic completion. Anything else (the
 * window moved on, was rescheduled, cancelled or finished by hand, or the timer came early) is
 * `{ nothing }`, and committing the change on that version makes a doubled timer's second run fail.
 */
export function fireMaintenanceTimer(
  head: IncidentHead | undefined,
  timer: { kind: MaintenanceTimerKind; version: number },
  updateId: string,
  now: string,
  config: Config,
): Change | { nothing: string } {
  if (!isMaintenanceHead(head)) return { nothing: 'no such maintenance window' };
  if (head.version !== timer.version) return { nothing: `the window changed since (version ${head.version}, timer set at ${timer.version})` };
  const { window } = head;
  // The commander's words about the work still describe it when it is announced again or starts.
  const auto = { at: changeTime(now, head.updatedAt), updateId, notify: true };
  switch (timer.kind) {
    case 'maintenance-reminder':
      if (head.status !== 'scheduled' || window.reminderDue === null) return { nothing: 'no reminder is due' };
      if (window.reminderDue > now) return { nothing: 'the reminder is not due yet' };
      return transition(head, { ...auto, status: 'scheduled', kind: 'maintenance_reminder', window: { ...window, reminderDue: null }, components: 'operational' }, config);
    case 'maintenance-start':
      if (head.status !== 'scheduled' || !window.autoStart) return { nothing: 'the window is not waiting to start by itself' };
      if (window.scheduledFor > now) return { nothing: 'the window does not start yet' };
      return transition(head, { ...auto, status: 'in_progress', kind: 'maintenance_started', window: { ...window, reminderDue: null }, components: 'under_maintenance' }, config);
    case 'maintenance-end':
      if ((head.status !== 'in_progress' && head.status !== 'verifying') || !window.autoComplete) return { nothing: 'the window is not waiting to end by itself' };
      if (window.scheduledUntil > now) return { nothing: 'the window does not end yet' };
      // Its work is done: the completion says so in the catalog's words, not the plan's again.
      return transition(head, { ...auto, status: 'completed', kind: 'maintenance_completed', window, message: blankMessage(config), components: 'operational' }, config);
  }
}

interface Transition {
  status: MaintenanceStatus;
  /** The update's words; the window's own (the work's description) when a timer speaks. */
  message?: Record<string, string>;
  kind: MaintenanceKind;
  window: MaintenanceWindow;
  components: ComponentStatus;
  at: string;
  updateId: string;
  notify: boolean;
}

function transition(current: MaintenanceHead, next: Transition, config: Config): Change {
  const ended = hasEnded(next.status);
  const head: MaintenanceHead = {
    ...current,
    status: next.status,
    window: next.window,
    components: componentsIn(Object.keys(current.components), next.components),
    updatedAt: next.at,
    resolvedAt: ended ? next.at : null,
    version: current.version + 1,
  };
  return { head, update: timelineEntry(head, next.updateId, next.kind, { message: next.message ?? next.window.message, channels: next.window.channels, notify: next.notify }, config) };
}

function componentsIn(ids: readonly string[], status: ComponentStatus): ComponentStatuses {
  return Object.fromEntries(ids.map((id) => [id, status]));
}

function checkedTimes(scheduledFor: string, scheduledUntil: string, now: string): { scheduledFor: string; scheduledUntil: string } {
  const times = { scheduledFor: new Date(scheduledFor).toISOString(), scheduledUntil: new Date(scheduledUntil).toISOString() };
  if (times.scheduledFor <= now) throw new InvalidMaintenanceWindow(`scheduledFor ${times.scheduledFor} is not in the future (now ${now})`, 'scheduledFor');
  if (times.scheduledUntil <= times.scheduledFor) throw new InvalidMaintenanceWindow('scheduledUntil must be after scheduledFor', 'scheduledUntil');
  return times;
}

function extendedUntil(current: MaintenanceHead, requested: string | undefined, now: string): string {
  if (requested === undefined) return current.window.scheduledUntil;
  const until = new Date(requested).toISOString();
  if (until <= now) throw new InvalidMaintenanceWindow(`scheduledUntil ${until} is not in the future (now ${now})`, 'scheduledUntil');
  return until;
}

/** The reminder's moment, unless it would come at or before the scheduling itself (then there is none). */
function reminderDue(scheduledFor: string, minutesBefore: number, now: string): string | null {
  if (minutesBefore === 0) return null;
  const due = new Date(Date.parse(scheduledFor) - minutesBefore * 60_000).toISOString();
  return due > now ? due : null;
}

function blankMessage(config: Config): Record<string, string> {
  return Object.fromEntries(config.locales.map((locale) => [locale, '']));
}
