import { describe, expect, it } from 'vitest';
import { maxWebhookUrlLength, parseWebhookUrl } from '../../../lambdas/core/webhooks/webhook-url-policy.js';
import type { WebhookMode } from '../../../lambdas/core/webhooks/webhook-mode.js';

const allowed = undefined;

/** The reason a URL is refused in a mode, or `undefined` when it may be called. */
function refusalOf(url: string, mode: WebhookMode): string | undefined {
  const verdict = parseWebhookUrl(url, mode);
  return verdict.ok ? undefined : verdict.reason;
}

describe('which webhook URLs a subscriber may register', () => {
  it.each([
    // url, deployed, local
    ['https://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local (cloud metadata) address', '169.254.169.254 is a link-local (cloud metadata) address'],
    ['https://10.0.0.1/hook', '10.0.0.1 is a private address', '10.0.0.1 is a private address'],
    ['https://172.16.0.1/hook', '172.16.0.1 is a private address', '172.16.0.1 is a private address'],
    ['https://192.168.1.1/hook', '192.168.1.1 is a private address', '192.168.1.1 is a private address'],
    ['https://100.64.0.1/hook', '100.64.0.1 is a carrier-grade NAT (100.64.0.0/10) address', '100.64.0.1 is a carrier-grade NAT (100.64.0.0/10) address'],
    ['https://127.0.0.1:8443/hook', '127.0.0.1 is a loopback address', allowed],
    ['http://127.0.0.1:8080/hook', 'the URL must use https://', allowed],
    ['https://[::1]:8443/hook', '::1 is a loopback address', allowed],
    ['http://[::1]:8080/hook', 'the URL must use https://', allowed],
    ['http://localhost:8080/hook', 'the URL must use https://', allowed],
    ['https://[fd00:ec2::254]/', 'fd00:ec2::254 is a unique-local (cloud metadata) address', 'fd00:ec2::254 is a unique-local (cloud metadata) address'],
    ['https://[::ffff:10.0.0.1]/', '::ffff:a00:1 is a private address (IPv4-mapped 10.0.0.1)', '::ffff:a00:1 is a private address (IPv4-mapped 10.0.0.1)'],
    ['https://224.0.0.1/', '224.0.0.1 is a multicast address', '224.0.0.1 is a multicast address'],
    ['https://0.0.0.0:8443/', '0.0.0.0 is an unspecified address', '0.0.0.0 is an unspecified address'],
    ['https://[fe80::1]/', 'fe80::1 is a link-local address', 'fe80::1 is a link-local address'],
    ['https://93.184.216.34/hook', allowed, allowed],
    ['https://[2606:4700::1]/hook', allowed, allowed],
    ['https://hooks.example.com/incidents?team=ops', allowed, allowed],
    ['http://hooks.example.com/incidents', 'the URL must use https://', 'plain http:// is allowed only to this machine (localhost, 127.0.0.1 or [::1]); use https://'],
    ['http://10.0.0.1/hook', 'the URL must use https://', 'plain http:// is allowed only to this machine (localhost, 127.0.0.1 or [::1]); use https://'],
    ['not a url', 'the URL is not a valid absolute URL', 'the URL is not a valid absolute URL'],
    ['/relative/path', 'the URL is not a valid absolute URL', 'the URL is not a valid absolute URL'],
    ['ftp://hooks.example.com/', 'the URL must use https://', 'the URL must use http:// or https://'],
    ['file:///etc/passwd', 'the URL must use https://', 'the URL must use http:// or https://'],
    ['https://user:pw@hooks.example.com/', 'the URL must not contain a user name or password', 'the URL must not contain a user name or password'],
    ['https://user@hooks.example.com/', 'the URL must not contain a user name or password', 'the URL must not contain a user name or password'],
  ])('%s: deployed %s, locally %s', (url, deployed, local) => {
    expect(refusalOf(url, 'deployed')).toBe(deployed);
    expect(refusalOf(url, 'local')).toBe(local);
  });

  it.each([
    ['https://2130706433/', '127.0.0.1 is a loopback address'],
    ['https://0x7f.1/', '127.0.0.1 is a loopback address'],
    ['https://0251.0376.0251.0376/', '169.254.169.254 is a link-local (cloud metadata) address'],
    ['https://[0:0:0:0:0:0:0:1]/', '::1 is a loopback address'],
  ])('sees through %s, another spelling of a refused address', (url, reason) => {
    expect(refusalOf(url, 'deployed')).toBe(reason);
  });

  it(`refuses a URL longer than ${maxWebhookUrlLength} characters and takes one of exactly that length`, () => {
    const base = 'https://hooks.example.com/';
    const longest = base + 'a'.repeat(maxWebhookUrlLength - base.length);
    expect(refusalOf(longest, 'deployed')).toBe(allowed);
    expect(refusalOf(`${longest}a`, 'deployed')).toBe('the URL is longer than 2048 characters');
  });

  it('hands back the parsed URL the caller should connect to', () => {
    const verdict = parseWebhookUrl('https://Hooks.Example.com:8443/in?x=1', 'deployed');
    expect(verdict.ok && verdict.url.hostname).toBe('hooks.example.com');
    expect(verdict.ok && verdict.url.port).toBe('8443');
  });
});
