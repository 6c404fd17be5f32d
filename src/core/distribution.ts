import gammaln = require('@stdlib/math-base-special-gammaln');
import { normalMass, phi } from './normalFunctions';
import { truncatedNormalMoments } from './truncatedNormal';
import { numel } from './shape';

/** What a framework's fan computation gave and which gain/scale it applied. */
export interface FanInfo {
  fanIn: number;
  fanOut: number;
  /** PyTorch-style gain (Keras/JAX scale = gain²). */
  gain: number;
}

interface Base {
  /** The shape of the tensor this distribution fills. */
  shape: number[];
  /** The real mean and std of one element (after truncation, masking, …). */
  mean: number;
  std: number;
  /** Smallest and largest value an element can take (±Infinity when unbounded). */
  bounds: [number, number];
  fans?: FanInfo;
}

export interface Uniform extends Base { family: 'uniform'; low: number; high: number }
export interface Normal extends Base { family: 'normal'; mu: number; sigma: number }
/** `sigma` is the parent normal's sd; `std` the real one after truncation to [low, high]. */
export interface TruncatedNormal extends Base { family: 'truncatedNormal'; mu: number; sigma: number; low: number; high: number }
/**
 * A (semi-)orthogonal `rows × cols` matrix times `gain`, reshaped to `shape` row-major;
 * `columnAxis` (JAX) moves the matrix's column axis to that position of `shape`.
 */
export interface Orthogonal extends Base {
  family: 'orthogonal';
  gain: number;
  rows: number;
  cols: number;
  columnAxis?: number;
  /** JAX delta_orthogonal: the matrix sits at the centre of `taps` kernel positions, zeros elsewhere. */
  taps?: number;
}
/** Consecutive blocks of constant values in memory order (one block for a plain constant). */
export interface Constant extends Base { family: 'constant'; blocks: { value: number; length: number }[] }
/** `value` on the main diagonal of a 2-D matrix, 0 elsewhere. */
export interface Identity extends Base { family: 'identity'; value: number }
/** PyTorch dirac_: 1 at the centre tap of each (out, in) channel pair of each group. */
export interface Dirac extends Base { family: 'dirac'; value: number; groups: number }
/**
 * N(mu, sigma²) with some elements zeroed: `zerosPerColumn` random rows per column
 * (torch sparse_), or a whole row `zeroRow` (an Embedding's padding_idx).
 */
export interface Sparse extends Base {
  family: 'sparse';
  mu: number;
  sigma: number;
  rows: number;
  cols: number;
  zerosPerColumn: number;
  zeroRow?: number;
}

export type Distribution = Uniform | Normal | TruncatedNormal | Orthogonal | Constant | Identity | Dirac | Sparse;
export type Family = Distribution['family'];

/** A point mass: the share `weight` of elements equal to `value`. */
export interface Atom {
  value: number;
  weight: number;
}

export function uniform(shape: number[], low: number, high: number, fans?: FanInfo): Uniform {
  // U(a, b): mean (a+b)/2, sd |b−a|/√12 (frameworks that allow a > b draw from the same interval)
  const bounds: [number, number] = [Math.min(low, high), Math.max(low, high)];
  return { family: 'uniform', shape, low, high, mean: (low + high) / 2, std: Math.abs(high - low) / Math.sqrt(12), bounds, fans };
}

export function normal(shape: number[], mu: number, sigma: number, fans?: FanInfo): Normal {
  const bounds: [number, number] = sigma === 0 ? [mu, mu] : [-Infinity, Infinity];
  return { family: 'normal', shape, mu, sigma, mean: mu, std: Math.abs(sigma), bounds, fans };
}

export function truncatedNormal(shape: number[], mu: number, sigma: number, low: number, high: number, fans?: FanInfo): TruncatedNormal {
  const m = truncatedNormalMoments(mu, sigma, low, high);
  return { family: 'truncatedNormal', shape, mu, sigma, low, high, mean: m.mean, std: m.std, bounds: [low, high], fans };
}

export function orthogonal(
  shape: number[], gain: number, rows: number, cols: number, fans?: FanInfo, columnAxis?: number, taps = 1,
): Orthogonal {
  // Each column (or row, when rows < cols) is a uniform unit vector in R^n, n = max(rows, cols): Var = gain²/n;
  // a delta kernel holds that matrix in 1 of `taps` positions: Var = gain²/(n·taps).
  const n = Math.max(rows, cols);
  const g = Math.abs(gain);
  const std = numel(shape) === 0 ? 0 : g / Math.sqrt(n * taps);
  return { family: 'orthogonal', shape, gain, rows, cols, columnAxis, taps, mean: 0, std, bounds: [-g, g], fans };
}

export function constantBlocks(shape: number[], blocks: { value: number; length: number }[]): Constant {
  const total = blocks.reduce((s, b) => s + b.length, 0) || 1;
  const mean = blocks.reduce((s, b) => s + b.value * b.length, 0) / total;
  const variance = blocks.reduce((s, b) => s + (b.value - mean) ** 2 * b.length, 0) / total;
  const values = blocks.map((b) => b.value);
  const bounds: [number, number] = values.length ? [Math.min(...values), Math.max(...values)] : [0, 0];
  return { family: 'constant', shape, blocks, mean, std: Math.sqrt(variance), bounds };
}

export function constant(shape: number[], value: number): Constant {
  return constantBlocks(shape, [{ value, length: numel(shape) }]);
}

