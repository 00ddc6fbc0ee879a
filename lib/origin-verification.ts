import { Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { environmentVariables } from '../lambdas/core/deployment/environment-variables.js';
import type { DeploymentStage } from './deployment-stage.js';
import type { IncidentCommsFunction } from './lambda-function.js';

export interface OriginVerificationProps {
  readonly stage: DeploymentStage;
}

/**
 * The secret CloudFront adds to every request it forwards to the API (`x-origin-verify`), and that
 * both API functions require. API Gateway's execute-api endpoint is disabled, but the API's own
 * custom domain (`frontDoor.apiOriginDomainName`) must stay public for CloudFront to reach it; this
 * is what makes a request sent straight to that domain, round the WAF and the cache, a 403.
 *
 * The value reaches CloudFront and the functions as a CloudFormation dynamic reference, resolved at
 * deploy: it is never in the template, but whoever may read the distribution's or the functions'
 * configuration can read it (docs/threat-model.md).
 *
 * @example
 * const verification = new OriginVerification(this, 'OriginVerification', { stage });
 * verification.requireOn(api.handler);
 */
export class OriginVerification extends Construct {
  public readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: OriginVerificationProps) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: 'incident-comms: the header value CloudFront adds to every request it forwards to the API; requests without it are refused.',
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
      removalPolicy: props.stage.removalPolicy,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'CloudFront and the API functions read this value only at deploy (a dynamic reference), so a scheduled rotation would leave both holding the old value until the next deploy and then, for the minutes CloudFront takes to propagate, refuse real traffic. It is rotated by changing it and deploying (docs/operations.md).',
    });
  }

  /** The value as CloudFormation resolves it at deploy, for the distribution's origin header. */
  get headerValue(): string {
    return this.secret.secretValue.unsafeUnwrap();
  }

  /** Makes `fn` refuse requests that do not carry the header (lambdas/handlers/api/front-door.ts). */
  requireOn(fn: IncidentCommsFunction): void {
    fn.function.addEnvironment(environmentVariables.originVerifySecret, this.headerValue);
  }
}
