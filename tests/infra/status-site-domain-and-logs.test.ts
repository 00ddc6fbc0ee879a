import type { IConstruct } from 'constructs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../lambdas/core/config/parse-config.js';
import type { SynthesizedStack, SynthesizeOptions } from './synthesize-stack.js';
import { repositoryConfig, synthesizeStack } from './synthesize-stack.js';

type Json = Record<string, unknown>;
interface Template {
  readonly Resources: Record<string, { readonly Type: string; readonly Properties: Json }>;
  readonly Conditions?: Record<string, unknown>;
  readonly Outputs: Record<string, { readonly Value: unknown }>;
}

const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/1f2e3d4c-5b6a-4789-8abc-def012345678';
const customDomain = { statusPageUrl: 'https://status.nimbus.example/', statusSite: { domainName: 'status.nimbus.example', certificateArn } };
/** Regions CloudFront's guide names as taking no standard logs (legacy), later opt-in regions that fail the same way, and one not opened yet. */
const regionsWithoutLegacyLogs = ['af-south-1', 'ap-east-1', 'eu-south-1', 'me-south-1', 'eu-central-2', 'ap-southeast-3', 'il-central-1', 'me-central-1', 'xx-future-9'];
const regionsWithLegacyLogs = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-northeast-3', 'ap-southeast-2', 'sa-east-1'];

function synthesize(options: SynthesizeOptions): { synthesized: SynthesizedStack; template: Template } {
  const synthesized = synthesizeStack(options);
  return { synthesized, template: synthesized.template.toJSON() as Template };
}

function distributionConfig(template: Template): Json {
  const distributions = Object.values(template.Resources).filter((resource) => resource.Type === 'AWS::CloudFront::Distribution');
  expect(distributions).toHaveLength(1);
  return distributions[0]!.Properties.DistributionConfig as Json;
}

function logicalIdStartingWith(template: Template, type: string, prefix: string): string {
  const ids = Object.entries(template.Resources).filter(([id, resource]) => resource.Type === type && id.startsWith(prefix)).map(([id]) => id);
  expect(ids, `${type} ${prefix}*`).toHaveLength(1);
  return ids[0]!;
}

/** The cdk-nag rules acknowledged on the distribution, with their reasons. */
function acknowledgedOnDistribution(synthesized: SynthesizedStack): Record<string, string> {
  const distribution: IConstruct = synthesized.stack.node.findChild('StatusSite').node.findChild('Distribution');
  const entries = distribution.node.metadata
    .filter((entry) => entry.type === 'aws:cdk:acknowledged-rules')
    .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
    .map(([id, reason]) => [id.replace(/^Annotation::/, ''), reason]);
  return Object.fromEntries(entries) as Record<string, string>;
}

function nagFindings(synthesized: SynthesizedStack): string[] {
  return new AwsSolutionsChecks().validateScope(synthesized.app).violations.map((violation) => `${violation.severity} ${violation.ruleName}`);
}

/** A value of the template as CloudFormation resolves it in `region`: literals, Ref AWS::Region, Fn::If on a condition. */
function resolveIn(region: string, template: Template, value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const expression = value as Json;
  if (expression.Ref === 'AWS::Region') return region;
  if (Array.isArray(expression['Fn::If'])) {
    const [name, whenTrue, whenFalse] = expression['Fn::If'] as [string, unknown, unknown];
    return resolveIn(region, template, holds(region, template, template.Conditions?.[name]) ? whenTrue : whenFalse);
  }
  return value;
}

/** Whether a condition holds in `region`: Fn::Or, Fn::And, Fn::Not, Fn::Equals and named conditions, as CloudFormation evaluates them. */
function holds(region: string, template: Template, condition: unknown): boolean {
  const expression = condition as Json;
  const operands = (key: string) => expression[key] as unknown[];
  if ('Fn::Or' in expression) return operands('Fn::Or').some((operand) => holds(region, template, operand));
  if ('Fn::And' in expression) return operands('Fn::And').every((operand) => holds(region, template, operand));
  if ('Fn::Not' in expression) return !holds(region, template, operands('Fn::Not')[0]);
  if ('Fn::Equals' in expression) {
    const [left, right] = operands('Fn::Equals').map((operand) => resolveIn(region, template, operand));
    return left === right;
  }
  if (typeof expression.Condition === 'string') return holds(region, template, template.Conditions?.[expression.Condition]);
  throw new Error(`the test cannot evaluate ${JSON.stringify(condition)}`);
}

