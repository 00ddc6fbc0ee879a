import path from 'node:path';
import { Annotations, Aws, CfnCondition, Duration, Fn, Stack, Token, Validations } from 'aws-cdk-lib';
import type { ICfnConditionExpression, IResolvable } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { DeploymentStage } from './deployment-stage.js';
import { snapshotKeys } from '../lambdas/core/snapshot/snapshot-object.js';
import { operationList } from '../lambdas/core/api/api-contract.js';
import { frontDoorHeaders } from '../lambdas/core/api/front-door-headers.js';
import { apiCatchAllPattern } from './api-route-behaviors.js';
import type { ApiRouteBehavior } from './api-route-behaviors.js';
import { ConfigError } from '../lambdas/core/config/parse-config.js';
import { legacyStandardLogRegions } from './legacy-standard-log-regions.js';
import { projectRoot } from './lambda-function.js';
import { noncurrentVersionsKept } from './status-replica-stack.js';
import { asPrinted } from './as-printed.js';
import { ConsoleSite, consolePathPattern } from './console-site.js';
import type { ConsoleSignIn } from './console-site.js';

/**
 * What the status page may load: its own scripts and styles only (no inline script, no inline style),
 * and the API, which is on the page's own origin: the distribution is the API's only front door.
 */
export function statusPageContentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/**
 * True when any of `conditions` holds. CloudFormation's Fn::Or takes 2 to 10 conditions, so longer
 * lists are nested.
 */
function anyOf(conditions: readonly ICfnConditionExpression[]): ICfnConditionExpression {
  const [only] = conditions;
  if (conditions.length === 1 && only) return only;
  if (conditions.length <= 10) return Fn.conditionOr(...conditions);
  const groups: ICfnConditionExpression[] = [];
  for (let start = 0; start < conditions.length; start += 10) groups.push(anyOf(conditions.slice(start, start + 10)));
  return anyOf(groups);
}

/** The bucket keys the snapshot publisher owns (see lambdas/core/snapshot/snapshot-object.ts). */
export const publishedSnapshotPatterns = [snapshotKeys.status, 'snapshot/*'];

/**
 * Request headers forwarded to the API besides the bearer token (which CloudFront forwards only as
 * part of a cache key): those the contract's operations read, the body's type, what the
 * subscription pages negotiate on, and the viewer's address for per-client limits.
 */
export const forwardedApiHeaders = [
  'accept',
  'content-type',
  ...new Set(operationList.flatMap((operation) => operation.headers ?? [])),
  frontDoorHeaders.viewerAddress,
];

/** How CloudFront reaches the API: its own domain, and the secret header that proves a request came through here. */
export interface ApiFrontDoorOrigin {
  readonly domainName: string;
  readonly originVerifyHeaderValue: string;
}

export interface StatusSiteProps {
  readonly apiOrigin: ApiFrontDoorOrigin;
  /** The API's cache behaviors, planned from the contract (lib/api-route-behaviors.ts), in the order CloudFront tries them. */
  readonly apiBehaviors: readonly ApiRouteBehavior[];
  /** The AWS WAF web ACL (CloudFront scope, us-east-1) in front of every request. */
  readonly webAclArn: string;
  readonly stage: DeploymentStage;
  /** The commander console's sign-in (lib/console-site.ts): its `/console/config.json` and the provider origins its CSP allows. */
  readonly console: ConsoleSignIn;
  /** @default the repository's `web/` folder */
  readonly webDirectory?: string;
  /**
   * The bucket of a `StatusReplicaStack` in another region: the bucket is replicated into it and the
   * distribution fails over to it.
   * @default no replica: the page is served from the deploying region only
   */
  readonly replica?: { readonly bucketName: string; readonly region: string };
  /**
   * The page's own domain (`statusSite.domainName`) and the ACM certificate covering it, which
   * CloudFront requires to be in us-east-1 (`statusSite.certificateArn`).
   * @default the distribution's `*.cloudfront.net` name only
   */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
  /**
   * An existing bucket for the distribution's standard logs (`statusSite.accessLogBucket`).
   * @default the site's access-log bucket, in the regions CloudFront's standard logging delivers to
   */
  readonly accessLogBucket?: { readonly name: string; readonly region: string };
}

