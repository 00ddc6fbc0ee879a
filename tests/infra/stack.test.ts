import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { AwsSolutionsChecks } from 'cdk-nag';
import { globalSecondaryIndexesOf, itemTypes, partitionKeyPrefixes, recipientTableDefinition, tableDefinition } from '../../lambdas/core/store/table-definition.js';
import type { TableShape } from '../../lambdas/core/store/table-definition.js';
import { operationList } from '../../lambdas/core/api/api-contract.js';
import { logMetrics } from '../../lambdas/core/observability/log-metrics.js';
import { channelCatalog, enabledChannels, queuedChannels } from '../../lambdas/core/channels/channel-catalog.js';
import { metricNamespace, serviceName } from '../../lambdas/core/observability/metric-catalog.js';
import type { SynthesizedStack } from './synthesize-stack.js';
import { synthesizeStack } from './synthesize-stack.js';
import { projectRoot } from '../../lib/lambda-function.js';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

let synthesized: SynthesizedStack;
let resources: Record<string, Resource>;

beforeAll(() => {
  synthesized = synthesizeStack({ stage: 'dev' });
  resources = synthesized.template.toJSON().Resources as Record<string, Resource>;
});

function ofType(type: string): [string, Resource][] {
  return Object.entries(resources).filter(([, resource]) => resource.Type === type);
}

/** The logical id of the one resource of `type` whose logical id starts with `prefix`. */
function logicalId(type: string, prefix: string): string {
  const found = ofType(type).filter(([id]) => id.startsWith(prefix));
  expect(found, `${type} ${prefix}*`).toHaveLength(1);
  return found[0]![0];
}

function functionId(handler: string): string {
  return logicalId('AWS::Lambda::Function', handler);
}

