import type { MetricName } from '../lambdas/core/observability/metric-catalog.js';
import type { Metrics } from '../lambdas/core/ports/metrics.js';

/** One recorded value, as Powertools would have written it. */
export interface RecordedMetric {
  name: MetricName;
  value: number;
  dimensions: Record<string, string>;
}

/**
 * Metrics kept in memory: locally there is no CloudWatch to write EMF for, and a test can read
 * what a handler counted. `total('DeliverySent', { channel: 'x' })` sums matching values.
 *
 * @example
 * const metrics = new CountingMetrics();
 * metrics.record('DeliverySent', 1, { channel: 'x' });
 * metrics.total('DeliverySent', { channel: 'x' }); // 1
 */
export class CountingMetrics implements Metrics {
  readonly recorded: RecordedMetric[] = [];

  record(name: MetricName, value: number, dimensions: Record<string, string>): void {
    this.recorded.push({ name, value, dimensions: { ...dimensions } });
  }

  total(name: MetricName, dimensions: Record<string, string> = {}): number {
    return this.recorded
      .filter((metric) => metric.name === name && Object.entries(dimensions).every(([key, value]) => metric.dimensions[key] === value))
      .reduce((sum, metric) => sum + metric.value, 0);
  }
}
