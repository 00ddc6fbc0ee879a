import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../lambdas/core/config/parse-config.js';
import { consoleConfigKey } from '../../lambdas/core/console/console-config-document.js';
import { consolePathPattern } from '../../lib/console-site.js';
import type { SynthesizedStack } from './synthesize-stack.js';
import { deploySettings, synthesizeStack } from './synthesize-stack.js';

type Json = Record<string, any>;
type Resource = { Type: string; Properties: Json };

const consoleClientId = '4example5console6client';
const userPoolDomain = 'https://nimbus-commanders.auth.eu-west-1.amazoncognito.com';
const issuerOrigin = new URL(deploySettings.auth.jwtIssuer).origin;

/** The deploy settings with the console's OIDC client, as an operator sets them for Cognito. */
function withConsoleClient(auth: Json = {}): Record<string, unknown> {
  return { auth: { ...deploySettings.auth, consoleClientId, consoleSignInOrigins: [userPoolDomain], ...auth } };
}

class ConsoleStack {
  readonly resources: Record<string, Resource>;
  readonly distribution: Json;

  constructor(readonly synthesized: SynthesizedStack) {
    this.resources = synthesized.template.toJSON().Resources as Record<string, Resource>;
    const distributions = this.ofType('AWS::CloudFront::Distribution');
    expect(distributions).toHaveLength(1);
    this.distribution = distributions[0]![1].Properties.DistributionConfig;
  }

  ofType(type: string): [string, Resource][] {
    return Object.entries(this.resources).filter(([, resource]) => resource.Type === type);
  }

  behavior(pattern: string): Json {
    const found = this.distribution.CacheBehaviors.filter((behavior: Json) => behavior.PathPattern === pattern);
    expect(found, pattern).toHaveLength(1);
    return found[0];
  }

  referenced(id: { Ref: string } | undefined): Json {
    expect(id?.Ref).toBeDefined();
    return this.resources[id!.Ref]!.Properties;
  }

  consoleHeaders(): Json {
    return this.referenced(this.behavior(consolePathPattern).ResponseHeadersPolicyId).ResponseHeadersPolicyConfig;
  }

  consoleCsp(): string {
    return this.consoleHeaders().SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy as string;
  }

  /** The web/ deployment: one BucketDeployment, web/ first and the stack's console/config.json after it. */
  deployment(): Json {
    const deployments = this.ofType('Custom::CDKBucketDeployment');
    expect(deployments).toHaveLength(1);
    return deployments[0]![1].Properties;
  }

  /** The deployed console/config.json, read from the staged asset its BucketDeployment source points at. */
  deployedConsoleConfig(): Json {
    const keys = this.deployment().SourceObjectKeys as string[];
    const files = keys
      .map((key) => path.join(this.synthesized.outdir, `asset.${key.replace(/\.zip$/, '')}`, consoleConfigKey))
      .filter((file) => existsSync(file));
    expect(files, 'a deployment source holding console/config.json').toHaveLength(1);
    expect(files[0], 'the config source comes after web/, so it wins over a file of that name').toContain(keys.at(-1)!.replace(/\.zip$/, ''));
    return JSON.parse(readFileSync(files[0]!, 'utf8')) as Json;
  }

