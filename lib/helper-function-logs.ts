import { CfnResource } from 'aws-cdk-lib';
import type { Stack } from 'aws-cdk-lib';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { DeploymentStage } from './deployment-stage.js';

/**
 * Gives every function CDK itself adds to `stack` (the bucket deployment's, the auto-delete
 * provider's) a log group with the stage's retention, as ours have. Left alone, Lambda creates
 * `/aws/lambda/<name>` on the first invocation, kept forever and outside the stack. Each such
 * function's `LoggingConfig` is pointed at a log group of the stack; functions that already name
 * one (all of ours, `IncidentCommsFunction`) are left as they are. Call it last, once every
 * construct that may add a helper exists.
 *
 * @example
 * giveHelperFunctionsLogGroups(this, stage);
 */
export function giveHelperFunctionsLogGroups(stack: Stack, stage: DeploymentStage): void {
  const helpers = stack.node
    .findAll()
    .filter((construct): construct is CfnResource => CfnResource.isCfnResource(construct) && construct.cfnResourceType === 'AWS::Lambda::Function')
    .filter((fn) => !(fn instanceof CfnFunction && fn.loggingConfig !== undefined));
  if (helpers.length === 0) return;
  const scope = new Construct(stack, 'HelperFunctionLogs');
  for (const helper of helpers) {
    const logGroup = new logs.LogGroup(scope, stack.getLogicalId(helper), { retention: stage.logRetention, removalPolicy: stage.removalPolicy });
    helper.addPropertyOverride('LoggingConfig.LogGroup', logGroup.logGroupName);
  }
}
