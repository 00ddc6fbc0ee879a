import { describe, expect, it } from 'vitest';
import { InvalidMaintenanceWindow, MaintenanceConflict, MaintenanceNotFound } from '../../../lambdas/core/incident/errors.js';
import { declareIncident } from '../../../lambdas/core/incident/lifecycle.js';
import { fireMaintenanceTimer, scheduleMaintenance, updateMaintenance } from '../../../lambdas/core/maintenance/maintenance-lifecycle.js';
import type { MaintenanceTimerKind } from '../../../lambdas/core/maintenance/maintenance-lifecycle.js';
import { createMaintenanceRequestSchemas } from '../../../lambdas/core/maintenance/maintenance-request-schemas.js';
import { timersOfHead } from '../../../lambdas/core/timers/timers-of-head.js';
import { aConfig, aDeclareInput } from '../../support/builders.js';

const config = aConfig();
const { scheduleMaintenanceSchema, updateMaintenanceSchema } = createMaintenanceRequestSchemas(config);
const now = '2031-05-05T01:00:00.000Z';
const minutes = (count: number) => new Date(Date.parse(now) + count * 60_000).toISOString();
const ids = { maintenanceId: 'mnt_1', updateId: 'upd_1' };

function aWindow(overrides: Record<string, unknown> = {}) {
  const body = scheduleMaintenanceSchema.parse({ title: 'Database upgrade', message: 'Upgrading.', components: ['chat', 'api'], scheduledFor: minutes(120), scheduledUntil: minutes(180), ...overrides });
  return scheduleMaintenance(body, ids, now, config);
}
const anUpdate = (body: Record<string, unknown>) => updateMaintenanceSchema.parse({ message: 'Note.', ...body });
const fire = (head: ReturnType<typeof aWindow>['head'], kind: MaintenanceTimerKind, at: string, version = head.version) => fireMaintenanceTimer(head, { kind, version }, 'upd_t', at, config);

describe('scheduling a window', () => {
  it('announces it as update 1 on every channel, its components operational until it starts, the reminder due an hour before', () => {
    const { head, update } = aWindow();
    expect(head).toMatchObject({ status: 'scheduled', version: 1, impact: 'none', nextUpdateBy: null, components: { chat: 'operational', api: 'operational' } });
    expect(head.window).toMatchObject({ scheduledFor: minutes(120), scheduledUntil: minutes(180), remindBeforeMinutes: 60, reminderDue: minutes(60), autoStart: true, autoComplete: true, channels: ['inapp', 'email', 'x', 'webhook'] });
    expect(update).toMatchObject({ seq: 1, kind: 'maintenance_scheduled', status: 'scheduled', channels: ['inapp', 'email', 'x', 'webhook'], message: { en: 'Upgrading.', id: 'Upgrading.' } });
  });

  it('sends no reminder when asked for none, or when its moment has already passed', () => {
    expect(aWindow({ remindBeforeMinutes: 0 }).head.window?.reminderDue).toBeNull();
    expect(aWindow({ scheduledFor: minutes(30), scheduledUntil: minutes(60), remindBeforeMinutes: 60 }).head.window?.reminderDue).toBeNull();
  });

  it('refuses a window that starts now or earlier, or ends before it starts', () => {
    expect(() => aWindow({ scheduledFor: now })).toThrow(InvalidMaintenanceWindow);
    expect(scheduleMaintenanceSchema.safeParse({ title: 'T', message: 'M', components: ['chat'], scheduledFor: minutes(60), scheduledUntil: minutes(30) }).error?.issues[0]?.path).toEqual(['scheduledUntil']);
  });

  it('takes 1 to every configured component, each once, and a reminder of at most a week', () => {
    const base = { title: 'T', message: 'M', scheduledFor: minutes(60), scheduledUntil: minutes(90) };
    expect(scheduleMaintenanceSchema.safeParse({ ...base, components: [] }).success).toBe(false);
    expect(scheduleMaintenanceSchema.safeParse({ ...base, components: ['chat', 'chat'] }).success).toBe(false);
    expect(scheduleMaintenanceSchema.safeParse({ ...base, components: ['nope'] }).success).toBe(false);
    expect(scheduleMaintenanceSchema.safeParse({ ...base, components: ['chat'], remindBeforeMinutes: 10_081 }).success).toBe(false);
    expect(scheduleMaintenanceSchema.safeParse({ ...base, components: ['chat'], scheduledFor: 'tomorrow' }).success).toBe(false);
  });
});