describe('the store', () => {
  const tables: [string, TableShape][] = [
    ['StoreTable', tableDefinition],
    ['StoreRecipientTable', recipientTableDefinition],
  ];

  it.each(tables)('%s is the table of its shared definition: keys, indexes, TTL, on demand, PITR', (prefix, shape) => {
    const props = resources[logicalId('AWS::DynamoDB::GlobalTable', prefix)]!.Properties;
    expect(props.KeySchema).toEqual([
      { AttributeName: shape.partitionKey, KeyType: 'HASH' },
      { AttributeName: shape.sortKey, KeyType: 'RANGE' },
    ]);
    expect(props.GlobalSecondaryIndexes.map((index: any) => [index.IndexName, index.KeySchema.map((key: any) => key.AttributeName)])).toEqual(
      globalSecondaryIndexesOf(shape).map((index) => [index.indexName, [index.partitionKey, index.sortKey]]),
    );
    expect(props.TimeToLiveSpecification).toEqual({ AttributeName: shape.timeToLiveAttribute, Enabled: true });
    expect(props.BillingMode).toBe('PAY_PER_REQUEST');
    expect(props.Replicas[0].PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(props.SSESpecification?.SSEEnabled ?? false).toBe(false); // DynamoDB-owned key: encrypted at rest, no KMS cost
  });

  it('streams the main table to the fan-out, and not the recipient table, whose per-recipient writes would queue ahead of updates', () => {
    expect(resources[logicalId('AWS::DynamoDB::GlobalTable', 'StoreTable')]!.Properties.StreamSpecification).toEqual({ StreamViewType: tableDefinition.streamViewType });
    expect(resources[logicalId('AWS::DynamoDB::GlobalTable', 'StoreRecipientTable')]!.Properties.StreamSpecification).toBeUndefined();
  });

  it('can be torn down in the dev stage', () => {
    const stored = ofType('AWS::DynamoDB::GlobalTable');
    expect(stored).toHaveLength(2);
    for (const [id, table] of stored) {
      expect(table.DeletionPolicy, id).toBe('Delete');
      expect(table.Properties.Replicas[0].DeletionProtectionEnabled ?? false, id).toBe(false);
    }
  });
});

describe('the fan-out', () => {
  it('reads only new timeline items, mail requests and redrive requests from the stream, with partial failures, bisection, retries and an on-failure queue', () => {
    const failureQueue = logicalId('AWS::SQS::Queue', 'FanoutStreamFailureQueue');
    synthesized.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionId('FanoutHandler') },
      EventSourceArn: { 'Fn::GetAtt': [logicalId('AWS::DynamoDB::GlobalTable', 'StoreTable'), 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: Match.anyValue(),
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [failureQueue, 'Arn'] } } },
      FilterCriteria: {
        // Three patterns: a record passes when any matches (update, mail-request or redrive-request inserts).
        Filters: [itemTypes.update, itemTypes.mailRequest, itemTypes.redriveRequest].map((type) => ({
          Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { NewImage: { [tableDefinition.typeAttribute]: { S: [type] } } } }),
        })),
      },
    });
  });

  it('publishes to a KMS-encrypted topic that refuses requests without TLS', () => {
    const topic = logicalId('AWS::SNS::Topic', 'FanoutTopic');
    expect(resources[topic]!.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [logicalId('AWS::KMS::Key', 'FanoutTopicKey'), 'Arn'] });
    expect(resources[logicalId('AWS::KMS::Key', 'FanoutTopicKey')]!.Properties.EnableKeyRotation).toBe(true);
    synthesized.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topic }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('the channels', () => {
  const queued = () => queuedChannels.filter((channel) => channel.enabled(synthesized.config));

  it('subscribe one queue per queued channel with exactly the channel catalog filter policy and raw delivery', () => {
    const subscriptions = ofType('AWS::SNS::Subscription').filter(([, resource]) => resource.Properties.Protocol === 'sqs');
    expect(subscriptions).toHaveLength(queued().length);
    for (const channel of queued()) {
      const queueId = logicalId('AWS::SQS::Queue', `Channels${pascal(channel.name)}Queue`);
      const subscription = subscriptions.find(([, resource]) => resource.Properties.Endpoint['Fn::GetAtt']?.[0] === queueId);
      expect(subscription, `subscription of ${channel.name}`).toBeDefined();
      expect(subscription![1].Properties.FilterPolicy).toEqual(channelCatalog[channel.name].filterPolicy(synthesized.config));
      expect(subscription![1].Properties.FilterPolicyScope ?? 'MessageAttributes').toBe('MessageAttributes');
      expect(subscription![1].Properties.RawMessageDelivery).toBe(true);
    }
  });

  it('are FIFO queues fed by a FIFO topic, so each receives an incident\'s updates in order, deduplicated by SNS', () => {
    const topic = resources[logicalId('AWS::SNS::Topic', 'FanoutTopic')]!.Properties;
    expect(topic).toMatchObject({ FifoTopic: true, FifoThroughputScope: 'MessageGroup' });
    expect(topic.ContentBasedDeduplication ?? false).toBe(false);
    for (const channel of queued()) {
      const prefix = `Channels${pascal(channel.name)}`;
      for (const id of [`${prefix}Queue`, `${prefix}DeadLetterQueue`]) {
        expect(resources[logicalId('AWS::SQS::Queue', id)]!.Properties, id).toMatchObject({ FifoQueue: true, FifoThroughputLimit: 'perMessageGroupId', DeduplicationScope: 'messageGroup' });
      }
      synthesized.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [logicalId('AWS::SQS::Queue', `${prefix}Queue`), 'Arn'] },
        BatchSize: channel.batchSize,
        // FIFO event sources take no batching window.
        MaximumBatchingWindowInSeconds: Match.absent(),
        // As many consumers as the catalog allows (X: 2, its rate limit being the account's), the local runtime's too.
        ScalingConfig: channel.maxConcurrency === undefined ? Match.absent() : { MaximumConcurrency: channel.maxConcurrency },
      });
    }
    // The email plan and send queues are fed by our own code, in no particular order: standard queues.
    for (const [id, queue] of ofType('AWS::SQS::Queue').filter(([id]) => /^Email(Plan|Send)/.test(id))) expect(queue.Properties.FifoQueue, id).toBeUndefined();
  });

  it('give every channel queue a dead-letter queue after 5 receives, SQS encryption, TLS only and 6x its consumer timeout', () => {
    for (const channel of queued()) {
      const prefix = `Channels${pascal(channel.name)}`;
      const queue = resources[logicalId('AWS::SQS::Queue', `${prefix}Queue`)]!.Properties;
      const deadLetterQueue = logicalId('AWS::SQS::Queue', `${prefix}DeadLetterQueue`);
      const consumer = resources[functionId(`${prefix}Handler`)]!.Properties;
      expect(queue.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [deadLetterQueue, 'Arn'] }, maxReceiveCount: 5 });
      expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * consumer.Timeout);
      for (const id of [logicalId('AWS::SQS::Queue', `${prefix}Queue`), deadLetterQueue]) {
        expect(resources[id]!.Properties.SqsManagedSseEnabled).toBe(true);
        synthesized.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: id }],
          PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
        });
      }
      synthesized.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: functionId(`${prefix}Handler`) },
        EventSourceArn: { 'Fn::GetAtt': [logicalId('AWS::SQS::Queue', `${prefix}Queue`), 'Arn'] },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    }
  });

  it('keep the X credentials in a secret only the X function may read', () => {
    const secret = logicalId('AWS::SecretsManager::Secret', 'ChannelsXCredentials');
    const template = JSON.parse(resources[secret]!.Properties.GenerateSecretString.SecretStringTemplate);
    expect([...Object.keys(template), resources[secret]!.Properties.GenerateSecretString.GenerateStringKey].sort()).toEqual(
      ['accessSecret', 'accessToken', 'appKey', 'appSecret'],
    );
    const readers = ofType('AWS::IAM::Policy').filter(([, policy]) =>
      policy.Properties.PolicyDocument.Statement.some(
        (statement: any) => [statement.Action].flat().includes('secretsmanager:GetSecretValue') && JSON.stringify(statement.Resource).includes(`"${secret}"`),
      ),
    );
    expect(readers.map(([, policy]) => policy.Properties.Roles[0].Ref)).toEqual([logicalId('AWS::IAM::Role', 'ChannelsXHandlerRole')]);
    expect(resources[functionId('ChannelsXHandler')]!.Properties.Environment.Variables.X_SECRET_ARN).toEqual({ Ref: secret });
  });
});

