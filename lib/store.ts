import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { globalSecondaryIndexes, tableDefinition } from '../lambdas/core/store/table-definition.js';
import type { DeploymentStage } from './deployment-stage.js';

export interface StoreProps {
  readonly stage: DeploymentStage;
}

/**
 * The single table of `lambdas/core/store/table-definition.ts` (the local runtime creates the
 * same one): on-demand, point-in-time recovery, a NEW_IMAGE stream for the fan-out, TTL for
 * idempotency records; kept and deletion-protected outside `dev`.
 *
 * @example
 * const { table } = new Store(this, 'Store', { stage });
 */
export class Store extends Construct {
  public readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: StoreProps) {
    super(scope, id);
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: stringAttribute(tableDefinition.partitionKey),
      sortKey: stringAttribute(tableDefinition.sortKey),
      globalSecondaryIndexes: globalSecondaryIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: stringAttribute(index.partitionKey),
        sortKey: stringAttribute(index.sortKey),
      })),
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      dynamoStream: dynamodb.StreamViewType[tableDefinition.streamViewType],
      // Incident traffic is spiky and mostly idle: on-demand costs nothing between incidents.
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Encrypted at rest with a DynamoDB-owned key; a customer key would add $1/month and
      // kms permissions to every reader without narrowing who can read the table.
      encryption: dynamodb.TableEncryptionV2.dynamoOwnedKey(),
      deletionProtection: props.stage.retain,
      removalPolicy: props.stage.removalPolicy,
    });
  }
}

function stringAttribute(name: string): dynamodb.Attribute {
  return { name, type: dynamodb.AttributeType.STRING };
}
