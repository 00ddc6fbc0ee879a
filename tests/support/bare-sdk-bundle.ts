import { build } from 'esbuild';
import type { BuildOptions, Metafile } from 'esbuild';
import { esmRequireBanner, projectRoot } from '../../lib/lambda-function.js';

/** The AWS SDK packages our functions use, each with the least code that makes its client. */
const clientSources: Record<string, string> = {
  '@aws-sdk/client-dynamodb': "import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'; DynamoDBDocumentClient.from(new DynamoDBClient({}));",
  '@aws-sdk/client-sns': "import { SNSClient } from '@aws-sdk/client-sns'; new SNSClient({});",
  '@aws-sdk/client-sqs': "import { SQSClient } from '@aws-sdk/client-sqs'; new SQSClient({});",
  '@aws-sdk/client-secrets-manager': "import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager'; new SecretsManagerClient({});",
  '@aws-sdk/client-sesv2': "import { SESv2Client } from '@aws-sdk/client-sesv2'; new SESv2Client({});",
  '@aws-sdk/client-s3': "import { S3Client } from '@aws-sdk/client-s3'; new S3Client({});",
  '@aws-sdk/client-scheduler': "import { SchedulerClient } from '@aws-sdk/client-scheduler'; new SchedulerClient({});",
};

/**
 * The AWS SDK client packages among a bundle's inputs (paths as esbuild's metafile or the source map
 * name them), e.g. `['@aws-sdk/client-dynamodb', '@aws-sdk/client-sqs']`.
 */
export function sdkClientsIn(inputs: readonly string[]): string[] {
  return Object.keys(clientSources).filter((client) => inputs.some((input) => input.includes(`node_modules/${client}/`)));
}

/**
 * Bundles `input` the way the stack bundles a function (esbuild, ESM, minified, node22, the same
 * banner; `define` for the configuration the stack writes in) and answers esbuild's metafile.
 */
export async function bundleLikeTheStack(input: Pick<BuildOptions, 'entryPoints' | 'stdin' | 'define'>, outfile: string): Promise<Metafile> {
  const { metafile } = await build({
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
    metafile: true,
  });
  return metafile;
}

/**
 * The baseline a function's bundle cannot beat: only the bare SDK clients it uses, made and nothing
 * else, bundled the same way, exporting a handler that does nothing.
 */
export async function bundleBareSdk(clients: readonly string[], outfile: string): Promise<void> {
  const contents = `${clients.map((client) => clientSources[client]).join('\n')}\nexport const handler = async () => ({});\n`;
  await bundleLikeTheStack({ stdin: { contents, loader: 'ts', resolveDir: projectRoot } }, outfile);
}