/** Mean/std/bounds of a tensor holding `count` copies of `value` and zeros elsewhere. */
function twoPoint(shape: number[], value: number, count: number): Pick<Base, 'mean' | 'std' | 'bounds'> {
  const n = numel(shape);
  const p = n === 0 ? 0 : count / n;
  return {
    mean: value * p,
    std: Math.abs(value) * Math.sqrt(p * (1 - p)),
    bounds: [Math.min(0, value), Math.max(0, value)],
  };
}

export function identity(shape: number[], value: number): Identity {
  return { family: 'identity', shape, value, ...twoPoint(shape, value, Math.min(shape[0], shape[1])) };
}

export function dirac(shape: number[], value: number, groups: number): Dirac {
  const ones = groups * Math.min(shape[0] / groups, shape[1]);
  return { family: 'dirac', shape, value, groups, ...twoPoint(shape, value, ones) };
}

export function sparse(
  shape: number[], mu: number, sigma: number, rows: number, cols: number,
  zeros: { zerosPerColumn: number } | { zeroRow: number },
): Sparse {
  const zerosPerColumn = 'zerosPerColumn' in zeros ? zeros.zerosPerColumn : 1;
  const zeroRow = 'zeroRow' in zeros ? zeros.zeroRow : undefined;
  // A share w of zeros: mean (1−w)μ, Var = (1−w)(σ² + μ²) − mean²
  const w = rows === 0 ? 0 : Math.min(zerosPerColumn, rows) / rows;
  const mean = (1 - w) * mu;
  const variance = (1 - w) * (sigma * sigma + mu * mu) - mean * mean;
  const bounds: [number, number] = sigma === 0 ? [Math.min(0, mu), Math.max(0, mu)] : [-Infinity, Infinity];
  return { family: 'sparse', shape, mu, sigma, rows, cols, zerosPerColumn, zeroRow, mean, std: Math.sqrt(Math.max(variance, 0)), bounds };
}

/** Point masses of a distribution (values that a share of elements take exactly). */
export function atoms(d: Distribution): Atom[] {
  switch (d.family) {
    case 'constant': {
      const total = d.blocks.reduce((s, b) => s + b.length, 0) || 1;
      const byValue = new Map<number, number>();
      for (const b of d.blocks) byValue.set(b.value, (byValue.get(b.value) ?? 0) + b.length / total);
      return [...byValue].map(([value, weight]) => ({ value, weight }));
    }
    case 'identity':
    case 'dirac': {
      const n = numel(d.shape) || 1;
      const count = d.family === 'identity' ? Math.min(d.shape[0], d.shape[1]) : d.groups * Math.min(d.shape[0] / d.groups, d.shape[1]);
      return [{ value: d.value, weight: count / n }, { value: 0, weight: 1 - count / n }];
    }
    case 'sparse': {
      const w = d.rows === 0 ? 0 : Math.min(d.zerosPerColumn, d.rows) / d.rows;
      return d.sigma === 0 ? [{ value: 0, weight: w }, { value: d.mu, weight: 1 - w }] : [{ value: 0, weight: w }];
    }
    case 'normal':
    case 'truncatedNormal':
      return d.sigma === 0 ? [{ value: d.mean, weight: 1 }] : [];
    case 'uniform':
      return d.low === d.high ? [{ value: d.low, weight: 1 }] : [];
    case 'orthogonal': {
      const inTap = 1 / (d.taps ?? 1);
      const zeros = inTap < 1 ? [{ value: 0, weight: 1 - inTap }] : [];
      const signs = Math.max(d.rows, d.cols) === 1 ? [{ value: -Math.abs(d.gain), weight: inTap / 2 }, { value: Math.abs(d.gain), weight: inTap / 2 }] : [];
      return [...zeros, ...signs];
    }
  }
}

/** Density of the continuous part at x (point masses are in `atoms`). */
export function pdf(d: Distribution, x: number): number {
  switch (d.family) {
    case 'uniform':
      return d.bounds[1] > d.bounds[0] && x >= d.bounds[0] && x <= d.bounds[1] ? 1 / (d.bounds[1] - d.bounds[0]) : 0;
    case 'normal':
      return d.sigma === 0 ? 0 : phi((x - d.mu) / d.sigma) / Math.abs(d.sigma);
    case 'truncatedNormal': {
      if (d.sigma === 0 || x < d.low || x > d.high) return 0;
      const z = normalMass((d.low - d.mu) / d.sigma, (d.high - d.mu) / d.sigma);
      return z > 0 ? phi((x - d.mu) / d.sigma) / (d.sigma * z) : 0;
    }
    case 'orthogonal': {
      // One coordinate of a uniform unit vector in R^n: Γ(n/2)/(√π Γ((n−1)/2)) (1−u²)^((n−3)/2), u = x/gain
      const n = Math.max(d.rows, d.cols);
      const g = Math.abs(d.gain);
      if (n < 2 || g === 0 || Math.abs(x) >= g) return 0;
      const u = x / g;
      const logC = gammaln(n / 2) - 0.5 * Math.log(Math.PI) - gammaln((n - 1) / 2);
      return Math.exp(logC + ((n - 3) / 2) * Math.log1p(-u * u)) / (g * (d.taps ?? 1));
    }
    case 'sparse': {
      const w = d.rows === 0 ? 0 : Math.min(d.zerosPerColumn, d.rows) / d.rows;
      return d.sigma === 0 ? 0 : ((1 - w) * phi((x - d.mu) / d.sigma)) / Math.abs(d.sigma);
    }
    case 'constant':
    case 'identity':
    case 'dirac':
      return 0;
  }
}
