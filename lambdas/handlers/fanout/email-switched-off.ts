import type { EmailWork } from '../../core/ports/email-work.js';

/**
 * The mail hand-over of a deployment without the email channel. Its stream filter keeps mail requests
 * away, so this is never called; if it were, the record fails loudly (and is retried, then parked in
 * the failure queue) rather than a mail being dropped without a word.
 */
export const emailSwitchedOff: Pick<EmailWork, 'send'> = {
  send() {
    return Promise.reject(new Error('a mail request reached the fan-out but the email channel is switched off: there is no send queue'));
  },
};
