import { describe, expect, it } from 'vitest';
import { addressRefusal } from '../../../lambdas/core/webhooks/address-policy.js';

describe('which addresses a webhook may reach', () => {
  it.each([
    ['169.254.169.254', '169.254.169.254 is a link-local (cloud metadata) address'],
    ['169.254.170.2', '169.254.170.2 is a link-local (cloud metadata) address'],
    ['169.254.1.1', '169.254.1.1 is a link-local address'],
    ['10.0.0.1', '10.0.0.1 is a private address'],
    ['172.16.0.1', '172.16.0.1 is a private address'],
    ['192.168.1.1', '192.168.1.1 is a private address'],
    ['100.64.0.1', '100.64.0.1 is a carrier-grade NAT (100.64.0.0/10) address'],
    ['100.100.100.200', '100.100.100.200 is a carrier-grade NAT (100.64.0.0/10) (cloud metadata) address'],
    ['224.0.0.1', '224.0.0.1 is a multicast address'],
    ['0.0.0.0', '0.0.0.0 is an unspecified address'],
    ['255.255.255.255', '255.255.255.255 is a broadcast address'],
    ['240.0.0.1', '240.0.0.1 is a reserved address'],
    ['192.0.2.1', '192.0.2.1 is a reserved address'],
    ['fe80::1', 'fe80::1 is a link-local address'],
    ['fd00:ec2::254', 'fd00:ec2::254 is a unique-local (cloud metadata) address'],
    ['fc00::1', 'fc00::1 is a unique-local address'],
    ['ff02::1', 'ff02::1 is a multicast address'],
    ['::', ':: is an unspecified address'],
    ['::ffff:10.0.0.1', '::ffff:10.0.0.1 is a private address (IPv4-mapped 10.0.0.1)'],
    ['::ffff:169.254.169.254', '::ffff:169.254.169.254 is a link-local (cloud metadata) address (IPv4-mapped 169.254.169.254)'],
    ['::a00:1', '::a00:1 is a reserved address'],
    ['64:ff9b::a00:1', '64:ff9b::a00:1 is a NAT64 (IPv4-embedding) address'],
    ['2002:a00:1::', '2002:a00:1:: is a 6to4 (IPv4-embedding) address'],
    ['2001:db8::1', '2001:db8::1 is a reserved address'],
  ])('refuses %s, deployed and locally alike', (address, reason) => {
    expect(addressRefusal(address, 'deployed')).toBe(reason);
    expect(addressRefusal(address, 'local')).toBe(reason);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1', '2a00:1450:4001:80b::200e'])('lets the public address %s through', (address) => {
    expect(addressRefusal(address, 'deployed')).toBeUndefined();
    expect(addressRefusal(address, 'local')).toBeUndefined();
  });

  it.each([
    ['127.0.0.1', '127.0.0.1 is a loopback address'],
    ['::1', '::1 is a loopback address'],
    ['::ffff:127.0.0.1', '::ffff:127.0.0.1 is a loopback address (IPv4-mapped 127.0.0.1)'],
  ])('lets this machine (%s) through locally only', (address, reason) => {
    expect(addressRefusal(address, 'deployed')).toBe(reason);
    expect(addressRefusal(address, 'local')).toBeUndefined();
  });

  it('names the host a refused address was resolved from', () => {
    expect(addressRefusal('10.0.0.1', 'deployed', { resolvedFrom: 'webhook.example' })).toBe('webhook.example resolves to 10.0.0.1, a private address');
  });

  it.each(['webhook.example', '', '0x7f.1', '2130706433', '1.2.3'])('refuses %j, which is no address a resolver answers', (text) => {
    expect(addressRefusal(text, 'local')).toBe(`${text} is not an IP address`);
  });
});
