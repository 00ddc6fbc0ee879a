import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { partitionKeyPrefixes } from '../../lambdas/core/store/table-definition.js';
import { IncidentCommsFunction, projectRoot } from '../../lib/lambda-function.js';
import { tableAccess } from '../../lib/table-access.js';
import type { AwsCallsOfFunction } from '../support/least-privilege/aws-calls-of.js';
import { awsCallsOf } from '../support/least-privilege/aws-calls-of.js';
import { grantedPermissionsOf } from '../support/least-privilege/granted-permissions.js';
import type { GrantedPermission } from '../support/least-privilege/granted-permissions.js';
import { permissionMismatches } from '../support/least-privilege/permission-mismatches.js';
import type { SynthesizedStack } from './synthesize-stack.js';
import { synthesizeStack } from './synthesize-stack.js';

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;

/** The item actions a function may hold on a table; anything else on a table (Scan, DeleteItem, BatchWriteItem, PartiQL, admin) is refused. */
const itemActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'];

let synthesized: SynthesizedStack;
let resources: Resources;
/** Each function the stack builds, by its entry point (`lambdas/handlers/<name>.ts`), with its logical id. */
let functions: Map<string, string>;
let derived: Map<string, AwsCallsOfFunction>;

beforeAll(() => {
  synthesized = synthesizeStack({ stage: 'dev' });
  resources = synthesized.template.toJSON().Resources as Resources;
  functions = functionsByHandler(resources);
  derived = awsCallsOf([...functions.keys()]);
});

/** The stack's own functions by handler name, read from their roles (`Runs the incident-comms <name> function`). */
function functionsByHandler(template: Resources): Map<string, string> {
  const byRole = new Map(
    Object.entries(template).flatMap(([id, resource]) => {
      const name = resource.Type === 'AWS::IAM::Role' ? /^Runs the incident-comms (\S+) function$/.exec(resource.Properties['Description'] ?? '')?.[1] : undefined;
      return name ? [[id, name] as const] : [];
    }),
  );
  return new Map(
    Object.entries(template).flatMap(([id, resource]) => {
      const name = resource.Type === 'AWS::Lambda::Function' ? byRole.get(resource.Properties['Role']?.['Fn::GetAtt']?.[0]) : undefined;
      return name ? [[name, id] as const] : [];
    }),
  );
}

function policyStatements(template: Resources): { id: string; statement: any }[] {
  return Object.entries(template)
    .filter(([, resource]) => ['AWS::IAM::Policy', 'AWS::SNS::TopicPolicy', 'AWS::SQS::QueuePolicy', 'AWS::S3::BucketPolicy'].includes(resource.Type))
    .flatMap(([id, resource]) => (resource.Properties['PolicyDocument'].Statement as any[]).map((statement) => ({ id, statement })));
}

