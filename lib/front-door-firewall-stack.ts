import { Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { clientLimits } from '../lambdas/core/api/client-limits.js';
import type { ClientLimit } from '../lambdas/core/api/client-limits.js';
import type { DeploymentStage } from './deployment-stage.js';

/** CloudFront takes web ACLs from this region only, whatever region the rest of the system is in. */
export const firewallRegion = 'us-east-1';

/** Where the firewall stack leaves its web ACL's ARN (in us-east-1) for the main stack to read at deploy. */
export function webAclArnParameterName(stage: DeploymentStage): string {
  return `/incident-comms/${stage.name}/front-door/web-acl-arn`;
}

/** The AWS managed rule groups of the web ACL, each with the rules it only counts. */
export const managedRuleGroups = [
  {
    name: 'AWSManagedRulesCommonRuleSet',
    // The API takes bodies up to 64 KiB (a subscriber import), above this group's 8 KB; it checks sizes itself.
    countOnly: ['SizeRestrictions_BODY'],
  },
  { name: 'AWSManagedRulesKnownBadInputsRuleSet', countOnly: [] },
] as const;

/** The body of a request a rate rule refuses, in the API's own problem shape. */
const tooManyRequestsBodyKey = 'too-many-requests';

export interface FrontDoorFirewallStackProps extends StackProps {
  readonly stage: DeploymentStage;
}

/**
 * The AWS WAF web ACL in front of the status site's distribution, and so of every request to the
 * API: the per-client limits of lambdas/core/api/client-limits.ts as rate-based rules (the same
 * limits the local runtime enforces), and the AWS managed common and known-bad-inputs rule groups.
 * CloudFront takes web ACLs from us-east-1 only, so this is a stack of its own there, deployed before
 * the main stack, which reads the ACL's ARN from an SSM parameter it leaves in us-east-1 (a
 * cross-region reference would need both stacks pinned to an account and a region at synth).
 *
 * @example
 * const firewall = new FrontDoorFirewallStack(app, 'IncidentComms-prod-Firewall', { stage });
 */
export class FrontDoorFirewallStack extends Stack {
  public readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: FrontDoorFirewallStackProps) {
    super(scope, id, { ...props, env: { ...props.env, region: firewallRegion } });
    const metricPrefix = `incident-comms-${props.stage.name}`;
    const visibility = (name: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName: `${metricPrefix}-${name}`,
      sampledRequestsEnabled: true,
    });
    let priority = 0;
    const rules: wafv2.CfnWebACL.RuleProperty[] = [
      ...managedRuleGroups.map((group) => ({
        name: group.name,
        priority: priority++,
        overrideAction: { none: {} },
        statement: {
          managedRuleGroupStatement: {
            vendorName: 'AWS',
            name: group.name,
            ruleActionOverrides: group.countOnly.map((rule) => ({ name: rule, actionToUse: { count: {} } })),
          },
        },
        visibilityConfig: visibility(group.name),
      })),
      ...clientLimits.map((limit) => ({
        name: limit.name,
        priority: priority++,
        action: {
          block: {
            customResponse: {
              responseCode: 429,
              customResponseBodyKey: tooManyRequestsBodyKey,
              // WAF keeps blocking until the client's rate falls under the limit; a window is the honest upper bound.
              responseHeaders: [{ name: 'retry-after', value: String(limit.windowSeconds) }],
            },
          },
        },
        statement: { rateBasedStatement: rateBasedStatement(limit) },
        visibilityConfig: visibility(limit.name),
      })),
    ];
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: `incident-comms-${props.stage.name}-front-door`,
      description: 'incident-comms: per-client limits and AWS managed rules in front of the status site and the API',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      customResponseBodies: {
        [tooManyRequestsBodyKey]: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            type: 'urn:incident-comms:problem:too-many-requests',
            title: 'Too many requests',
            status: 429,
            detail: 'too many requests from this client; wait for the number of seconds in Retry-After',
          }),
        },
      },
      rules,
      visibilityConfig: visibility('web-acl'),
    });
    new ssm.StringParameter(this, 'WebAclArn', {
      parameterName: webAclArnParameterName(props.stage),
      stringValue: this.webAcl.attrArn,
      description: `The web ACL the incident-comms ${props.stage.name} distribution uses`,
    });
  }
}

/** A WAF rate-based rule counting one client's requests, narrowed to the limit's routes when it names any. */
export function rateBasedStatement(limit: ClientLimit): wafv2.CfnWebACL.RateBasedStatementProperty {
  const requests = (limit.requests ?? []).map(
    (request): wafv2.CfnWebACL.StatementProperty => ({
      andStatement: {
        statements: [
          exactly({ method: {} }, request.method, 'NONE'),
          // The API's router reads `/v1/./subscriptions` and `//v1/subscriptions` as the route itself:
          // the rule must count them too, or a changed spelling would step round the limit.
          { orStatement: { statements: [request.path, `${request.path}/`].map((spelling) => exactly({ uriPath: {} }, spelling, 'NORMALIZE_PATH')) } },
        ],
      },
    }),
  );
  const [only] = requests;
  const scopeDown = requests.length === 0 ? undefined : requests.length === 1 ? only : { orStatement: { statements: requests } };
  return {
    aggregateKeyType: 'IP',
    limit: limit.limit,
    evaluationWindowSec: limit.windowSeconds,
    ...(scopeDown ? { scopeDownStatement: scopeDown } : {}),
  };
}

function exactly(fieldToMatch: wafv2.CfnWebACL.FieldToMatchProperty, value: string, transformation: 'NONE' | 'NORMALIZE_PATH'): wafv2.CfnWebACL.StatementProperty {
  return {
    byteMatchStatement: {
      fieldToMatch,
      positionalConstraint: 'EXACTLY',
      searchString: value,
      textTransformations: [{ priority: 0, type: transformation }],
    },
  };
}
