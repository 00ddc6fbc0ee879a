import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { Config } from '../lambdas/core/config/config-schema.js';
import { ConfigError } from '../lambdas/core/config/parse-config.js';
import { consoleConfigKey, consoleRedirectPath } from '../lambdas/core/console/console-config-document.js';
import type { ConsoleConfigDocument } from '../lambdas/core/console/console-config-document.js';

/** The console's files in web/console/, served by the status site's distribution under this pattern. */
export const consolePathPattern = '/console/*';

/** The console's sign-in, as deployed: its config document and the origins its browser calls while signing in. */
export interface ConsoleSignIn {
  readonly document: Exclude<ConsoleConfigDocument, { signIn: 'token' }>;
  /** The issuer's origin and `auth.consoleSignInOrigins`: the console's CSP lets it call them. */
  readonly signInOrigins: readonly string[];
}

const cognitoIssuerHost = /^cognito-idp\.[a-z0-9-]+\.amazonaws\.com$/;

/**
 * The console's sign-in from `auth`: OpenID Connect with `auth.consoleClientId` against
 * `auth.jwtIssuer`, asking for `openid` and the commander scope; without a client id, a document
 * saying what to set (there is no commander token in a deployment to fall back on).
 *
 * @example
 * consoleSignInFrom(config).document; // { signIn: 'oidc', issuer, clientId, scope: 'openid incident-comms/command', redirectPath: '/console/' }
 */
export function consoleSignInFrom(config: Config, source = 'incident-comms.config.json'): ConsoleSignIn {
  const { jwtIssuer, consoleClientId, consoleSignInOrigins, commanderScope } = config.auth;
  if (!consoleClientId || !jwtIssuer) {
    return {
      document: {
        signIn: 'unavailable',
        reason: `The commander console signs in with OpenID Connect and has no client: set auth.consoleClientId in ${source} to the client id of a public (no secret) authorization code + PKCE client whose callback is https://<status site>${consoleRedirectPath}, and deploy again (README, "Commander sign-in"). Meanwhile, commanders can call the API with a bearer token.`,
      },
      signInOrigins: [],
    };
  }
  const issuerHost = new URL(jwtIssuer).hostname;
  if (cognitoIssuerHost.test(issuerHost) && !consoleSignInOrigins?.length) {
    throw new ConfigError(
      `${source}: auth.consoleSignInOrigins must be set with auth.consoleClientId for an Amazon Cognito issuer (${issuerHost}): Cognito's token endpoint is on the user pool's domain, not the issuer's, and the console's Content-Security-Policy must allow it. ` +
        'Set it to the user pool domain, e.g. ["https://<prefix>.auth.<region>.amazoncognito.com"] or your custom domain (aws cognito-idp describe-user-pool --user-pool-id <id> --query UserPool.Domain).',
    );
  }
  return {
    document: {
      signIn: 'oidc',
      issuer: jwtIssuer,
      clientId: consoleClientId,
      scope: ['openid', ...(commanderScope ? [commanderScope] : [])].join(' '),
      redirectPath: consoleRedirectPath,
    },
    signInOrigins: [...new Set([new URL(jwtIssuer).origin, ...(consoleSignInOrigins ?? [])])],
  };
}

/**
 * What the console may load and call: its own scripts and styles only (no inline script or style), the
 * API on its own origin, and the provider's discovery document and token endpoint, which the
 * authorization code flow fetches from the browser. It frames nothing and is framed by nobody.
 */
export function consoleContentSecurityPolicy(signInOrigins: readonly string[]): string {
  const withProvider = (directive: string) => [directive, "'self'", ...signInOrigins].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    withProvider('connect-src'),
    "base-uri 'none'",
    withProvider('form-action'),
    "frame-ancestors 'none'",
    "object-src 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/**
 * A CloudFront Function (viewer request): S3 behind origin access control has no index documents, so
 * `/console/` (the redirect URI) is answered with `/console/index.html`. The query string the provider
 * adds (`?code=…&state=…`) is left for the page and is neither in the cache key nor sent to S3.
 */
export const consoleIndexRewriteCode = `function handler(event) {
  var request = event.request;
  if (request.uri.endsWith('/')) request.uri += 'index.html';
  return request;
}`;

export interface ConsoleSiteProps {
  readonly signIn: ConsoleSignIn;
}

/**
 * How the status site's distribution serves the commander console (web/console/): its own strict
 * response headers, a cache that never holds anything keyed by or forwarded with credentials, the
 * index rewrite, and the sign-in document the stack writes to `console/config.json`.
 *
 * @example
 * const console = new ConsoleSite(this, 'Console', { signIn: consoleSignInFrom(config) });
 * distribution.addBehavior(consolePathPattern, bucketOrigin, console.behaviorOptions);
 */
export class ConsoleSite extends Construct {
  public readonly responseHeadersPolicy: cloudfront.ResponseHeadersPolicy;
  public readonly cachePolicy: cloudfront.CachePolicy;
  public readonly indexRewrite: cloudfront.Function;
  /** `console/config.json`; list it after web/ in the deployment's sources so it wins over any file of that name. */
  public readonly configSource: s3deploy.ISource;

  constructor(scope: Construct, id: string, props: ConsoleSiteProps) {
    super(scope, id);
    this.responseHeadersPolicy = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: 'incident-comms commander console: CSP without inline script, allowing the OIDC provider; never cached by the browser',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: consoleContentSecurityPolicy(props.signIn.signInOrigins), override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        // The redirect back carries the authorization code in the query: no Referer ever repeats it.
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          // A deploy must reach commanders at once (a new config.json, a fixed script): browsers revalidate every time.
          { header: 'Cache-Control', value: 'no-cache', override: true },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        ],
      },
    });
    // Keyed by the path alone: no Authorization header, cookie or query string is in the key or sent
    // to S3, so no commander's credentials or authorization code can select or fill a cached copy.
    // Each deploy invalidates the distribution, so the CDN's copy is never older than the last deploy.
    this.cachePolicy = new cloudfront.CachePolicy(this, 'Cache', {
      comment: 'incident-comms commander console: static files keyed by path only, no credentials, cookies or query strings',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.minutes(5),
      maxTtl: Duration.hours(1),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    this.indexRewrite = new cloudfront.Function(this, 'IndexRewrite', {
      comment: 'incident-comms commander console: /console/ is /console/index.html',
      code: cloudfront.FunctionCode.fromInline(consoleIndexRewriteCode),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
    });
    this.configSource = s3deploy.Source.jsonData(consoleConfigKey, props.signIn.document);
  }

  /** The `/console/*` behavior, reading `origin` (the status bucket). */
  behaviorOptions(origin: cloudfront.IOrigin): cloudfront.BehaviorOptions {
    return {
      origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: this.cachePolicy,
      responseHeadersPolicy: this.responseHeadersPolicy,
      functionAssociations: [{ function: this.indexRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      compress: true,
    };
  }
}
