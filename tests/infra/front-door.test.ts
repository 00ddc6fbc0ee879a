import { beforeAll, describe, expect, it } from 'vitest';
import { AwsSolutionsChecks } from 'cdk-nag';
import { operationList } from '../../lambdas/core/api/api-contract.js';
import { createReadSchemas } from '../../lambdas/core/api/read-schemas.js';
import { clientLimits } from '../../lambdas/core/api/client-limits.js';
import { apiCatchAllPattern, pathPatternMatches, planApiRouteBehaviors, samplePath } from '../../lib/api-route-behaviors.js';
import { managedRuleGroups, webAclArnParameterName } from '../../lib/front-door-firewall-stack.js';
import { deploymentStage } from '../../lib/deployment-stage.js';
import type { SynthesizedStack } from './synthesize-stack.js';
import { deploySettings, repositoryConfig, synthesizeStack } from './synthesize-stack.js';

type Resource = { Type: string; Properties: Record<string, any> };
type Behavior = Record<string, any>;

let synthesized: SynthesizedStack;
let resources: Record<string, Resource>;
let distribution: Record<string, any>;

beforeAll(() => {
  synthesized = synthesizeStack({ stage: 'dev' });
  resources = synthesized.template.toJSON().Resources as Record<string, Resource>;
  distribution = Object.values(resources).find((resource) => resource.Type === 'AWS::CloudFront::Distribution')!.Properties.DistributionConfig;
});

function ofType(type: string): [string, Resource][] {
  return Object.entries(resources).filter(([, resource]) => resource.Type === type);
}

/** The behavior CloudFront picks for a path: the first whose pattern matches, else the default. */
function behaviorFor(path: string): Behavior {
  return distribution.CacheBehaviors.find((behavior: Behavior) => pathPatternMatches(behavior.PathPattern, path)) ?? distribution.DefaultCacheBehavior;
}

function cachePolicyOf(behavior: Behavior): Record<string, any> {
  return resources[behavior.CachePolicyId.Ref]!.Properties.CachePolicyConfig;
}

const queries = createReadSchemas(repositoryConfig()).queries;
const queryKeysOf = (name: string) => Object.keys(queries[name as keyof typeof queries].shape).sort();

