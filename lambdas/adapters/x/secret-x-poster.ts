import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { TwitterApiPoster } from './twitter-api-poster.js';
import type { TwitterApiPosterOptions } from './twitter-api-poster.js';
import { readXCredentials } from './x-credentials.js';
import { XNotConfigured } from '../../core/ports/x-post-errors.js';
import type { XPoster, XPostRequest } from '../../core/ports/x-poster.js';

export interface SecretXPosterProps {
  secrets: SecretsManagerClient;
  /** The secret's ARN (`X_SECRET_ARN`); absent when the stack made none. */
  secretArn: string | undefined;
  /** Passed on to the TwitterApiPoster (tests aim it at a stand-in). */
  twitter?: TwitterApiPosterOptions;
}

/**
 * The deployed X poster: reads the credentials from Secrets Manager on first use, once per
 * container (a failed read is tried again on the next post), then posts with twitter-api-v2.
 * With no credentials in the secret every post fails with `XNotConfigured`, saying what to do.
 *
 * @example
 * const poster = new SecretXPoster({ secrets: new SecretsManagerClient({}), secretArn: process.env.X_SECRET_ARN });
 */
export class SecretXPoster implements XPoster {
  private poster: Promise<XPoster> | undefined;

  constructor(private readonly props: SecretXPosterProps) {}

  async post(request: XPostRequest): Promise<{ id: string }> {
    const poster = await this.resolve();
    return poster.post(request);
  }

  private resolve(): Promise<XPoster> {
    this.poster ??= this.load().catch((error: unknown) => {
      this.poster = undefined;
      throw error;
    });
    return this.poster;
  }

  private async load(): Promise<XPoster> {
    const { secretArn } = this.props;
    if (!secretArn) return notConfigured('the function has no X_SECRET_ARN: the X channel is switched off in the deployed configuration');
    const credentials = await readXCredentials(this.props.secrets, secretArn);
    if (!credentials) {
      return notConfigured(
        `X credentials are not set in the secret ${secretArn}: put {"appKey","appSecret","accessToken","accessSecret"} there with aws secretsmanager put-secret-value`,
      );
    }
    return new TwitterApiPoster(credentials, this.props.twitter);
  }
}

function notConfigured(detail: string): XPoster {
  return {
    post: () => Promise.reject(new XNotConfigured(detail)),
  };
}
