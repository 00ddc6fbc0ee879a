import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import type { Environment } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { Config } from '../../lambdas/core/config/config-schema.js';
import { parseConfig } from '../../lambdas/core/config/parse-config.js';
import { deploymentStage } from '../../lib/deployment-stage.js';
import { IncidentCommsStack } from '../../lib/incident-comms-stack.js';
import { projectRoot } from '../../lib/lambda-function.js';

export interface SynthesizedStack {
  readonly app: App;
  readonly stack: IncidentCommsStack;
  readonly template: Template;
  readonly assembly: CloudAssembly;
  readonly outdir: string;
  readonly config: Config;
  /** The status page's replica stack, with `statusSite.replicaRegion` set. */
  readonly replicaTemplate?: Template;
  /** The web ACL's stack in us-east-1, unless `frontDoor.webAclArn` names an existing ACL. */
  readonly firewallTemplate?: Template;
}

export interface SynthesizeOptions {
  /** @default 'dev' */
  readonly stage?: string;
  /** Top-level fields replacing those of the repository's incident-comms.config.json. */
  readonly config?: Record<string, unknown>;
  /** Run esbuild for the four functions (a few seconds); off, the assets are left unbundled. */
  readonly bundle?: boolean;
  /** @default none: environment-agnostic, as `cdk deploy` builds it (the region is a token until deploy) */
  readonly env?: Environment;
}

/**
 * What an operator sets before the first deploy and the shipped file cannot know: a real issuer
 * (synth refuses the sample's reserved example domain), the commander scope, and the API's origin
 * domain with its certificate.
 */
export const deploySettings = {
  auth: {
    jwtIssuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Nimbus0001',
    jwtAudience: ['incident-comms'],
    commanderScope: 'incident-comms/command',
  },
  frontDoor: {
    apiOriginDomainName: 'api-origin.status.nimbus.chat',
    apiOriginCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
  },
};

/** The repository's configuration file with the deploy settings, parsed as the CDK app parses it. */
export function repositoryConfig(overrides: Record<string, unknown> = {}): Config {
  return parseConfig({ ...shippedConfig(), ...deploySettings, ...overrides });
}

/** The configuration file as the repository ships it. */
export function shippedConfig(): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(projectRoot, 'incident-comms.config.json'), 'utf8')) as Record<string, unknown>;
}

/**
 * Synthesizes the stack as `cdk synth` would (cdk.json's context and feature flags) into a temporary
 * cloud assembly. Call it once per test file: bundling the functions is the slow part.
 */
export function synthesizeStack(options: SynthesizeOptions = {}): SynthesizedStack {
  const stage = options.stage ?? 'dev';
  const cdkJson = JSON.parse(readFileSync(path.join(projectRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'incident-comms-cdk-'));
  const app = new App({
    outdir,
    context: {
      ...cdkJson.context,
      stage,
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
  const config = repositoryConfig(options.config);
  const stack = new IncidentCommsStack(app, `IncidentComms-${stage}`, { config, stage: deploymentStage(stage), ...(options.env ? { env: options.env } : {}) });
  const assembly = app.synth();
  const template = Template.fromJSON(assembly.getStackByName(stack.stackName).template as Record<string, unknown>);
  const replica = stack.statusReplicaStack;
  const replicaTemplate = replica ? Template.fromJSON(assembly.getStackByName(replica.stackName).template as Record<string, unknown>) : undefined;
  const firewall = stack.firewallStack;
  const firewallTemplate = firewall ? Template.fromJSON(assembly.getStackByName(firewall.stackName).template as Record<string, unknown>) : undefined;
  return { app, stack, template, assembly, outdir, config, ...(replicaTemplate ? { replicaTemplate } : {}), ...(firewallTemplate ? { firewallTemplate } : {}) };
}
