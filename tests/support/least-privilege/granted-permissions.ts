import type { TableKind } from '../../../lib/table-access.js';

type Resources = Record<string, { Type: string; Properties?: Record<string, any> }>;

/** One action on one resource that a function's role allows. */
export interface GrantedPermission {
  readonly action: string;
  /** The resource as the template names it: `StoreTable0CCFA19B.Arn`, `StoreTable0CCFA19B.Arn/index/byState`, `FanoutTopicF7F675DF`. */
  readonly resource: string;
  /** DynamoDB only: the table (or one of its indexes) the resource is. */
  readonly table?: TableKind;
  readonly index?: boolean;
  /** The partition key patterns of a `dynamodb:LeadingKeys` condition on the statement (`LEDGER#*`), if any. */
  readonly leadingKeys?: readonly string[];
  /** Needed by Lambda itself, not by the code: logs, an event source's reads, a dead-letter or on-failure queue. */
  readonly platform: boolean;
  /** Any other condition on the statement, as written. */
  readonly otherConditions?: unknown;
}

/** What Lambda needs of an event source or a destination, with the rights CDK grants for it. */
const platformActions = {
  queueSource: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueUrl'],
  streamSource: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
  failureDestination: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
  deadLetterQueue: ['sqs:SendMessage'],
  logGroup: ['logs:CreateLogStream', 'logs:PutLogEvents'],
} as const;

/** KMS rights that come with sending to a resource encrypted under the key. */
const sendingThroughKey: Readonly<Record<string, readonly string[]>> = {
  'sns:Publish': ['kms:Decrypt', 'kms:GenerateDataKey*', 'kms:GenerateDataKey'],
  'sqs:SendMessage': ['kms:Decrypt', 'kms:GenerateDataKey*', 'kms:GenerateDataKey'],
};

/**
 * Every (action, resource) pair the role of the function `functionId` allows, from the synthesized
 * template's `AWS::IAM::Policy` resources and the role's inline policies, each marked `platform` when
 * Lambda needs it rather than the code: the function's log group, its event sources (an SQS queue's
 * receive and delete, a DynamoDB stream's reads), its on-failure and dead-letter queues, and the KMS
 * key of a topic or queue it may send to.
 *
 * @example
 * const granted = grantedPermissionsOf(template.toJSON(), 'FanoutHandler1A2B3C4D');
 */
export function grantedPermissionsOf(template: Record<string, unknown>, functionId: string): GrantedPermission[] {
  const resources = template['Resources'] as Resources;
  const fn = resources[functionId]?.Properties;
  if (!fn) throw new Error(`${functionId} is not a resource of the template`);
  const roleId = fn.Role?.['Fn::GetAtt']?.[0] as string;
  const tables = tableIds(resources);

  const platform = new Set<string>();
  const allow = (actions: readonly string[], resource: string) => actions.forEach((action) => platform.add(`${action} ${resource}`));
  if (fn.LoggingConfig?.LogGroup) allow(platformActions.logGroup, describe(resources, { 'Fn::GetAtt': [fn.LoggingConfig.LogGroup.Ref, 'Arn'] }));
  if (fn.DeadLetterConfig?.TargetArn) allow(platformActions.deadLetterQueue, describe(resources, fn.DeadLetterConfig.TargetArn));
  for (const mapping of Object.values(resources).filter((resource) => resource.Type === 'AWS::Lambda::EventSourceMapping')) {
    if (mapping.Properties?.['FunctionName']?.Ref !== functionId) continue;
    const source = describe(resources, mapping.Properties['EventSourceArn']);
    allow(source.endsWith('.StreamArn') ? platformActions.streamSource : platformActions.queueSource, source);
    const onFailure = mapping.Properties['DestinationConfig']?.OnFailure?.Destination;
    if (onFailure) allow(platformActions.failureDestination, describe(resources, onFailure));
  }

  const statements = Object.values(resources)
    .filter((resource) => resource.Type === 'AWS::IAM::Policy' && (resource.Properties?.['Roles'] as { Ref?: string }[]).some((role) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties!['PolicyDocument'].Statement as any[])
    .concat(((resources[roleId]?.Properties?.['Policies'] ?? []) as any[]).flatMap((policy) => policy.PolicyDocument.Statement));

  const pairs = statements.flatMap((statement) => {
    if (statement.Effect !== 'Allow') return [];
    const { 'ForAllValues:StringLike': likes, StringEquals: equals, ...rest } = (statement.Condition ?? {}) as Record<string, Record<string, unknown>>;
    const { 'dynamodb:LeadingKeys': leadingKeys, ...otherLikes } = likes ?? {};
    // iam:PassRole held to the one service the role is for only narrows the grant: nothing to compare.
    const { 'iam:PassedToService': passedToService, ...otherEquals } = equals ?? {};
    const others = { ...rest, ...(Object.keys(otherEquals).length > 0 ? { StringEquals: otherEquals } : {}) };
    const otherConditions = Object.keys(otherLikes).length > 0 ? { ...others, 'ForAllValues:StringLike': otherLikes } : others;
    void passedToService;
    return [statement.Action].flat().flatMap((action: string) =>
      [statement.Resource].flat().map((value: unknown): GrantedPermission => {
        const resource = describe(resources, value);
        const table = tables.find(([id]) => resource === `${id}.Arn` || resource.startsWith(`${id}.Arn/index/`));
        return {
          action,
          resource,
          ...(table ? { table: table[1], index: resource.includes('/index/') } : {}),
          ...(leadingKeys ? { leadingKeys: [leadingKeys].flat() as string[] } : {}),
          ...(Object.keys(otherConditions).length > 0 ? { otherConditions } : {}),
          platform: platform.has(`${action} ${resource}`),
        };
      }),
    );
  });

  // A key is the platform's when it encrypts a topic or queue this role may send to.
  return pairs.map((pair) => {
    if (!pair.action.startsWith('kms:')) return pair;
    const sentThrough = pairs.some(
      (other) => sendingThroughKey[other.action]?.includes(pair.action) && encryptionKeyOf(resources, other.resource) === pair.resource,
    );
    return { ...pair, platform: sentThrough };
  });
}

/** The logical ids of the stack's two tables, by what each is to the code. */
function tableIds(resources: Resources): [string, TableKind][] {
  return Object.entries(resources)
    .filter(([, resource]) => resource.Type === 'AWS::DynamoDB::GlobalTable')
    .map(([id]): [string, TableKind] => [id, id.startsWith('StoreRecipientTable') ? 'recipient' : 'main']);
}

/** The key a topic or queue of the template (named as `describe` names it) is encrypted with, as `describe` names the key's ARN. */
function encryptionKeyOf(resources: Resources, resource: string): string | undefined {
  const id = resource.replace(/\.Arn$/, '');
  const key = resources[id]?.Properties?.['KmsMasterKeyId'];
  return key === undefined ? undefined : describe(resources, key);
}

/** A template value naming a resource, as one readable string: `{ 'Fn::GetAtt': ['T', 'Arn'] }` → `T.Arn`. */
function describe(resources: Resources, value: unknown): string {
  if (typeof value === 'string') return value;
  const record = value as Record<string, any>;
  if (typeof record['Ref'] === 'string') return record['Ref'];
  if (Array.isArray(record['Fn::GetAtt'])) return `${record['Fn::GetAtt'][0]}.${record['Fn::GetAtt'][1]}`;
  if (Array.isArray(record['Fn::Join'])) return (record['Fn::Join'][1] as unknown[]).map((part) => describe(resources, part)).join(record['Fn::Join'][0] as string);
  return JSON.stringify(value);
}
