import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environmentVariables } from '../lambdas/core/deployment/environment-variables.js';
import { loadConfigFile } from '../lambdas/adapters/config-file.js';
import { bundledConfigDefine, projectRoot } from '../lib/lambda-function.js';
import { bundleBareSdk, bundleLikeTheStack, sdkClientsIn } from '../tests/support/bare-sdk-bundle.js';
import type { Figure } from './figure.js';
import { median, round } from './figure.js';

/** Each function, by the entry the stack bundles it from. */
const functions = [
  { name: 'api-writes', entry: 'lambdas/handlers/api.ts' },
  { name: 'api-reads', entry: 'lambdas/handlers/read-api.ts' },
  { name: 'api-previews', entry: 'lambdas/handlers/preview-api.ts' },
  { name: 'fanout', entry: 'lambdas/handlers/fanout.ts' },
  { name: 'x-channel', entry: 'lambdas/handlers/x-channel.ts' },
  { name: 'inapp-channel', entry: 'lambdas/handlers/inapp-channel.ts' },
  { name: 'email-planner', entry: 'lambdas/handlers/email-planner.ts' },
  { name: 'email-sender', entry: 'lambdas/handlers/email-sender.ts' },
  { name: 'ses-events', entry: 'lambdas/handlers/ses-events.ts' },
  { name: 'status-snapshot', entry: 'lambdas/handlers/status-snapshot.ts' },
  { name: 'timers', entry: 'lambdas/handlers/timer.ts' },
  { name: 'webhook-planner', entry: 'lambdas/handlers/webhook-planner.ts' },
  { name: 'webhook-sender', entry: 'lambdas/handlers/webhook-sender.ts' },
] as const;

/** Every variable the stack may set, with a placeholder, so each function's init runs as deployed. */
const functionEnvironment = Object.fromEntries(
  Object.values(environmentVariables).map((name) => [name, name === environmentVariables.feedRetentionDays ? '90' : `bench-${name.toLowerCase()}`]),
);

const runs = 21;

/**
 * A cold-start proxy: bytes of each bundle built as the stack builds it (esbuild, ESM, minified,
 * node22, the same banner), and the time a fresh node process takes to import it and run its init,
 * against a bundle of only the bare SDK clients it uses, in alternating fresh processes.
 */
export async function measureColdStarts(): Promise<Figure[]> {
  const outdir = mkdtempSync(join(tmpdir(), 'bench-bundles-'));
  const figures: Figure[] = [];
  // Every function gets the configuration as the stack writes it in; those that never read it ignore it.
  const config = loadConfigFile(join(projectRoot, 'incident-comms.config.json'));
  for (const fn of functions) {
    const bundle = join(outdir, `${fn.name}.mjs`);
    const bare = join(outdir, `${fn.name}-bare-sdk.mjs`);
    const metafile = await bundleLikeTheStack({ entryPoints: [join(projectRoot, fn.entry)], define: bundledConfigDefine(config) }, bundle);
    // The baseline holds exactly the SDK clients the function's bundle holds.
    const clients = sdkClientsIn(Object.keys(metafile.inputs));
    await bundleBareSdk(clients, bare);
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
      baseline: `${round(baseline, 1)} ms, ${Math.round(bareBytes / 1024)} KiB (${clients.map((client) => client.replace('@aws-sdk/client-', '')).join(' + ')} only)`,
      ratio: round(measured / baseline, 2),
      ratioMeaning: '× the bare SDK clients’ import + init',
      notes: `median of ${runs} fresh processes each, alternating`,
      raw: { initMsMedian: measured, bareInitMsMedian: baseline, bytes, bareBytes, functionTimes, bareTimes },
    });
  }
  return figures;
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
