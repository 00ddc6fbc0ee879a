import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../../lambdas/core/config/config-schema.js';
import { ConfigError, parseConfig } from '../../../lambdas/core/config/parse-config.js';

const shipped = JSON.parse(readFileSync(join(import.meta.dirname, '../../../incident-comms.config.json'), 'utf8')) as ConfigInput;
const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/1f2e3d4c-5b6a-4789-8abc-def012345678';

/** The shipped configuration with these `statusSite` settings and, by default, the page's address on status.nimbus.example. */
function withStatusSite(statusSite: Record<string, unknown>, statusPageUrl = 'https://status.nimbus.example/'): unknown {
  return { ...shipped, statusPageUrl, statusSite };
}

/** The lines of the error parsing `raw` gives, one per bad field. */
function errorsOf(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message.split('\n').slice(1).map((line) => line.trim());
  }
  return [];
}

describe('statusSite.domainName and statusSite.certificateArn', () => {
  it('accept a domain with its us-east-1 certificate when statusPageUrl is on that domain, with or without a path', () => {
    const config = parseConfig(withStatusSite({ domainName: 'status.nimbus.example', certificateArn }));
    expect(config.statusSite).toEqual({ domainName: 'status.nimbus.example', certificateArn });
    expect(errorsOf(withStatusSite({ domainName: 'status.nimbus.example', certificateArn }, 'https://status.nimbus.example/incidents'))).toEqual([]);
  });

  it('are optional: without them the page is served on the distribution’s own name and any statusPageUrl is accepted', () => {
    expect(parseConfig(shipped).statusSite).toEqual({});
  });

  it('refuse a certificate outside us-east-1, naming its region and where CloudFront takes certificates from', () => {
    expect(errorsOf(withStatusSite({ domainName: 'status.nimbus.example', certificateArn: certificateArn.replace('us-east-1', 'ap-southeast-3') }))).toEqual([
      '- statusSite.certificateArn: is a certificate in ap-southeast-3, but CloudFront only uses ACM certificates from us-east-1 (US East, N. Virginia): request or import the certificate there and use its ARN',
    ]);
  });

  it.each([
    ['an IAM server certificate', 'arn:aws:iam::123456789012:server-certificate/status'],
    ['a certificate id alone', '1f2e3d4c-5b6a-4789-8abc-def012345678'],
    ['an ARN with a short account', 'arn:aws:acm:us-east-1:12345:certificate/1f2e3d4c'],
  ])('refuse %s with one message showing the shape of an ACM ARN', (_what, arn) => {
    expect(errorsOf(withStatusSite({ domainName: 'status.nimbus.example', certificateArn: arn }))).toEqual([
      '- statusSite.certificateArn: must be an ACM certificate ARN such as "arn:aws:acm:us-east-1:123456789012:certificate/…"',
    ]);
  });

  it('refuse a domain without its certificate, and a certificate without its domain', () => {
    expect(errorsOf(withStatusSite({ domainName: 'status.nimbus.example' }))).toEqual([
      '- statusSite.certificateArn: is required with statusSite.domainName "status.nimbus.example": CloudFront serves a custom domain only with an ACM certificate (in us-east-1) that covers it',
    ]);
    expect(errorsOf(withStatusSite({ certificateArn }))).toEqual([
      '- statusSite.domainName: is required with statusSite.certificateArn: name the domain the certificate is for, e.g. "status.example.com"',
    ]);
  });

  it.each([
    ['on another host', 'https://nimbus.example/status'],
    ['on a subdomain of it', 'https://www.status.nimbus.example/'],
    ['over plain http', 'http://status.nimbus.example/'],
  ])('refuse a statusPageUrl %s, since every message links there', (_what, statusPageUrl) => {
    expect(errorsOf(withStatusSite({ domainName: 'status.nimbus.example', certificateArn }, statusPageUrl))).toEqual([
      `- statusPageUrl: is "${statusPageUrl}", but the status page is served at https://status.nimbus.example/ (statusSite.domainName): every message links to statusPageUrl, so make it "https://status.nimbus.example/" (or a path under it)`,
    ]);
  });

  it.each(['https://status.nimbus.example', 'status.nimbus.example.', 'Status.Nimbus.example', 'localhost', 'status.nimbus.example/page', '*.nimbus.example'])(
    'refuse the domain name "%s" with the field’s own message only',
    (domainName) => {
      expect(errorsOf(withStatusSite({ domainName, certificateArn }))).toEqual([
        '- statusSite.domainName: must be a lower-case host name such as "status.example.com", without a scheme, a path or a trailing dot',
      ]);
    },
  );
});

describe('statusSite.accessLogBucket', () => {
  it('accepts a bucket name and the bucket’s region', () => {
    const config = parseConfig({ ...shipped, statusSite: { accessLogBucket: { name: 'nimbus-central-logs', region: 'eu-west-1' } } });
    expect(config.statusSite.accessLogBucket).toEqual({ name: 'nimbus-central-logs', region: 'eu-west-1' });
  });

  it('refuses what is not a bucket name or a region code, and an unknown field, naming each', () => {
    expect(errorsOf({ ...shipped, statusSite: { accessLogBucket: { name: 'Central_Logs', region: 'Ireland', prefix: 'x/' } } }).sort()).toEqual([
      '- statusSite.accessLogBucket.name: must be an S3 bucket name: 3–63 lower-case letters, digits, "." or "-"',
      '- statusSite.accessLogBucket.prefix: is not a known field',
      '- statusSite.accessLogBucket.region: must be an AWS region code such as "eu-west-1"',
    ]);
  });
});
