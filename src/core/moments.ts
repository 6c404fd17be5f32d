export interface SampleMoments {
  n: number;
  mean: number;
  /** Population std (divides by n), the figure to compare with a distribution's std. */
  std: number;
  min: number;
  max: number;
  /** Excess-free kurtosis E[(x−μ)⁴]/σ⁴ (3 for a normal). */
  kurtosis: number;
}

/** Mean, std, extremes and kurtosis in two passes (the second centred, so no cancellation). */
export function moments(values: ArrayLike<number>): SampleMoments {
  const n = values.length;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = n ? sum / n : NaN;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    const d2 = d * d;
    m2 += d2;
    m4 += d2 * d2;
  }
  const variance = n ? m2 / n : NaN;
  return { n, mean, std: Math.sqrt(variance), min, max, kurtosis: variance > 0 ? m4 / n / (variance * variance) : NaN };
}
