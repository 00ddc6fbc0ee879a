import { bundledApiClient } from './bundled-api-client.js';
import { readFileSync } from 'node:fs';
import type { BundledAssembly } from './bundled-assembly-setup.js';
import { loadBundledFunction } from './bundled-function.js';
import type { BundledFunction } from './bundled-function.js';
import { logicalIdOf } from './cloudformation-template.js';
import type { CloudFormationTemplate } from './cloudformation-template.js';
import { eventSourceMappingOf } from './event-source-mapping.js';
import { startMotoServer } from './moto-server.js';
import type { PythonTool } from './python-tool.js';
import { QueueEventSource } from './queue-event-source.js';
import { createStackInMoto } from './stack-in-moto.js';
import type { StackInMoto, StackInMotoOptions } from './stack-in-moto.js';
import { StreamEventSource } from './stream-event-source.js';

/** The Region the emulated stack lives in; any would do, one is named so ARNs and URLs agree. */
const region = 'eu-west-1';

/** The synthesized stack, created in a moto server of this test file's own, with its bundles at hand. */
export interface AwsEmulator {
  readonly template: CloudFormationTemplate;
  readonly stack: StackInMoto;
  /** For the test's own SDK clients: moto's endpoint, the Region, moto's fake credentials. */
  readonly clientConfig: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  /** The logical id of the one resource of `type` whose id starts with `prefix` (`ChannelsXQueue`). */
  idOf(type: string, prefix: string): string;
  /** Loads the bundle of the function whose logical id starts with `prefix` (`FanoutHandler`). */
  load(prefix: string): Promise<BundledFunction>;
  /**
   * An API function as CloudFront calls it: with the origin secret the template gives the
   * distribution's API origin (resolved as CloudFormation would) and the viewer's address.
   */
  apiClient(prefix: string): Promise<ReturnType<typeof bundledApiClient>>;
  /** The function `functionPrefix` fed by the stream of the table `tableId`, through the template's mapping. */
  streamSource(functionPrefix: string, tableId: string): Promise<StreamEventSource>;
  /** The function `functionPrefix` fed by the queue `queueId`, through the template's mapping. */
  queueSource(functionPrefix: string, queueId: string): Promise<QueueEventSource>;
  stop(): Promise<void>;
}

/**
 * Starts moto, points this process's AWS SDK at it (AWS_ENDPOINT_URL, a Region, fake credentials:
 * the bundles' clients read them on their first call) and creates the synthesized stack's tables,
 * topics, queues, subscriptions and secrets in it from the template's own properties.
 *
 * @example
 * beforeAll(async () => (aws = await startAwsEmulator(moto!, inject('bundledAssembly')!)));
 * afterAll(() => aws?.stop());
 */
export async function startAwsEmulator(moto: PythonTool, assembly: BundledAssembly, options: (template: CloudFormationTemplate) => StackInMotoOptions = () => ({})): Promise<AwsEmulator> {
  const template = JSON.parse(readFileSync(assembly.templateFile, 'utf8')) as CloudFormationTemplate;
  const server = await startMotoServer(moto);
  try {
    pointTheSdkAt(server.endpoint);
    quietenTheFunctions();
    const clientConfig = { endpoint: server.endpoint, region, credentials: { accessKeyId: 'moto', secretAccessKey: 'moto' } };
    const stack = await createStackInMoto(template, { endpoint: server.endpoint, region }, options(template));
    const idOf = (type: string, prefix: string) => logicalIdOf(template, type, prefix);
    const load = (prefix: string) => loadBundledFunction(template, stack, assembly.outdir, idOf('AWS::Lambda::Function', prefix));
    return {
      template,
      stack,
      clientConfig,
      idOf,
      load,
      async apiClient(prefix) {
        const distribution = Object.values(template.Resources).find((resource) => resource.Type === 'AWS::CloudFront::Distribution');
        const origins = (distribution?.Properties?.['DistributionConfig'] as { Origins: { OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[] }[] }).Origins;
        const header = origins.flatMap((origin) => origin.OriginCustomHeaders ?? []).find((candidate) => candidate.HeaderName === 'x-origin-verify');
        if (!header) throw new Error('the distribution has no API origin with an x-origin-verify header');
        return bundledApiClient(await load(prefix), { originVerifySecret: stack.resolve(header.HeaderValue) });
      },
      async streamSource(functionPrefix, tableId) {
        const mapping = eventSourceMappingOf(template, stack, idOf('AWS::Lambda::Function', functionPrefix), tableId);
        return new StreamEventSource(clientConfig, mapping, await load(functionPrefix));
      },
      async queueSource(functionPrefix, queueId) {
        const mapping = eventSourceMappingOf(template, stack, idOf('AWS::Lambda::Function', functionPrefix), queueId);
        return new QueueEventSource(clientConfig, { ...mapping, queueUrl: stack.resolve({ Ref: queueId }) }, await load(functionPrefix));
      },
      stop: () => server.stop(),
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * The functions' JSON logs and metric lines go straight to stdout, past vitest's report: only errors
 * are shown unless AWS_EMULATOR_LOGS=1. Powertools reads these when it makes a logger or a metric,
 * some of it on every record, so they are set for the whole file rather than per function.
 */
function quietenTheFunctions(): void {
  const verbose = process.env['AWS_EMULATOR_LOGS'] === '1';
  process.env['POWERTOOLS_LOG_LEVEL'] = verbose ? 'INFO' : 'ERROR';
  process.env['POWERTOOLS_METRICS_DISABLED'] = verbose ? 'false' : 'true';
  // Each bundle carries its own SDK, and each would warn once that this Node.js is older than the
  // 22 they are built for and run on in Lambda.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
}

function pointTheSdkAt(endpoint: string): void {
  process.env['AWS_ENDPOINT_URL'] = endpoint;
  process.env['AWS_REGION'] = region;
  process.env['AWS_ACCESS_KEY_ID'] = 'moto';
  process.env['AWS_SECRET_ACCESS_KEY'] = 'moto';
  // A profile or session of the developer's own must not be mixed into moto's fake credentials.
  delete process.env['AWS_SESSION_TOKEN'];
  delete process.env['AWS_PROFILE'];
}
