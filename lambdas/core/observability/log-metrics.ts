/**
 * Metrics the stack counts from log lines (CloudWatch metric filters) rather than from code, for
 * functions kept lean that carry no metrics library: each names the message the function logs and
 * the metric the filter turns it into, in `metricNamespace`.
 *
 * @example
 * logger.warn(logMetrics.StatusServedStale.message, { reason });
 */
export const logMetrics = {
  /** The read function served the last good status because the incident store could not be read. */
  StatusServedStale: { message: 'the incident store could not be read; serving the last good status' },
} as const;
