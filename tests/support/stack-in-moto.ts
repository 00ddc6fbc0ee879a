import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { CreateSecretCommand, GetRandomPasswordCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { GetRandomPasswordCommandInput } from '@aws-sdk/client-secrets-manager';
import { CreateScheduleGroupCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { CloudFormationTemplate } from './cloudformation-template.js';

/** Where the emulator listens, and the Region its resources are made in. */
export interface EmulatorTarget {
  readonly endpoint: string;
  readonly region: string;
}

export interface StackInMotoOptions {
  /**
   * Seconds that replace a queue's `VisibilityTimeout`, by logical id: the deployed timeouts are
   * minutes (six times the consumer's timeout), which a test of redelivery must not wait out.
   */
  readonly visibilityTimeoutSeconds?: Readonly<Record<string, number>>;
}

/** The template's resources as created in moto: what each Ref and Fn::GetAtt stands for there. */
export interface StackInMoto {
  /** A template value with its Ref / Fn::GetAtt / Fn::Join resolved to the created names and ARNs. */
  resolve(value: unknown): string;
}

/** What a created resource answers to: its Ref and its Fn::GetAtt attributes. */
interface Created {
  ref: string;
  attributes: Record<string, string>;
  /** A secret's value, for dynamic references. */
  secretString?: string;
}

type Properties = Record<string, unknown>;

/** moto's account, unless MOTO_ACCOUNT_ID says otherwise (nothing here sets it). */
const motoAccountId = '123456789012';

/** Properties moto cannot act on and that change no behaviour under test: keys, tags, replication. */
const encryptionAndBookkeeping = ['Tags', 'KmsMasterKeyId', 'KmsKeyId', 'KmsDataKeyReusePeriodSeconds', 'SSESpecification', 'Replicas', 'ReplicaRegions'];

/**
 * Creates in moto every resource of `template` the AWS-emulator suite runs against, from the
 * template's own properties: DynamoDB tables (keys, indexes, stream, TTL), SNS topics (FIFO,
 * deduplication), SQS queues (FIFO, visibility, redrive policy to their dead-letter queues), the
 * SNS→SQS subscriptions (filter policy and its scope, raw delivery) and Secrets Manager secrets
 * (generated as CloudFormation generates them). Functions are not created: the suite runs their
 * bundles in its own process (tests/support/bundled-function.ts). Encryption settings are left out:
 * moto stores nothing encrypted, so they would change nothing observable.
 *
 * @example
 * const stack = await createStackInMoto(template, { endpoint: moto.endpoint, region: 'us-east-1' });
 * const topicArn = stack.resolve({ Ref: topicId });
 */
export async function createStackInMoto(template: CloudFormationTemplate, target: EmulatorTarget, options: StackInMotoOptions = {}): Promise<StackInMoto> {
  const clientConfig = { endpoint: target.endpoint, region: target.region, credentials: { accessKeyId: 'moto', secretAccessKey: 'moto' } };
  const clients = {
    dynamo: new DynamoDBClient(clientConfig),
    sns: new SNSClient(clientConfig),
    sqs: new SQSClient(clientConfig),
    secrets: new SecretsManagerClient(clientConfig),
    scheduler: new SchedulerClient(clientConfig),
  };
  for (const id of Object.keys(options.visibilityTimeoutSeconds ?? {})) {
    if (template.Resources[id]?.Type !== 'AWS::SQS::Queue') throw new Error(`visibilityTimeoutSeconds names ${id}, which is not a queue of the template`);
  }
  const created = new Map<string, Created>();
  const creating = new Map<string, Promise<void>>();

  const resolve = (value: unknown): string => resolveDynamicReferences(resolveIntrinsic(value, created, target.region), created);

  /** Creates a resource once, after everything its properties refer to. */
  const ensure = (logicalId: string): Promise<void> => {
    let done = creating.get(logicalId);
    if (!done) {
      const resource = template.Resources[logicalId];
      const create = resource && creators[resource.Type];
      if (!resource || !create) throw new Error(`${logicalId} (${resource?.Type ?? 'not in the template'}) is not created in moto by tests/support/stack-in-moto.ts`);
      const properties = withoutEncryption(resource.Properties ?? {});
      const dependencies = namedOnly.has(resource.Type) ? [] : referencedIds(properties);
      done = Promise.all(dependencies.map(ensure))
        .then(() => create({ logicalId, properties, resolve, clients, region: target.region, visibilityTimeoutSeconds: options.visibilityTimeoutSeconds?.[logicalId] }))
        .then((resourceCreated) => void created.set(logicalId, resourceCreated));
      creating.set(logicalId, done);
    }
    return done;
  };

  const supported = Object.entries(template.Resources).filter(([, resource]) => resource.Type in creators).map(([id]) => id);
  await Promise.all(supported.map(ensure));
  return { resolve };
}

interface CreateContext {
  logicalId: string;
  properties: Properties;
  resolve: (value: unknown) => string;
  clients: { dynamo: DynamoDBClient; sns: SNSClient; sqs: SQSClient; secrets: SecretsManagerClient; scheduler: SchedulerClient };
  region: string;
  visibilityTimeoutSeconds: number | undefined;
}

/**
 * Resources named but not made: the functions run in the test's process (bundled-function.ts) and
 * their roles are not enforced by moto, yet other resources name their ARNs (a schedule's target
 * and role). Their properties are not read, so what they refer to need not exist.
 */
const namedOnly = new Set(['AWS::Lambda::Function', 'AWS::IAM::Role']);

const creators: Record<string, (context: CreateContext) => Promise<Created>> = {
  'AWS::DynamoDB::GlobalTable': createTable,
  'AWS::DynamoDB::Table': createTable,
  'AWS::SNS::Topic': createTopic,
  'AWS::SQS::Queue': createQueue,
  'AWS::SNS::Subscription': createSubscription,
  'AWS::SecretsManager::Secret': createSecret,
  'AWS::Scheduler::ScheduleGroup': createScheduleGroup,
  'AWS::Lambda::Function': async ({ logicalId, region }) => ({ ref: logicalId, attributes: { Arn: `arn:aws:lambda:${region}:${motoAccountId}:function:${logicalId}` } }),
  'AWS::IAM::Role': async ({ logicalId }) => ({ ref: logicalId, attributes: { Arn: `arn:aws:iam::${motoAccountId}:role/${logicalId}` } }),
};

async function createScheduleGroup({ logicalId, properties, clients }: CreateContext): Promise<Created> {
  const name = (properties as { Name?: string }).Name ?? logicalId;
  const { ScheduleGroupArn } = await clients.scheduler.send(new CreateScheduleGroupCommand({ Name: name }));
  return { ref: name, attributes: { Arn: ScheduleGroupArn! } };
}

async function createTable({ logicalId, properties, clients }: CreateContext): Promise<Created> {
  const p = properties as {
    TableName?: string;
    AttributeDefinitions: CreateTableCommandInput['AttributeDefinitions'];
    KeySchema: CreateTableCommandInput['KeySchema'];
    GlobalSecondaryIndexes?: { IndexName: string; KeySchema: CreateTableCommandInput['KeySchema']; Projection: unknown }[];
    BillingMode?: string;
    StreamSpecification?: { StreamViewType?: string };
    TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
  };
  if (p.BillingMode !== 'PAY_PER_REQUEST') throw new Error(`${logicalId}: only on-demand tables are created in moto (BillingMode ${p.BillingMode ?? 'unset'})`);
  const tableName = p.TableName ?? logicalId;
  await clients.dynamo.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: p.AttributeDefinitions,
      KeySchema: p.KeySchema,
      BillingMode: 'PAY_PER_REQUEST',
      ...(p.GlobalSecondaryIndexes
        ? { GlobalSecondaryIndexes: p.GlobalSecondaryIndexes.map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection: Projection as { ProjectionType: 'ALL' } })) }
        : {}),
      ...(p.StreamSpecification?.StreamViewType ? { StreamSpecification: { StreamEnabled: true, StreamViewType: p.StreamSpecification.StreamViewType as 'NEW_IMAGE' } } : {}),
    }),
  );
  if (p.TimeToLiveSpecification?.Enabled) {
    await clients.dynamo.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: p.TimeToLiveSpecification }));
  }
  const { Table } = await clients.dynamo.send(new DescribeTableCommand({ TableName: tableName }));
  return { ref: tableName, attributes: { Arn: Table!.TableArn!, ...(Table!.LatestStreamArn ? { StreamArn: Table!.LatestStreamArn } : {}) } };
}

