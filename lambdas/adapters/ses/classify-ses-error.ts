import { MailRejected, MailThrottled, MailTransientFailure } from '../../core/ports/mail-sender.js';

/** SES paces by the second; a paused or suspended account needs a person, so it is tried again slowly. */
const rateRetrySeconds = 1;
const accountRetrySeconds = 15 * 60;

/**
 * Turns what SES v2 throws into what the sender does about it: slow down (the sending rate or the
 * daily quota, or an account whose sending is paused), give up on this one address (a message SES
 * refuses), or try again (anything else, a 5xx or the network).
 *
 * @example
 * try { await ses.send(command); } catch (error) { throw classifySesError(error); }
 */
export function classifySesError(error: unknown): Error {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  switch (name) {
    case 'TooManyRequestsException':
    case 'LimitExceededException':
    case 'ThrottlingException':
      return new MailThrottled(`SES asks us to slow down: ${message}`, rateRetrySeconds, { cause: error });
    case 'SendingPausedException':
    case 'AccountSuspendedException':
      return new MailThrottled(`SES is not sending for this account now (${name}): ${message}`, accountRetrySeconds, { cause: error });
    case 'MessageRejected':
    case 'BadRequestException':
      return new MailRejected(`SES refused the mail (${name}): ${message}`, { cause: error });
    default:
      return new MailTransientFailure(`SES did not take the mail${name ? ` (${name})` : ''}: ${message}`, { cause: error });
  }
}