/** The key prefix of the distribution's standard logs, in whichever bucket they go to. */
export const standardLogPrefix = 'cloudfront/';

/**
 * The public status page and the API's only front door: `web/` in a private S3 bucket read by
 * CloudFront through origin access control, and every route of the API behind the same distribution
 * and its AWS WAF web ACL, the public reads with a cache of a few seconds keyed by exactly the query
 * keys each reads, so a traffic surge during an outage is answered by the CDN rather than by Lambda.
 *
 * @example
 * const site = new StatusSite(this, 'StatusSite', { apiOrigin, apiBehaviors, webAclArn, stage });
 * new CfnOutput(this, 'StatusPageUrl', { value: site.url });
 */
export class StatusSite extends Construct {
  public readonly bucket: s3.Bucket;
  public readonly distribution: cloudfront.Distribution;
  /** Where the distribution's standard logs go (`s3://bucket/prefix`), or why they go nowhere; for an output. */
  public readonly standardLogDestination: string;
  private readonly customDomain: StatusSiteProps['customDomain'];

  constructor(scope: Construct, id: string, props: StatusSiteProps) {
    super(scope, id);
    this.customDomain = props.customDomain;
    const retain = props.stage.retain;
    const removal = { removalPolicy: props.stage.removalPolicy, autoDeleteObjects: !retain };

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      ...removal,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // CloudFront's standard logging (legacy) delivers with an ACL, so this bucket keeps ACLs for the writer.
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket of the status page bucket and the distribution; logging it into itself would loop, and into another bucket only moves the question.',
    });

    const replicaBucket = props.replica
      ? s3.Bucket.fromBucketAttributes(this, 'ReplicaBucket', { bucketName: props.replica.bucketName, region: props.replica.region })
      : undefined;
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...removal,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'status-page-bucket/',
      ...(replicaBucket
        ? {
            // Replication requires versioning; the snapshot is rewritten every minute, so old versions go after a day.
            versioned: true,
            lifecycleRules: [{ noncurrentVersionExpiration: noncurrentVersionsKept }],
            // Everything: the page's files as BucketDeployment writes them and the snapshot as it is published.
            replicationRules: [{ id: 'status-page-to-replica', destination: replicaBucket, priority: 0, deleteMarkerReplication: true }],
          }
        : {}),
    });
    if (props.replica) this.acknowledgeReplicationRole(props.stage, props.replica.region);

    const apiOrigin = new origins.HttpOrigin(props.apiOrigin.domainName, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      customHeaders: { [frontDoorHeaders.originVerify]: props.apiOrigin.originVerifyHeaderValue },
    });

    const securityHeaders: cloudfront.ResponseSecurityHeadersBehavior = {
      contentSecurityPolicy: { contentSecurityPolicy: statusPageContentSecurityPolicy(), override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
    };
    const pageHeaders = new cloudfront.ResponseHeadersPolicy(this, 'PageHeaders', {
      comment: 'incident-comms status page: security headers, CSP without inline script',
      securityHeadersBehavior: securityHeaders,
    });
    // The in-app widget (web/widget.js) runs on customers' own sites and reads /v1/status from there:
    // public, read-only, no credentials, so any origin may read it.
    const publicReadHeaders = new cloudfront.ResponseHeadersPolicy(this, 'PublicReadHeaders', {
      comment: 'incident-comms public read routes: security headers and CORS for any origin, without credentials',
      securityHeadersBehavior: securityHeaders,
      corsBehavior: {
        accessControlAllowCredentials: false,
        accessControlAllowHeaders: ['accept'],
        accessControlAllowMethods: ['GET', 'HEAD', 'OPTIONS'],
        accessControlAllowOrigins: ['*'],
        accessControlMaxAge: Duration.hours(1),
        originOverride: true,
      },
    });

    const apiBehaviors = this.apiBehaviors(apiOrigin, props.apiBehaviors, { page: pageHeaders, publicRead: publicReadHeaders });

    // The published snapshot (lib/status-snapshot.ts) is read straight from the bucket. GET /v1/status
    // has its key, so readers get the bucket's copy and the API answers only when the bucket cannot
    // (no snapshot published yet, or S3 failing): origin failover, with the API as the fallback.
    const bucketOrigin = origins.S3BucketOrigin.withOriginAccessControl(this.bucket);
    const snapshotCache = new cloudfront.CachePolicy(this, 'SnapshotCache', {
      comment: 'incident-comms public snapshot: honour its Cache-Control (5-30 s), no query string or header in the key',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(5),
      maxTtl: Duration.seconds(30),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const snapshotRead = (origin: cloudfront.IOrigin): cloudfront.BehaviorOptions => ({
      origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      cachePolicy: snapshotCache,
      responseHeadersPolicy: publicReadHeaders,
      compress: true,
    });
    // With a replica, the bucket's objects fail over to its copy in the other region when the bucket
    // cannot answer; /v1/status too, since the API lives in the deploying region and would be lost
    // with it. Without one, /v1/status falls back to the API (no snapshot published yet, or S3 failing).
    const replicaOrigin = replicaBucket ? origins.S3BucketOrigin.withOriginAccessControl(replicaBucket) : undefined;
    const bucketWithFailover = replicaOrigin
      ? new origins.OriginGroup({ primaryOrigin: bucketOrigin, fallbackOrigin: replicaOrigin, fallbackStatusCodes: [500, 502, 503, 504] })
      : bucketOrigin;
    const statusWithFallback = new origins.OriginGroup({
      primaryOrigin: bucketOrigin,
      fallbackOrigin: replicaOrigin ?? apiOrigin,
      // With origin access control and no list right, S3 answers 403 for a key it does not hold.
      fallbackStatusCodes: [403, 404, 500, 502, 503, 504],
    });

    // The commander console (web/console/) is read from the bucket like the page, under its own headers.
    const commanderConsole = new ConsoleSite(this, 'Console', { signIn: props.console });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'incident-comms status page and public API reads',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: bucketWithFailover,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: pageHeaders,
        compress: true,
      },
      additionalBehaviors: {
        [`/${snapshotKeys.status}`]: snapshotRead(statusWithFallback),
        '/snapshot/*': snapshotRead(bucketWithFailover),
        [consolePathPattern]: commanderConsole.behaviorOptions(bucketWithFailover),
        ...apiBehaviors,
      },
      webAclId: props.webAclArn,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_ALL,
      ...(props.customDomain
        ? {
            domainNames: [props.customDomain.domainName],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.customDomain.certificateArn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    this.standardLogDestination = this.logRequests(accessLogs, props.accessLogBucket);
    if (replicaOrigin) {
      Annotations.of(this.distribution).acknowledgeWarning(
        '@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac',
        'The replica bucket lives in its own stack (lib/status-replica-stack.ts), whose bucket policy lets this account\'s distributions read it through origin access control.',
      );
    }
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'A public status page must be readable from every country the service has customers in; geo restriction would hide outage information from exactly those customers.',
    });
    if (!props.customDomain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason: 'Without statusSite.domainName the distribution uses the default *.cloudfront.net certificate, for which CloudFront fixes the viewer security policy (TLSv1 minimum) and does not allow choosing another; with a custom domain and its ACM certificate the minimum is TLSv1.2_2021.',
      });
    }

    new s3deploy.BucketDeployment(this, 'Content', {
      // The console's config.json comes last: sources are unpacked in order, so the stack's document
      // wins over any file of that name in web/, and being a source it is never pruned.
      sources: [s3deploy.Source.asset(props.webDirectory ?? path.join(projectRoot, 'web')), commanderConsole.configSource],
      destinationBucket: this.bucket,
      // The published snapshot lives beside web/ in the bucket: a deploy must neither prune nor overwrite it.
      exclude: publishedSnapshotPatterns,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 256,
    });
    this.acknowledgeDeploymentHandler();
  }

  /**
   * The API's behaviors: a cached one per public read with its exact query keys (and, where a
   * commander's write shares the path, every method with the bearer token in the key so a cached
   * answer never serves a request it was not made for), and the uncached ones in front of the
   * catch-all for everything else.
   */
  private apiBehaviors(
    apiOrigin: cloudfront.IOrigin,
    planned: readonly ApiRouteBehavior[],
    headers: { page: cloudfront.IResponseHeadersPolicy; publicRead: cloudfront.IResponseHeadersPolicy },
  ): Record<string, cloudfront.BehaviorOptions> {
    // The bearer token reaches the API only as part of a cache key; with at most 1 s and the API's
    // no-store on every commander and token answer, nothing is kept.
    const forwarded = new cloudfront.CachePolicy(this, 'ApiForwarded', {
      comment: 'incident-comms API routes that are never cached: the bearer token and the whole query forwarded',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(1),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      headerBehavior: cloudfront.CacheHeaderBehavior.allowList('authorization'),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    });
    const requestHeaders = new cloudfront.OriginRequestPolicy(this, 'ApiRequestHeaders', {
      comment: 'incident-comms API: the headers the contract reads, the body type and the viewer address',
      headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList(...forwardedApiHeaders),
      queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.none(),
      cookieBehavior: cloudfront.OriginRequestCookieBehavior.none(),
    });
    const uncached: cloudfront.BehaviorOptions = {
      origin: apiOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: forwarded,
      originRequestPolicy: requestHeaders,
      // The subscription routes answer HTML pages (confirm, unsubscribe) under the page's own policy.
      responseHeadersPolicy: headers.page,
    };
    const cachePolicies = new Map<string, cloudfront.CachePolicy>();
    const cachePolicyFor = (queryKeys: readonly string[], withToken: boolean): cloudfront.CachePolicy => {
      const key = `${queryKeys.join(',')}|${withToken}`;
      const existing = cachePolicies.get(key);
      if (existing) return existing;
      const name = `ApiRead${queryKeys.map((query) => query[0]!.toUpperCase() + query.slice(1)).join('')}${withToken ? 'WithToken' : ''}`;
      const policy = new cloudfront.CachePolicy(this, name, {
        comment: `incident-comms public read: honour the API Cache-Control (5-30 s), keyed by ${queryKeys.length ? queryKeys.join(', ') : 'no query key'}${withToken ? ' and the bearer token' : ''}`,
        minTtl: Duration.seconds(0),
        defaultTtl: Duration.seconds(5),
        maxTtl: Duration.seconds(30),
        queryStringBehavior: queryKeys.length ? cloudfront.CacheQueryStringBehavior.allowList(...queryKeys) : cloudfront.CacheQueryStringBehavior.none(),
        headerBehavior: withToken ? cloudfront.CacheHeaderBehavior.allowList('authorization') : cloudfront.CacheHeaderBehavior.none(),
        cookieBehavior: cloudfront.CacheCookieBehavior.none(),
        enableAcceptEncodingGzip: true,
        enableAcceptEncodingBrotli: true,
      });
      cachePolicies.set(key, policy);
      return policy;
    };
    const behaviors: Record<string, cloudfront.BehaviorOptions> = {};
    for (const behavior of planned) {
      behaviors[behavior.pathPattern] = behavior.cache
        ? {
            origin: apiOrigin,
            viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
            allowedMethods: behavior.passesWrites ? cloudfront.AllowedMethods.ALLOW_ALL : cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
            cachePolicy: cachePolicyFor(behavior.cache.queryKeys, behavior.passesWrites),
            ...(behavior.passesWrites ? { originRequestPolicy: requestHeaders } : {}),
            responseHeadersPolicy: headers.publicRead,
            compress: true,
          }
        : uncached;
    }
    behaviors[apiCatchAllPattern] = uncached;
    return behaviors;
  }

  /** CDK's replication role is its own; its wildcards are acknowledged here, where replication is configured. */
  private acknowledgeReplicationRole(stage: DeploymentStage, replicaRegion: string): void {
    const role = this.bucket.node.tryFindChild('ReplicationRole');
    if (!role) throw new Error('aws-cdk-lib no longer names the bucket replication role "ReplicationRole": find it and acknowledge its findings');
    const because = 'aws-cdk-lib\'s replication role: replicating the whole page and snapshot means reading the versions of every object of the status bucket and writing every key of the replica bucket; it names no other bucket.';
    const statusBucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[Resource::<${statusBucketId}.Arn>/*]`, reason: because });
    // The replica's name as cdk-nag prints it: statusReplicaBucketName() with its account token resolved to <AWS::AccountId>.
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::ic-${stage.name}-status-<AWS::AccountId>-${replicaRegion}/*]`,
      reason: because,
    });
  }

  /** The status page's address: its custom domain, or the distribution's own name. */
  get url(): string {
    return `https://${this.customDomain?.domainName ?? this.distribution.distributionDomainName}/`;
  }

  /**
   * Turns on the distribution's standard logging (legacy) where CloudFront can deliver it, and
   * answers where the logs go.
   *
   * Standard logging v2 (CloudWatch Logs delivery: AWS::Logs::DeliverySource, DeliveryDestination,
   * Delivery) can write to buckets in opt-in regions, but CloudFront's guide has its delivery source
   * created in us-east-1, whatever region the distribution's stack is in. This stack deploys to any
   * region without naming it (the template is region-agnostic), so it cannot create resources in
   * us-east-1; that would take a second stack there that knows the distribution's id (a cross-region
   * reference, which needs both regions fixed at synth) or a custom resource calling CloudWatch Logs
   * in us-east-1 on every deploy. And in us-east-1 itself legacy logging works. So: legacy logging to
   * the site's bucket in the regions that take it, a condition on AWS::Region when the region is
   * unknown at synth, and `statusSite.accessLogBucket` for a bucket elsewhere when the stack is in an
   * opt-in region (see docs/operations.md, "The status site's domain and access logs").
   */
  private logRequests(siteLogBucket: s3.IBucket, configuredBucket: StatusSiteProps['accessLogBucket']): string {
    const cfnDistribution = this.distribution.node.defaultChild as cloudfront.CfnDistribution;
    // Set on the L1 property rather than as a raw override: cdk-nag reads the property, so it sees
    // the logging that is there, the condition included.
    const setLogging = (logging: cloudfront.CfnDistribution.LoggingProperty | IResolvable): void => {
      const config = cfnDistribution.distributionConfig as cloudfront.CfnDistribution.DistributionConfigProperty;
      cfnDistribution.distributionConfig = { ...config, logging };
    };

    if (configuredBucket) {
      if (!legacyStandardLogRegions.includes(configuredBucket.region)) {
        throw new ConfigError(
          `statusSite.accessLogBucket.region "${configuredBucket.region}" is not a region CloudFront's standard logging delivers to (it delivers to no opt-in region, such as af-south-1, ap-east-1, eu-south-1 or me-south-1): name a bucket in one of ${legacyStandardLogRegions.join(', ')}`,
        );
      }
      const prefix = `${Stack.of(this).stackName}/${standardLogPrefix}`;
      setLogging({ bucket: `${configuredBucket.name}.s3.${configuredBucket.region}.${Aws.URL_SUFFIX}`, prefix });
      return `s3://${configuredBucket.name}/${prefix}`;
    }

    const logging = { bucket: siteLogBucket.bucketRegionalDomainName, prefix: standardLogPrefix };
    const destination = `s3://${siteLogBucket.bucketName}/${standardLogPrefix}`;
    const none = 'none: CloudFront delivers no standard logs to buckets in this opt-in region; set statusSite.accessLogBucket (docs/operations.md)';
    const region = Stack.of(this).region;
    if (Token.isUnresolved(region)) {
      const delivers = new CfnCondition(this, 'RegionTakesStandardLogs', { expression: anyOf(legacyStandardLogRegions.map((candidate) => Fn.conditionEquals(Aws.REGION, candidate))) });
      // Inside Fn::If the value is passed through as it is, so it is written in CloudFormation's own casing.
      setLogging(Fn.conditionIf(delivers.logicalId, { Bucket: logging.bucket, Prefix: logging.prefix }, Aws.NO_VALUE));
      return Fn.conditionIf(delivers.logicalId, destination, none).toString();
    }
    if (legacyStandardLogRegions.includes(region)) {
      setLogging(logging);
      return destination;
    }
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR3',
      reason: `CloudFront's standard logging does not deliver to buckets in ${region} (an opt-in region) and statusSite.accessLogBucket names no bucket elsewhere, so the distribution has no request log of its own; the status bucket's S3 access log still records what CloudFront fetches from it, and the API's access log every request CloudFront forwards. Setting statusSite.accessLogBucket turns the distribution's logs on.`,
    });
    return none;
  }

  /**
   * BucketDeployment's handler is a singleton created by aws-cdk-lib at the stack's root, outside
   * this construct; its findings are acknowledged here, next to the deployment that creates it.
   */
  private acknowledgeDeploymentHandler(): void {
    const stack = Stack.of(this);
    const handler = stack.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!handler) return;
    const because = (finding: string, reason: string) =>
      Validations.of(handler).acknowledge({ id: `AwsSolutions-${finding}`, reason: `aws-cdk-lib BucketDeployment handler, run only while deploying: ${reason}` });
    because('IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', 'the construct gives its role this managed policy to write its own logs and offers no way to replace it.');
    for (const action of ['s3:GetBucket*', 's3:GetObject*', 's3:List*']) {
      because(`IAM5[Action::${action}]`, `${action} is the read grant on the CDK asset bucket and the status page bucket only (bucket.grantRead).`);
    }
    for (const action of ['s3:Abort*', 's3:DeleteObject*']) {
      because(`IAM5[Action::${action}]`, `${action} is part of the write grant on the status page bucket only (bucket.grantReadWrite), needed to upload web/ and prune removed files.`);
    }
    // cdk-nag prints a pseudo parameter as <AWS::…>, and a stack pinned to a region has its name (and partition) literally.
    const assetBucket = `cdk-hnb659fds-assets-${asPrinted(stack.account, 'AWS::AccountId')}-${asPrinted(stack.region, 'AWS::Region')}`;
    because(`IAM5[Resource::arn:${asPrinted(stack.partition, 'AWS::Partition')}:s3:::${assetBucket}/*]`, 'reads the zipped web/ asset from the CDK bootstrap asset bucket; object keys are content hashes unknown until synth.');
    because(`IAM5[Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket)}.Arn>/*]`, 'writes the objects of the status page bucket, which are its whole content.');
    because('IAM5[Resource::*]', 'the construct writes cloudfront:CreateInvalidation and GetInvalidation with Resource "*"; they only expire cached copies and read that request back (no configuration change), and the handler is given only this distribution\'s id.');
    because('L1', 'its Python runtime is pinned by aws-cdk-lib and moves with aws-cdk-lib upgrades; the function has no trigger other than CloudFormation during deploy.');
  }
}
