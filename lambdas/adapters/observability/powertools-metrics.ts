import { MetricUnit, Metrics as PowertoolsMetrics } from '@aws-lambda-powertools/metrics';
import type { MetricsOptions } from '@aws-lambda-powertools/metrics/types';
import { metricCatalog, metricNamespace, serviceName } from '../../core/observability/metric-catalog.js';
import type { MetricName } from '../../core/observability/metric-catalog.js';
import type { Metrics } from '../../core/ports/metrics.js';

const units = { Count: MetricUnit.Count, Milliseconds: MetricUnit.Milliseconds, Seconds: MetricUnit.Seconds } as const;

/**
 * The Metrics port over Powertools Metrics: each value is written at once as one CloudWatch
 * embedded-metric-format line with its own dimensions (`service` and, per the catalog, `channel`),
 * so records of different channels in one batch never share a dimension set.
 *
 * @example
 * const metrics = new PowertoolsMetricsAdapter();
 * metrics.record('DeliverySent', 1, { channel: 'x' });
 */
export class PowertoolsMetricsAdapter implements Metrics {
  private readonly powertools: PowertoolsMetrics;

  constructor(options: MetricsOptions = {}) {
    this.powertools = new PowertoolsMetrics({ namespace: metricNamespace, serviceName, ...options });
  }

  record<Name extends MetricName>(name: Name, value: number, dimensions: Record<string, string>): void {
    const single = this.powertools.singleMetric();
    for (const [dimension, dimensionValue] of Object.entries(dimensions)) single.addDimension(dimension, dimensionValue);
    single.addMetric(name, units[metricCatalog[name].unit], value);
  }
}
