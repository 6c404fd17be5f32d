import { atoms, pdf, type Distribution } from './distribution';

/** Theoretical summaries of a distribution beyond mean and std, for the preview's stats table. */
export interface TheoryStats {
  mean: number;
  std: number;
  min: number;
  max: number;
  /** Largest |value| an element can take (Infinity when unbounded). */
  bound: number;
  /** Share of elements with |x − mean| > 2σ. */
  beyond2sigma: number;
  /** E[(x−μ)⁴]/σ⁴ (3 for a normal, 1.8 for a uniform); NaN when σ = 0. */
  kurtosis: number;
}

/** Composite Simpson over [a, b] with n (even) panels. */
function simpson(f: (x: number) => number, a: number, b: number, n = 2000): number {
  if (!(b > a)) return 0;
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

/**
 * Integrates the continuous part (pdf) numerically over the support, ±10σ when unbounded, and
 * adds the point masses: exact enough for a table (1e-6), and the same code for every family.
 */
export function theoryStats(d: Distribution): TheoryStats {
  const { mean, std } = d;
  const lo = Number.isFinite(d.bounds[0]) ? d.bounds[0] : mean - 10 * std;
  const hi = Number.isFinite(d.bounds[1]) ? d.bounds[1] : mean + 10 * std;
  const density = (x: number) => pdf(d, x);
  const point = atoms(d);
  const kurtosis = std > 0
    ? (simpson((x) => density(x) * (x - mean) ** 4, lo, hi) + point.reduce((s, a) => s + a.weight * (a.value - mean) ** 4, 0)) / std ** 4
    : NaN;
  const inside = std > 0
    ? simpson(density, Math.max(lo, mean - 2 * std), Math.min(hi, mean + 2 * std)) + point.filter((a) => Math.abs(a.value - mean) <= 2 * std).reduce((s, a) => s + a.weight, 0)
    : 1;
  return {
    mean, std, min: d.bounds[0], max: d.bounds[1],
    bound: Math.max(Math.abs(d.bounds[0]), Math.abs(d.bounds[1])),
    beyond2sigma: Math.min(Math.max(1 - inside, 0), 1),
    kurtosis,
  };
}
