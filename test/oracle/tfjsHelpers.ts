/**
 * Helpers for the TF.js oracle: the real @tensorflow/tfjs (pure-JS cpu backend in Node),
 * called with its console chatter muted, plus the statistics the comparisons use.
 */
import * as tf from '@tensorflow/tfjs';
import { moments } from '../../src/core';

export { tf };

/**
 * Runs `fn` with console.warn/log/info muted: tfjs prints a "looks like you are running
 * TensorFlow.js in Node.js" hint on first backend use and warns about slowness when the
 * orthogonal initializer gets more than 2000 elements. Only tfjs calls go through here.
 */
export function quiet<T>(fn: () => T): T {
  const { warn, log, info } = console;
  console.warn = console.log = console.info = () => {};
  try {
    return fn();
  } finally {
    console.warn = warn;
    console.log = log;
    console.info = info;
  }
}

export interface TfjsInitializer {
  apply(shape: number[], dtype?: tf.DataType): tf.Tensor;
}
type Factory = (config?: object) => TfjsInitializer;

/** `tf.initializers[name](config)`; the config is untyped so invalid values reach tfjs's own checks. */
export function makeInitializer(name: string, config?: object): TfjsInitializer {
  const factory = (tf.initializers as unknown as Record<string, Factory | undefined>)[name];
  if (typeof factory !== 'function') throw new Error(`tf.initializers has no factory '${name}'`);
  return quiet(() => factory(config));
}

/** The values of `init.apply(shape)` (float32, row-major), every tensor disposed. */
export function drawWith(init: TfjsInitializer, shape: number[]): Float32Array {
  return quiet(() => tf.tidy(() => Float32Array.from(init.apply(shape).dataSync())));
}

/** `tf.initializers[name](config).apply(shape)`. */
export function draw(name: string, config: object | undefined, shape: number[]): Float32Array {
  return drawWith(makeInitializer(name, config), shape);
}

/**
 * At least `n` values from repeated draws of `shape`, seeds seed, seed+1, … (seed must be
 * non-zero: tfjs's Gaussian generator treats 0 as "no seed").
 */
export function drawMany(name: string, config: object, shape: number[], n: number, seed: number): Float32Array {
  const chunks: Float32Array[] = [];
  let total = 0;
  for (let k = 0; total < n; k++) {
    const chunk = draw(name, { ...config, seed: seed + k }, shape);
    if (chunk.length === 0) throw new Error(`empty shape [${shape}]`);
    chunks.push(chunk);
    total += chunk.length;
  }
  const out = new Float32Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** `tf.randomUniform(shape, low, high, 'float32', seed)`: the seeded alea stream the uniform initializers use. */
export function uniformStream(shape: number[], seed: number, low = -1, high = 1): Float32Array {
  return quiet(() => tf.tidy(() => Float32Array.from(tf.randomUniform(shape, low, high, 'float32', seed).dataSync())));
}

/** `tf.truncatedNormal(shape, mean, sd, 'float32', seed)`: the same Marsaglia z's (redrawn beyond ±2) for any sd > 0. */
export function truncatedStream(shape: number[], seed: number, mean = 0, sd = 1): Float32Array {
  return quiet(() => tf.tidy(() => Float32Array.from(tf.truncatedNormal(shape, mean, sd, 'float32', seed).dataSync())));
}

/** `tf.randomNormal(shape, mean, sd, 'float32', seed)`. */
export function normalStream(shape: number[], seed: number, mean = 0, sd = 1): Float32Array {
  return quiet(() => tf.tidy(() => Float32Array.from(tf.randomNormal(shape, mean, sd, 'float32', seed).dataSync())));
}

/** What a call threw: the error's class name (tfjs's ValueError, NotImplementedError, …) and message. */
export function thrown(fn: () => unknown): { type: string; message: string } | undefined {
  try {
    quiet(fn);
  } catch (e) {
    if (e instanceof Error) return { type: e.constructor.name, message: e.message };
    return { type: typeof e, message: String(e) };
  }
  return undefined;
}

/** Sample size, mean, population variance and 4th central moment (from the core's moments). */
export interface Stats {
  n: number;
  mean: number;
  variance: number;
  m4: number;
  min: number;
  max: number;
}

export function stats(x: ArrayLike<number>): Stats {
  const m = moments(x);
  const variance = m.std * m.std;
  // the core's moments give kurtosis = m4/σ⁴; a constant sample has m4 = 0
  return { n: m.n, mean: m.mean, variance, m4: variance > 0 ? m.kurtosis * variance * variance : 0, min: m.min, max: m.max };
}

/** Var of a sample variance ≈ (μ4 − σ⁴)/n. */
const varianceOfVariance = (s: Stats) => Math.max(s.m4 - s.variance * s.variance, 0) / s.n;

/** Standard scores of the difference of two samples' means and of their variances. */
export function twoSampleZ(a: Stats, b: Stats): { mean: number; variance: number } {
  const seMean = Math.sqrt(a.variance / a.n + b.variance / b.n);
  const seVar = Math.sqrt(varianceOfVariance(a) + varianceOfVariance(b));
  return { mean: zOf(a.mean - b.mean, seMean), variance: zOf(a.variance - b.variance, seVar) };
}

/** Standard scores of a sample's mean and variance against exact values. */
export function oneSampleZ(a: Stats, mean: number, std: number): { mean: number; variance: number } {
  return {
    mean: zOf(a.mean - mean, Math.sqrt(a.variance / a.n)),
    variance: zOf(a.variance - std * std, Math.sqrt(varianceOfVariance(a))),
  };
}

/** diff/se, with a zero se (degenerate samples) allowing only a float32-sized difference. */
function zOf(diff: number, se: number): number {
  if (se > 0) return diff / se;
  return Math.abs(diff) <= 1e-12 ? 0 : Infinity;
}

/**
 * Largest |G − gain²·I| where G = MᵀM (rows ≥ cols) or MMᵀ (rows < cols) for the row-major
 * rows×cols matrix M: how far `values` are from gain × a (semi-)orthogonal matrix.
 */
export function orthogonalityError(values: ArrayLike<number>, rows: number, cols: number, gain: number): number {
  const tall = rows >= cols;
  const k = tall ? cols : rows;
  const len = tall ? rows : cols;
  const at = (vec: number, i: number) => (tall ? values[i * cols + vec] : values[vec * cols + i]);
  let worst = 0;
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      let dot = 0;
      for (let i = 0; i < len; i++) dot += at(a, i) * at(b, i);
      const target = a === b ? gain * gain : 0;
      worst = Math.max(worst, Math.abs(dot - target) / (gain * gain || 1));
    }
  }
  return worst;
}

/** Var(Z | −2 ≤ Z ≤ 2) for a standard normal Z (composite Simpson, independent of the core's formulas). */
export function truncatedUnitVariance(): number {
  const steps = 20000;
  const h = 4 / steps;
  let mass = 0;
  let second = 0;
  for (let i = 0; i <= steps; i++) {
    const z = -2 + i * h;
    const w = i === 0 || i === steps ? 1 : i % 2 ? 4 : 2;
    const p = Math.exp(-z * z / 2);
    mass += w * p;
    second += w * z * z * p;
  }
  return second / mass;
}