async function createTopic({ logicalId, properties, resolve, clients }: CreateContext): Promise<Created> {
  const { TopicName, Subscription, ...attributes } = properties;
  if (Subscription) throw new Error(`${logicalId}: inline topic subscriptions are not created in moto; the stack declares AWS::SNS::Subscription resources`);
  const name = typeof TopicName === 'string' ? TopicName : `${logicalId}${attributes['FifoTopic'] === true ? '.fifo' : ''}`;
  const { TopicArn } = await clients.sns.send(new CreateTopicCommand({ Name: name, Attributes: stringAttributes(attributes, resolve) }));
  return { ref: TopicArn!, attributes: { TopicArn: TopicArn!, TopicName: name } };
}

async function createQueue({ logicalId, properties, resolve, clients, visibilityTimeoutSeconds }: CreateContext): Promise<Created> {
  const { QueueName, ...attributes } = properties;
  const name = typeof QueueName === 'string' ? QueueName : `${logicalId}${attributes['FifoQueue'] === true ? '.fifo' : ''}`;
  if (visibilityTimeoutSeconds !== undefined) attributes['VisibilityTimeout'] = visibilityTimeoutSeconds;
  const { QueueUrl } = await clients.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: stringAttributes(attributes, resolve) }));
  const { Attributes } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { ref: QueueUrl!, attributes: { Arn: Attributes!['QueueArn']!, QueueName: name, QueueUrl: QueueUrl! } };
}

