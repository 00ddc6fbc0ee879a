import type { Config } from '../config/config-schema.js';
import type { OutgoingMail } from './outgoing-mail.js';

/**
 * Who customer mail is from and where replies go, for a mail to `to`: the configured sender (and
 * reply-to), or locally, where nothing leaves the machine and no domain is verified, the service's
 * name at a placeholder address.
 *
 * @example
 * mailAddressing('ana@example.com', config); // { from: 'Nimbus Status <status@nimbus.example>', to: 'ana@example.com' }
 */
export function mailAddressing(to: string, config: Config): Pick<OutgoingMail, 'from' | 'to' | 'replyTo'> {
  const { from, replyTo } = config.channels.email;
  return {
    from: from ?? `"${config.serviceName.replace(/["\\]/g, '')}" <status@incident-comms.local>`,
    to,
    ...(replyTo ? { replyTo } : {}),
  };
}
