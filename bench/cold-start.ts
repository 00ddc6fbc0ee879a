import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { BuildOptions } from 'esbuild';
import { environmentVariables } from '../lambdas/core/deployment/environment-variables.js';
import { esmRequireBanner, projectRoot } from '../lib/lambda-function.js';
import type { Figure } from './figure.js';
import { median, round } from './figure.js';

/** Each function, and the bare SDK clients it uses: the baseline a bundle cannot beat. */
const functions = [
  { name: 'api', entry: 'lambdas/handlers/api.ts', clients: ['DynamoDB', 'SecretsManager'] },
  { name: 'fanout', entry: 'lambdas/handlers/fanout.ts', clients: ['DynamoDB', 'SNS', 'SQS'] },
  { name: 'x-channel', entry: 'lambdas/handlers/x-channel.ts', clients: ['DynamoDB', 'SQS', 'SecretsManager'] },
  { name: 'inapp-channel', entry: 'lambdas/handlers/inapp-channel.ts', clients: ['DynamoDB', 'SQS'] },
  { name: 'email-planner', entry: 'lambdas/handlers/email-planner.ts', clients: ['DynamoDB', 'SQS'] },
  { name: 'email-sender', entry: 'lambdas/handlers/email-sender.ts', clients: ['DynamoDB', 'SQS', 'SESv2', 'SecretsManager'] },
  { name: 'ses-events', entry: 'lambdas/handlers/ses-events.ts', clients: ['DynamoDB'] },
] as const;

const clientSources: Record<string, string> = {
  DynamoDB: "import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'; DynamoDBDocumentClient.from(new DynamoDBClient({}));",
  SNS: "import { SNSClient } from '@aws-sdk/client-sns'; new SNSClient({});",
  SQS: "import { SQSClient } from '@aws-sdk/client-sqs'; new SQSClient({});",
  SecretsManager: "import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager'; new SecretsManagerClient({});",
  SESv2: "import { SESv2Client } from '@aws-sdk/client-sesv2'; new SESv2Client({});",
};

/** Every variable the stack may set, with a placeholder, so each function's init runs as deployed. */
const functionEnvironment = Object.fromEntries(Object.values(environmentVariables).map((name) => [name, `bench-${name.toLowerCase()}`]));

const runs = 21;

/**
 * A cold-start proxy: bytes of each bundle built as the stack builds it (esbuild, ESM, minified,
 * node22, the same banner), and the time a fresh node process takes to import it and run its init,
 * against a bundle of only the bare SDK clients it uses, in alternating fresh processes.
 */
export async function measureColdStarts(): Promise<Figure[]> {
  const outdir = mkdtempSync(join(tmpdir(), 'bench-bundles-'));
  const figures: Figure[] = [];
  for (const fn of functions) {
    const bundle = join(outdir, `${fn.name}.mjs`);
    const bare = join(outdir, `${fn.name}-bare-sdk.mjs`);
    await bundleLikeTheStack({ entryPoints: [join(projectRoot, fn.entry)] }, bundle);
    const bareSource = `${fn.clients.map((client) => clientSources[client]).join('\n')}\nexport const handler = async () => ({});\n`;
    await bundleLikeTheStack({ stdin: { contents: bareSource, loader: 'ts', resolveDir: projectRoot } }, bare);
    const functionTimes: number[] = [];
    const bareTimes: number[] = [];
    for (let run = 0; run < runs; run++) {
      functionTimes.push(importTime(bundle));
      bareTimes.push(importTime(bare));
    }
    const measured = median(functionTimes);
    const baseline = median(bareTimes);
    const bytes = statSync(bundle).size;
    const bareBytes = statSync(bare).size;
    figures.push({
      figure: `Cold start: ${fn.name}`,
      measured: `${round(measured, 1)} ms init, ${Math.round(bytes / 1024)} KiB`,
      baseline: `${round(baseline, 1)} ms, ${Math.round(bareBytes / 1024)} KiB (${fn.clients.join(' + ')} only)`,
      ratio: round(measured / baseline, 2),
      ratioMeaning: '× the bare SDK clients’ import + init',
      notes: `median of ${runs} fresh processes each, alternating`,
      raw: { initMsMedian: measured, bareInitMsMedian: baseline, bytes, bareBytes, functionTimes, bareTimes },
    });
  }
  return figures;
}

async function bundleLikeTheStack(input: Pick<BuildOptions, 'entryPoints' | 'stdin'>, outfile: string): Promise<void> {
  await build({
    ...input,
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    banner: { js: esmRequireBanner },
    logLevel: 'error',
  });
}

/** ms for a fresh node to import the bundle (its init runs at import), measured inside the process. */
function importTime(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); process.stdout.write(String(performance.now() - t));`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      PATH: process.env['PATH'],
      ...functionEnvironment,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      NODE_OPTIONS: '--disable-warning=NodeVersionSupportWarning',
    },
    encoding: 'utf8',
  });
  return Number(output);
}
