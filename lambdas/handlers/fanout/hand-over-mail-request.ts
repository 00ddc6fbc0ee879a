import type { MailRequest } from '../../core/subscribers/mail-request.js';
import type { FanOutDependencies } from './fan-out-update.js';

/**
 * Hands a mail request the API stored (a confirmation, an "already subscribed" notice) to the email
 * senders, which send it once however often the stream delivers it.
 *
 * @example
 * await handOverMailRequest(request, deps);
 */
export async function handOverMailRequest(request: MailRequest, deps: Pick<FanOutDependencies, 'emailWork' | 'logger'>): Promise<void> {
  await deps.emailWork.send([{ kind: 'subscription-mail', requestId: request.id, subscriberId: request.subscriberId, mail: request.mail }]);
  deps.logger.withKeys({ subscriberId: request.subscriberId, mailRequestId: request.id }).info('subscription mail handed to the senders', { mail: request.mail });
}
