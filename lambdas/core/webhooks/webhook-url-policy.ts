import { addressRefusal } from './address-policy.js';
import type { WebhookMode } from './webhook-mode.js';

/** Longer than any receiver needs, short enough that a URL cannot carry a payload of its own. */
export const maxWebhookUrlLength = 2048;

/** The host names that mean this machine; locally the only hosts plain http may reach. */
const thisMachine = new Set(['localhost', '127.0.0.1', '[::1]']);

export type WebhookUrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * Checks a webhook URL's form before any DNS is asked: an absolute http(s) URL of at most 2048
 * characters, without a user name or password; https deployed, and locally http to this machine
 * only; a host written as an IP address must be one `addressRefusal` lets through. Host names are
 * resolved and checked by the adapters, at subscription and again at every connection.
 *
 * @example
 * parseWebhookUrl('https://hooks.example.com/incidents', 'deployed'); // { ok: true, url: URL }
 * parseWebhookUrl('http://hooks.example.com/incidents', 'deployed'); // { ok: false, reason: 'the URL must use https://' }
 * parseWebhookUrl('https://169.254.169.254/', 'deployed'); // { ok: false, reason: '169.254.169.254 is a link-local (cloud metadata) address' }
 * parseWebhookUrl('http://127.0.0.1:8080/hook', 'local'); // { ok: true, url: URL }
 */
export function parseWebhookUrl(text: string, mode: WebhookMode): WebhookUrlVerdict {
  if (text.length > maxWebhookUrlLength) return refused(`the URL is longer than ${maxWebhookUrlLength} characters`);
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url) return refused('the URL is not a valid absolute URL');

  const schemes = mode === 'deployed' ? ['https:'] : ['https:', 'http:'];
  if (!schemes.includes(url.protocol)) {
    return refused(mode === 'deployed' ? 'the URL must use https://' : 'the URL must use http:// or https://');
  }
  if (url.username !== '' || url.password !== '') return refused('the URL must not contain a user name or password');
  if (url.protocol === 'http:' && !thisMachine.has(url.hostname)) {
    return refused('plain http:// is allowed only to this machine (localhost, 127.0.0.1 or [::1]); use https://');
  }

  const literal = literalAddressOf(url.hostname);
  const refusal = literal === undefined ? undefined : addressRefusal(literal, mode);
  return refusal ? refused(refusal) : { ok: true, url };
}

function refused(reason: string): WebhookUrlVerdict {
  return { ok: false, reason };
}

/**
 * The IP address a URL's host is written as, or `undefined` for a name. The URL parser already turned
 * every IPv4 spelling (`2130706433`, `0x7f.1`) into dotted decimal, and IPv6 stands in brackets.
 */
function literalAddressOf(hostname: string): string | undefined {
  if (hostname.startsWith('[') && hostname.endsWith(']')) return hostname.slice(1, -1);
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) ? hostname : undefined;
}
