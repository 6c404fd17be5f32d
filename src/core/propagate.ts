import { findActivation, type Activation } from './activations';
import type { Distribution } from './distribution';
import type { Framework } from './framework';
import { activationMoments } from './activationMoments';
import { moments } from './moments';
import { matmulBias, matmulTransposed } from './matmul';
import { createRng } from './rng';
import { sampleTensor } from './sample';
import { fillNormal } from './ziggurat';

/** One layer of a stack: a weight of `fanIn → width` and the activation applied after it. */
export interface LayerSpec {
  /** Inputs each output unit sees (in·prod(kernel) for a conv). */
  fanIn: number;
  /** Output units (channels for a conv). */
  width: number;
  activation: string;
  /** Negative slope (leaky_relu, prelu) or alpha (elu); the activation's default when absent. */
  slope?: number;
  weight: Distribution;
  /** Whose layout the weight is in: torch is [out, in], the others [in, out]. */
  framework: Framework;
  /** Std of the bias (σ_b); 0 when absent. */
  biasStd?: number;
}

export interface PropagateOptions {
  /** Variance of each input feature (q⁰). */
  inputVariance?: number;
  /** Monte Carlo batch size; 0 skips the Monte Carlo pass. */
  batch?: number;
  seed?: number;
}

export type Phase = 'ordered' | 'critical' | 'chaotic';

export interface LayerStats {
  /** Mean-field pre-activation variance q^l and its std √q^l. */
  q: number;
  meanFieldStd: number;
  /** χ1 = σ_w² E[φ′(√q z)²] of this layer's activation at the incoming q. */
  chi1: number;
  /** Mean-field std of ∂L/∂h^l for a unit-variance gradient at the last layer. */
  meanFieldGradStd: number;
  /** Monte Carlo: std of the pre-activations and of their gradients (NaN when skipped). */
  forwardStd: number;
  gradStd: number;
}

export interface Propagation {
  layers: LayerStats[];
  /** Geometric mean of χ1 over the layers: the per-layer gradient factor. */
  chi1: number;
  phase: Phase;
}

const resolveActivation = (name: string): Activation => {
  const a = findActivation(name);
  if (!a) throw new Error(`unknown activation '${name}'`);
  return a;
};

/** σ_w² = fan_in · E[W²]: the variance gain of one layer on unit-variance inputs. */
export function sigmaW2(layer: LayerSpec): number {
  const w = layer.weight;
  return layer.fanIn * (w.std * w.std + w.mean * w.mean);
}

/**
 * Mean field (Poole et al. 2016): q¹ = σ_w²·q⁰ + σ_b², q^l = σ_w² E[φ(√q^{l−1} z)²] + σ_b²,
 * χ1 = σ_w² E[φ′(√q z)²]; gradients: g^l = E[φ′(h^l)²] · width_{l+1} · E[W_{l+1}²] · g^{l+1}.
 */
function meanField(stack: LayerSpec[], q0: number): LayerStats[] {
  const out: LayerStats[] = [];
  /** E[φ′(h^l)²] per layer: χ1 / σ_w², and the backward pass's factor. */
  const slopePower: number[] = [];
  /** E[φ(h^{l−1})²]: the power of the previous layer's output (q⁰ for the input). */
  let inputPower = q0;
  for (const layer of stack) {
    const s2 = sigmaW2(layer);
    const q = s2 * inputPower + (layer.biasStd ?? 0) ** 2;
    const a = resolveActivation(layer.activation);
    const m = activationMoments(a, q, layer.slope ?? a.defaultSlope ?? 0);
    slopePower.push(m.meanSquareSlope);
    out.push({ q, meanFieldStd: Math.sqrt(q), chi1: s2 * m.meanSquareSlope, meanFieldGradStd: NaN, forwardStd: NaN, gradStd: NaN });
    inputPower = m.meanSquare;
  }
  // Backward from a unit-variance gradient at the last pre-activation.
  let g = 1;
  for (let l = stack.length - 1; l >= 0; l--) {
    out[l].meanFieldGradStd = Math.sqrt(g);
    if (l === 0) break;
    const next = stack[l];
    g *= slopePower[l - 1] * next.width * (next.weight.std ** 2 + next.weight.mean ** 2);
  }
  return out;
}

/** The weight as a row-major [width, fanIn] matrix, whatever the framework's layout. */
function weightMatrix(layer: LayerSpec, seed: number): Float32Array {
  const t = sampleTensor(layer.weight, seed);
  if (t.length !== layer.width * layer.fanIn) {
    throw new Error(`weight of shape [${layer.weight.shape.join(', ')}] does not hold ${layer.width}×${layer.fanIn} values`);
  }
  if (layer.framework === 'torch') return t;
  // [*k, in, out] flattened is [fanIn, width]: transpose
  const m = new Float32Array(t.length);
  for (let i = 0; i < layer.fanIn; i++) for (let o = 0; o < layer.width; o++) m[o * layer.fanIn + i] = t[i * layer.width + o];
  return m;
}