  jwtAudience(): string[] {
    const authorizers = this.ofType('AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    return authorizers[0]![1].Properties.JwtConfiguration.Audience as string[];
  }
}

describe('the commander console, deployed with auth.consoleClientId', () => {
  let stack: ConsoleStack;
  beforeAll(() => {
    stack = new ConsoleStack(synthesizeStack({ config: withConsoleClient() }));
  });

  it('is served under /console/* from the status bucket, for GET and HEAD only, over HTTPS', () => {
    const behavior = stack.behavior(consolePathPattern);
    expect(behavior.TargetOriginId).toBe(stack.distribution.DefaultCacheBehavior.TargetOriginId);
    const origin = stack.distribution.Origins.find((candidate: Json) => candidate.Id === behavior.TargetOriginId);
    expect(origin.S3OriginConfig).toBeDefined();
    expect(origin.OriginAccessControlId).toBeDefined();
    expect(JSON.stringify(origin.DomainName)).toContain('StatusSiteBucket');
    expect([...behavior.AllowedMethods].sort()).toEqual(['GET', 'HEAD']);
    expect(behavior.ViewerProtocolPolicy).toBe('redirect-to-https');
  });

  it('answers its redirect URI /console/ with /console/index.html (S3 behind origin access control has no index documents)', () => {
    const [association] = stack.behavior(consolePathPattern).FunctionAssociations as Json[];
    expect(association!.EventType).toBe('viewer-request');
    const functionId = association!.FunctionARN['Fn::GetAtt'][0] as string;
    const code = stack.resources[functionId]!.Properties.FunctionCode as string;
    const handler = new Function(`${code}; return handler;`)() as (event: Json) => Json;
    expect(handler({ request: { uri: '/console/', querystring: { code: { value: 'c' } } } })).toEqual({ uri: '/console/index.html', querystring: { code: { value: 'c' } } });
    expect(handler({ request: { uri: '/console/console.js' } })).toEqual({ uri: '/console/console.js' });
  });

  it('has its own content security policy: scripts from the site only, never inline, and the provider reachable for discovery and the token', () => {
    const csp = stack.consoleCsp();
    const directives = Object.fromEntries(csp.split(/;\s*/).map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1)]));
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(directives['connect-src']).toEqual(["'self'", issuerOrigin, userPoolDomain]);
    expect(directives['form-action']).toEqual(["'self'", issuerOrigin, userPoolDomain]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['default-src']).toEqual(["'none'"]);
    // The status page keeps its own policy, which knows nothing of the provider.
    const pagePolicy = stack.referenced(stack.distribution.DefaultCacheBehavior.ResponseHeadersPolicyId).ResponseHeadersPolicyConfig;
    expect(pagePolicy.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy).not.toContain(issuerOrigin);
  });

  it('sends no Referer that could repeat the authorization code, and tells browsers to revalidate every file', () => {
    const headers = stack.consoleHeaders();
    expect(headers.SecurityHeadersConfig.ReferrerPolicy.ReferrerPolicy).toBe('no-referrer');
    expect(headers.SecurityHeadersConfig.FrameOptions.FrameOption).toBe('DENY');
    expect(headers.CustomHeadersConfig.Items).toContainEqual({ Header: 'Cache-Control', Value: 'no-cache', Override: true });
  });

  it('is cached by path alone: no Authorization header, cookie or query string in the cache key or forwarded to the bucket', () => {
    const behavior = stack.behavior(consolePathPattern);
    expect(behavior.OriginRequestPolicyId).toBeUndefined();
    const key = stack.referenced(behavior.CachePolicyId).CachePolicyConfig.ParametersInCacheKeyAndForwardedToOrigin;
    expect(key.HeadersConfig).toEqual({ HeaderBehavior: 'none' });
    expect(key.CookiesConfig).toEqual({ CookieBehavior: 'none' });
    expect(key.QueryStringsConfig).toEqual({ QueryStringBehavior: 'none' });
  });

  it('deploys console/config.json telling the console to sign in with the client id, the issuer and the commander scope', () => {
    expect(stack.deployedConsoleConfig()).toEqual({
      signIn: 'oidc',
      issuer: deploySettings.auth.jwtIssuer,
      clientId: consoleClientId,
      scope: `openid ${deploySettings.auth.commanderScope}`,
      redirectPath: '/console/',
    });
  });

  it('deploys it with web/ in one deployment whose prune keeps it and whose exclusions still keep the published snapshot', () => {
    const deployment = stack.deployment();
    expect(deployment.SourceObjectKeys).toHaveLength(2);
    expect(deployment.Prune ?? true).toBe(true);
    expect(deployment.Exclude).toEqual(['v1/status', 'snapshot/*']);
  });

  it('lets the console’s tokens through the API’s JWT authorizer: its client id joins the audiences (Cognito access tokens carry it as client_id)', () => {
    expect(stack.jwtAudience()).toEqual([...deploySettings.auth.jwtAudience, consoleClientId]);
  });

  it('passes the cdk-nag AWS Solutions checks', () => {
    const report = new AwsSolutionsChecks().validateScope(stack.synthesized.app);
    expect(report.violations.map((violation) => `${violation.severity} ${violation.ruleName}`)).toEqual([]);
  });
});

describe('the commander console, deployed without auth.consoleClientId', () => {
  let stack: ConsoleStack;
  beforeAll(() => {
    stack = new ConsoleStack(synthesizeStack({}));
  });

  it('deploys a console/config.json saying sign-in is unavailable and what to set: a deployment has no commander token to fall back on', () => {
    const config = stack.deployedConsoleConfig();
    expect(config.signIn).toBe('unavailable');
    expect(config.reason).toContain('auth.consoleClientId');
  });

  it('lets the console call nothing but its own origin, and leaves the authorizer’s audiences as configured', () => {
    const csp = stack.consoleCsp();
    expect(csp).toContain("connect-src 'self';");
    expect(csp).not.toContain(issuerOrigin);
    expect(stack.jwtAudience()).toEqual(deploySettings.auth.jwtAudience);
  });
});

describe('the console’s configuration', () => {
  it('stops synth when a Cognito issuer has a console client but not the user pool domain its token endpoint lives on', () => {
    expect(() => synthesizeStack({ config: withConsoleClient({ consoleSignInOrigins: undefined }) })).toThrow(ConfigError);
    expect(() => synthesizeStack({ config: withConsoleClient({ consoleSignInOrigins: undefined }) })).toThrow(/auth\.consoleSignInOrigins.*amazoncognito\.com/);
  });

  it('adds a console client id already among the audiences only once', () => {
    const stack = new ConsoleStack(synthesizeStack({ config: withConsoleClient({ consoleClientId: deploySettings.auth.jwtAudience[0] }) }));
    expect(stack.jwtAudience()).toEqual(deploySettings.auth.jwtAudience);
  });
});
