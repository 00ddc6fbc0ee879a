import type { SubscriptionMailTexts } from './locale-catalog.js';

// The same plain English as the incident mails. A confirmation mail reaches whoever typed the address,
// so it says how the reader got it and that ignoring it is safe: nothing more comes unless they confirm.

/**
 * English texts of the subscription mails.
 *
 * @example
 * enSubscriptionMails.confirmation.subject('Nimbus Chat'); // 'Confirm your subscription to Nimbus Chat incident updates'
 */
export const enSubscriptionMails: SubscriptionMailTexts = {
  greeting: 'Hello,',
  signOff: (service) => `— The ${service} team`,
  confirmation: {
    subject: (service) => `Confirm your subscription to ${service} incident updates`,
    request: (service) => `Someone, hopefully you, asked to get incident updates from ${service} at this email address. Please confirm that you want them:`,
    confirm: 'Confirm my subscription',
    ignore: "If you didn't ask for this, just ignore this email. You won't be subscribed and won't hear from us again.",
  },
  preferences: {
    subject: (service) => `You're already subscribed to ${service} incident updates`,
    already: (service) =>
      `Someone, hopefully you, just asked to subscribe this address to incident updates from ${service}. It is already subscribed, so nothing has changed.`,
    manage: 'You can change which updates you get, their language and time zone, or stop them:',
    preferences: 'Change your preferences',
    unsubscribe: 'Unsubscribe',
    ignore: "If you didn't ask for this, you can ignore this email. Your subscription stays as it is.",
  },
};
