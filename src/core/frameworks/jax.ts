import * as D from '../distribution';
import { jaxFans, type JaxAxes } from '../fans';
import { InitError } from '../initError';
import { num, str, type ParamValue, type Params } from '../params';
import { defineSchemes, type Scheme } from '../scheme';
import { layerDefault } from './layerDefault';
import { TRUNCATION_CORRECTION } from '../truncatedNormal';
import { normalizeAxis, numel } from '../shape';

function valueError(message: string): InitError {
  return new InitError('jax', 'ValueError', message);
}

/**
 * variance_scaling: var = scale / fan (no clamp), fan_geo_avg = √(fan_in·fan_out);
 * truncated_normal sd √var / 0.8796 cut at ±2 sd (real sd √var); normal N(0, var); uniform U(±√(3·var)).
 */
export function jaxVarianceScaling(shape: number[], scale: number, mode: string, distribution: string, axes: JaxAxes): D.Distribution {
  const { fanIn, fanOut } = jaxFans(shape, axes);
  let denominator: number;
  switch (mode) {
    case 'fan_in': denominator = fanIn; break;
    case 'fan_out': denominator = fanOut; break;
    case 'fan_avg': denominator = (fanIn + fanOut) / 2; break;
    case 'fan_geo_avg': denominator = Math.sqrt(fanIn * fanOut); break;
    default: throw valueError(`invalid mode for variance scaling initializer: ${mode}`);
  }
  const variance = scale / denominator;
  const fans = { fanIn, fanOut, gain: Math.sqrt(scale) };
  switch (distribution) {
    case 'truncated_normal': {
      const sigma = Math.sqrt(variance) / TRUNCATION_CORRECTION;
      return D.truncatedNormal(shape, 0, sigma, -2 * sigma, 2 * sigma, fans);
    }
    case 'normal':
      return D.normal(shape, 0, Math.sqrt(variance), fans);
    case 'uniform': {
      const limit = Math.sqrt(3 * variance);
      return D.uniform(shape, -limit, limit, fans);
    }
    default:
      throw valueError(`invalid distribution for variance scaling initializer: ${distribution}`);
  }
}

/** The named variance_scaling factories, as data: names, scale, mode, distribution. */
export const JAX_VARIANCE_SCALING_PRESETS: ReadonlyArray<readonly [string[], number, string, string]> = [
  [['glorot_uniform', 'xavier_uniform'], 1.0, 'fan_avg', 'uniform'],
  [['glorot_normal', 'xavier_normal'], 1.0, 'fan_avg', 'truncated_normal'],
  [['lecun_uniform'], 1.0, 'fan_in', 'uniform'],
  [['lecun_normal'], 1.0, 'fan_in', 'truncated_normal'],
  [['he_uniform', 'kaiming_uniform'], 2.0, 'fan_in', 'uniform'],
  [['he_normal', 'kaiming_normal'], 2.0, 'fan_in', 'truncated_normal'],
];

const axisParams = [
  { name: 'in_axis', default: -2 },
  { name: 'out_axis', default: -1 },
  { name: 'batch_axis', default: [] as number[] },
];

function axesOf(p: Params): JaxAxes {
  const axis = (v: ParamValue, name: string): number | number[] => (Array.isArray(v) ? v : num(v, name));
  const batch = p.batch_axis;
  return {
    inAxis: axis(p.in_axis, 'in_axis'),
    outAxis: axis(p.out_axis, 'out_axis'),
    batchAxis: Array.isArray(batch) ? batch : batch === null ? [] : [num(batch, 'batch_axis')],
  };
}

const DEFAULT_AXES: JaxAxes = { inAxis: -2, outAxis: -1, batchAxis: [] };

/** orthogonal: n_cols = shape[column_axis], n_rows = numel/n_cols; Haar Q × scale. */
function orthogonalJax(shape: number[], scale: number, columnAxis: number): D.Distribution {
  if (shape.length < 2) throw valueError('orthogonal initializer requires at least a 2D shape');
  const axis = normalizeAxis(columnAxis, shape.length);
  const cols = shape[axis];
  return D.orthogonal(shape, scale, cols === 0 ? 0 : numel(shape) / cols, cols, undefined, axis);
}

const lecunNormal = (s: number[]) => jaxVarianceScaling(s, 1, 'fan_in', 'truncated_normal', DEFAULT_AXES);
const zeros = (s: number[]) => D.constant(s, 0);
const ones = (s: number[]) => D.constant(s, 1);
const lastDim = (s: number[]) => [s[s.length - 1]];

const denseTensors = { kernel: lecunNormal, bias: (k: number[]) => zeros(lastDim(k)) };

