import { enSubscriptionMails } from './en-subscription-mails.js';
import { enMaintenance } from './en-maintenance.js';
import type { LocaleCatalog } from './locale-catalog.js';
import { isMaintenanceKind, isMaintenanceStatus } from '../../incident/vocabulary.js';

// Plain, direct English, the way a status-page team writes under pressure: say what is broken,
// say sorry once and mean it, say what happens next. The stronger the impact, the plainer the words.
const signOff = '— The {service} team\nThis message was sent on {time}.';

/**
 * English texts.
 *
 * @example
 * en.apology('apology', 'critical'); // "We're very sorry. We know how much you rely on us, …"
 */
export const en: LocaleCatalog = {
  language: 'en',
  impact: { none: 'no impact', minor: 'minor', major: 'major', critical: 'critical' },
  status: {
    investigating: 'Investigating',
    identified: 'Cause identified',
    monitoring: 'Monitoring the fix',
    resolved: 'Resolved',
    ...enMaintenance.status,
  },
  headline(kind, impact, status, service) {
    if (isMaintenanceKind(kind)) return enMaintenance.headline(kind, service);
    if (kind === 'recovery') return `${service} is working normally again.`;
    if (kind === 'postmortem') return "We've published our postmortem: what went wrong, why, and what we're changing.";
    if (kind === 'update') return en.progress(kind, status);
    switch (impact) {
      case 'none':
        return `We're looking into an issue with ${service}. You shouldn't notice any impact.`;
      case 'minor':
        return `Some of you may be having trouble with ${service}.`;
      case 'major':
        return `${service} is having a major outage.`;
      case 'critical':
        return `${service} is down for most of you right now.`;
    }
  },
  apology(kind, impact) {
    if (isMaintenanceKind(kind)) return enMaintenance.apology(kind);
    // The postmortem comes after the recovery has thanked the reader: one plain "sorry again" is enough.
    if (kind === 'postmortem') {
      switch (impact) {
        case 'none':
          return 'Thanks for bearing with us.';
        case 'minor':
          return 'Sorry again for the inconvenience.';
        case 'major':
          return "We're sorry again for the disruption.";
        case 'critical':
          return "We're sorry again that we let you down.";
      }
    }
    if (kind === 'recovery') {
      switch (impact) {
        case 'none':
          return 'Thanks for bearing with us.';
        case 'minor':
          return 'Sorry for the inconvenience, and thanks for your patience.';
        case 'major':
          return "We're sorry for the disruption, and thank you for your patience.";
        case 'critical':
          return "We're truly sorry we let you down, and thank you for your patience.";
      }
    }
    if (kind === 'update') {
      switch (impact) {
        case 'none':
        case 'minor':
          return 'Thanks for bearing with us.';
        case 'major':
          return "We're sorry for the continued disruption.";
        case 'critical':
          return "We're very sorry this is still going on. It has our whole team's attention.";
      }
    }
    switch (impact) {
      case 'none':
        return 'Sorry for any confusion this may cause.';
      case 'minor':
        return 'Sorry for the inconvenience.';
      case 'major':
        return "We're sorry for the disruption.";
      case 'critical':
        return "We're very sorry. We know how much you rely on us, and fixing this is our top priority.";
    }
  },
  progress(kind, status) {
    if (isMaintenanceStatus(status)) return enMaintenance.progress(status);
    switch (status) {
      case 'investigating':
        return kind === 'apology' ? "We're investigating the cause." : "We're still investigating the cause.";
      case 'identified':
        return "We've found the cause and are working on a fix.";
      case 'monitoring':
        return "A fix is in place and we're watching to make sure it holds.";
      case 'resolved':
        return 'Everything is working normally again.';
    }
  },
  nextUpdate: (at) =>
    at ? `We'll post the next update by ${at.text} on our status page:` : "We'll post the next update on our status page as soon as we know more:",
  nextUpdateBy: (at) => (at ? `Next update by ${at.text}.` : ''),
  someComponents: (service) => `parts of ${service}`,
  moreComponents: (count) => `${count} more`,
  componentCount: (count) => `${count} services`,
  lessThanAMinute: 'less than a minute',
  ellipsis: '…',
  fallbackSubject: { apology: 'Service incident', update: 'Service incident update', recovery: 'Service incident resolved', postmortem: 'Incident postmortem', ...enMaintenance.fallbackSubject },
  fallbackTitle: { apology: 'Service incident', update: 'Incident update', recovery: 'Incident resolved', postmortem: 'Incident postmortem', ...enMaintenance.fallbackSubject },
  texts: {
    ...enMaintenance.texts,
    apology: {
      email: {
        subject: '[{service}] Incident: {title}',
        body: [
          'Hello,',
          '{headline} {apology}',
          "What's affected: {components}\nStarted: {startedAt}\nStatus: {status}",
          "What we're doing:\n{message}",
          '{nextUpdate}\n{url}',
          signOff,
        ].join('\n\n'),
      },
      x: { text: '{headline} Affected: {components}. {apology} {message} {nextUpdateBy} Updates: {url}' },
      inapp: { title: '{title}', text: '{headline} {apology} Affected: {components}. {message} {nextUpdateBy}' },
    },
    update: {
      email: {
        subject: '[{service}] Update: {title}',
        body: [
          'Hello,',
          'Here is the latest on "{title}". {progress} {apology}',
          "What we're doing:\n{message}",
          "What's affected: {components}\nStatus: {status}\nGoing on for: {duration}",
          '{nextUpdate}\n{url}',
          signOff,
        ].join('\n\n'),
      },
      x: { text: 'Update: {progress} {message} {nextUpdateBy} More: {url}' },
      inapp: { title: 'Update: {title}', text: '{progress} {message} {nextUpdateBy}' },
    },
    recovery: {
      email: {
        subject: '[{service}] Resolved: {title}',
        body: [
          'Hello,',
          '{headline} {apology}',
          'What happened:\n{message}',
          'What was affected: {components}\nHow long it lasted: {duration}, from {startedAt} to {resolvedAt}',
          'The full timeline is on our status page:\n{url}',
          signOff,
        ].join('\n\n'),
      },
      x: { text: 'Resolved after {duration}: {headline} {message} {apology} {url}' },
      inapp: { title: 'Resolved: {title}', text: '{headline} It lasted {duration}. {message} {apology}' },
    },
    postmortem: {
      email: {
        subject: '[{service}] Postmortem: {title}',
        body: [
          'Hello,',
          `We've published our postmortem of "{title}": what went wrong, why, and what we're changing so it doesn't happen again. {apology}`,
          'What was affected: {components}\nHow long it lasted: {duration}, from {startedAt} to {resolvedAt}',
          'The postmortem:\n{message}',
          'You can also read it, with the full timeline, on our status page:\n{url}',
          signOff,
        ].join('\n\n'),
      },
      x: { text: `We've published our postmortem of "{title}": what went wrong and what we're changing. {url}` },
      inapp: { title: 'Postmortem: {title}', text: '{headline} {message}' },
    },
  },
  viewStatusPage: 'View status page',
  emailFooter: {
    reason: (service) => `You're receiving this email because you subscribed to incident updates from ${service}.`,
    preferences: 'Change your preferences',
    unsubscribe: 'Unsubscribe',
  },
  subscriptionMails: enSubscriptionMails,
};