describe('least privilege: each function holds exactly what its code calls', () => {
  it('finds every function of the stack and the entry point it is built from', () => {
    expect([...functions.keys()].sort()).toEqual(
      ['api', 'email-planner', 'email-sender', 'fanout', 'inapp-channel', 'preview-api', 'read-api', 'ses-events', 'status-snapshot', 'timer', 'webhook-planner', 'webhook-sender', 'x-channel'],
    );
    for (const [name, calls] of derived) expect(calls.calls.length, `${name}: no AWS call derived from lambdas/handlers/${name}.ts`).toBeGreaterThan(0);
  });

  it.each(['api', 'email-planner', 'email-sender', 'fanout', 'inapp-channel', 'preview-api', 'read-api', 'ses-events', 'status-snapshot', 'timer', 'webhook-planner', 'webhook-sender', 'x-channel'])(
    'the %s function is granted each call its code can make, no other, on the partitions it builds keys in',
    (name) => {
      const mismatches = permissionMismatches(derived.get(name)!, grantedPermissionsOf(synthesized.template.toJSON(), functions.get(name)!));
      expect(mismatches, `lambdas/handlers/${name}.ts against its policy (grants: lib/table-access.ts and the grant lines of lib/):\n${mismatches.join('\n')}\n`).toEqual([]);
    },
  );

  it('follows a function through its ports to the adapter methods it calls, not to every method of the adapters it builds', () => {
    // The X channel builds the delivery ledger but only claims, reads, lists and settles rows: it never puts one.
    const actions = derived.get('x-channel')!.calls.map((call) => `${call.action} ${call.table ?? ''}`.trim());
    expect([...new Set(actions)].sort()).toEqual(
      ['dynamodb:GetItem main', 'dynamodb:Query main', 'dynamodb:UpdateItem main', 'secretsmanager:GetSecretValue', 'sqs:ChangeMessageVisibility'],
    );
    // The fan-out reaches the ledger's puts and its query of published locales, not the commanders' redrive transaction.
    expect(derived.get('fanout')!.calls.filter((call) => call.action === 'dynamodb:UpdateItem')).toEqual([]);
  });

  it('reports a Scan added to an adapter as a call its function is not granted', () => {
    const file = 'lambdas/adapters/dynamo/dynamo-delivery-ledger.ts';
    const source = readFileSync(path.join(projectRoot, file), 'utf8');
    const sdkImport = "import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';";
    const getMethod = 'async get(key: DeliveryKey): Promise<Delivery | undefined> {';
    expect(source, `${file} changed: point this test at another call the X channel makes`).toContain(sdkImport);
    expect(source).toContain(getMethod);
    const withScan = source
      .replace(sdkImport, sdkImport.replace('GetCommand,', 'GetCommand, ScanCommand,'))
      .replace(getMethod, `${getMethod}\n    await this.db.send(new ScanCommand({ TableName: this.tableName }));`);

    const scanning = awsCallsOf(['x-channel'], { sourceOverrides: { [file]: withScan } }).get('x-channel')!;
    const mismatches = permissionMismatches(scanning, grantedPermissionsOf(synthesized.template.toJSON(), functions.get('x-channel')!));

    expect(mismatches).toEqual([expect.stringMatching(/^dynamodb:Scan on the main table: called at lambdas\/adapters\/dynamo\/dynamo-delivery-ledger\.ts:\d+ ScanCommand, not granted$/)]);
  });

  it('reports a grant no call needs, and a partition the code never builds keys in', () => {
    const granted = grantedPermissionsOf(synthesized.template.toJSON(), functions.get('x-channel')!);
    const ledgerGrant = granted.find((permission) => permission.action === 'dynamodb:UpdateItem' && permission.table === 'main')!;
    const widened: GrantedPermission[] = [
      ...granted,
      { ...ledgerGrant, action: 'dynamodb:DeleteItem' },
      { ...ledgerGrant, leadingKeys: ['FEED#*'] },
    ];

    expect(permissionMismatches(derived.get('x-channel')!, widened)).toEqual([
      `dynamodb:DeleteItem on the main table: granted on ${ledgerGrant.resource}, never called`,
      'the main table: dynamodb:LeadingKeys admits FEED#*, but the code builds no key starting FEED#',
    ]);
  });

  it('grants no function Scan, BatchWriteItem, PartiQL or a table-level action, DeleteItem only alone and in a partition lib/table-access.ts lets a function delete in, and the stream reads only on the stream', () => {
    const deletable = new Set(Object.values(tableAccess).flatMap((access) => Object.values(access).flatMap((onTable) => (onTable.deletesIn ?? []).map((prefix) => `${prefix}*`))));
    const refused = policyStatements(resources)
      .filter(({ statement }) => statement.Effect === 'Allow')
      .flatMap(({ id, statement }) =>
        [statement.Action].flat().flatMap((action: string) => {
          if (!action.startsWith('dynamodb:')) return [];
          const onStream = [statement.Resource].flat().every((resource: any) => resource?.['Fn::GetAtt']?.[1] === 'StreamArn');
          if (action === 'dynamodb:DeleteItem' && !onStream) {
            const leadingKeys: string[] = [statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] ?? []].flat();
            const heldToDeletable = [statement.Action].flat().length === 1 && leadingKeys.length > 0 && leadingKeys.every((pattern) => deletable.has(pattern));
            return heldToDeletable ? [] : [`${id}: ${action} beside other actions or outside the deletesIn partitions`];
          }
          const allowed = onStream ? ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'] : itemActions;
          return allowed.includes(action) ? [] : [`${id}: ${action}`];
        }),
      );
    expect(refused).toEqual([]);
    // The one deletion: the API removing a webhook subscriber for its owner, in the webhooks' partition alone.
    expect([...deletable]).toEqual([`${partitionKeyPrefixes.recipient.webhook}*`]);
  });

  it('lets nothing but an SQS queue subscribe to the notifications topic, and no policy of the stack allows sns:Subscribe', () => {
    const [topicId] = Object.entries(resources).find(([id, resource]) => resource.Type === 'AWS::SNS::Topic' && id.startsWith('FanoutTopic'))!;
    const topicPolicy = Object.values(resources).find((resource) => resource.Type === 'AWS::SNS::TopicPolicy' && JSON.stringify(resource.Properties['Topics']) === JSON.stringify([{ Ref: topicId }]))!;
    expect(topicPolicy.Properties['PolicyDocument'].Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Action: 'sns:Subscribe', Resource: { Ref: topicId }, Condition: { StringNotEquals: { 'sns:Protocol': 'sqs' } } }),
    );
    const subscriptions = Object.values(resources).filter((resource) => resource.Type === 'AWS::SNS::Subscription' && resource.Properties['TopicArn']?.Ref === topicId);
    expect(subscriptions.length).toBeGreaterThan(0);
    expect(subscriptions.map((subscription) => subscription.Properties['Protocol'])).toEqual(subscriptions.map(() => 'sqs'));

    const subscribers = policyStatements(resources)
      .filter(({ statement }) => statement.Effect === 'Allow' && [statement.Action].flat().some((action: string) => /^sns:(Subscribe|\*)$/i.test(action)))
      .map(({ id }) => id);
    expect(subscribers).toEqual([]);
  });

  it('acknowledges no policy wildcard a function does not hold', () => {
    const checked: string[] = [];
    const stale = synthesized.stack.node
      .findAll()
      .filter((construct): construct is IncidentCommsFunction => construct instanceof IncidentCommsFunction)
      .flatMap((fn) => {
        const policy = JSON.stringify(grantedPermissionsOf(synthesized.template.toJSON(), synthesized.stack.getLogicalId(fn.function.node.defaultChild as any)));
        return fn.node.metadata
          .filter((entry) => entry.type === 'aws:cdk:acknowledged-rules')
          .flatMap((entry) => Object.keys(entry.data as Record<string, string>))
          .flatMap((id) => {
            const finding = /AwsSolutions-IAM5\[(Action|Resource)::(.+)\]$/.exec(id);
            if (!finding) return [];
            checked.push(id);
            const named = finding[1] === 'Action' ? `"action":"${finding[2]}"` : `"resource":"${finding[2]!.replace(/<([^>]+)>/g, '$1')}"`;
            return policy.includes(named) ? [] : [`${fn.node.path}: ${id}`];
          });
      });
    expect(checked.length).toBeGreaterThan(0);
    expect(stale).toEqual([]);
  });

  it('grants no more with the email channel switched off', () => {
    const off = synthesizeStack({ config: { channels: { email: { enabled: false }, x: { enabled: true }, inapp: { enabled: true } } } });
    const offResources = off.template.toJSON().Resources as Resources;
    const broader = [...functionsByHandler(offResources)].flatMap(([name, id]) =>
      permissionMismatches(derived.get(name)!, grantedPermissionsOf(off.template.toJSON(), id))
        // A call the code can make but the stack never lets happen (no send queue without email) is not a right too many.
        .filter((line) => !line.endsWith('not granted'))
        .map((line) => `${name}: ${line}`),
    );
    expect(broader).toEqual([]);
  });
});