describe('the status site’s standard logs, in a stack whose region is known only at deploy (as cdk deploy builds it)', () => {
  let synthesized: SynthesizedStack;
  let template: Template;
  beforeAll(() => ({ synthesized, template } = synthesize({})));

  it.each(regionsWithLegacyLogs)('go to the site’s access-log bucket under cloudfront/ when deployed to %s', (region) => {
    const accessLogs = logicalIdStartingWith(template, 'AWS::S3::Bucket', 'StatusSiteAccessLogs');
    expect(resolveIn(region, template, distributionConfig(template).Logging)).toEqual({
      Bucket: { 'Fn::GetAtt': [accessLogs, 'RegionalDomainName'] },
      Prefix: 'cloudfront/',
    });
  });

  it.each(regionsWithoutLegacyLogs)('are left off when deployed to %s, where CloudFront would refuse the bucket and fail the deploy', (region) => {
    expect(resolveIn(region, template, distributionConfig(template).Logging)).toEqual({ Ref: 'AWS::NoValue' });
  });

  it('are named in the StatusAccessLogs output by the same condition: the bucket, or why there are none', () => {
    const output = template.Outputs.StatusAccessLogs!.Value;
    expect(JSON.stringify(resolveIn('eu-west-1', template, output))).toContain('cloudfront/');
    expect(resolveIn('af-south-1', template, output)).toMatch(/^none: .*opt-in region.*statusSite\.accessLogBucket/);
  });

  it('pass cdk-nag’s access-logging check without acknowledging it', () => {
    expect(acknowledgedOnDistribution(synthesized)).not.toHaveProperty('AwsSolutions-CFR3');
    expect(nagFindings(synthesized)).toEqual([]);
  });
});

describe('the status site’s standard logs, in a stack pinned to an opt-in region (af-south-1)', () => {
  let synthesized: SynthesizedStack;
  let template: Template;
  beforeAll(() => ({ synthesized, template } = synthesize({ env: { region: 'af-south-1' } })));

  it('are off, with no condition, and the StatusAccessLogs output says why', () => {
    expect(distributionConfig(template).Logging).toBeUndefined();
    expect(template.Conditions ?? {}).toEqual({});
    expect(template.Outputs.StatusAccessLogs!.Value).toMatch(/^none: /);
  });

  it('acknowledge cdk-nag’s access-logging finding with the region and what to set, and nothing else is found', () => {
    expect(acknowledgedOnDistribution(synthesized)['AwsSolutions-CFR3']).toMatch(/af-south-1.*statusSite\.accessLogBucket/);
    expect(nagFindings(synthesized)).toEqual([]);
  });
});

describe('the status site’s standard logs, in a stack pinned to us-east-1', () => {
  it('go to the site’s access-log bucket, with no condition and no acknowledgement', () => {
    const { synthesized, template } = synthesize({ env: { region: 'us-east-1' } });
    const accessLogs = logicalIdStartingWith(template, 'AWS::S3::Bucket', 'StatusSiteAccessLogs');
    expect(distributionConfig(template).Logging).toEqual({ Bucket: { 'Fn::GetAtt': [accessLogs, 'RegionalDomainName'] }, Prefix: 'cloudfront/' });
    expect(template.Conditions ?? {}).toEqual({});
    expect(acknowledgedOnDistribution(synthesized)).not.toHaveProperty('AwsSolutions-CFR3');
    expect(nagFindings(synthesized)).toEqual([]);
  });
});

