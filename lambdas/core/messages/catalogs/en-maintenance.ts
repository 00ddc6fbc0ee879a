import type { MaintenanceKind, MaintenanceStatus } from '../../incident/vocabulary.js';
import type { ChannelTexts } from '../template-fields.js';

const signOff = '— The {service} team\nThis message was sent on {time}.';

/** Planned work is not an outage: say when, what, and what readers will notice; apologise lightly. */
export const enMaintenance = {
  status: {
    scheduled: 'Scheduled',
    in_progress: 'In progress',
    verifying: 'Verifying',
    completed: 'Completed',
    cancelled: 'Cancelled',
  } satisfies Record<MaintenanceStatus, string>,
  headline(kind: MaintenanceKind, service: string): string {
    switch (kind) {
      case 'maintenance_scheduled':
        return `We've scheduled maintenance on ${service}.`;
      case 'maintenance_reminder':
        return `Our scheduled maintenance on ${service} starts soon.`;
      case 'maintenance_started':
        return `Our scheduled maintenance on ${service} is under way.`;
      case 'maintenance_completed':
        return `Our scheduled maintenance on ${service} is complete and everything is working normally.`;
      case 'maintenance_cancelled':
        return `We've cancelled the scheduled maintenance on ${service}.`;
    }
  },
  apology(kind: MaintenanceKind): string {
    if (kind === 'maintenance_completed') return 'Thanks for your patience.';
    if (kind === 'maintenance_cancelled') return 'Nothing changes for you.';
    return 'Some features may be unavailable while we work. Sorry for the inconvenience.';
  },
  progress(status: MaintenanceStatus): string {
    switch (status) {
      case 'scheduled':
        return 'The work is scheduled.';
      case 'in_progress':
        return 'The work is under way.';
      case 'verifying':
        return "The work is done and we're checking that everything works.";
      case 'completed':
        return 'The work is complete.';
      case 'cancelled':
        return 'The work is cancelled.';
    }
  },
  fallbackSubject: {
    maintenance_scheduled: 'Scheduled maintenance',
    maintenance_reminder: 'Maintenance reminder',
    maintenance_started: 'Maintenance in progress',
    maintenance_completed: 'Maintenance complete',
    maintenance_cancelled: 'Maintenance cancelled',
  } satisfies Record<MaintenanceKind, string>,
  texts: {
    maintenance_scheduled: {
      email: {
        subject: '[{service}] Scheduled maintenance: {title}',
        body: [
          'Hello,',
          '{headline} {apology}',
          "When: {window}\nWhat's affected: {components}",
          "What we're doing:\n{message}",
          "We'll remind you before it starts. Details and any change are on our status page:\n{url}",
          signOff,
        ].join('\n\n'),
      },
      x: { text: 'Scheduled maintenance, {window}: {title}. Affected: {components}. {message} {url}' },
      inapp: { title: 'Scheduled maintenance: {title}', text: '{headline} When: {window}. Affected: {components}. {message}' },
    },
    maintenance_reminder: {
      email: {
        subject: '[{service}] Maintenance reminder: {title}',
        body: [
          'Hello,',
          '{headline} {apology}',
          "When: {window}\nWhat's affected: {components}",
          "What we're doing:\n{message}",
          "We'll tell you when it's done. Details are on our status page:\n{url}",
          signOff,
        ].join('\n\n'),
      },
      x: { text: 'Reminder: our maintenance starts soon, {window}. Affected: {components}. {message} {url}' },
      inapp: { title: 'Maintenance reminder: {title}', text: '{headline} When: {window}. Affected: {components}. {message}' },
    },
    maintenance_started: {
      email: {
        subject: '[{service}] Maintenance in progress: {title}',
        body: [
          'Hello,',
          '{headline} {apology}',
          "Expected to end: {scheduledUntil}\nWhat's affected: {components}\nStatus: {status}",
          "What we're doing:\n{message}",
          "We'll tell you when it's done. Follow it on our status page:\n{url}",
          signOff,
        ].join('\n\n'),
      },
      x: { text: 'Maintenance under way until {scheduledUntil}: {components} may be unavailable. {message} {url}' },
      inapp: { title: 'Maintenance in progress: {title}', text: '{headline} Until {scheduledUntil}. Affected: {components}. {message}' },
    },
    maintenance_completed: {
      email: {
        subject: '[{service}] Maintenance complete: {title}',
        body: [
          'Hello,',
          '{headline} {apology}',
          'What was maintained: {components}',
          '{message}',
          'The full timeline is on our status page:\n{url}',
          signOff,
        ].join('\n\n'),
      },
      x: { text: 'Maintenance complete: {components} are working normally. {message} {url}' },
      inapp: { title: 'Maintenance complete: {title}', text: '{headline} {message} {apology}' },
    },
    maintenance_cancelled: {
      email: {
        subject: '[{service}] Maintenance cancelled: {title}',
        body: [
          'Hello,',
          '{headline} {apology}',
          'It was planned for {window} and would have affected: {components}',
          '{message}',
          'Our status page has the details:\n{url}',
          signOff,
        ].join('\n\n'),
      },
      x: { text: 'Maintenance cancelled: the work planned for {scheduledFor} will not happen. {message} {url}' },
      inapp: { title: 'Maintenance cancelled: {title}', text: '{headline} {apology} {message}' },
    },
  } satisfies Record<MaintenanceKind, ChannelTexts>,
};
