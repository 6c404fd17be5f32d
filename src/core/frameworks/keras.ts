import * as D from '../distribution';
import { kerasFans } from '../fans';
import { InitError } from '../initError';
import { num, str, type ParamValue, type Params } from '../params';
import { defineSchemes, type Scheme, type SchemeDef } from '../scheme';
import { layerDefault } from './layerDefault';
import { TRUNCATION_CORRECTION } from '../truncatedNormal';
import { numel } from '../shape';

/** Python's repr of a shape tuple, as Keras prints it. */
function pyTuple(shape: number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

function valueError(message: string): InitError {
  return new InitError('keras', 'ValueError', message);
}

const MODES = ['fan_in', 'fan_out', 'fan_avg'];
const DISTRIBUTIONS = ['uniform', 'truncated_normal', 'untruncated_normal'];
const pySet = (items: string[]) => `{${items.map((s) => `'${s}'`).join(', ')}}`;

/**
 * VarianceScaling: n = max(1, fan); truncated_normal has sd √(scale/n) after the
 * 0.8796 correction, untruncated_normal N(0, scale/n), uniform U(±√(3·scale/n)).
 */
export function kerasVarianceScaling(shape: number[], scale: number, mode: string, distribution: string, axes: KerasAxes = {}): D.Distribution {
  if (scale <= 0) throw valueError(`Argument \`scale\` must be positive float. Received: scale=${scale}`);
  if (!MODES.includes(mode)) throw valueError(`Invalid \`mode\` argument: ${mode}. Please use one of ${pySet(MODES)}`);
  let dist = distribution.toLowerCase();
  if (dist === 'normal') dist = 'truncated_normal';
  if (!DISTRIBUTIONS.includes(dist)) throw valueError(`Invalid \`distribution\` argument: ${dist}.Please use one of ${pySet(DISTRIBUTIONS)}`);
  const { fanIn, fanOut } = kerasFans(shape, axes.inputAxes, axes.outputAxes);
  const n = mode === 'fan_in' ? Math.max(1, fanIn) : mode === 'fan_out' ? Math.max(1, fanOut) : Math.max(1, (fanIn + fanOut) / 2);
  const variance = scale / n;
  const fans = { fanIn, fanOut, gain: Math.sqrt(scale) };
  if (dist === 'truncated_normal') {
    const sigma = Math.sqrt(variance) / TRUNCATION_CORRECTION;
    return D.truncatedNormal(shape, 0, sigma, -2 * sigma, 2 * sigma, fans);
  }
  if (dist === 'untruncated_normal') return D.normal(shape, 0, Math.sqrt(variance), fans);
  const limit = Math.sqrt(3 * variance);
  return D.uniform(shape, -limit, limit, fans);
}

interface KerasAxes {
  inputAxes?: number[];
  outputAxes?: number[];
}

const axisParams = [{ name: 'input_axes', default: null }, { name: 'output_axes', default: null }];

/** `input_axes`/`output_axes` as written: an int or a list of ints, or None. */
function axesOf(p: Params): KerasAxes {
  const list = (v: ParamValue | undefined, name: string) => (v === null || v === undefined ? undefined : Array.isArray(v) ? v : [num(v, name)]);
  return { inputAxes: list(p.input_axes, 'input_axes'), outputAxes: list(p.output_axes, 'output_axes') };
}

/** The six named VarianceScaling initializers, as data: class, scale, mode, distribution. */
export const KERAS_VARIANCE_SCALING_PRESETS: ReadonlyArray<readonly [string, string, number, string, string]> = [
  ['GlorotUniform', 'glorot_uniform', 1.0, 'fan_avg', 'uniform'],
  ['GlorotNormal', 'glorot_normal', 1.0, 'fan_avg', 'truncated_normal'],
  ['LecunNormal', 'lecun_normal', 1.0, 'fan_in', 'truncated_normal'],
  ['LecunUniform', 'lecun_uniform', 1.0, 'fan_in', 'uniform'],
  ['HeNormal', 'he_normal', 2.0, 'fan_in', 'truncated_normal'],
  ['HeUniform', 'he_uniform', 2.0, 'fan_in', 'uniform'],
];

const seedParam = { name: 'seed', default: null };

function orthogonalKeras(shape: number[], gain: number): D.Distribution {
  if (shape.length < 2) {
    throw valueError(`The tensor to initialize must be at least two-dimensional. Received: shape=${pyTuple(shape)} of rank ${shape.length}.`);
  }
  const cols = shape[shape.length - 1];
  return D.orthogonal(shape, gain, cols === 0 ? 0 : numel(shape) / cols, cols);
}

type Resolver = (shape: number[]) => D.Distribution;
const glorotUniform: Resolver = (s) => kerasVarianceScaling(s, 1, 'fan_avg', 'uniform');
const zeros: Resolver = (s) => D.constant(s, 0);

/** Recurrent layers: kernel [in, g·u] glorot_uniform, recurrent [u, g·u] orthogonal, bias zeros (LSTM: forget gate ones). */
function recurrentDefault(name: string, gates: number): SchemeDef {
  const units = (k: number[]) => k[k.length - 1] / gates;
  return layerDefault('keras', name, `kernel [in, ${gates > 1 ? gates + '·' : ''}units] glorot_uniform, recurrent_kernel orthogonal, bias zeros${gates === 4 ? ' with the forget gate at 1 (unit_forget_bias)' : ''}`, {
    kernel: glorotUniform,
    recurrent_kernel: (k) => orthogonalKeras([units(k), k[k.length - 1]], 1),
    bias: (k) => {
      const u = units(k);
      // unit_forget_bias: concat[zeros(u), ones(u), zeros(2u)], gates i, f, c, o
      return gates === 4
        ? D.constantBlocks([4 * u], [{ value: 0, length: u }, { value: 1, length: u }, { value: 0, length: 2 * u }])
        : D.constant([gates * u], 0);
    },
  });
}

const lastDim = (s: number[]) => [s[s.length - 1]];

export const KERAS_SCHEMES: Scheme[] = defineSchemes('keras', [
  {
    name: 'VarianceScaling', aliases: ['variance_scaling'],
    params: [{ name: 'scale', default: 1.0 }, { name: 'mode', default: 'fan_in' }, { name: 'distribution', default: 'truncated_normal' }, seedParam, ...axisParams],
    formula: 'n = max(1, fan); truncated_normal sd √(scale/n) (corrected); untruncated_normal N(0, scale/n); uniform U(±√(3·scale/n))',
    resolve: (s, p) => kerasVarianceScaling(s, num(p.scale, 'scale'), str(p.mode, 'mode'), str(p.distribution, 'distribution'), axesOf(p)),
  },
  ...KERAS_VARIANCE_SCALING_PRESETS.map(([cls, snake, scale, mode, distribution]) => ({
    name: cls, aliases: [snake],
    params: [seedParam, ...axisParams],
    formula: `VarianceScaling(scale=${scale}, mode='${mode}', distribution='${distribution}')`,
    resolve: (s: number[], p: Params) => kerasVarianceScaling(s, scale, mode, distribution, axesOf(p)),
  })),
  {
    name: 'RandomNormal', aliases: ['random_normal', 'normal'],
    params: [{ name: 'mean', default: 0.0 }, { name: 'stddev', default: 0.05 }, seedParam],
    formula: 'N(mean, stddev²)',
    resolve: (s, p) => D.normal(s, num(p.mean, 'mean'), num(p.stddev, 'stddev')),
  },
  {
    name: 'RandomUniform', aliases: ['random_uniform', 'uniform'],
    params: [{ name: 'minval', default: -0.05 }, { name: 'maxval', default: 0.05 }, seedParam],
    formula: 'U(minval, maxval)',
    resolve: (s, p) => D.uniform(s, num(p.minval, 'minval'), num(p.maxval, 'maxval')),
  },
  {
    name: 'TruncatedNormal', aliases: ['truncated_normal'],
    params: [{ name: 'mean', default: 0.0 }, { name: 'stddev', default: 0.05 }, seedParam],
    formula: 'N(mean, stddev²) redrawn beyond 2·stddev, not corrected (real sd ≈ 0.88·stddev)',
    resolve: (s, p) => {
      const mean = num(p.mean, 'mean');
      const sd = num(p.stddev, 'stddev');
      return D.truncatedNormal(s, mean, sd, mean - 2 * sd, mean + 2 * sd);
    },
  },
  {
    name: 'Orthogonal', aliases: ['orthogonal', 'OrthogonalInitializer'],
    params: [{ name: 'gain', default: 1.0 }, seedParam],
    formula: 'gain · (semi-)orthogonal Q of the [prod(shape[:-1]), shape[-1]] matrix',
    resolve: (s, p) => orthogonalKeras(s, num(p.gain, 'gain')),
  },
  {
    name: 'Identity', aliases: ['identity', 'IdentityInitializer'],
    params: [{ name: 'gain', default: 1.0 }],
    formula: 'gain · eye(rows, cols) (2-D only)',
    resolve: (s, p) => {
      if (s.length !== 2) throw valueError(`Identity matrix initializer can only be used for 2D matrices. Received: shape=${pyTuple(s)} of rank ${s.length}.`);
      return D.identity(s, num(p.gain, 'gain'));
    },
  },
  { name: 'Zeros', aliases: ['zeros', 'zero'], params: [], formula: 'fill with 0', resolve: zeros },
  { name: 'Ones', aliases: ['ones', 'one'], params: [], formula: 'fill with 1', resolve: (s) => D.constant(s, 1) },
  {
    name: 'Constant', aliases: ['constant'], params: [{ name: 'value', default: 0.0 }],
    formula: 'fill with value', resolve: (s, p) => D.constant(s, num(p.value, 'value')),
  },
  {
    name: 'STFT', aliases: ['stft', 'STFTInitializer'],
    params: [{ name: 'side', default: 'real' }, { name: 'window', default: 'hann' }, { name: 'scaling', default: 'density' }, { name: 'periodic', default: false }],
    formula: 'a fixed Fourier (STFT) kernel, not random weights',
    resolve: () => {
      throw new InitError('keras', 'NotImplemented', 'STFT builds a fixed Fourier kernel, not a random distribution; InitLens does not preview it');
    },
  },
  layerDefault('keras', 'Dense', 'kernel [in, units] glorot_uniform, bias zeros', { kernel: glorotUniform, bias: (k) => zeros(lastDim(k)) }, ['EinsumDense']),
  layerDefault('keras', 'DepthwiseConv2D', 'depthwise_kernel [*k, in, depth_multiplier] glorot_uniform, bias zeros [in·depth_multiplier]', {
    depthwise_kernel: glorotUniform,
    bias: (k) => zeros([k[k.length - 2] * k[k.length - 1]]),
  }, ['DepthwiseConv1D']),
  ...['Conv1D', 'Conv2D', 'Conv3D', 'Conv1DTranspose', 'Conv2DTranspose', 'Conv3DTranspose'].map((name) =>
    layerDefault('keras', name, name.includes('Transpose') ? 'kernel [*k, out, in] glorot_uniform, bias zeros' : 'kernel [*k, in, out] glorot_uniform, bias zeros', {
      kernel: glorotUniform,
      // Transposed kernels are [*k, out, in]: the bias has the out channels
      bias: (k) => zeros([k[k.length - (name.includes('Transpose') ? 2 : 1)]]),
    })),
  recurrentDefault('SimpleRNN', 1),
  recurrentDefault('GRU', 3),
  recurrentDefault('LSTM', 4),
  layerDefault('keras', 'Embedding', 'embeddings [input_dim, output_dim] RandomUniform(±0.05)', { embeddings: (k) => D.uniform(k, -0.05, 0.05) }),
  ...['BatchNormalization', 'LayerNormalization', 'GroupNormalization'].map((name) =>
    layerDefault('keras', name, 'gamma ones, beta zeros', { gamma: (k) => D.constant(k, 1), beta: zeros })),
]);