describe('the status site’s standard logs with statusSite.accessLogBucket', () => {
  it('go to that bucket, under the stack’s name, even from an opt-in region', () => {
    const { synthesized, template } = synthesize({
      env: { region: 'af-south-1' },
      config: { statusSite: { accessLogBucket: { name: 'nimbus-central-logs', region: 'eu-west-1' } } },
    });
    expect(distributionConfig(template).Logging).toEqual({
      Bucket: { 'Fn::Join': ['', ['nimbus-central-logs.s3.eu-west-1.', { Ref: 'AWS::URLSuffix' }]] },
      Prefix: 'IncidentComms-dev/cloudfront/',
    });
    expect(template.Outputs.StatusAccessLogs!.Value).toBe('s3://nimbus-central-logs/IncidentComms-dev/cloudfront/');
    expect(acknowledgedOnDistribution(synthesized)).not.toHaveProperty('AwsSolutions-CFR3');
    expect(nagFindings(synthesized)).toEqual([]);
  });

  it('refuses a bucket in a region CloudFront does not deliver to, naming the setting and the regions that work', () => {
    const build = () => synthesizeStack({ config: { statusSite: { accessLogBucket: { name: 'nimbus-logs', region: 'me-south-1' } } } });
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(/statusSite\.accessLogBucket\.region "me-south-1" is not a region CloudFront's standard logging delivers to .*: name a bucket in one of .*eu-west-1/);
  });
});

describe('the status site with statusSite.domainName and statusSite.certificateArn', () => {
  let synthesized: SynthesizedStack;
  let template: Template;
  beforeAll(() => ({ synthesized, template } = synthesize({ config: customDomain })));

  it('answers on the domain with the us-east-1 certificate, over SNI, with TLS 1.2 (2021 ciphers) at least', () => {
    const config = distributionConfig(template);
    expect(config.Aliases).toEqual(['status.nimbus.example']);
    expect(config.ViewerCertificate).toEqual({ AcmCertificateArn: certificateArn, SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' });
  });

  it('outputs the distribution’s own name to point the DNS record at, and the page’s address on the domain', () => {
    const distribution = logicalIdStartingWith(template, 'AWS::CloudFront::Distribution', 'StatusSiteDistribution');
    expect(template.Outputs.StatusDistributionDomainName!.Value).toEqual({ 'Fn::GetAtt': [distribution, 'DomainName'] });
    expect(template.Outputs.StatusPageUrl!.Value).toBe('https://status.nimbus.example/');
  });

  it('needs no acknowledgement of cdk-nag’s viewer-TLS finding, and nothing else is found', () => {
    expect(acknowledgedOnDistribution(synthesized)).not.toHaveProperty('AwsSolutions-CFR4');
    expect(nagFindings(synthesized)).toEqual([]);
  });
});

describe('the status site without a custom domain', () => {
  it('keeps CloudFront’s default certificate, acknowledges the viewer-TLS finding for that reason only, and has no DNS output', () => {
    const { synthesized, template } = synthesize({});
    const config = distributionConfig(template);
    expect(config.Aliases).toBeUndefined();
    expect(config.ViewerCertificate).toBeUndefined();
    expect(acknowledgedOnDistribution(synthesized)['AwsSolutions-CFR4']).toMatch(/Without statusSite\.domainName/);
    expect(template.Outputs).not.toHaveProperty('StatusDistributionDomainName');
  });
});

describe('a custom domain the distribution could not serve', () => {
  it('stops synth when the certificate is not in us-east-1, naming the setting, the region found and where to get one', () => {
    const build = () => repositoryConfig({ ...customDomain, statusSite: { ...customDomain.statusSite, certificateArn: certificateArn.replace('us-east-1', 'eu-west-1') } });
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(/statusSite\.certificateArn: is a certificate in eu-west-1, but CloudFront only uses ACM certificates from us-east-1/);
  });

  it('stops synth when statusPageUrl is on another host, since every message links there', () => {
    const build = () => repositoryConfig({ ...customDomain, statusPageUrl: 'https://nimbus.example/status' });
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(/statusPageUrl: is "https:\/\/nimbus\.example\/status", but the status page is served at https:\/\/status\.nimbus\.example\//);
  });
});
