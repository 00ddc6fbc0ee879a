import { Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { environmentVariables } from '../lambdas/core/deployment/environment-variables.js';
import type { DeploymentStage } from './deployment-stage.js';
import type { IncidentCommsFunction } from './lambda-function.js';

/**
 * Random characters of the generated key: letters and digits only (~5.95 bits each, ~380 bits in
 * all), well above the 32 bytes the token adapter insists on and the 48 characters asked of it.
 */
export const subscriptionTokenKeyLength = 64;

export interface SubscriptionTokenKeyProps {
  readonly stage: DeploymentStage;
}

/**
 * The key every subscription token (confirm, unsubscribe, preferences) is an HMAC of: a Secrets
 * Manager secret generated at deploy, never written anywhere else, kept outside `dev` like the
 * table. Only the functions that issue or read tokens may read it (`grantRead`): the API, the
 * email senders and the webhook workers (webhook signing secrets are derived from it too); the
 * planners and the fan-out never see a token.
 *
 * @example
 * const tokens = new SubscriptionTokenKey(this, 'SubscriptionTokens', { stage });
 * tokens.grantRead(api.handler);
 */
export class SubscriptionTokenKey extends Construct {
  public readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: SubscriptionTokenKeyProps) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description:
        'The key incident-comms derives subscription tokens from (HMAC-SHA256): every confirm, unsubscribe and preferences link in customer mail depends on it. Changing it invalidates every link already mailed.',
      // The whole SecretString is the key (lambdas/adapters/tokens/secret-token-key.ts reads its bytes).
      generateSecretString: { passwordLength: subscriptionTokenKeyLength, excludePunctuation: true, includeSpace: false },
      removalPolicy: props.stage.removalPolicy,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Every unsubscribe and preferences link in mail already delivered is an HMAC under this key; rotating it would silently break those links (RFC 8058 one-click unsubscribe included), so it changes only by a deliberate put-secret-value (docs/operations.md), never on a schedule.',
    });
  }

  /** Lets `fn` read the key (GetSecretValue on this secret only) and tells it where the key is. */
  grantRead(fn: IncidentCommsFunction): void {
    fn.readsSecret(this.secret);
    fn.function.addEnvironment(environmentVariables.tokenSecretArn, this.secret.secretArn);
  }
}
