import { RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';

/** Where the stack is deployed: `dev` may be torn down; every other stage keeps its data. */
export interface DeploymentStage {
  readonly name: string;
  /** Deletion protection and RETAIN for the table, buckets, keys, secret and logs. */
  readonly retain: boolean;
  /** What `cdk destroy` does with stateful resources of this stage. */
  readonly removalPolicy: RemovalPolicy;
  /** How long function, API and alarm logs are kept. */
  readonly logRetention: logs.RetentionDays;
}

/** The stage that `cdk destroy` may remove with its data; any other stage keeps it. */
export const disposableStageName = 'dev';

/**
 * A stage's defaults, decided here once so that every construct reads them instead of choosing:
 * a disposable stage deletes what it created and keeps logs two weeks; any other keeps data and
 * three months of logs.
 *
 * @example
 * const stage = deploymentStage('prod');
 * new logs.LogGroup(this, 'Logs', { retention: stage.logRetention, removalPolicy: stage.removalPolicy });
 */
export function deploymentStage(name: string): DeploymentStage {
  const retain = name !== disposableStageName;
  return {
    name,
    retain,
    removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    logRetention: retain ? logs.RetentionDays.THREE_MONTHS : logs.RetentionDays.TWO_WEEKS,
  };
}
