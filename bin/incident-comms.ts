#!/usr/bin/env node
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadConfigFile } from '../lambdas/adapters/config-file.js';
import { ConfigError } from '../lambdas/core/config/parse-config.js';
import { apiOriginFrom, commanderAuthFrom } from '../lib/api.js';
import { consoleSignInFrom } from '../lib/console-site.js';
import { deploymentStage } from '../lib/deployment-stage.js';
import { emailSenderFrom } from '../lib/email-delivery.js';
import { IncidentCommsStack } from '../lib/incident-comms-stack.js';
import { projectRoot } from '../lib/lambda-function.js';

/** The configuration file a plain `cdk synth` or `cdk deploy` builds the stack and its functions from. */
const defaultConfigPath = path.join(projectRoot, 'incident-comms.config.json');

const app = new App();
try {
  const stageName = readStageName(app);
  const configPath = readConfigPath(app);
  const config = loadConfigFile(configPath);
  const source = path.relative(process.cwd(), configPath) || configPath;
  commanderAuthFrom(config, source);
  apiOriginFrom(config, source);
  emailSenderFrom(config, source);
  consoleSignInFrom(config, source);

  new IncidentCommsStack(app, `IncidentComms-${stageName}`, {
    description: `incident-comms (${stageName}): incident communication API, fan-out to email, webhooks, X and in-app, status page and commander console`,
    config,
    stage: deploymentStage(stageName),
  });
  // Every synth and deploy runs the AWS Solutions checks; an unacknowledged finding stops it.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`incident-comms: cannot synthesize: ${error.message}`);
  process.exit(1);
}

function readStageName(scope: App): string {
  const stage: unknown = scope.node.tryGetContext('stage') ?? 'dev';
  if (typeof stage !== 'string' || !/^[a-z][a-z0-9-]{0,19}$/.test(stage)) {
    throw new ConfigError(`-c stage=${String(stage)} is invalid: a stage is 1-20 lower-case letters, digits or "-", starting with a letter (e.g. dev, staging, prod)`);
  }
  return stage;
}

/** `-c config=path` or INCIDENT_COMMS_CONFIG (tests point these at temporary files); else the root file. */
function readConfigPath(scope: App): string {
  const fromContext: unknown = scope.node.tryGetContext('config');
  const given = typeof fromContext === 'string' && fromContext ? fromContext : process.env.INCIDENT_COMMS_CONFIG;
  return given ? path.resolve(given) : defaultConfigPath;
}
