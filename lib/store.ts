import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { globalSecondaryIndexesOf, recipientTableDefinition, tableDefinition } from '../lambdas/core/store/table-definition.js';
import type { TableShape } from '../lambdas/core/store/table-definition.js';
import type { DeploymentStage } from './deployment-stage.js';

export interface StoreProps {
  readonly stage: DeploymentStage;
}

/**
 * The two tables of `lambdas/core/store/table-definition.ts` (the local runtime creates the same
 * ones): on-demand, point-in-time recovery, TTL; kept and deletion-protected outside `dev`. The main
 * table has a NEW_IMAGE stream for the fan-out; the recipient table (subscribers and the email
 * channel's per-recipient records) has none, so a large send never queues ahead of an update.
 *
 * @example
 * const { table, recipientTable } = new Store(this, 'Store', { stage });
 */
export class Store extends Construct {
  public readonly table: dynamodb.TableV2;
  public readonly recipientTable: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: StoreProps) {
    super(scope, id);
    this.table = tableOf(this, 'Table', tableDefinition, props.stage);
    this.recipientTable = tableOf(this, 'RecipientTable', recipientTableDefinition, props.stage);
  }
}

function tableOf(scope: Construct, id: string, shape: TableShape, stage: DeploymentStage): dynamodb.TableV2 {
  return new dynamodb.TableV2(scope, id, {
    partitionKey: stringAttribute(shape.partitionKey),
    sortKey: stringAttribute(shape.sortKey),
    globalSecondaryIndexes: globalSecondaryIndexesOf(shape).map((index) => ({
      indexName: index.indexName,
      partitionKey: stringAttribute(index.partitionKey),
      sortKey: stringAttribute(index.sortKey),
    })),
    timeToLiveAttribute: shape.timeToLiveAttribute,
    ...(shape.streamViewType ? { dynamoStream: dynamodb.StreamViewType[shape.streamViewType] } : {}),
    // Incident traffic is spiky and mostly idle: on-demand costs nothing between incidents.
    billing: dynamodb.Billing.onDemand(),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    // Encrypted at rest with a DynamoDB-owned key; a customer key would add $1/month and
    // kms permissions to every reader without narrowing who can read the table.
    encryption: dynamodb.TableEncryptionV2.dynamoOwnedKey(),
    deletionProtection: stage.retain,
    removalPolicy: stage.removalPolicy,
  });
}

function stringAttribute(name: string): dynamodb.Attribute {
  return { name, type: dynamodb.AttributeType.STRING };
}
