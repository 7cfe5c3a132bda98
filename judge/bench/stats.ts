/** Nearest-rank percentile of samples (ms), rounded to 0.1 ms. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[rank] ?? Number.NaN) * 10) / 10;
}

export interface LatencySummary {
  samples: number;
  p50Ms: number;
  p95Ms: number;
}

export function summarize(samples: readonly number[]): LatencySummary {
  return { samples: samples.length, p50Ms: percentile(samples, 50), p95Ms: percentile(samples, 95) };
}
