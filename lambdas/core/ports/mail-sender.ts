import type { OutgoingMail } from '../email/outgoing-mail.js';
import { DomainError } from '../errors/domain-error.js';

/**
 * Where a mail goes: Amazon SES v2 deployed (per recipient, with the configuration set that reports
 * bounces and complaints), `.eml` files in the outbox locally. A failure rejects with one of the
 * errors below, so the worker can tell "slow down" from "try again" from "give up on this address".
 *
 * @example
 * const { messageId } = await sender.send(mail);
 */
export interface MailSender {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

/** The provider refuses this mail for good (a malformed or blocked address): settle it `failed`. */
export class MailRejected extends DomainError {}

/** The provider asks us to slow down (sending rate or daily quota): try again later, the mail is fine. */
export class MailThrottled extends DomainError {
  constructor(
    message: string,
    /** How long to wait before trying again. */
    readonly retryAfterSeconds: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The provider did not answer (5xx, timeout): the same mail may well go through if tried again. */
export class MailTransientFailure extends DomainError {}
