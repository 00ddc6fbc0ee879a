/** One row of the bench table: a measurement, the same-run baseline it is read against, and their ratio. */
export interface Figure {
  figure: string;
  measured: string;
  baseline: string;
  /** measured ÷ baseline, in the unit named by `ratioMeaning`. */
  ratio: number;
  ratioMeaning: string;
  notes: string;
  raw: Record<string, unknown>;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