describe('the API', () => {
  // The contract decides who may call what; the stack must carry exactly that.
  const routeKey = (operation: { method: string; path: string }) => `${operation.method} ${operation.path}`;
  const commanderRoutes = operationList.filter((operation) => operation.access === 'commander').map(routeKey);
  const publicRoutes = operationList.filter((operation) => operation.access === 'public').map(routeKey);

  it('guards every commander route with the JWT authorizer of the configuration and no public route', () => {
    const [[authorizerId, authorizer]] = ofType('AWS::ApiGatewayV2::Authorizer') as [[string, Resource]];
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: synthesized.config.auth.jwtIssuer, Audience: synthesized.config.auth.jwtAudience },
    });
    const routes = Object.fromEntries(ofType('AWS::ApiGatewayV2::Route').map(([, route]) => [route.Properties.RouteKey, route.Properties]));
    expect(Object.keys(routes).sort()).toEqual([...commanderRoutes, ...publicRoutes].sort());
    for (const key of commanderRoutes) {
      // The authorizer refuses a token without the commander scope before the function runs (403).
      expect(routes[key], key).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId }, AuthorizationScopes: [synthesized.config.auth.commanderScope] });
    }
    for (const key of publicRoutes) {
      expect(routes[key]!.AuthorizerId, key).toBeUndefined();
      expect(routes[key]!.AuthorizationType ?? 'NONE', key).toBe('NONE');
    }
  });

  it('deploys the subscription routes of mail links as public routes: confirm, unsubscribe (GET and one-click POST), preferences (GET and PUT)', () => {
    const keys = ofType('AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties.RouteKey as string);
    expect(keys).toEqual(
      expect.arrayContaining([
        'GET /v1/subscriptions/confirm',
        'GET /v1/subscriptions/unsubscribe',
        'POST /v1/subscriptions/unsubscribe',
        'GET /v1/subscriptions/preferences',
        'PUT /v1/subscriptions/preferences',
      ]),
    );
    for (const key of keys.filter((routeKey) => routeKey.includes(' /v1/subscriptions'))) expect(publicRoutes, key).toContain(key);
  });

  it('sends each route to the function its operation is servedBy: the public reads to the read function, the previews to the preview function, the rest to the write function', () => {
    const integrationTarget = (route: Resource) => {
      const integrationId = (route.Properties.Target['Fn::Join'][1] as unknown[])[1] as { Ref: string };
      return JSON.stringify(resources[integrationId.Ref]!.Properties.IntegrationUri);
    };
    const routes = Object.fromEntries(ofType('AWS::ApiGatewayV2::Route').map(([, route]) => [route.Properties.RouteKey, route]));
    const functionOf = { reads: 'ApiReadHandler', previews: 'ApiPreviewHandler', writes: 'ApiHandler' } as const;
    for (const operation of operationList) {
      const target = integrationTarget(routes[routeKey(operation)]!);
      expect(target, routeKey(operation)).toContain(functionId(functionOf[operation.servedBy]));
    }
    expect(operationList.filter((operation) => operation.servedBy === 'reads').map(routeKey).sort()).toEqual(
      ['GET /v1/feed', 'GET /v1/feed.atom', 'GET /v1/incidents', 'GET /v1/incidents/{id}', 'GET /v1/maintenances', 'GET /v1/maintenances/{id}', 'GET /v1/status'],
    );
    expect(operationList.filter((operation) => operation.servedBy === 'previews').map(routeKey).sort()).toEqual(
      ['POST /v1/incidents/preview', 'POST /v1/incidents/{id}/preview', 'POST /v1/maintenances/preview', 'POST /v1/maintenances/{id}/preview'],
    );
  });

  it('puts the previews behind the commander authorizer, as every other commander route', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties);
    for (const operation of operationList.filter((candidate) => candidate.servedBy === 'previews')) {
      const route = routes.find((candidate) => candidate.RouteKey === routeKey(operation))!;
      expect(route.AuthorizationType, routeKey(operation)).toBe('JWT');
      expect(route.AuthorizerId, routeKey(operation)).toBeDefined();
    }
  });

  it('lets the read function batch-get and query the incident table and nothing else: no scan, no write, no recipient table, no secret', () => {
    const policies = ofType('AWS::IAM::Policy').filter(([, policy]) => JSON.stringify(policy.Properties.Roles).includes('ApiReadHandlerRole'));
    const statements = policies.flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
    const actions = statements.flatMap((statement: any) => [statement.Action].flat() as string[]);
    expect([...new Set(actions.filter((action) => action.startsWith('dynamodb:')))].sort()).toEqual(['dynamodb:BatchGetItem', 'dynamodb:Query']);
    expect(actions.filter((action) => /^dynamodb:(Put|Update|Delete|BatchWrite|Transact|PartiQLInsert|PartiQLUpdate|PartiQLDelete)/.test(action))).toEqual([]);
    expect(actions.filter((action) => !/^(dynamodb|logs):/.test(action))).toEqual([]);
    const resourcesNamed = JSON.stringify(statements.map((statement: any) => statement.Resource));
    expect(resourcesNamed).toContain(logicalId('AWS::DynamoDB::GlobalTable', 'StoreTable'));
    expect(resourcesNamed).not.toContain(logicalId('AWS::DynamoDB::GlobalTable', 'StoreRecipientTable'));
  });

  it('lets the preview function query the incident partitions of the table and nothing else: no scan, no write, no index, no recipient table, no secret', () => {
    const policies = ofType('AWS::IAM::Policy').filter(([, policy]) => JSON.stringify(policy.Properties.Roles).includes('ApiPreviewHandlerRole'));
    const statements = policies.flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
    const actions = statements.flatMap((statement: any) => [statement.Action].flat() as string[]);
    expect([...new Set(actions.filter((action) => action.startsWith('dynamodb:')))].sort()).toEqual(['dynamodb:Query']);
    expect(actions.filter((action) => /^dynamodb:(Put|Update|Delete|BatchWrite|Transact|PartiQLInsert|PartiQLUpdate|PartiQLDelete)/.test(action))).toEqual([]);
    expect(actions.filter((action) => !/^(dynamodb|logs):/.test(action))).toEqual([]);
    const resourcesNamed = JSON.stringify(statements.map((statement: any) => statement.Resource));
    expect(resourcesNamed).toContain(logicalId('AWS::DynamoDB::GlobalTable', 'StoreTable'));
    expect(resourcesNamed).not.toContain('/index/');
    expect(resourcesNamed).not.toContain(logicalId('AWS::DynamoDB::GlobalTable', 'StoreRecipientTable'));
    const table = statements.find((statement: any) => [statement.Action].flat().includes('dynamodb:Query'));
    expect(table.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${partitionKeyPrefixes.main.incident}*`] } });
  });

  it('no longer subscribes anything to SNS: no sns:Subscribe right and no topic ARN for the API', () => {
    const apiPolicy = resources[logicalId('AWS::IAM::Policy', 'ApiHandlerRoleDefaultPolicy')]!;
    expect(JSON.stringify(apiPolicy.Properties.PolicyDocument)).not.toMatch(/"sns:/);
    expect(resources[functionId('ApiHandler')]!.Properties.Environment.Variables.TOPIC_ARN).toBeUndefined();
  });

  it('throttles the default route and the subscription form, and writes JSON access logs to a log group with a retention', () => {
    const [[, stage]] = ofType('AWS::ApiGatewayV2::Stage') as [[string, Resource]];
    expect(stage.Properties.StageName).toBe('$default');
    expect(stage.Properties.AutoDeploy).toBe(true);
    expect(stage.Properties.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(stage.Properties.DefaultRouteSettings.ThrottlingBurstLimit).toBeGreaterThan(0);
    expect(stage.Properties.RouteSettings['POST /v1/subscriptions'].ThrottlingRateLimit).toBeLessThan(
      stage.Properties.DefaultRouteSettings.ThrottlingRateLimit,
    );
    const subscriptionRoute = ofType('AWS::ApiGatewayV2::Route').find(([, route]) => route.Properties.RouteKey === 'POST /v1/subscriptions')![0];
    expect((stage as { DependsOn?: string[] }).DependsOn).toContain(subscriptionRoute);
    const logGroup = stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0];
    expect(resources[logGroup]!.Properties.RetentionInDays).toBeGreaterThan(0);
    expect(JSON.parse(stage.Properties.AccessLogSettings.Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
  });

  it('allows the configured status page origin in CORS', () => {
    const [[, api]] = ofType('AWS::ApiGatewayV2::Api') as [[string, Resource]];
    expect(api.Properties.CorsConfiguration.AllowOrigins).toEqual([new URL(synthesized.config.statusPageUrl).origin]);
    expect(api.Properties.CorsConfiguration.AllowHeaders).toEqual(expect.arrayContaining(['authorization', 'content-type', 'idempotency-key', 'if-match', 'if-none-match']));
    // PUT for the preferences page (PUT /v1/subscriptions/preferences).
    expect([...api.Properties.CorsConfiguration.AllowMethods].sort()).toEqual(['GET', 'OPTIONS', 'POST', 'PUT']);
  });
});

/** aws-cdk-lib's own deploy-time handlers: BucketDeployment, auto-delete, and the AwsCustomResource provider. */
function isDeployTimeHelper(logicalId: string): boolean {
  return logicalId.startsWith('Custom') || logicalId.startsWith('AWS679f53fac002430cb0da5b7982bd2287');
}

describe('the functions', () => {
  const expectations: Record<string, { env: string[]; timeout?: number }> = {
    ApiHandler: { env: ['TABLE_NAME', 'RECIPIENT_TABLE_NAME', 'TOKEN_SECRET_ARN', 'ORIGIN_VERIFY_SECRET'] },
    ApiReadHandler: { env: ['TABLE_NAME', 'ORIGIN_VERIFY_SECRET'] },
    ApiPreviewHandler: { env: ['TABLE_NAME', 'ORIGIN_VERIFY_SECRET'] },
    FanoutHandler: { env: ['TABLE_NAME', 'TOPIC_ARN', 'EMAIL_SEND_QUEUE_URL', 'SCHEDULE_GROUP_NAME', 'TIMER_FUNCTION_ARN', 'SCHEDULER_ROLE_ARN', 'TIMER_DEAD_LETTER_QUEUE_ARN'] },
    ChannelsXHandler: { env: ['TABLE_NAME', 'X_SECRET_ARN'] },
    ChannelsInappHandler: { env: ['TABLE_NAME', 'FEED_RETENTION_DAYS'] },
    // The email planner is the email channel's consumer.
    ChannelsEmailHandler: { env: ['TABLE_NAME', 'RECIPIENT_TABLE_NAME', 'EMAIL_PLAN_QUEUE_URL', 'EMAIL_SEND_QUEUE_URL'] },
    EmailSender: { env: ['TABLE_NAME', 'RECIPIENT_TABLE_NAME', 'TOKEN_SECRET_ARN', 'SES_CONFIGURATION_SET', 'EMAIL_SEND_QUEUE_URL'] },
    SesEventsHandler: { env: ['TABLE_NAME', 'RECIPIENT_TABLE_NAME'] },
    StatusSnapshotHandler: { env: ['TABLE_NAME', 'STATUS_BUCKET_NAME'] },
    TimersHandler: { env: ['TABLE_NAME', 'COMMANDERS_TOPIC_ARN'] },
    // The webhook planner is the webhook channel's consumer.
    ChannelsWebhookHandler: { env: ['TABLE_NAME', 'RECIPIENT_TABLE_NAME', 'WEBHOOK_SEND_QUEUE_URL'] },
    WebhookSender: { env: ['TABLE_NAME', 'RECIPIENT_TABLE_NAME', 'TOKEN_SECRET_ARN'] },
  };

  it('every function, aws-cdk-lib\'s own deploy-time helpers included, logs to a log group of the stack that expires', () => {
    const functions = ofType('AWS::Lambda::Function');
    expect(functions.filter(([id]) => id.startsWith('Custom')).length).toBeGreaterThanOrEqual(1);
    for (const [id, fn] of functions) {
      const logGroup = fn.Properties.LoggingConfig?.LogGroup?.Ref as string | undefined;
      expect(logGroup, `${id}: LoggingConfig.LogGroup`).toBeDefined();
      expect(resources[logGroup!]?.Type, id).toBe('AWS::Logs::LogGroup');
      expect(resources[logGroup!]?.Properties.RetentionInDays, id).toBe(14);
    }
  });

  it('run Node.js 22 on arm64 with source maps, JSON logs to their own log group, and exactly their environment', () => {
    // Besides these thirteen, only aws-cdk-lib's own deploy-time handlers (BucketDeployment, auto-delete, AwsCustomResource) exist.
    expect(ofType('AWS::Lambda::Function').filter(([id]) => !isDeployTimeHelper(id))).toHaveLength(Object.keys(expectations).length);
    for (const [prefix, expected] of Object.entries(expectations)) {
      const fn = resources[functionId(prefix)]!.Properties;
      expect(fn.Runtime, prefix).toBe('nodejs22.x');
      expect(fn.Architectures, prefix).toEqual(['arm64']);
      expect(fn.Handler, prefix).toBe('index.handler');
      expect(Object.keys(fn.Environment.Variables).sort(), prefix).toEqual(
        [...expected.env, 'STAGE', 'POWERTOOLS_SERVICE_NAME', 'NODE_OPTIONS'].sort(),
      );
      expect(fn.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(fn.Environment.Variables.STAGE).toBe('dev');
      expect(fn.LoggingConfig.LogFormat).toBe('JSON');
      const logGroup = fn.LoggingConfig.LogGroup.Ref as string;
      expect(resources[logGroup]!.Properties.RetentionInDays, prefix).toBeGreaterThan(0);
    }
  });

  it('hold no AWS-managed policy, no IAM statement with Action "*", and no "*" resource', () => {
    for (const [id, role] of ofType('AWS::IAM::Role').filter(([id]) => !isDeployTimeHelper(id))) {
      expect(role.Properties.ManagedPolicyArns, id).toBeUndefined();
    }
    for (const [id, policy] of ofType('AWS::IAM::Policy')) {
      for (const statement of policy.Properties.PolicyDocument.Statement) {
        expect([statement.Action].flat(), id).not.toContain('*');
        const bucketDeploymentInvalidation = id.startsWith('CustomCDKBucketDeployment') && [statement.Action].flat().every((action: string) => action.startsWith('cloudfront:'));
        if (!bucketDeploymentInvalidation) expect([statement.Resource].flat(), id).not.toContain('*');
      }
    }
  });
});

describe('the status site', () => {
  it('serves web/ from a private, TLS-only bucket through origin access control', () => {
    const bucket = logicalId('AWS::S3::Bucket', 'StatusSiteBucket');
    expect(resources[bucket]!.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
    });
    synthesized.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucket },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' }),
        ]),
      },
    });
    expect(ofType('AWS::CloudFront::OriginAccessControl')).toHaveLength(1);
    expect(ofType('Custom::CDKBucketDeployment')).toHaveLength(1);
  });

  it('serves GET /v1/status from the published snapshot in the bucket, falling back to the API when the bucket cannot answer', () => {
    const [[, distribution]] = ofType('AWS::CloudFront::Distribution') as [[string, Resource]];
    const config = distribution.Properties.DistributionConfig;
    const behaviors = Object.fromEntries(config.CacheBehaviors.map((behavior: any) => [behavior.PathPattern, behavior]));
    const bucketOriginId = config.DefaultCacheBehavior.TargetOriginId;
    const apiOriginId = behaviors['/v1/feed'].TargetOriginId;
    const originById = (id: string) => config.Origins.find((origin: any) => origin.Id === id);
    const [group] = config.OriginGroups.Items;
    expect(behaviors['/v1/status'].TargetOriginId).toBe(group.Id);
    const [primary, fallback] = group.Members.Items.map((member: any) => member.OriginId);
    // The primary reads the status bucket through origin access control, as the page's own origin does.
    expect(originById(primary).DomainName).toEqual(originById(bucketOriginId).DomainName);
    expect(originById(primary).OriginAccessControlId).toEqual(originById(bucketOriginId).OriginAccessControlId);
    expect(fallback).toBe(apiOriginId);
    expect([...group.FailoverCriteria.StatusCodes.Items].sort()).toEqual([403, 404, 500, 502, 503, 504]);
    expect(behaviors['/snapshot/*'].TargetOriginId).toBe(bucketOriginId);
    for (const path of ['/v1/status', '/snapshot/*']) {
      expect([...behaviors[path].AllowedMethods].sort(), path).toEqual(['GET', 'HEAD', 'OPTIONS']);
      // The widget and apps read these from their own origins.
      expect(behaviors[path].ResponseHeadersPolicyId.Ref, path).toBe(behaviors['/v1/feed'].ResponseHeadersPolicyId.Ref);
      const policy = resources[behaviors[path].CachePolicyId.Ref]!.Properties.CachePolicyConfig;
      // The snapshot does not vary with a query string: none may split the cache (or reach the API).
      expect(policy.ParametersInCacheKeyAndForwardedToOrigin.QueryStringsConfig, path).toEqual({ QueryStringBehavior: 'none' });
      expect(policy.MaxTTL, path).toBeLessThanOrEqual(30);
    }
  });

  it('publishes the snapshot from a function that reads the table, writes only the snapshot keys, runs one at a time and ticks every minute', () => {
    const handler = functionId('StatusSnapshotHandler');
    expect(resources[handler]!.Properties.ReservedConcurrentExecutions).toBe(1);
    const policies = ofType('AWS::IAM::Policy').filter(([, policy]) => JSON.stringify(policy.Properties.Roles).includes('StatusSnapshotHandlerRole'));
    const statements = policies.flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
    const actions = statements.flatMap((statement: any) => [statement.Action].flat());
    expect(actions.filter((action: string) => action.startsWith('s3:'))).toEqual(['s3:PutObject']);
    expect(actions.filter((action: string) => /^dynamodb:(Put|Update|Delete|BatchWrite|Transact)/.test(action))).toEqual([]);
    const put = statements.find((statement: any) => [statement.Action].flat().includes('s3:PutObject'));
    expect(JSON.stringify(put.Resource)).toContain('/v1/status');
    expect(JSON.stringify(put.Resource)).toContain('/snapshot/*');

    const [, mapping] = ofType('AWS::Lambda::EventSourceMapping').find(([, candidate]) => JSON.stringify(candidate.Properties.FunctionName).includes('StatusSnapshotHandler'))!;
    expect(mapping.Properties.FilterCriteria.Filters.map((filter: any) => JSON.parse(filter.Pattern).dynamodb.NewImage.type.S[0]).sort()).toEqual(['feed', 'update']);
    synthesized.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: Match.arrayWith([Match.objectLike({ Arn: { 'Fn::GetAtt': [handler, 'Arn'] } })]),
    });
    // A deploy of web/ neither prunes nor overwrites what the publisher wrote.
    const [[, deployment]] = ofType('Custom::CDKBucketDeployment') as [[string, Resource]];
    expect(deployment.Properties.Exclude).toEqual(['v1/status', 'snapshot/*']);
  });

  it('serves the preferences page (web/preferences.html) from the bucket, not from the API', () => {
    const [[, distribution]] = ofType('AWS::CloudFront::Distribution') as [[string, Resource]];
    const config = distribution.Properties.DistributionConfig;
    const patterns: string[] = config.CacheBehaviors.map((behavior: any) => behavior.PathPattern);
    // The stack's path patterns end in at most one "*", which matches anything.
    const matches = (pattern: string, path: string) => (pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern);
    expect(patterns.filter((pattern) => matches(pattern, '/preferences.html'))).toEqual([]);
    const bucketOrigin = config.Origins.find((origin: any) => origin.Id === config.DefaultCacheBehavior.TargetOriginId);
    expect(bucketOrigin.S3OriginConfig).toBeDefined();
    expect(JSON.stringify(bucketOrigin.DomainName)).toContain(logicalId('AWS::S3::Bucket', 'StatusSiteBucket'));
  });

  it('sends security headers with a content security policy that forbids inline script', () => {
    const policies = ofType('AWS::CloudFront::ResponseHeadersPolicy');
    expect(policies.length).toBeGreaterThan(0);
    for (const [id, policy] of policies) {
      const headers = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
      const csp = JSON.stringify(headers.ContentSecurityPolicy.ContentSecurityPolicy);
      expect(csp, id).toContain("script-src 'self'");
      expect(csp, id).not.toContain('unsafe-inline');
      expect(csp, id).not.toContain('unsafe-eval');
      expect(headers.StrictTransportSecurity.AccessControlMaxAgeSec, id).toBeGreaterThan(0);
      expect(headers.ContentTypeOptions.Override, id).toBe(true);
      expect(headers.FrameOptions.FrameOption, id).toBe('DENY');
    }
  });
});

describe('monitoring', () => {
  it('documents every alarm in docs/operations.md under its own name', () => {
    const operations = readFileSync(path.join(projectRoot, 'docs', 'operations.md'), 'utf8');
    // Alarm logical ids are Monitoring<Name><8-character hash>.
    const names = ofType('AWS::CloudWatch::Alarm').map(([id]) => id.replace(/^Monitoring/, '').replace(/[0-9A-F]{8}$/, ''));
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((name) => !new RegExp(`\\b${name}\\b`).test(operations))).toEqual([]);
  });

  it('counts the read function\'s "serving the last good status" lines and alarms on them', () => {
    const readLogGroup = logicalId('AWS::Logs::LogGroup', 'ApiReadHandlerLogGroup');
    synthesized.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: readLogGroup },
      FilterPattern: `{ $.message = "${logMetrics.StatusServedStale.message}" }`,
      MetricTransformations: [Match.objectLike({ MetricNamespace: 'IncidentComms', MetricName: 'StatusServedStale', MetricValue: '1' })],
    });
    synthesized.template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'StatusServedStale', Namespace: 'IncidentComms', Threshold: 1 });
  });

  it('alarms on the depth of every dead-letter queue, including the stream failure queue', () => {
    const deadLetterQueues = ofType('AWS::SQS::Queue')
      .map(([id]) => id)
      .filter((id) => id.includes('DeadLetterQueue') || id.startsWith('FanoutStreamFailureQueue'));
    // One per channel queue, the stream failure queue, the email plan and send queues, the SES events target, the timers, the webhook delivery queue.
    expect(deadLetterQueues.length).toBe(queuedChannels.filter((channel) => channel.enabled(synthesized.config)).length + 6);
    for (const queue of deadLetterQueues) {
      synthesized.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Namespace: 'AWS/SQS',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [{ Ref: logicalId('AWS::SNS::Topic', 'MonitoringAlarmTopic') }],
      });
    }
  });

  it('alarms on each function’s errors and throttles, the fan-out iterator age, SNS delivery failures and API 5xx', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    for (const prefix of ['ApiHandler', 'ApiReadHandler', 'ApiPreviewHandler', 'FanoutHandler', 'ChannelsXHandler', 'ChannelsInappHandler', 'ChannelsEmailHandler', 'EmailSender', 'SesEventsHandler', 'ChannelsWebhookHandler', 'WebhookSender']) {
      for (const metric of ['Errors', 'Throttles']) {
        expect(
          alarms.some((alarm) => alarm.MetricName === metric && alarm.Dimensions?.[0]?.Value?.Ref === functionId(prefix)),
          `${prefix} ${metric}`,
        ).toBe(true);
      }
    }
    expect(alarms.some((alarm) => alarm.MetricName === 'IteratorAge' && alarm.Dimensions[0].Value.Ref === functionId('FanoutHandler'))).toBe(true);
    expect(alarms.some((alarm) => alarm.MetricName === 'NumberOfNotificationsFailed' && alarm.Namespace === 'AWS/SNS')).toBe(true);
    expect(alarms.some((alarm) => alarm.MetricName === '5xx' && alarm.Namespace === 'AWS/ApiGateway')).toBe(true);
    for (const alarm of alarms) expect(alarm.AlarmActions).toHaveLength(1);
  });

  it('alarms on our own metrics by the names and dimensions the handlers emit them under', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    const ours = (name: string) => alarms.filter((alarm) => alarm.Namespace === metricNamespace && alarm.MetricName === name);
    const dimensions = (alarm: Record<string, any>) => Object.fromEntries(alarm.Dimensions.map((dimension: { Name: string; Value: string }) => [dimension.Name, dimension.Value]));
    const channels = enabledChannels(synthesized.config);
    expect(ours('DeliveryFailed').map(dimensions).sort((a, b) => a.channel.localeCompare(b.channel))).toEqual(
      [...channels].sort().map((channel) => ({ service: serviceName, channel })),
    );
    expect(ours('DeliveryFailed').every((alarm) => alarm.Statistic === 'Sum' && alarm.Threshold === 1)).toBe(true);
    expect(ours('FanOutLag')).toHaveLength(1);
    expect(ours('FanOutLag')[0]).toMatchObject({ Statistic: 'Maximum', Threshold: 60_000, Dimensions: [{ Name: 'service', Value: serviceName }] });
    // X paces posting in 15-minute windows: a hold of up to 901 s is normal and must not page anyone.
    expect(ours('XRateLimitWait')).toHaveLength(channels.includes('x') ? 1 : 0);
    expect(ours('XRateLimitWait')[0]?.Threshold).toBeGreaterThan(901);
  });

  it('notifies a KMS-encrypted alarm topic that CloudWatch may publish to, and draws a dashboard', () => {
    const topic = resources[logicalId('AWS::SNS::Topic', 'MonitoringAlarmTopic')]!;
    expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    const key = resources[logicalId('AWS::KMS::Key', 'MonitoringAlarmTopicKey')]!;
    expect(JSON.stringify(key.Properties.KeyPolicy)).toContain('cloudwatch.amazonaws.com');
    expect(ofType('AWS::CloudWatch::Dashboard')).toHaveLength(1);
    // The repository configuration sets no alarmEmail.
    expect(ofType('AWS::SNS::Subscription').filter(([, s]) => s.Properties.Protocol === 'email')).toHaveLength(synthesized.config.alarmEmail ? 1 : 0);
  });
});

describe('the stack', () => {
  it('outputs the API URL, the status page URL, bucket and access logs, the topic ARN, the X secret name and what SES needs in DNS', () => {
    expect(Object.keys(synthesized.template.toJSON().Outputs).sort()).toEqual(
      [
        'ApiUrl', 'ApiOriginTarget', 'StatusPageUrl', 'StatusBucketName', 'StatusAccessLogs', 'TopicArn', 'CommandersTopicArn', 'XSecretName', 'EmailIdentity', 'EmailConfigurationSet',
        'EmailDkim1Name', 'EmailDkim1Value', 'EmailDkim2Name', 'EmailDkim2Value', 'EmailDkim3Name', 'EmailDkim3Value',
      ].sort(),
    );
  });

  it('passes the cdk-nag AWS Solutions checks with no unacknowledged error or warning', () => {
    const report = new AwsSolutionsChecks().validateScope(synthesized.app);
    const findings = report.violations.map((violation) => `${violation.severity} ${violation.ruleName}: ${violation.violatingResources.map((resource) => resource.constructPath).join(', ')}`);
    expect(findings).toEqual([]);
  });

  it('explains every acknowledged finding', () => {
    const acknowledged = synthesized.app.node
      .findAll()
      .flatMap((construct) => construct.node.metadata.filter((entry) => entry.type === 'aws:cdk:acknowledged-rules'))
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>));
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledged) {
      expect(id).toMatch(/AwsSolutions-/);
      expect(reason.length, id).toBeGreaterThan(60);
    }
  });
});

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