describe('a window’s lifecycle', () => {
  it('reschedules a window that has not started: new times, a new reminder, maintenance_scheduled again', () => {
    const { head } = aWindow();
    const { head: moved, update } = updateMaintenance(head, anUpdate({ status: 'scheduled', scheduledFor: minutes(600), scheduledUntil: minutes(660) }), 'upd_2', minutes(1), config);
    expect(update.kind).toBe('maintenance_scheduled');
    expect(moved.window).toMatchObject({ scheduledFor: minutes(600), scheduledUntil: minutes(660), reminderDue: minutes(540) });
  });

  it('starts early, extends while in progress, verifies, completes: components under maintenance, then back', () => {
    const { head } = aWindow();
    const started = updateMaintenance(head, anUpdate({ status: 'in_progress' }), 'upd_2', minutes(5), config);
    expect(started.update.kind).toBe('maintenance_started');
    expect(started.head.components).toEqual({ chat: 'under_maintenance', api: 'under_maintenance' });
    const extended = updateMaintenance(started.head, anUpdate({ status: 'in_progress', scheduledUntil: minutes(240) }), 'upd_3', minutes(10), config);
    expect(extended.head.window?.scheduledUntil).toBe(minutes(240));
    const verifying = updateMaintenance(extended.head, anUpdate({ status: 'verifying' }), 'upd_4', minutes(20), config);
    expect(verifying.head.status).toBe('verifying');
    const completed = updateMaintenance(verifying.head, anUpdate({ status: 'completed' }), 'upd_5', minutes(30), config);
    expect(completed.update.kind).toBe('maintenance_completed');
    expect(completed.head).toMatchObject({ status: 'completed', resolvedAt: minutes(30), components: { chat: 'operational', api: 'operational' } });
  });

  it('refuses what the status does not allow, with a conflict', () => {
    const { head } = aWindow();
    const cancelled = updateMaintenance(head, anUpdate({ status: 'cancelled' }), 'upd_2', minutes(1), config).head;
    expect(() => updateMaintenance(cancelled, anUpdate({ status: 'in_progress' }), 'upd_3', minutes(2), config)).toThrow(MaintenanceConflict);
    expect(() => updateMaintenance(head, anUpdate({ status: 'completed' }), 'upd_2', minutes(1), config)).toThrow(/cancel it instead/);
    expect(() => updateMaintenance(head, anUpdate({ status: 'verifying' }), 'upd_2', minutes(1), config)).toThrow(/has not started/);
    const started = updateMaintenance(head, anUpdate({ status: 'in_progress' }), 'upd_2', minutes(1), config).head;
    expect(() => updateMaintenance(started, anUpdate({ status: 'cancelled' }), 'upd_3', minutes(2), config)).toThrow(/complete it instead/);
    expect(() => updateMaintenance(started, anUpdate({ status: 'scheduled' }), 'upd_3', minutes(2), config)).toThrow(MaintenanceConflict);
    expect(() => updateMaintenance(started, anUpdate({ status: 'in_progress', scheduledFor: minutes(300) }), 'upd_3', minutes(2), config)).toThrow(InvalidMaintenanceWindow);
  });

  it('is not an incident, and an incident is not a window', () => {
    const incident = declareIncident(aDeclareInput(), { incidentId: 'inc_1', updateId: 'upd_1' }, now, config).head;
    expect(() => updateMaintenance(incident, anUpdate({ status: 'in_progress' }), 'upd_2', now, config)).toThrow(MaintenanceNotFound);
    expect(fireMaintenanceTimer(incident, { kind: 'maintenance-start', version: 1 }, 'upd_2', now, config)).toEqual({ nothing: 'no such maintenance window' });
  });
});

