import { Aws, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { DeploymentStage } from './deployment-stage.js';

/**
 * The replica bucket's name, which both stacks derive instead of passing it across regions (a
 * cross-region reference would need both stacks pinned to an account and a region at synth).
 * `ic-<stage>-status-<account>-<region>` stays under S3's 63 characters for any stage and region.
 */
export function statusReplicaBucketName(stage: DeploymentStage, replicaRegion: string): string {
  return `ic-${stage.name}-status-${Aws.ACCOUNT_ID}-${replicaRegion}`;
}

/** Noncurrent versions (the snapshot is rewritten every minute) are kept this long on both sides. */
export const noncurrentVersionsKept = Duration.days(1);

export interface StatusReplicaStackProps extends StackProps {
  readonly stage: DeploymentStage;
  readonly replicaRegion: string;
}

/**
 * The status page bucket's copy in a second region (`statusSite.replicaRegion`): S3 replication
 * from the main stack's bucket fills it, and the distribution fails over to it when the deploying
 * region's bucket cannot answer, so the page, the widget and the published snapshot stay readable
 * through the loss of that region. Deployed before the main stack, which replicates into it.
 *
 * @example
 * const replica = new StatusReplicaStack(app, 'IncidentComms-prod-StatusReplica', { stage, replicaRegion: 'eu-west-1' });
 */
export class StatusReplicaStack extends Stack {
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: StatusReplicaStackProps) {
    super(scope, id, { ...props, env: { ...props.env, region: props.replicaRegion } });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: statusReplicaBucketName(props.stage, props.replicaRegion),
      // Replication requires versioning on both buckets.
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: noncurrentVersionsKept }],
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: props.stage.removalPolicy,
      autoDeleteObjects: !props.stage.retain,
    });
    // The distribution is created later, in the main stack: naming it here would make the two stacks
    // depend on each other. Reads are allowed to this account's distributions through origin access
    // control only; the bucket stays private to everyone else.
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ReadByThisAccountsCloudFrontOnly',
        principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: { StringLike: { 'AWS:SourceArn': `arn:${Aws.PARTITION}:cloudfront::${Aws.ACCOUNT_ID}:distribution/*` } },
      }),
    );
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Only S3 replication writes this copy and only CloudFront reads it: the main bucket\'s access logs record every write that replication copies, and the distribution\'s standard logs every read wherever CloudFront can deliver them (the main stack\'s access-log bucket outside opt-in regions, or statusSite.accessLogBucket; docs/operations.md).',
    });
  }
}
