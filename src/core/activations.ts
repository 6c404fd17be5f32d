import erf = require('@stdlib/math-base-special-erf');

/** How an activation family wants its weights scaled. */
export type ActivationKind = 'reluLike' | 'saturating' | 'selu' | 'linear';

export interface Activation {
  name: string;
  kind: ActivationKind;
  /** Other spellings across frameworks (`ReLU`, `swish`, `hardSigmoid`, `leakyReLU`). */
  aliases: string[];
  f(x: number, slope: number): number;
  df(x: number, slope: number): number;
  /** Default negative slope for the parametrised ones (leaky_relu, elu's alpha). */
  defaultSlope?: number;
  /** Where f or f′ has a kink or a step, besides 0 (the Gaussian moments cut there). */
  breakpoints?: number[];
  /** φ(−x) = −φ(x): φ² and φ′² are even, so their Gaussian moments need only z ≥ 0. */
  odd?: boolean;
  /** Piecewise linear through 0 with this negative slope: E[φ(√q z)²] = q·(1 + a²)/2 in closed form. */
  piecewiseLinear?: (slope: number) => number;
}

const SELU_ALPHA = 1.6732632423543772;
const SELU_LAMBDA = 1.0507009873554805;
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const softplus = (x: number) => (x > 30 ? x : Math.log1p(Math.exp(x)));
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * Φ(x), the standard normal CDF, remembering its last argument: mean field asks GELU for f and
 * then f′ at the same point, and erf was most of the time of a GELU curve.
 */
const normalCdf = (() => {
  let lastX = NaN;
  let lastPhi = NaN;
  return (x: number) => {
    if (x !== lastX) {
      lastX = x;
      lastPhi = 0.5 * (1 + erf(x / Math.SQRT2));
    }
    return lastPhi;
  };
})();

export const ACTIVATIONS: readonly Activation[] = [
  { name: 'linear', kind: 'linear', aliases: ['identity', 'Identity', 'None', 'none'], f: (x) => x, df: () => 1, piecewiseLinear: () => 1 },
  { name: 'relu', kind: 'reluLike', aliases: ['ReLU'], f: (x) => (x > 0 ? x : 0), df: (x) => (x > 0 ? 1 : 0), piecewiseLinear: () => 0 },
  {
    name: 'leaky_relu', kind: 'reluLike', aliases: ['LeakyReLU', 'leakyReLU', 'leakyRelu', 'leaky_relu'], defaultSlope: 0.01,
    f: (x, a) => (x > 0 ? x : a * x), df: (x, a) => (x > 0 ? 1 : a), piecewiseLinear: (a) => a,
  },
  { name: 'prelu', kind: 'reluLike', aliases: ['PReLU', 'pReLU'], defaultSlope: 0.25, f: (x, a) => (x > 0 ? x : a * x), df: (x, a) => (x > 0 ? 1 : a), piecewiseLinear: (a) => a },
  { name: 'relu6', kind: 'reluLike', aliases: ['ReLU6'], f: (x) => Math.min(Math.max(x, 0), 6), df: (x) => (x > 0 && x < 6 ? 1 : 0), breakpoints: [6] },
  {
    name: 'elu', kind: 'reluLike', aliases: ['ELU'], defaultSlope: 1,
    f: (x, a) => (x > 0 ? x : a * Math.expm1(x)), df: (x, a) => (x > 0 ? 1 : a * Math.exp(x)),
  },
  {
    // GELU(x) = x·Φ(x); GELU'(x) = Φ(x) + x·φ(x)
    name: 'gelu', kind: 'reluLike', aliases: ['GELU', 'gelu_new'],
    f: (x) => x * normalCdf(x),
    df: (x) => normalCdf(x) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x),
  },
  {
    name: 'silu', kind: 'reluLike', aliases: ['SiLU', 'swish', 'Swish'],
    f: (x) => x * sigmoid(x), df: (x) => sigmoid(x) * (1 + x * (1 - sigmoid(x))),
  },
  {
    // mish = x·tanh(softplus(x))
    name: 'mish', kind: 'reluLike', aliases: ['Mish'],
    f: (x) => x * Math.tanh(softplus(x)),
    df: (x) => {
      const t = Math.tanh(softplus(x));
      return t + x * (1 - t * t) * sigmoid(x);
    },
  },
  {
    name: 'hardswish', kind: 'reluLike', aliases: ['Hardswish', 'hard_swish', 'hardSwish'], breakpoints: [-3, 3],
    f: (x) => (x <= -3 ? 0 : x >= 3 ? x : (x * (x + 3)) / 6), df: (x) => (x <= -3 ? 0 : x >= 3 ? 1 : (2 * x + 3) / 6),
  },
  {
    name: 'selu', kind: 'selu', aliases: ['SELU'],
    f: (x) => SELU_LAMBDA * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)),
    df: (x) => SELU_LAMBDA * (x > 0 ? 1 : SELU_ALPHA * Math.exp(x)),
  },
  { name: 'tanh', kind: 'saturating', aliases: ['Tanh'], odd: true, f: Math.tanh, df: (x) => 1 - Math.tanh(x) ** 2 },
  {
    name: 'sigmoid', kind: 'saturating', aliases: ['Sigmoid'],
    f: sigmoid, df: (x) => sigmoid(x) * (1 - sigmoid(x)),
  },
  { name: 'softsign', kind: 'saturating', aliases: ['Softsign'], odd: true, f: (x) => x / (1 + Math.abs(x)), df: (x) => 1 / (1 + Math.abs(x)) ** 2 },
  { name: 'hardtanh', kind: 'saturating', aliases: ['Hardtanh', 'hard_tanh'], odd: true, f: (x) => Math.min(Math.max(x, -1), 1), df: (x) => (x > -1 && x < 1 ? 1 : 0), breakpoints: [-1, 1] },
  {
    // Keras/TF.js hard_sigmoid: clip(0.2x + 0.5, 0, 1)
    name: 'hard_sigmoid', kind: 'saturating', aliases: ['hardSigmoid', 'Hardsigmoid', 'hardsigmoid'], breakpoints: [-2.5, 2.5],
    f: (x) => Math.min(Math.max(0.2 * x + 0.5, 0), 1), df: (x) => (x > -2.5 && x < 2.5 ? 0.2 : 0),
  },
  { name: 'softplus', kind: 'reluLike', aliases: ['Softplus'], f: softplus, df: sigmoid },
];

const byName = new Map<string, Activation>();
for (const a of ACTIVATIONS) for (const n of [a.name, ...a.aliases]) byName.set(n, a);

/** The activation for any spelling InitLens knows, or undefined. */
export function findActivation(name: string): Activation | undefined {
  return byName.get(name) ?? byName.get(name.toLowerCase());
}