async function createSubscription({ logicalId, properties, resolve, clients }: CreateContext): Promise<Created> {
  const { Protocol, Endpoint, TopicArn, Region, ...attributes } = properties;
  // Lambda, HTTP or email endpoints would need moto to deliver outside itself; the stack subscribes queues only.
  if (Protocol !== 'sqs') throw new Error(`${logicalId}: only SQS subscriptions are created in moto (Protocol ${String(Protocol)})`);
  if (Region !== undefined) throw new Error(`${logicalId}: cross-Region subscriptions are not created in moto`);
  const { SubscriptionArn } = await clients.sns.send(
    new SubscribeCommand({ TopicArn: resolve(TopicArn), Protocol, Endpoint: resolve(Endpoint), Attributes: stringAttributes(attributes, resolve), ReturnSubscriptionArn: true }),
  );
  return { ref: SubscriptionArn!, attributes: {} };
}

async function createSecret({ logicalId, properties, clients }: CreateContext): Promise<Created> {
  const { Name, Description, SecretString, GenerateSecretString } = properties as {
    Name?: string;
    Description?: string;
    SecretString?: string;
    GenerateSecretString?: { SecretStringTemplate?: string; GenerateStringKey?: string } & GetRandomPasswordCommandInput;
  };
  const secretString = SecretString ?? (await generateSecretString(GenerateSecretString ?? {}, clients.secrets));
  const { ARN } = await clients.secrets.send(
    new CreateSecretCommand({ Name: Name ?? logicalId, ...(Description ? { Description } : {}), SecretString: secretString }),
  );
  // Kept for the template's dynamic references, which CloudFormation resolves at deploy.
  return { ref: ARN!, attributes: { Id: ARN! }, secretString };
}

