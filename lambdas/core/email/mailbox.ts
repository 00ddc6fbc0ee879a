import * as z from 'zod/mini';
import '../validation/english-issues.js';

/** A mail address as a From header writes it, taken apart. */
export interface Mailbox {
  /** The display name, when one was given: "Nimbus Status". */
  name?: string;
  address: string;
  /** The domain SES verifies and signs for (DKIM). */
  domain: string;
}

const addressSchema = z.email();

/**
 * Reads `address@domain` or `Display Name <address@domain>`; `undefined` for anything else.
 *
 * @example
 * parseMailbox('Nimbus Status <status@nimbus.example>'); // { name: 'Nimbus Status', address: 'status@nimbus.example', domain: 'nimbus.example' }
 */
export function parseMailbox(text: string): Mailbox | undefined {
  const named = /^\s*"?([^"<>]*?)"?\s*<([^<>\s]+)>\s*$/.exec(text);
  const address = (named ? named[2] : text.trim()) ?? '';
  if (!addressSchema.safeParse(address).success) return undefined;
  const name = named?.[1]?.trim();
  return { ...(name ? { name } : {}), address, domain: address.slice(address.lastIndexOf('@') + 1).toLowerCase() };
}