describe('the one front door', () => {
  it('disables the execute-api endpoint and maps the API on its own origin domain, with TLS 1.2 and the configured certificate', () => {
    const [[apiId, api]] = ofType('AWS::ApiGatewayV2::Api') as [[string, Resource]];
    expect(api.Properties.DisableExecuteApiEndpoint).toBe(true);
    const [[domainId, domain]] = ofType('AWS::ApiGatewayV2::DomainName') as [[string, Resource]];
    expect(domain.Properties).toMatchObject({
      DomainName: deploySettings.frontDoor.apiOriginDomainName,
      DomainNameConfigurations: [{ CertificateArn: deploySettings.frontDoor.apiOriginCertificateArn, SecurityPolicy: 'TLS_1_2', EndpointType: 'REGIONAL' }],
    });
    const [[, mapping]] = ofType('AWS::ApiGatewayV2::ApiMapping') as [[string, Resource]];
    expect(mapping.Properties).toMatchObject({ ApiId: { Ref: apiId }, DomainName: { Ref: domainId } });
  });

  it('sends every operation of the contract through the distribution to the API origin, which carries the origin secret the three API functions require', () => {
    const apiOrigin = distribution.Origins.find((origin: any) => origin.DomainName === deploySettings.frontDoor.apiOriginDomainName);
    expect(apiOrigin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    const [header] = apiOrigin.OriginCustomHeaders;
    expect(header.HeaderName).toBe('x-origin-verify');
    expect(JSON.stringify(header.HeaderValue)).toMatch(/resolve:secretsmanager:/);
    const apiFunctions = ofType('AWS::Lambda::Function').filter(([id]) => ['ApiHandler', 'ApiReadHandler', 'ApiPreviewHandler'].some((prefix) => id.startsWith(prefix)));
    expect(apiFunctions.map(([id]) => id.replace(/Function[0-9A-F]{8}$/, '')).sort()).toEqual(['ApiHandler', 'ApiPreviewHandler', 'ApiReadHandler']);
    for (const [id, fn] of apiFunctions) {
      expect(fn.Properties.Environment.Variables.ORIGIN_VERIFY_SECRET, id).toEqual(header.HeaderValue);
    }
    const [group] = distribution.OriginGroups.Items;
    for (const operation of operationList) {
      const behavior = behaviorFor(samplePath(operation.path));
      const key = `${operation.method} ${operation.path}`;
      expect(behavior, key).not.toBe(distribution.DefaultCacheBehavior);
      if (operation.path === '/v1/status') expect(behavior.TargetOriginId, key).toBe(group.Id);
      else expect(behavior.TargetOriginId, key).toBe(apiOrigin.Id);
      expect(behavior.AllowedMethods, key).toContain(operation.method);
    }
  });

  it('keys each public read by exactly the query keys it reads, none for the status and an incident', () => {
    for (const operation of operationList.filter((candidate) => candidate.method === 'GET' && candidate.servedBy === 'reads')) {
      const config = cachePolicyOf(behaviorFor(samplePath(operation.path))).ParametersInCacheKeyAndForwardedToOrigin;
      const expected = operation.query ? queryKeysOf(operation.query) : [];
      const key = `${operation.method} ${operation.path}`;
      if (expected.length === 0) expect(config.QueryStringsConfig, key).toEqual({ QueryStringBehavior: 'none' });
      else expect({ ...config.QueryStringsConfig, QueryStrings: [...config.QueryStringsConfig.QueryStrings].sort() }, key).toEqual({ QueryStringBehavior: 'whitelist', QueryStrings: expected });
      expect(config.CookiesConfig.CookieBehavior, key).toBe('none');
    }
    expect(queryKeysOf('listIncidents')).toEqual(['cursor', 'limit', 'state']);
  });

  it('never caches a commander route or a token route, and forwards the bearer token to the API', () => {
    for (const operation of operationList.filter((candidate) => !(candidate.method === 'GET' && candidate.servedBy === 'reads'))) {
      const key = `${operation.method} ${operation.path}`;
      const behavior = behaviorFor(samplePath(operation.path));
      const policy = cachePolicyOf(behavior);
      // CloudFront forwards Authorization only as part of the cache key.
      expect(policy.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig, key).toEqual({ HeaderBehavior: 'whitelist', Headers: ['authorization'] });
      if (operation.method === 'GET') {
        expect(policy.DefaultTTL, key).toBe(0);
        expect(policy.MaxTTL, key).toBeLessThanOrEqual(1);
        expect(policy.ParametersInCacheKeyAndForwardedToOrigin.QueryStringsConfig.QueryStringBehavior, key).toBe('all');
      }
      const requestPolicy = resources[behavior.OriginRequestPolicyId.Ref]!.Properties.OriginRequestPolicyConfig;
      expect(requestPolicy.HeadersConfig.Headers, key).toEqual(expect.arrayContaining(['content-type', 'cloudfront-viewer-address', ...(operation.headers ?? [])]));
    }
    expect(distribution.CacheBehaviors.at(-1).PathPattern).toBe(apiCatchAllPattern);
  });

  it("passes a commander's PUT of a postmortem to the API uncached, with its If-Match and Idempotency-Key, though a cached read's pattern also matches its path", () => {
    const behavior = behaviorFor('/v1/incidents/inc_01JF3Z00000000000000000000/postmortem');
    expect(behavior.PathPattern).toBe('/v1/incidents/*/postmortem');
    expect(behavior.AllowedMethods).toContain('PUT');
    expect(cachePolicyOf(behavior).DefaultTTL).toBe(0);
    const requestPolicy = resources[behavior.OriginRequestPolicyId.Ref]!.Properties.OriginRequestPolicyConfig;
    expect(requestPolicy.HeadersConfig.Headers).toEqual(expect.arrayContaining(['if-match', 'idempotency-key']));
    const route = ofType('AWS::ApiGatewayV2::Route').find(([, candidate]) => candidate.Properties.RouteKey === 'PUT /v1/incidents/{id}/postmortem');
    expect(route?.[1].Properties.AuthorizationType).toBe('JWT');
  });

  it('orders behaviors so that no pattern takes a deeper path first', () => {
    const planned = planApiRouteBehaviors(operationList, queryKeysOf, ['/v1/status']);
    const patterns = planned.map((behavior) => behavior.pathPattern);
    expect(patterns.indexOf('/v1/incidents/*/deliveries/redrive')).toBeLessThan(patterns.indexOf('/v1/incidents/*/deliveries'));
    expect(patterns.indexOf('/v1/incidents/*/updates')).toBeLessThan(patterns.indexOf('/v1/incidents/*'));
    expect(patterns.indexOf('/v1/incidents/*/postmortem')).toBeLessThan(patterns.indexOf('/v1/incidents/*'));
    expect(planned.find((behavior) => behavior.pathPattern === '/v1/incidents')).toMatchObject({ cache: { queryKeys: ['cursor', 'limit', 'state'] }, passesWrites: true });
    expect(planned.find((behavior) => behavior.pathPattern === '/v1/incidents/*')).toMatchObject({ cache: { queryKeys: [] }, passesWrites: false });
    // CloudFront allows 25 cache behaviors per distribution by default.
    expect(distribution.CacheBehaviors.length).toBeLessThanOrEqual(25);
  });
});

describe('the firewall', () => {
  it('is a web ACL of CloudFront scope in us-east-1 with the AWS managed rule groups and a rate rule per client limit', () => {
    expect(synthesized.stack.firewallStack?.region).toBe('us-east-1');
    const firewall = synthesized.firewallTemplate!.toJSON().Resources as Record<string, Resource>;
    const [acl] = Object.values(firewall).filter((resource) => resource.Type === 'AWS::WAFv2::WebACL');
    expect(acl!.Properties.Scope).toBe('CLOUDFRONT');
    expect(acl!.Properties.DefaultAction).toEqual({ Allow: {} });
    const rules = Object.fromEntries(acl!.Properties.Rules.map((rule: any) => [rule.Name, rule]));
    for (const group of managedRuleGroups) {
      expect(rules[group.name].Statement.ManagedRuleGroupStatement).toMatchObject({ VendorName: 'AWS', Name: group.name });
    }
    for (const limit of clientLimits) {
      const rule = rules[limit.name];
      expect(rule.Action.Block.CustomResponse).toMatchObject({ ResponseCode: 429, ResponseHeaders: [{ Name: 'retry-after', Value: String(limit.windowSeconds) }] });
      expect(rule.Statement.RateBasedStatement).toMatchObject({ AggregateKeyType: 'IP', Limit: limit.limit, EvaluationWindowSec: limit.windowSeconds });
      const scopeDown = JSON.stringify(rule.Statement.RateBasedStatement.ScopeDownStatement ?? null);
      for (const request of limit.requests ?? []) {
        expect(scopeDown).toContain(`"SearchString":"${request.path}","TextTransformations":[{"Priority":0,"Type":"NORMALIZE_PATH"}]`);
        expect(scopeDown).toContain(`"SearchString":"${request.path}/"`);
        expect(scopeDown).toContain(`"SearchString":"${request.method}"`);
      }
      if (!limit.requests) expect(scopeDown).toBe('null');
    }
    const [parameter] = Object.values(firewall).filter((resource) => resource.Type === 'AWS::SSM::Parameter');
    expect(parameter!.Properties.Name).toBe(webAclArnParameterName(deploymentStage('dev')));
  });

  it('is associated with the distribution: its ARN read from us-east-1 at deploy', () => {
    expect(JSON.stringify(distribution.WebACLId)).toContain('Parameter.Value');
    const [[, reader]] = ofType('Custom::AWS') as [[string, Resource]];
    expect(JSON.stringify(reader.Properties.Update)).toContain('us-east-1');
    expect(JSON.stringify(reader.Properties.Update)).toContain(webAclArnParameterName(deploymentStage('dev')));
  });

  it('uses an existing web ACL instead, without a firewall stack, when frontDoor.webAclArn names one; cdk-nag stays clean', () => {
    const webAclArn = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/company-edge/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
    const withExisting = synthesizeStack({ stage: 'dev', config: { frontDoor: { ...deploySettings.frontDoor, webAclArn } } });
    expect(withExisting.stack.firewallStack).toBeUndefined();
    const config = Object.values(withExisting.template.toJSON().Resources as Record<string, Resource>).find((resource) => resource.Type === 'AWS::CloudFront::Distribution')!.Properties.DistributionConfig;
    expect(config.WebACLId).toBe(webAclArn);
    const report = new AwsSolutionsChecks().validateScope(withExisting.app);
    expect(report.violations.map((violation) => violation.ruleName)).toEqual([]);
  });
});