describe('a window’s timers', () => {
  it('are the reminder and the start while scheduled, the end while started, none once finished', () => {
    const { head } = aWindow();
    expect(timersOfHead(head)).toEqual([
      { set: { name: 'maintenance-reminder-mnt_1', dueAt: minutes(60), target: { kind: 'maintenance-reminder', maintenanceId: 'mnt_1', version: 1 } } },
      { set: { name: 'maintenance-start-mnt_1', dueAt: minutes(120), target: { kind: 'maintenance-start', maintenanceId: 'mnt_1', version: 1 } } },
      { clear: 'maintenance-end-mnt_1' },
    ]);
    const started = updateMaintenance(head, anUpdate({ status: 'in_progress' }), 'upd_2', minutes(1), config).head;
    expect(timersOfHead(started)).toEqual([
      { clear: 'maintenance-reminder-mnt_1' },
      { clear: 'maintenance-start-mnt_1' },
      { set: { name: 'maintenance-end-mnt_1', dueAt: minutes(180), target: { kind: 'maintenance-end', maintenanceId: 'mnt_1', version: 2 } } },
    ]);
    const manual = aWindow({ autoStart: false, autoComplete: false, remindBeforeMinutes: 0 }).head;
    expect(timersOfHead(manual).every((plan) => 'clear' in plan)).toBe(true);
  });

  it('remind, start and complete when due on their version, and do nothing early, late on another version, or twice', () => {
    const { head } = aWindow();
    expect(fire(head, 'maintenance-reminder', minutes(59))).toEqual({ nothing: 'the reminder is not due yet' });
    const reminded = fire(head, 'maintenance-reminder', minutes(60));
    if ('nothing' in reminded) throw new Error(reminded.nothing);
    expect(reminded.update).toMatchObject({ kind: 'maintenance_reminder', status: 'scheduled', message: { en: 'Upgrading.' } });
    expect(fire(reminded.head, 'maintenance-reminder', minutes(61))).toEqual({ nothing: 'no reminder is due' });
    // The start timer set for version 1 fires after the reminder made it 2: nothing; the one set anew for 2 starts it.
    expect(fire(reminded.head, 'maintenance-start', minutes(120), 1)).toMatchObject({ nothing: expect.stringMatching(/changed since/) });
    expect(fire(reminded.head, 'maintenance-start', minutes(119))).toEqual({ nothing: 'the window does not start yet' });
    const started = fire(reminded.head, 'maintenance-start', minutes(120));
    if ('nothing' in started) throw new Error(started.nothing);
    expect(started.head).toMatchObject({ status: 'in_progress', components: { chat: 'under_maintenance', api: 'under_maintenance' } });
    const ended = fire(started.head, 'maintenance-end', minutes(181));
    if ('nothing' in ended) throw new Error(ended.nothing);
    expect(ended.update).toMatchObject({ kind: 'maintenance_completed', status: 'completed', message: { en: '', id: '' } });
    expect(fire(ended.head, 'maintenance-end', minutes(182))).toEqual({ nothing: 'the window is not waiting to end by itself' });
  });
});

describe('a window’s words', () => {
  it('keep the description of the work for its reminder after a reschedule, which says its own words', () => {
    const { head } = aWindow();
    const moved = updateMaintenance(head, anUpdate({ status: 'scheduled', message: 'Moved by an hour.', scheduledFor: minutes(180), scheduledUntil: minutes(240) }), 'upd_2', minutes(1), config);
    expect(moved.update.message.en).toBe('Moved by an hour.');
    const reminded = fire(moved.head, 'maintenance-reminder', minutes(120));
    if ('nothing' in reminded) throw new Error(reminded.nothing);
    expect(reminded.update.message.en).toBe('Upgrading.');
  });
});
