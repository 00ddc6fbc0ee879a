import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Config } from '../lambdas/core/config/config-schema.js';
import { bundledConfigIdentifier, environmentVariables } from '../lambdas/core/deployment/environment-variables.js';
import { globalSecondaryIndexesOf, recipientTableDefinition, tableDefinition } from '../lambdas/core/store/table-definition.js';
import type { TableShape } from '../lambdas/core/store/table-definition.js';
import type { DeploymentStage } from './deployment-stage.js';
import { readItemActions, tableAccess } from './table-access.js';
import type { TableKind } from './table-access.js';

/** The repository root: esbuild resolves `lambdas/` and `node_modules/` from here, and the lockfile pins the SDK. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** The Powertools service name every function logs under. */
export const powertoolsServiceName = 'incident-comms';

/**
 * esbuild emits ESM, but some bundled CommonJS dependencies call `require` for Node built-ins;
 * ESM has no `require`, so the banner defines one. No `$` or backtick: the banner passes through a shell.
 */
export const esmRequireBanner = "import { createRequire as __incidentCommsCreateRequire } from 'node:module'; const require = __incidentCommsCreateRequire(import.meta.url);";

export interface IncidentCommsFunctionProps {
  /** The entry point's file name under `lambdas/handlers/`, without `.ts`: `api`, `fanout`, `x-channel`. */
  readonly handlerName: string;
  readonly description: string;
  readonly stage: DeploymentStage;
  /** The consumer's timeout also sizes its queue's visibility timeout, so callers read it back. */
  readonly timeout: Duration;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default none: the account's unreserved concurrency */
  readonly reservedConcurrentExecutions?: number;
  /** Added to STAGE, POWERTOOLS_SERVICE_NAME and NODE_OPTIONS, which every function gets. */
  readonly environment?: Record<string, string>;
  /**
   * Where an asynchronous invocation (an EventBridge target) goes, the event itself as the message
   * body, when it still fails after Lambda's own two retries.
   * @default none: only functions invoked asynchronously need one
   */
  readonly deadLetterQueue?: sqs.IQueue;
  /**
   * The configuration synth validated, written into the bundle as data (`lambdas/handlers/config/bundled-config.ts`)
   * so the function neither reads nor validates it at init.
   * @default none: the function's code does not read the configuration
   */
  readonly config?: Config;
}

/**
 * esbuild `define` entries that write `config` into a bundle as a JSON literal under the identifier
 * `lambdas/handlers/config/bundled-config.ts` reads.
 */
export function bundledConfigDefine(config: Config | undefined): Record<string, string> {
  return config === undefined ? {} : { [bundledConfigIdentifier]: JSON.stringify(config) };
}

/**
 * A Node.js 22 arm64 function bundled locally by esbuild (no Docker) into one minified ESM file with
 * source maps and the AWS SDK clients it imports, logging to its own log group with a retention,
 * under a role that holds only what callers grant it: on the tables, what `lib/table-access.ts`
 * declares for its entry point; on queues and secrets, the one action its code calls.
 *
 * @example
 * const api = new IncidentCommsFunction(this, 'Handler', {
 *   handlerName: 'api', description: 'HTTP API', stage, timeout: Duration.seconds(10),
 * });
 * api.useTable(table);
 */
export class IncidentCommsFunction extends Construct {
  /** The entry point's file name under `lambdas/handlers/`, which `lib/table-access.ts` is keyed by. */
  public readonly handlerName: string;
  public readonly function: NodejsFunction;
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;
  public readonly timeout: Duration;
  /** Set when the function runs at most this many at a time; its throttles are then by design. */
  public readonly reservedConcurrentExecutions: number | undefined;

