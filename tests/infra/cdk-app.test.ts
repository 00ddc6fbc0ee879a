import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../lib/lambda-function.js';
import { deploySettings, shippedConfig } from './synthesize-stack.js';

const shipped = shippedConfig();
const repositoryConfig: Record<string, unknown> = { ...shipped, ...deploySettings };

interface AppRun {
  readonly status: number | null;
  readonly stderr: string;
  readonly outdir: string;
}

/** Runs bin/incident-comms.ts as `cdk synth` does (context and output directory in the environment), bundling skipped. */
async function runApp(config: string | Record<string, unknown>, context: Record<string, unknown> = {}): Promise<AppRun> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'incident-comms-app-'));
  const configPath = path.join(directory, 'incident-comms.config.json');
  writeFileSync(configPath, typeof config === 'string' ? config : JSON.stringify(config));
  const outdir = path.join(directory, 'cdk.out');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'bin', 'incident-comms.ts')], {
    cwd: projectRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      INCIDENT_COMMS_CONFIG: configPath,
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify({ 'aws:cdk:bundling-stacks': [], ...context }),
    },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { status, stderr, outdir };
}

// Each case is a separate Node process; they run side by side.
describe.concurrent('the CDK app', () => {
  it('refuses an invalid configuration, naming the file and every bad field, without a stack trace', async () => {
    const run = await runApp({ ...repositoryConfig, defaultLocale: 'fr', statusPageUrl: 'status page' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('incident-comms.config.json is invalid');
    expect(run.stderr).toContain('defaultLocale');
    expect(run.stderr).toContain('statusPageUrl');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(path.join(run.outdir, 'IncidentComms-dev.template.json'))).toBe(false);
  });

  it('refuses a configuration without the commanders’ JWT issuer, saying to set auth.jwtIssuer', async () => {
    const run = await runApp({ ...repositoryConfig, auth: {} });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('auth.jwtIssuer');
    expect(run.stderr).toContain('auth.jwtAudience');
  });

  it('refuses the shipped sample configuration, whose issuer is on a reserved example domain', async () => {
    const run = await runApp(shipped);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('auth.jwtIssuer "https://auth.nimbus.example/" is on a domain reserved for examples');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('refuses a token issuer without a commander scope or group, since anyone it signs in could command', async () => {
    const run = await runApp({ ...repositoryConfig, auth: { ...deploySettings.auth, commanderScope: undefined } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('auth.commanderScope or auth.commanderGroups must be set to deploy');
  });

  it('refuses a deployment without the API origin domain, which the front door needs', async () => {
    const run = await runApp({ ...shipped, auth: deploySettings.auth });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('frontDoor.apiOriginDomainName and frontDoor.apiOriginCertificateArn must be set to deploy');
  });

  it('refuses the email channel without channels.email.from, saying what to set', async () => {
    const channels = repositoryConfig.channels as Record<string, Record<string, unknown>>;
    const { from: _from, ...emailWithoutFrom } = channels.email!;
    const run = await runApp({ ...repositoryConfig, channels: { ...channels, email: { ...emailWithoutFrom, enabled: true } } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('incident-comms: cannot synthesize');
    expect(run.stderr).toContain('channels.email.from must be set');
    expect(run.stderr).toMatch(/e\.g\. "[^"]+ <[^>]+@[^>]+>"/);
    expect(run.stderr).toContain('channels.email.enabled to false');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(path.join(run.outdir, 'IncidentComms-dev.template.json'))).toBe(false);
  });

  it('refuses a file that is not JSON', async () => {
    const run = await runApp('{ "serviceName": ');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('is not valid JSON');
  });

  it('refuses a stage name CloudFormation could not use', async () => {
    const run = await runApp(repositoryConfig, { stage: 'Prod EU' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('-c stage=Prod EU is invalid');
  });

  it('synthesizes the stack of the stage given with -c stage, the AWS Solutions checks passing', async () => {
    const run = await runApp(repositoryConfig, { stage: 'staging' });
    expect(run.stderr).not.toContain('cannot synthesize');
    expect(run.status).toBe(0);
    const template = JSON.parse(readFileSync(path.join(run.outdir, 'IncidentComms-staging.template.json'), 'utf8'));
    expect(Object.keys(template.Outputs)).toEqual(expect.arrayContaining(['ApiUrl', 'ApiOriginTarget', 'StatusPageUrl', 'TopicArn', 'EmailIdentity', 'EmailDkim1Name', 'EmailDkim1Value']));
  }, 180_000);
});
