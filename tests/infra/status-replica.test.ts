import { App } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SynthesizedStack } from './synthesize-stack.js';
import { ConfigError } from '../../lambdas/core/config/parse-config.js';
import { deploymentStage } from '../../lib/deployment-stage.js';
import { IncidentCommsStack } from '../../lib/incident-comms-stack.js';
import { repositoryConfig, synthesizeStack } from './synthesize-stack.js';

type Resource = { Type: string; Properties: any; DependsOn?: string[] };

const replicaRegion = 'eu-west-1';
let synthesized: SynthesizedStack;
let resources: Record<string, Resource>;
let replicaResources: Record<string, Resource>;

beforeAll(() => {
  synthesized = synthesizeStack({ stage: 'prod', config: { statusSite: { replicaRegion } } });
  resources = synthesized.template.toJSON().Resources as Record<string, Resource>;
  replicaResources = synthesized.replicaTemplate!.toJSON().Resources as Record<string, Resource>;
});

function ofType(all: Record<string, Resource>, type: string): [string, Resource][] {
  return Object.entries(all).filter(([, resource]) => resource.Type === type);
}

/** An `Fn::Join` of strings and pseudo-parameter references, as one string: `ic-prod-status-<AWS::AccountId>-eu-west-1`. */
function joined(value: { 'Fn::Join': [string, (string | { Ref: string })[]] }): string {
  const [separator, parts] = value['Fn::Join'];
  return parts.map((part) => (typeof part === 'string' ? part : `<${part.Ref}>`)).join(separator);
}

describe('with statusSite.replicaRegion', () => {
  it('creates the replica bucket in a stack of its own in that region, deployed before the main stack', () => {
    const replica = synthesized.stack.statusReplicaStack!;
    expect(replica.region).toBe(replicaRegion);
    expect(synthesized.stack.dependencies).toContain(replica);
    const [[, bucket]] = ofType(replicaResources, 'AWS::S3::Bucket') as [[string, Resource]];
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(JSON.stringify(bucket.Properties.BucketName)).toContain(`-${replicaRegion}`);
    // prod keeps the copy on a mistaken destroy, like every other bucket of a non-dev stage.
    expect((bucket as { DeletionPolicy?: string } & Resource).DeletionPolicy).toBe('Retain');
  });

  it('outputs both buckets’ names, for the one-time copy of an existing stage’s page', () => {
    const outputs = synthesized.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['StatusBucketName', 'StatusReplicaBucketName']));
    expect(joined(outputs['StatusReplicaBucketName']!.Value as Parameters<typeof joined>[0])).toBe(`ic-prod-status-<AWS::AccountId>-${replicaRegion}`);
  });

  it('lets only this account’s CloudFront read the replica, over TLS', () => {
    synthesized.replicaTemplate!.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: { StringLike: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('replicates the whole status bucket, versioned, into the replica by the name both stacks derive', () => {
    const [, statusBucket] = ofType(resources, 'AWS::S3::Bucket').find(([id]) => id.startsWith('StatusSiteBucket'))!;
    expect(statusBucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(statusBucket.Properties.LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 1 }, Status: 'Enabled' })]),
    );
    const { Role, Rules } = statusBucket.Properties.ReplicationConfiguration;
    expect(Role).toBeDefined();
    expect(Rules).toHaveLength(1);
    expect(Rules[0]).toMatchObject({ Status: 'Enabled', DeleteMarkerReplication: { Status: 'Enabled' } });
    // An empty prefix: every key, the page's files and the snapshot alike.
    expect(Rules[0].Filter).toEqual({ Prefix: '' });
    const [[, replicaBucket]] = ofType(replicaResources, 'AWS::S3::Bucket') as [[string, Resource]];
    // The same name, the account resolved by each stack for itself.
    expect(joined(Rules[0].Destination.Bucket)).toBe(`arn:<AWS::Partition>:s3:::${joined(replicaBucket.Properties.BucketName)}`);
  });

  it('fails the page, the snapshot and /v1/status over to the replica through origin groups', () => {
    const [[, distribution]] = ofType(resources, 'AWS::CloudFront::Distribution') as [[string, Resource]];
    const config = distribution.Properties.DistributionConfig;
    const originDomain = (originId: string) => JSON.stringify(config.Origins.find((origin: any) => origin.Id === originId).DomainName);
    const groups = new Map<string, { primary: string; fallback: string; codes: number[] }>(
      config.OriginGroups.Items.map((group: any) => [
        group.Id,
        { primary: group.Members.Items[0].OriginId, fallback: group.Members.Items[1].OriginId, codes: group.FailoverCriteria.StatusCodes.Items },
      ]),
    );
    const groupOf = (targetOriginId: string) => groups.get(targetOriginId)!;
    const behaviour = (path: string) => config.CacheBehaviors.find((candidate: any) => candidate.PathPattern === path);
    for (const [where, target] of [
      ['the page', config.DefaultCacheBehavior.TargetOriginId],
      ['the snapshot', behaviour('/snapshot/*').TargetOriginId],
      ['/v1/status', behaviour('/v1/status').TargetOriginId],
    ] as const) {
      const group = groupOf(target);
      expect(group, where).toBeDefined();
      expect(originDomain(group.primary), where).toContain('StatusSiteBucket');
      expect(originDomain(group.fallback), where).toContain(`s3.${replicaRegion}.`);
      expect(group.codes, where).toEqual(expect.arrayContaining([500, 502, 503, 504]));
    }
  });

  it('stays clean under the cdk-nag AWS Solutions checks, in both stacks', () => {
    const report = new AwsSolutionsChecks().validateScope(synthesized.app);
    expect(report.violations.map((violation) => `${violation.severity} ${violation.ruleName}`)).toEqual([]);
  });
});

describe('without statusSite.replicaRegion', () => {
  it('creates no replica, no versioning and no replication, and /v1/status falls back to the API', () => {
    const plain = synthesizeStack();
    expect(plain.stack.statusReplicaStack).toBeUndefined();
    const plainResources = plain.template.toJSON().Resources as Record<string, Resource>;
    const [, statusBucket] = ofType(plainResources, 'AWS::S3::Bucket').find(([id]) => id.startsWith('StatusSiteBucket'))!;
    expect(statusBucket.Properties.ReplicationConfiguration).toBeUndefined();
    expect(statusBucket.Properties.VersioningConfiguration).toBeUndefined();
    const [[, distribution]] = ofType(plainResources, 'AWS::CloudFront::Distribution') as [[string, Resource]];
    expect(distribution.Properties.DistributionConfig.OriginGroups.Quantity).toBe(1);
  });
});

describe('a replica region that is the deploying region', () => {
  it('stops synth with the setting named, since a copy in the same region survives nothing', () => {
    const build = () =>
      new IncidentCommsStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'IncidentComms-prod', {
        config: repositoryConfig({ statusSite: { replicaRegion: 'eu-west-1' } }),
        stage: deploymentStage('prod'),
        env: { region: 'eu-west-1' },
      });
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(/statusSite\.replicaRegion "eu-west-1" is the region this stack deploys to/);
  });
});
