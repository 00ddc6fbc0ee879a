import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PowertoolsLoggerAdapter } from '../../../lambdas/adapters/observability/powertools-logger.js';
import { PowertoolsMetricsAdapter } from '../../../lambdas/adapters/observability/powertools-metrics.js';
import { metricCatalog } from '../../../lambdas/core/observability/metric-catalog.js';

// Powertools Metrics and Logger each print through their own `new Console({ stdout: process.stdout,
// stderr: process.stderr })` (EMF with `console.log`, so stdout), which calls `process.stdout.write`
// on every line: spying on that sees what Lambda would ship to CloudWatch. They read the environment
// when an instance is built: POWERTOOLS_DEV swaps in the global console, pretty-prints logs over
// several lines and turns metrics off; POWERTOOLS_METRICS_DISABLED turns metrics off. The adapters
// are tested as deployed, with none of these set.
const switches = ['POWERTOOLS_DEV', 'POWERTOOLS_METRICS_DISABLED', 'POWERTOOLS_LOG_LEVEL', 'AWS_LAMBDA_LOG_LEVEL', 'POWERTOOLS_METRICS_NAMESPACE'];
let saved: Record<string, string | undefined>;
/** Everything written to stdout and stderr, in order, as text. */
let written: string[];

beforeEach(() => {
  saved = Object.fromEntries(switches.map((name) => [name, process.env[name]]));
  for (const name of switches) delete process.env[name];
  written = [];
  const capture = (chunk: unknown) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});

afterEach(() => {
  vi.restoreAllMocks();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** Each written line parsed as JSON: a line that is not one JSON object fails the test. */
function jsonLines(): Record<string, unknown>[] {
  return written
    .join('')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

interface EmfLine {
  _aws: { Timestamp: number; CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  [key: string]: unknown;
}

describe('PowertoolsMetricsAdapter', () => {
  it('writes each value at once to stdout as one CloudWatch EMF line with its own dimensions', () => {
    const stdout = vi.mocked(process.stdout.write);
    const metrics = new PowertoolsMetricsAdapter();

    metrics.record('DeliverySent', 1, { channel: 'x' });
    metrics.record('DeliveryFailed', 1, { channel: 'email' });

    expect(stdout).toHaveBeenCalledTimes(2);
    const [sent, failed] = jsonLines() as unknown as EmfLine[];
    expect(sent!._aws.CloudWatchMetrics).toEqual([
      { Namespace: 'IncidentComms', Dimensions: [['service', 'channel']], Metrics: [{ Name: 'DeliverySent', Unit: metricCatalog.DeliverySent.unit }] },
    ]);
    expect(sent).toMatchObject({ service: 'incident-comms', channel: 'x', DeliverySent: 1 });
    expect(sent!._aws.Timestamp).toEqual(expect.any(Number));
    expect(failed!._aws.CloudWatchMetrics).toEqual([
      { Namespace: 'IncidentComms', Dimensions: [['service', 'channel']], Metrics: [{ Name: 'DeliveryFailed', Unit: metricCatalog.DeliveryFailed.unit }] },
    ]);
    expect(failed).toMatchObject({ service: 'incident-comms', channel: 'email', DeliveryFailed: 1 });
    // A single-metric line carries only its own dimension: the x value is not counted under email.
    expect(failed).not.toHaveProperty('DeliverySent');
  });

  it('writes a metric without catalog dimensions under the service dimension alone, in the catalog unit', () => {
    const metrics = new PowertoolsMetricsAdapter();

    metrics.record('XRateLimitWait', 901, {});

    const [wait] = jsonLines() as unknown as EmfLine[];
    expect(wait!._aws.CloudWatchMetrics).toEqual([
      { Namespace: 'IncidentComms', Dimensions: [['service']], Metrics: [{ Name: 'XRateLimitWait', Unit: 'Seconds' }] },
    ]);
    expect(wait).toMatchObject({ service: 'incident-comms', XRateLimitWait: 901 });
  });
});

describe('PowertoolsLoggerAdapter', () => {
  it('writes one JSON object per line with the service, the message and the attributes', () => {
    const logger = new PowertoolsLoggerAdapter();

    logger.info('posted to X', { postId: '1870000000000000001' });
    logger.error('X delivery failed; the message goes to the DLQ', { reason: 'X rejected the post (HTTP 401): Unauthorized' });

    const lines = jsonLines();
    expect(written.join('').split('\n').filter(Boolean)).toHaveLength(2);
    expect(lines).toEqual([
      expect.objectContaining({ level: 'INFO', service: 'incident-comms', message: 'posted to X', postId: '1870000000000000001', timestamp: expect.any(String) }),
      expect.objectContaining({ level: 'ERROR', service: 'incident-comms', message: 'X delivery failed; the message goes to the DLQ', reason: 'X rejected the post (HTTP 401): Unauthorized' }),
    ]);
  });

  it('puts withKeys keys on every line of the child and none on the parent', () => {
    const logger = new PowertoolsLoggerAdapter();
    const incidentId = 'inc_01JF3Z8Q4W6X2N5R7T9V1B3C5D';

    const child = logger.withKeys({ incidentId });
    child.info('published', { locale: 'en' });
    child.warn('could not change the message visibility');
    logger.info('batch done');
    logger.withKeys({ incidentId: 'inc_01JF3Z8Q4W6X2N5R7T9V1B3C5E' }).info('another incident');
    child.info('still this incident');

    const lines = jsonLines();
    expect(lines.map((line) => [line['message'], line['incidentId']])).toEqual([
      ['published', incidentId],
      ['could not change the message visibility', incidentId],
      ['batch done', undefined],
      ['another incident', 'inc_01JF3Z8Q4W6X2N5R7T9V1B3C5E'],
      ['still this incident', incidentId],
    ]);
    expect(lines[2]).not.toHaveProperty('incidentId');
    for (const line of lines) expect(line['service']).toBe('incident-comms');
  });
});
