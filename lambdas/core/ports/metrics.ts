import type { MetricName, metricCatalog } from '../observability/metric-catalog.js';

type DimensionsOf<Name extends MetricName> = { [D in (typeof metricCatalog)[Name]['dimensions'][number]]: string };

/**
 * Where handlers count what operators watch (see `metricCatalog` for names and units).
 *
 * @example
 * metrics.record('DeliverySent', 1, { channel: 'inapp' });
 * metrics.record('FanOutLag', 420, {});
 */
export interface Metrics {
  record<Name extends MetricName>(name: Name, value: number, dimensions: DimensionsOf<Name>): void;
}