/** `{{resolve:secretsmanager:<arn>:SecretString:::}}`, as CloudFormation replaces it at deploy, by the created secret's value. */
function resolveDynamicReferences(value: string, created: Map<string, Created>): string {
  return value.replace(/\{\{resolve:secretsmanager:(.+?):SecretString:::\}\}/g, (reference, arn: string) => {
    const secret = [...created.values()].find((candidate) => candidate.ref === arn && candidate.secretString !== undefined);
    if (!secret) throw new Error(`${reference}: not a secret created in moto`);
    return secret.secretString!;
  });
}

/**
 * CloudFormation's `GenerateSecretString`: a random password (from moto's GetRandomPassword, with the
 * template's options), alone or under `GenerateStringKey` in the JSON of `SecretStringTemplate`.
 */
async function generateSecretString(
  { SecretStringTemplate, GenerateStringKey, ...passwordOptions }: { SecretStringTemplate?: string; GenerateStringKey?: string } & GetRandomPasswordCommandInput,
  secrets: SecretsManagerClient,
): Promise<string> {
  const { RandomPassword } = await secrets.send(new GetRandomPasswordCommand(passwordOptions));
  if (SecretStringTemplate === undefined || GenerateStringKey === undefined) return RandomPassword!;
  return JSON.stringify({ ...(JSON.parse(SecretStringTemplate) as Record<string, unknown>), [GenerateStringKey]: RandomPassword });
}

function withoutEncryption(properties: Properties): Properties {
  return Object.fromEntries(Object.entries(properties).filter(([name]) => !encryptionAndBookkeeping.includes(name)));
}

/** Template properties as the string attributes of the SQS and SNS APIs: JSON for objects, `true` for true. */
function stringAttributes(properties: Properties, resolve: (value: unknown) => string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(properties).map(([name, value]) => [name, typeof value === 'object' && value !== null && !isIntrinsic(value) ? JSON.stringify(resolveDeep(value, resolve)) : resolve(value)]),
  );
}

function resolveDeep(value: unknown, resolve: (value: unknown) => string): unknown {
  if (isIntrinsic(value)) return resolve(value);
  if (Array.isArray(value)) return value.map((item) => resolveDeep(item, resolve));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveDeep(item, resolve)]));
  return value;
}

function isIntrinsic(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && /^(Ref|Fn::\w+)$/.test(Object.keys(value)[0]!);
}

/** The logical ids a value refers to through Ref and Fn::GetAtt (pseudo parameters aside). */
function referencedIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencedIds);
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  if (typeof record['Ref'] === 'string') return record['Ref'].startsWith('AWS::') ? [] : [record['Ref']];
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return [getAtt[0]];
  return Object.values(record).flatMap(referencedIds);
}

function resolveIntrinsic(value: unknown, created: ReadonlyMap<string, Created>, region: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const pseudo: Record<string, string> = { 'AWS::Region': region, 'AWS::AccountId': motoAccountId, 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com' };
  const ref = record['Ref'];
  if (typeof ref === 'string') {
    const resolved = pseudo[ref] ?? created.get(ref)?.ref;
    if (resolved === undefined) throw new Error(`Ref ${ref}: not a resource created in moto (tests/support/stack-in-moto.ts creates tables, topics, queues, subscriptions and secrets)`);
    return resolved;
  }
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt)) {
    const [id, attribute] = getAtt as [string, string];
    const resolved = created.get(id)?.attributes[attribute];
    if (resolved === undefined) throw new Error(`Fn::GetAtt ${id}.${attribute}: not an attribute of a resource created in moto`);
    return resolved;
  }
  const join = record['Fn::Join'];
  if (Array.isArray(join)) {
    const [delimiter, parts] = join as [string, unknown[]];
    return parts.map((part) => resolveIntrinsic(part, created, region)).join(delimiter);
  }
  throw new Error(`${JSON.stringify(value)} is not resolved by tests/support/stack-in-moto.ts (Ref, Fn::GetAtt and Fn::Join are)`);
}