  constructor(scope: Construct, id: string, props: IncidentCommsFunctionProps) {
    super(scope, id);
    this.handlerName = props.handlerName;
    this.timeout = props.timeout;
    this.reservedConcurrentExecutions = props.reservedConcurrentExecutions;
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.stage.logRetention,
      removalPolicy: props.stage.removalPolicy,
    });
    // Our own role instead of the default one, which carries the AWS-managed AWSLambdaBasicExecutionRole
    // (logs:* on every log group in the account): this one may write to its own log group only.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the incident-comms ${props.handlerName} function`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(projectRoot, 'lambdas', 'handlers', `${props.handlerName}.ts`),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      description: props.description,
      timeout: props.timeout,
      memorySize: props.memorySize ?? 512,
      role: this.role,
      logGroup: this.logGroup,
      ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue } : {}),
      ...(props.reservedConcurrentExecutions !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrentExecutions } : {}),
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      environment: {
        STAGE: props.stage.name,
        POWERTOOLS_SERVICE_NAME: powertoolsServiceName,
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        // Stack traces only need the mappings; leaving the sources out keeps the upload small.
        sourcesContent: false,
        banner: esmRequireBanner,
        // Bundle the SDK clients each function imports (docs/design.md: faster init, lockfile-pinned SDK).
        bundleAwsSDK: true,
        externalModules: [],
        forceDockerBundling: false,
        define: bundledConfigDefine(props.config),
      },
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Node.js 22 (LTS, supported by Lambda into 2027) is the runtime docs/design.md chose and the one the bundles are built and tested for (esbuild target node22); moving to a newer runtime is a deliberate, tested change, not a side effect of upgrading cdk-nag.',
    });
  }

  /** Names the main table in the environment and grants what `lib/table-access.ts` declares for this function on it. */
  useTable(table: dynamodb.TableV2): void {
    this.function.addEnvironment(environmentVariables.tableName, table.tableName);
    this.grantTableAccess(table, 'main', tableDefinition);
  }

  /**
   * `useTable` for a function that must never write: synth fails if `lib/table-access.ts` grants it
   * more than gets, batch-gets and queries of the main table.
   */
  readTable(table: dynamodb.TableV2): void {
    const main = tableAccess[this.handlerName]?.main;
    const writes = [...(main?.items ?? []).filter((action) => !readItemActions.includes(action)), ...(main?.deletesIn?.length ? ['dynamodb:DeleteItem'] : [])];
    if (writes.length > 0) {
      throw new Error(`the ${this.handlerName} function only reads the table, yet lib/table-access.ts grants it ${writes.join(', ')}: remove them, or wire it with useTable`);
    }
    this.useTable(table);
  }

  /** Names the recipient table in the environment and grants what `lib/table-access.ts` declares for this function on it. */
  useRecipientTable(table: dynamodb.TableV2): void {
    this.function.addEnvironment(environmentVariables.recipientTableName, table.tableName);
    this.grantTableAccess(table, 'recipient', recipientTableDefinition);
  }

  /** May send messages to `queue` (`sqs:SendMessage`, which also authorizes SendMessageBatch) and nothing else on it. */
  sendsTo(queue: sqs.IQueue): void {
    queue.grant(this.function, 'sqs:SendMessage');
    queue.encryptionMasterKey?.grant(this.function, 'kms:GenerateDataKey', 'kms:Decrypt');
  }

  /** May read `secret`'s value (`secretsmanager:GetSecretValue`) and nothing else on it. */
  readsSecret(secret: secretsmanager.ISecret): void {
    iam.Grant.addToPrincipal({ grantee: this.function, actions: ['secretsmanager:GetSecretValue'], resourceArns: [secret.secretArn] });
    secret.encryptionKey?.grantDecrypt(this.function);
  }

  /**
   * The item actions of `lib/table-access.ts` on the table itself, held to the partitions the function
   * builds keys for, DeleteItem held to its `deletesIn` partitions alone, and Query on the table's
   * indexes by name when it reads them. The index statement
   * has no partition condition: an index's partition keys (`STATE#open`, `AUDIENCE#en#03`) are not the
   * table's.
   */
  private grantTableAccess(table: dynamodb.TableV2, kind: TableKind, shape: TableShape): void {
    const access = tableAccess[this.handlerName]?.[kind];
    if (!access) {
      throw new Error(`the stack hands the ${this.handlerName} function the ${kind} table, but lib/table-access.ts grants it nothing there: declare what its code calls on that table`);
    }
    const badPrefix = access.partitions.find((prefix) => prefix === '' || /[*?]/.test(prefix));
    if (access.partitions.length === 0 || badPrefix !== undefined) {
      throw new Error(`lib/table-access.ts: the ${this.handlerName} function's partitions on the ${kind} table must be non-empty key prefixes without * or ?`);
    }
    iam.Grant.addToPrincipal({
      grantee: this.function,
      actions: [...access.items],
      resourceArns: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': access.partitions.map((prefix) => `${prefix}*`) } },
    });
    const deletesIn = access.deletesIn ?? [];
    if (deletesIn.some((prefix) => !access.partitions.includes(prefix))) {
      throw new Error(`lib/table-access.ts: the ${this.handlerName} function deletes in partitions of the ${kind} table it is not granted (deletesIn must be some of its partitions)`);
    }
    if (deletesIn.length > 0) {
      iam.Grant.addToPrincipal({
        grantee: this.function,
        actions: ['dynamodb:DeleteItem'],
        resourceArns: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': deletesIn.map((prefix) => `${prefix}*`) } },
      });
    }
    if (access.queriesIndexes) {
      iam.Grant.addToPrincipal({
        grantee: this.function,
        actions: ['dynamodb:Query'],
        resourceArns: globalSecondaryIndexesOf(shape).map((index) => `${table.tableArn}/index/${index.indexName}`),
      });
    }
  }

  /**
   * Records, next to the grant that needs it, why a wildcard in this function's policy is acceptable
   * (cdk-nag AwsSolutions-IAM5 reports each wildcard as its own finding).
   */
  acknowledgeWildcard(finding: string, reason: string): void {
    Validations.of(this).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
  }
}