export const JAX_SCHEMES: Scheme[] = defineSchemes('jax', [
  {
    name: 'variance_scaling',
    params: [{ name: 'scale', default: null }, { name: 'mode', default: null }, { name: 'distribution', default: null }, ...axisParams],
    formula: 'var = scale/fan (fan_in, fan_out, fan_avg, fan_geo_avg); truncated_normal corrected to sd √var, normal N(0, var), uniform U(±√(3·var))',
    resolve: (s, p) => {
      for (const name of ['scale', 'mode', 'distribution']) {
        if (p[name] === null) throw new InitError('jax', 'TypeError', `variance_scaling() missing 1 required positional argument: '${name}'`);
      }
      return jaxVarianceScaling(s, num(p.scale, 'scale'), str(p.mode, 'mode'), str(p.distribution, 'distribution'), axesOf(p));
    },
  },
  ...JAX_VARIANCE_SCALING_PRESETS.map(([[name, ...aliases], scale, mode, distribution]) => ({
    name, aliases,
    params: axisParams,
    formula: `variance_scaling(${scale}, '${mode}', '${distribution}')`,
    resolve: (s: number[], p: Params) => jaxVarianceScaling(s, scale, mode, distribution, axesOf(p)),
  })),
  {
    name: 'uniform', params: [{ name: 'scale', default: 1e-2 }],
    formula: 'U[0, scale) (not symmetric)',
    resolve: (s, p) => D.uniform(s, 0, num(p.scale, 'scale')),
  },
  {
    name: 'normal', params: [{ name: 'stddev', default: 1e-2 }],
    formula: 'N(0, stddev²)',
    resolve: (s, p) => D.normal(s, 0, num(p.stddev, 'stddev')),
  },
  {
    name: 'truncated_normal', params: [{ name: 'stddev', default: 1e-2 }, { name: 'lower', default: -2.0 }, { name: 'upper', default: 2.0 }],
    formula: 'stddev · N(0, 1) truncated to (lower, upper), bounds in units of stddev, not corrected',
    resolve: (s, p) => {
      const sd = num(p.stddev, 'stddev');
      return D.truncatedNormal(s, 0, sd, num(p.lower, 'lower') * sd, num(p.upper, 'upper') * sd);
    },
  },
  {
    name: 'orthogonal', params: [{ name: 'scale', default: 1.0 }, { name: 'column_axis', default: -1 }],
    formula: 'scale · Haar-orthogonal Q of the [numel/shape[column_axis], shape[column_axis]] matrix',
    resolve: (s, p) => orthogonalJax(s, num(p.scale, 'scale'), num(p.column_axis, 'column_axis')),
  },
  {
    name: 'delta_orthogonal', params: [{ name: 'scale', default: 1.0 }, { name: 'column_axis', default: -1 }],
    formula: 'zeros except an orthogonal [in, out] matrix × scale at the spatial centre tap (3–5-D, in ≤ out)',
    resolve: (s, p) => {
      if (s.length < 3 || s.length > 5) throw valueError('Delta orthogonal initializer requires a 3D, 4D or 5D shape.');
      if (s[s.length - 1] < s[s.length - 2]) throw valueError('`fan_in` must be less or equal than `fan_out`. ');
      const scale = num(p.scale, 'scale');
      const inC = s[s.length - 2];
      const outC = s[s.length - 1];
      return D.orthogonal(s, scale, inC, outC, undefined, undefined, numel(s.slice(0, -2)));
    },
  },
  {
    name: 'constant', params: [{ name: 'value', default: null }],
    formula: 'fill with value',
    resolve: (s, p) => {
      if (p.value === null) throw new InitError('jax', 'TypeError', "constant() missing 1 required positional argument: 'value'");
      return D.constant(s, num(p.value, 'value'));
    },
  },
  { name: 'zeros', aliases: ['zeros_init'], params: [], formula: 'fill with 0', resolve: zeros },
  { name: 'ones', aliases: ['ones_init'], params: [], formula: 'fill with 1', resolve: ones },
  layerDefault('jax', 'Dense', 'kernel [in, features] lecun_normal (Var 1/in), bias zeros', denseTensors,
    ['DenseGeneral', 'Einsum', 'linen.Dense', 'nnx.Linear', 'Linear', 'LinearGeneral']),
  layerDefault('jax', 'Conv', 'kernel [*k, in/groups, features] lecun_normal, bias zeros', denseTensors,
    ['ConvLocal', 'ConvTranspose', 'linen.Conv', 'nnx.Conv']),
  layerDefault('jax', 'Embed', "embedding [num_embeddings, features] variance_scaling(1.0, 'fan_in', 'normal', out_axis=0) = N(0, 1/features)", {
    embedding: (k) => jaxVarianceScaling(k, 1, 'fan_in', 'normal', { inAxis: -2, outAxis: 0, batchAxis: [] }),
  }, ['linen.Embed', 'nnx.Embed']),
  layerDefault('jax', 'LSTMCell', 'input kernels [in, features] lecun_normal, recurrent kernels [features, features] orthogonal, biases zeros', {
    kernel: lecunNormal,
    recurrent_kernel: (k) => orthogonalJax([k[k.length - 1], k[k.length - 1]], 1, -1),
    bias: (k) => zeros(lastDim(k)),
  }, ['GRUCell', 'SimpleCell', 'OptimizedLSTMCell']),
  layerDefault('jax', 'LayerNorm', 'scale ones, bias zeros', { scale: ones, bias: zeros }, ['BatchNorm', 'GroupNorm', 'RMSNorm']),
]);
