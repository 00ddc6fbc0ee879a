import { beforeAll, describe, expect, it } from 'vitest';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { SynthesizedStack } from './synthesize-stack.js';
import { synthesizeStack } from './synthesize-stack.js';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

let synthesized: SynthesizedStack;
let resources: [string, Resource][];

beforeAll(() => {
  synthesized = synthesizeStack({ stage: 'prod' });
  resources = Object.entries(synthesized.template.toJSON().Resources as Record<string, Resource>);
});

const kept = ['AWS::DynamoDB::GlobalTable', 'AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::SecretsManager::Secret', 'AWS::Logs::LogGroup'];

describe('a non-dev stage', () => {
  it('protects both tables from deletion', () => {
    const tables = resources.filter(([, resource]) => resource.Type === 'AWS::DynamoDB::GlobalTable');
    expect(tables).toHaveLength(2);
    for (const [id, table] of tables) {
      expect(table.Properties.Replicas[0].DeletionProtectionEnabled, id).toBe(true);
      expect(table.Properties.Replicas[0].PointInTimeRecoverySpecification, id).toEqual({ PointInTimeRecoveryEnabled: true });
    }
  });

  it('retains the table, buckets, keys, secret and log groups when the stack is deleted', () => {
    const stateful = resources.filter(([, resource]) => kept.includes(resource.Type));
    expect(stateful.length).toBeGreaterThanOrEqual(kept.length);
    for (const [id, resource] of stateful) {
      expect(resource.DeletionPolicy, id).toBe('Retain');
      expect(resource.UpdateReplacePolicy, id).toBe('Retain');
    }
  });

  it('retains the notifications topic and every dead-letter queue, which hold what is still to be sent or redriven', () => {
    const topic = resources.filter(([, resource]) => resource.Type === 'AWS::SNS::Topic' && resource.Properties.FifoTopic);
    const deadLetterQueues = resources.filter(([id, resource]) => resource.Type === 'AWS::SQS::Queue' && /DeadLetterQueue|StreamFailureQueue/.test(id));
    expect(topic).toHaveLength(1);
    expect(deadLetterQueues.length).toBeGreaterThanOrEqual(6);
    for (const [id, resource] of [...topic, ...deadLetterQueues]) {
      expect(resource.DeletionPolicy, id).toBe('Retain');
      expect(resource.UpdateReplacePolicy, id).toBe('Retain');
    }
  });

  it('never empties its buckets on deletion', () => {
    expect(resources.filter(([, resource]) => resource.Type === 'Custom::S3AutoDeleteObjects')).toEqual([]);
  });

  it('tells the functions their stage', () => {
    for (const [id, fn] of resources.filter(([id, resource]) => resource.Type === 'AWS::Lambda::Function' && !id.startsWith('CustomCDK') && !id.startsWith('AWS679f53fac002430cb0da5b7982bd2287'))) {
      expect(fn.Properties.Environment.Variables.STAGE, id).toBe('prod');
    }
  });

  it('passes the cdk-nag AWS Solutions checks with no unacknowledged error or warning', () => {
    const report = new AwsSolutionsChecks().validateScope(synthesized.app);
    expect(report.violations.map((violation) => `${violation.severity} ${violation.ruleName}`)).toEqual([]);
  });
});
