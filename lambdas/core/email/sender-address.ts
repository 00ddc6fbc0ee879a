import type { Config } from '../config/config-schema.js';

/**
 * Who customer mail is from: the configured sender, or locally, where nothing leaves the machine and
 * no domain is verified, the service's name at a placeholder address.
 *
 * @example
 * senderAddress(config); // 'Nimbus Status <status@nimbus.example>'
 */
export function senderAddress(config: Config): string {
  return config.channels.email.from ?? `"${config.serviceName.replace(/["\\]/g, '')}" <status@incident-comms.local>`;
}
