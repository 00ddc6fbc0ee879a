import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { propertiesOf } from './cloudformation-template.js';
import type { CloudFormationTemplate } from './cloudformation-template.js';
import type { StackInMoto } from './stack-in-moto.js';

/** A function of the template, running its bundle in this process as Lambda would run it. */
export type BundledFunction = (event: unknown) => Promise<unknown>;

type LambdaEntry = (event: unknown, context: Context) => Promise<unknown>;

let loads = 0;

/**
 * Loads the bundle the cloud assembly holds for the function `logicalId` (its `Code` asset and
 * `Handler`), initialised under the environment the template gives it, each Ref resolved to what
 * `stack` created in moto. The SDK clients inside reach moto through AWS_ENDPOINT_URL, which the
 * caller sets for the whole file.
 *
 * Each call is a fresh module instance (a query on its URL): a cold container. So one process holds
 * the fan-out and the channels side by side, each having read its own environment at init; the
 * variables are put back once the module has initialised, so a handler that read one only later would
 * miss it here rather than quietly read another function's. The template's Timeout is what the
 * context counts down from; nothing stops a handler that outruns it.
 *
 * @example
 * const fanout = await loadBundledFunction(template, stack, outdir, fanoutId);
 * await fanout({ Records: [...] });
 */
export async function loadBundledFunction(template: CloudFormationTemplate, stack: StackInMoto, outdir: string, logicalId: string): Promise<BundledFunction> {
  const properties = propertiesOf(template, logicalId) as {
    Handler: string;
    Code: { S3Key?: string };
    Environment?: { Variables?: Record<string, unknown> };
    Timeout?: number;
    MemorySize?: number;
  };
  const assetHash = String(properties.Code.S3Key ?? '').replace(/\.zip$/, '');
  const [moduleName, exportName] = properties.Handler.split('.') as [string, string];
  const file = ['.mjs', '.js'].map((extension) => path.join(outdir, `asset.${assetHash}`, `${moduleName}${extension}`)).find((candidate) => existsSync(candidate));
  if (!file) throw new Error(`${logicalId}: no ${moduleName}.mjs or ${moduleName}.js in asset.${assetHash} of ${outdir}; was the stack synthesized with bundle: true?`);

  const environment = Object.fromEntries(Object.entries(properties.Environment?.Variables ?? {}).map(([name, value]) => [name, stack.resolve(value)]));
  const entry = await withEnvironment({ ...environment, ...runtimeEnvironment(logicalId) }, async () => {
    const module = (await import(/* @vite-ignore */ `${pathToFileURL(file).href}?load=${++loads}`)) as Record<string, unknown>;
    return module[exportName];
  });
  if (typeof entry !== 'function') throw new Error(`${logicalId}: ${path.basename(file)} exports no function ${exportName}`);

  const timeoutMs = (properties.Timeout ?? 3) * 1000;
  return (event) => (entry as LambdaEntry)(event, aLambdaContext(logicalId, timeoutMs, properties.MemorySize ?? 128));
}

/** What Lambda's runtime adds to the function's own variables (Powertools names its logs by it). */
function runtimeEnvironment(functionName: string): Record<string, string> {
  return { AWS_LAMBDA_FUNCTION_NAME: functionName };
}

async function withEnvironment<Result>(variables: Record<string, string>, run: () => Promise<Result>): Promise<Result> {
  const before = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  try {
    return await run();
  } finally {
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

function aLambdaContext(functionName: string, timeoutMs: number, memoryMb: number): Context {
  const deadline = Date.now() + timeoutMs;
  const notInvokedByCallback = () => {
    throw new Error('the bundles are async handlers: they never call done, fail or succeed');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env['AWS_REGION'] ?? 'us-east-1'}:123456789012:function:${functionName}`,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'aws-emulator',
    getRemainingTimeInMillis: () => Math.max(deadline - Date.now(), 0),
    done: notInvokedByCallback,
    fail: notInvokedByCallback,
    succeed: notInvokedByCallback,
  };
}