/**
 * A seeded forward and backward pass through the stack with a batch of Gaussian inputs.
 * When a layer sees more inputs than the previous one has units (a conv's patch), input p of
 * sample b is unit p mod n of sample (b + ⌊p/n⌋) mod B: a fixed gather, so the backward pass
 * scatters through the same map.
 */
function monteCarlo(stack: LayerSpec[], q0: number, batch: number, seed: number): { forwardStd: number; gradStd: number }[] {
  const rng = createRng(seed);
  const L = stack.length;
  const weights = stack.map((layer, l) => weightMatrix(layer, seed + 7919 * (l + 1)));
  const pre: Float32Array[] = [];
  let prev = new Float32Array(batch * stack[0].fanIn);
  fillNormal(rng, prev, 0, prev.length, 0, Math.sqrt(q0));
  let prevWidth = stack[0].fanIn;
  for (let l = 0; l < L; l++) {
    const { fanIn, width } = stack[l];
    const x = gather(prev, prevWidth, fanIn, batch);
    const biasStd = stack[l].biasStd ?? 0;
    const bias = biasStd > 0 ? new Float32Array(width) : undefined;
    if (bias) fillNormal(rng, bias, 0, width, 0, biasStd);
    const h = matmulBias(weights[l], x, bias, batch, fanIn, width);
    pre.push(h);
    const a = resolveActivation(stack[l].activation);
    const slope = stack[l].slope ?? a.defaultSlope ?? 0;
    const act = new Float32Array(h.length);
    for (let i = 0; i < h.length; i++) act[i] = a.f(h[i], slope);
    prev = act;
    prevWidth = width;
  }
  const grads: Float32Array[] = new Array(L);
  let delta = new Float32Array(batch * stack[L - 1].width);
  fillNormal(rng, delta, 0, delta.length, 0, 1);
  for (let l = L - 1; l >= 0; l--) {
    grads[l] = delta;
    if (l === 0) break;
    const { fanIn, width } = stack[l];
    const dx = matmulTransposed(weights[l], delta, batch, fanIn, width);
    const prevWidthL = stack[l - 1].width;
    const da = scatter(dx, prevWidthL, fanIn, batch);
    const a = resolveActivation(stack[l - 1].activation);
    const slope = stack[l - 1].slope ?? a.defaultSlope ?? 0;
    const h = pre[l - 1];
    const next = new Float32Array(h.length);
    for (let i = 0; i < h.length; i++) next[i] = a.df(h[i], slope) * da[i];
    delta = next;
  }
  return pre.map((h, l) => ({ forwardStd: moments(h).std, gradStd: moments(grads[l]).std }));
}

function gather(prev: Float32Array, n: number, fanIn: number, batch: number): Float32Array {
  if (fanIn === n) return prev;
  const x = new Float32Array(batch * fanIn);
  for (let b = 0; b < batch; b++) {
    for (let p = 0; p < fanIn; p++) x[b * fanIn + p] = prev[((b + Math.floor(p / n)) % batch) * n + (p % n)];
  }
  return x;
}

function scatter(dx: Float32Array, n: number, fanIn: number, batch: number): Float32Array {
  if (fanIn === n) return dx;
  const da = new Float32Array(batch * n);
  for (let b = 0; b < batch; b++) {
    for (let p = 0; p < fanIn; p++) da[((b + Math.floor(p / n)) % batch) * n + (p % n)] += dx[b * fanIn + p];
  }
  return da;
}

/**
 * Geometric-mean χ1 within 5 % of 1 is critical; below, ordered (gradients vanish); above,
 * chaotic (they explode). 5 % per layer is already ×0.08 or ×11 over 50 layers.
 */
export function phaseOf(chi1: number): Phase {
  if (chi1 < 0.95) return 'ordered';
  if (chi1 > 1.05) return 'chaotic';
  return 'critical';
}

/** The signal through a stack: mean-field curves and, unless batch is 0, a seeded Monte Carlo pass. */
export function propagate(stack: LayerSpec[], options: PropagateOptions = {}): Propagation {
  if (stack.length === 0) return { layers: [], chi1: NaN, phase: 'critical' };
  const q0 = options.inputVariance ?? 1;
  const batch = options.batch ?? 32;
  const layers = meanField(stack, q0);
  if (batch > 0) {
    for (const [l, mc] of monteCarlo(stack, q0, batch, options.seed ?? 0).entries()) Object.assign(layers[l], mc);
  }
  const chi1 = Math.exp(layers.reduce((s, l) => s + Math.log(l.chi1), 0) / layers.length);
  return { layers, chi1, phase: phaseOf(chi1) };
}
