import { histogram, moments, sample } from '../core';
import { describeJson, describeText, type ResolvedRequest } from './describe';

export interface SampleResult {
  values: Float32Array;
  ms: number;
}

export function runSample(r: ResolvedRequest, n: number, seed: number): SampleResult {
  const t0 = performance.now();
  const values = sample(r.distribution, n, seed);
  return { values, ms: performance.now() - t0 };
}

export function sampleJson(r: ResolvedRequest, s: SampleResult, seed: number, bins: number): Record<string, unknown> {
  const h = histogram(s.values, bins);
  return {
    ...describeJson(r),
    n: s.values.length,
    seed,
    ms: s.ms,
    sampled: moments(s.values),
    histogram: { min: h.min, max: h.max, binWidth: h.binWidth, counts: [...h.counts] },
  };
}

const fmt = (x: number) => String(+x.toPrecision(6));

export function sampleText(r: ResolvedRequest, s: SampleResult, seed: number, bins: number): string {
  const m = moments(s.values);
  const d = r.distribution;
  const h = histogram(s.values, bins);
  const peak = Math.max(1, ...h.counts);
  const bars = [...h.counts].map((c, i) => {
    const left = h.min + i * h.binWidth;
    return `  ${fmt(left).padStart(12)} │${'█'.repeat(Math.round((c / peak) * 50))}`;
  });
  return [
    describeText(r),
    `sampled ${m.n} values with seed ${seed} in ${s.ms.toFixed(1)} ms`,
    `  ${''.padEnd(10)} ${'theory'.padStart(12)} ${'sampled'.padStart(12)}`,
    `  ${'mean'.padEnd(10)} ${fmt(d.mean).padStart(12)} ${fmt(m.mean).padStart(12)}`,
    `  ${'std'.padEnd(10)} ${fmt(d.std).padStart(12)} ${fmt(m.std).padStart(12)}`,
    `  ${'min'.padEnd(10)} ${fmt(d.bounds[0]).padStart(12)} ${fmt(m.min).padStart(12)}`,
    `  ${'max'.padEnd(10)} ${fmt(d.bounds[1]).padStart(12)} ${fmt(m.max).padStart(12)}`,
    ...bars,
  ].join('\n');
}
