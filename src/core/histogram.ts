export interface Histogram {
  /** Left edge of the first bin and right edge of the last. */
  min: number;
  max: number;
  /** counts[i] holds values in [min + i·w, min + (i+1)·w), the last bin closed on the right (numpy's rule). */
  counts: Uint32Array;
  binWidth: number;
  /** Values that were NaN or outside [min, max]. */
  outside: number;
}

/** Range of the finite values (numpy's default histogram range); [−0.5, 0.5] around a constant. */
export function finiteRange(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(lo <= hi)) return [0, 1];
  return lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
}

/** Counts `values` into `bins` equal bins over [min, max] (default: their own range). */
export function histogram(values: ArrayLike<number>, bins: number, range?: [number, number]): Histogram {
  const [min, max] = range ?? finiteRange(values);
  const counts = new Uint32Array(bins);
  const scale = bins / (max - min);
  let outside = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v >= min && v <= max) {
      const b = ((v - min) * scale) | 0;
      counts[b < bins ? b : bins - 1]++;
    } else {
      outside++;
    }
  }
  return { min, max, counts, binWidth: (max - min) / bins, outside };
}
