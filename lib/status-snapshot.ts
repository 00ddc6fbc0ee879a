import { Duration, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { Config } from '../lambdas/core/config/config-schema.js';
import { environmentVariables } from '../lambdas/core/deployment/environment-variables.js';
import { snapshotKeys } from '../lambdas/core/snapshot/snapshot-object.js';
import type { DeploymentStage } from './deployment-stage.js';
import { IncidentCommsFunction } from './lambda-function.js';
import { snapshotStreamFilter } from './stream-filters.js';

export interface StatusSnapshotProps {
  readonly table: dynamodb.TableV2;
  /** The status site's bucket: the snapshot's objects go beside the page. */
  readonly bucket: s3.Bucket;
  /** The validated configuration: its locales name the feed's snapshot objects. */
  readonly config: Config;
  readonly stage: DeploymentStage;
}

/**
 * Publishes the public snapshot (`v1/status`, `snapshot/*`) into the status site's bucket, so
 * readers are served by the CDN with no function or table behind it, and the page stays readable
 * while Lambda or DynamoDB are impaired. It reads the table's stream beside the fan-out (new updates
 * and feed items) and ticks once a minute, one invocation at a time so an older read never lands
 * after a newer one for long: a publish that lost a race or failed is mended by the next tick.
 *
 * @example
 * new StatusSnapshot(this, 'StatusSnapshot', { table, bucket: site.bucket, config, stage });
 */
export class StatusSnapshot extends Construct {
  public readonly handler: IncidentCommsFunction;

  constructor(scope: Construct, id: string, props: StatusSnapshotProps) {
    super(scope, id);
    this.handler = new IncidentCommsFunction(this, 'Handler', {
      handlerName: 'status-snapshot',
      config: props.config,
      description: 'Publishes the public status snapshot (status, open incidents, newest feed items) to the status site bucket',
      stage: props.stage,
      timeout: Duration.seconds(30),
      environment: { [environmentVariables.statusBucketName]: props.bucket.bucketName },
      // One at a time: two publishes racing could leave the older read in the bucket until the next tick.
      reservedConcurrentExecutions: 1,
    });
    this.handler.readTable(props.table);
    // PutObject on the snapshot's own keys and nothing else: bucket.grantPut would add s3:Abort* and
    // the object-lock and tagging actions, which a publisher of whole small objects never needs.
    this.handler.function.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [props.bucket.arnForObjects(snapshotKeys.status), props.bucket.arnForObjects('snapshot/*')] }),
    );
    this.handler.acknowledgeWildcard(
      `Resource::<${Stack.of(this).getLogicalId(props.bucket.node.defaultChild as s3.CfnBucket)}.Arn>/snapshot/*`,
      'PutObject under the snapshot/ prefix of the status bucket only: one object per locale of the feed, whose keys follow the configured locales; the page files of web/ are outside it.',
    );

    this.handler.function.addEventSource(
      new DynamoEventSource(props.table, {
        // LATEST: the tick publishes the whole state within a minute anyway; old records add nothing.
        startingPosition: lambda.StartingPosition.LATEST,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(1),
        filters: snapshotStreamFilter.map((pattern) => lambda.FilterCriteria.filter(pattern)),
        // A batch that cannot be published is dropped after a few tries: the next tick republishes everything.
        retryAttempts: 2,
        maxRecordAge: Duration.minutes(5),
      }),
    );
    new events.Rule(this, 'EveryMinute', {
      description: 'Republishes the public status snapshot, mending any publish that failed or lost a race',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [new targets.LambdaFunction(this.handler.function, { retryAttempts: 0 })],
    });
  }
}
